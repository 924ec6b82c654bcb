//! The lifecycle of an ente's application (candidatura) to a call, as an
//! explicit state machine.
//!
//! Source: DOMAIN.md §4 — the ente submits in a window; the Department
//! admits it and decrees the financing (date, amount); the ente gives its CUP
//! within 5 days, signs and activates the supplier contract (eligible
//! activities from 1 Feb 2020), migrates every service and declares the
//! project complete; the asseverazione is positive (→ payment), partially
//! positive (fix within the schedule) or negative (→ revocation); the ente
//! may withdraw (rinuncia) until the project is complete. The open data shows
//! the financed ones as A (assegnato), R (rinuncia) and E (erogato).

use super::open_data::FundingStatus;
use super::window::ELIGIBILITY_START;
use crate::money::Cents;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Being prepared by the ente: services can still change.
    Draft,
    /// Sent in a window, waiting for the Department.
    Submitted,
    /// Refused by the Department (with a motivation).
    NotAdmitted,
    /// Admitted and financed by decree: the service set is frozen.
    Financed,
    /// The supplier contract is activated: migration under way.
    Contracted,
    /// Every service migrated; waiting for the asseverazione.
    Completed,
    /// Positive asseverazione; waiting for payment.
    Attested,
    /// Paid (E in the open data).
    Paid,
    /// The ente renounced (R in the open data once financed).
    Withdrawn,
    /// Negative asseverazione: the financing is revoked.
    Revoked,
}

/// The outcome of an asseverazione (DOMAIN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestationOutcome {
    Positive,
    PartiallyPositive,
    Negative,
}

/// Who asks for a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The ente, or an aggregator acting for it by delegation.
    Ente,
    /// The programme office (the Department).
    Office,
}

/// What happens to an application. Dates are the day the fact happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Submit { on: NaiveDate },
    Finance { decree_on: NaiveDate },
    Refuse { motivation: String },
    ActivateContract { on: NaiveDate },
    Complete { on: NaiveDate },
    RecordAttestation { outcome: AttestationOutcome, on: NaiveDate },
    Pay { on: NaiveDate },
    Withdraw { on: NaiveDate },
}

/// The facts of an application a transition depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub submitted_on: Option<NaiveDate>,
    pub decree_on: Option<NaiveDate>,
    pub cup_given: bool,
    pub contract_activated_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    /// Services of the application, and how many of them are migrated.
    pub services: u32,
    pub services_migrated: u32,
    /// The call's first day of eligible activities (1 Feb 2020 if unset).
    pub eligible_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("an application that is {from} cannot be {event}")]
    NotAllowed { from: ApplicationState, event: &'static str },
    #[error("only {expected} may {event} an application")]
    WrongSide { event: &'static str, expected: &'static str },
    #[error("field `{field}`: {date} is after today ({as_of})")]
    InTheFuture { field: &'static str, date: NaiveDate, as_of: NaiveDate },
    #[error("field `{field}`: {date} is before {what} ({earlier})")]
    TooEarly { field: &'static str, date: NaiveDate, what: &'static str, earlier: NaiveDate },
    #[error("field `motivation`: a refusal needs a written motivation")]
    MissingMotivation,
    #[error("the CUP must be given before the contract is activated")]
    CupMissing,
    #[error("{migrated} of {services} services are migrated: mark every service migrated first")]
    ServicesNotMigrated { services: u32, migrated: u32 },
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Event::Submit { .. } => "submitted",
            Event::Finance { .. } => "financed",
            Event::Refuse { .. } => "refused",
            Event::ActivateContract { .. } => "contracted",
            Event::Complete { .. } => "completed",
            Event::RecordAttestation { .. } => "attested",
            Event::Pay { .. } => "paid",
            Event::Withdraw { .. } => "withdrawn",
        }
    }

    fn side(&self) -> (Side, &'static str) {
        match self {
            Event::Finance { .. } | Event::Refuse { .. } | Event::RecordAttestation { .. } | Event::Pay { .. } => {
                (Side::Office, "the programme office")
            }
            _ => (Side::Ente, "the ente"),
        }
    }
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 10] = [
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::NotAdmitted,
        ApplicationState::Financed,
        ApplicationState::Contracted,
        ApplicationState::Completed,
        ApplicationState::Attested,
        ApplicationState::Paid,
        ApplicationState::Withdrawn,
        ApplicationState::Revoked,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::NotAdmitted => "not_admitted",
            ApplicationState::Financed => "financed",
            ApplicationState::Contracted => "contracted",
            ApplicationState::Completed => "completed",
            ApplicationState::Attested => "attested",
            ApplicationState::Paid => "paid",
            ApplicationState::Withdrawn => "withdrawn",
            ApplicationState::Revoked => "revoked",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicationState> {
        ApplicationState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Financed and not yet over: deadlines run and reminders are sent.
    pub fn is_running(self) -> bool {
        matches!(self, ApplicationState::Financed | ApplicationState::Contracted)
    }

    /// The open-data status of an application in this state: A from the
    /// decree until payment, E once paid, R when withdrawn after the decree;
    /// none before the decree, and none once revoked (the open data lists
    /// financed applications only).
    pub fn funding_status(self, financed: bool) -> Option<FundingStatus> {
        match self {
            ApplicationState::Financed
            | ApplicationState::Contracted
            | ApplicationState::Completed
            | ApplicationState::Attested => Some(FundingStatus::Assigned),
            ApplicationState::Paid => Some(FundingStatus::Paid),
            ApplicationState::Withdrawn if financed => Some(FundingStatus::Withdrawn),
            _ => None,
        }
    }
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The state after `event`, or why it is refused. `as_of` is today: no fact
/// may be dated after it, and none before the fact it follows.
pub fn transition(
    from: ApplicationState,
    facts: &Facts,
    event: &Event,
    side: Side,
    as_of: NaiveDate,
) -> Result<ApplicationState, TransitionError> {
    use ApplicationState::*;
    let (expected_side, who) = event.side();
    if side != expected_side {
        return Err(TransitionError::WrongSide { event: event.name(), expected: who });
    }
    let refused = || TransitionError::NotAllowed { from, event: event.name() };
    match (from, event) {
        (Draft, Event::Submit { on }) => {
            not_future("submitted_on", *on, as_of)?;
            Ok(Submitted)
        }
        (Submitted, Event::Finance { decree_on }) => {
            not_future("decree_on", *decree_on, as_of)?;
            not_before("decree_on", *decree_on, "the submission", facts.submitted_on)?;
            Ok(Financed)
        }
        (Submitted, Event::Refuse { motivation }) => {
            if motivation.trim().is_empty() {
                return Err(TransitionError::MissingMotivation);
            }
            Ok(NotAdmitted)
        }
        (Financed, Event::ActivateContract { on }) => {
            if !facts.cup_given {
                return Err(TransitionError::CupMissing);
            }
            not_future("contract_activated_on", *on, as_of)?;
            let eligible_from = facts.eligible_from.unwrap_or(ELIGIBILITY_START);
            not_before("contract_activated_on", *on, "the start of eligibility", Some(eligible_from))?;
            Ok(Contracted)
        }
        (Contracted, Event::Complete { on }) => {
            if facts.services_migrated < facts.services {
                return Err(TransitionError::ServicesNotMigrated {
                    services: facts.services,
                    migrated: facts.services_migrated,
                });
            }
            not_future("completed_on", *on, as_of)?;
            not_before("completed_on", *on, "the contract's activation", facts.contract_activated_on)?;
            Ok(Completed)
        }
        (Completed, Event::RecordAttestation { outcome, on }) => {
            not_future("attested_on", *on, as_of)?;
            not_before("attested_on", *on, "the completion", facts.completed_on)?;
            Ok(match outcome {
                AttestationOutcome::Positive => Attested,
                AttestationOutcome::PartiallyPositive => Contracted,
                AttestationOutcome::Negative => Revoked,
            })
        }
        (Attested, Event::Pay { on }) => {
            not_future("paid_on", *on, as_of)?;
            Ok(Paid)
        }
        (Submitted | Financed | Contracted, Event::Withdraw { on }) => {
            not_future("withdrawn_on", *on, as_of)?;
            Ok(Withdrawn)
        }
        _ => Err(refused()),
    }
}

/// Whether a service may be marked migrated on `on`: while the contract
/// runs, not before its activation and not after today.
pub fn check_migrated_on(
    state: ApplicationState,
    facts: &Facts,
    on: NaiveDate,
    as_of: NaiveDate,
) -> Result<(), TransitionError> {
    if state != ApplicationState::Contracted {
        return Err(TransitionError::NotAllowed { from: state, event: "migrating services" });
    }
    not_future("migrated_on", on, as_of)?;
    not_before("migrated_on", on, "the contract's activation", facts.contract_activated_on)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field `amount_cents`: the amount decreed must be more than 0 and at most the {requested} asked for")]
pub struct DecreeAmountError {
    pub requested: Cents,
}

/// The amount a decree finances: more than nothing, and not more than the
/// voucher the ente asked for (a lump sum: DOMAIN.md §4).
pub fn check_decree_amount(requested: Cents, decreed: Cents) -> Result<(), DecreeAmountError> {
    if decreed.0 <= 0 || decreed > requested { Err(DecreeAmountError { requested }) } else { Ok(()) }
}

fn not_future(field: &'static str, date: NaiveDate, as_of: NaiveDate) -> Result<(), TransitionError> {
    if date > as_of { Err(TransitionError::InTheFuture { field, date, as_of }) } else { Ok(()) }
}

fn not_before(
    field: &'static str,
    date: NaiveDate,
    what: &'static str,
    earlier: Option<NaiveDate>,
) -> Result<(), TransitionError> {
    match earlier {
        Some(earlier) if date < earlier => Err(TransitionError::TooEarly { field, date, what, earlier }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationState::*;
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-12-01";

    fn go(
        from: ApplicationState,
        facts: &Facts,
        event: Event,
        side: Side,
    ) -> Result<ApplicationState, TransitionError> {
        transition(from, facts, &event, side, day(TODAY))
    }

    fn financed() -> Facts {
        Facts {
            submitted_on: Some(day("2026-01-10")),
            decree_on: Some(day("2026-02-01")),
            cup_given: true,
            services: 3,
            ..Facts::default()
        }
    }

    #[test]
    fn the_happy_path_from_draft_to_paid() {
        let mut facts = Facts::default();
        let mut state = go(Draft, &facts, Event::Submit { on: day("2026-01-10") }, Side::Ente).unwrap();
        assert_eq!(state, Submitted);
        facts.submitted_on = Some(day("2026-01-10"));
        state = go(state, &facts, Event::Finance { decree_on: day("2026-02-01") }, Side::Office).unwrap();
        assert_eq!(state, Financed);
        facts = financed();
        state = go(state, &facts, Event::ActivateContract { on: day("2026-03-01") }, Side::Ente).unwrap();
        assert_eq!(state, Contracted);
        facts.contract_activated_on = Some(day("2026-03-01"));
        facts.services_migrated = 3;
        state = go(state, &facts, Event::Complete { on: day("2026-09-01") }, Side::Ente).unwrap();
        assert_eq!(state, Completed);
        facts.completed_on = Some(day("2026-09-01"));
        let positive = Event::RecordAttestation { outcome: AttestationOutcome::Positive, on: day("2026-10-01") };
        state = go(state, &facts, positive, Side::Office).unwrap();
        assert_eq!(state, Attested);
        assert_eq!(go(state, &facts, Event::Pay { on: day("2026-11-01") }, Side::Office), Ok(Paid));
    }

    #[test]
    fn each_side_does_its_own_steps() {
        let refused = go(Submitted, &financed(), Event::Finance { decree_on: day("2026-02-01") }, Side::Ente);
        assert_eq!(refused, Err(TransitionError::WrongSide { event: "financed", expected: "the programme office" }));
        let refused = go(Draft, &Facts::default(), Event::Submit { on: day("2026-01-10") }, Side::Office);
        assert_eq!(refused, Err(TransitionError::WrongSide { event: "submitted", expected: "the ente" }));
    }

    #[test]
    fn the_contract_needs_the_cup_and_an_eligible_date() {
        let facts = Facts { cup_given: false, ..financed() };
        assert_eq!(
            go(Financed, &facts, Event::ActivateContract { on: day("2026-03-01") }, Side::Ente),
            Err(TransitionError::CupMissing)
        );
        let facts = financed();
        assert_eq!(go(Financed, &facts, Event::ActivateContract { on: day("2020-02-01") }, Side::Ente), Ok(Contracted));
        assert!(matches!(
            go(Financed, &facts, Event::ActivateContract { on: day("2020-01-31") }, Side::Ente),
            Err(TransitionError::TooEarly { field: "contract_activated_on", .. })
        ));
        assert!(matches!(
            go(Financed, &facts, Event::ActivateContract { on: day("2026-12-02") }, Side::Ente),
            Err(TransitionError::InTheFuture { field: "contract_activated_on", .. })
        ));
        assert_eq!(go(Financed, &facts, Event::ActivateContract { on: day(TODAY) }, Side::Ente), Ok(Contracted));
        let later = Facts { eligible_from: Some(day("2024-09-13")), ..financed() };
        assert!(go(Financed, &later, Event::ActivateContract { on: day("2024-09-12") }, Side::Ente).is_err());
        assert!(go(Financed, &later, Event::ActivateContract { on: day("2024-09-13") }, Side::Ente).is_ok());
    }

    #[test]
    fn completion_needs_every_service_migrated() {
        let mut facts = Facts { contract_activated_on: Some(day("2026-03-01")), services_migrated: 2, ..financed() };
        assert_eq!(
            go(Contracted, &facts, Event::Complete { on: day("2026-09-01") }, Side::Ente),
            Err(TransitionError::ServicesNotMigrated { services: 3, migrated: 2 })
        );
        facts.services_migrated = 3;
        assert!(matches!(
            go(Contracted, &facts, Event::Complete { on: day("2026-02-28") }, Side::Ente),
            Err(TransitionError::TooEarly { field: "completed_on", .. })
        ));
        assert_eq!(go(Contracted, &facts, Event::Complete { on: day("2026-03-01") }, Side::Ente), Ok(Completed));
    }

    #[test]
    fn the_three_outcomes_of_an_attestation() {
        let facts = Facts { completed_on: Some(day("2026-09-01")), ..financed() };
        let attest =
            |outcome| go(Completed, &facts, Event::RecordAttestation { outcome, on: day("2026-10-01") }, Side::Office);
        assert_eq!(attest(AttestationOutcome::Positive), Ok(Attested));
        assert_eq!(attest(AttestationOutcome::PartiallyPositive), Ok(Contracted));
        assert_eq!(attest(AttestationOutcome::Negative), Ok(Revoked));
    }

    #[test]
    fn a_decree_follows_the_submission_and_a_refusal_is_motivated() {
        let facts = Facts { submitted_on: Some(day("2026-01-10")), ..Facts::default() };
        assert!(matches!(
            go(Submitted, &facts, Event::Finance { decree_on: day("2026-01-09") }, Side::Office),
            Err(TransitionError::TooEarly { field: "decree_on", .. })
        ));
        assert_eq!(go(Submitted, &facts, Event::Finance { decree_on: day("2026-01-10") }, Side::Office), Ok(Financed));
        assert_eq!(
            go(Submitted, &facts, Event::Refuse { motivation: "  ".into() }, Side::Office),
            Err(TransitionError::MissingMotivation)
        );
        assert_eq!(
            go(Submitted, &facts, Event::Refuse { motivation: "fuori termine".into() }, Side::Office),
            Ok(NotAdmitted)
        );
    }

    #[test]
    fn withdrawal_until_completion_only() {
        let withdraw = |from| go(from, &financed(), Event::Withdraw { on: day("2026-05-01") }, Side::Ente);
        for from in [Submitted, Financed, Contracted] {
            assert_eq!(withdraw(from), Ok(Withdrawn), "{from}");
        }
        for from in [Draft, NotAdmitted, Completed, Attested, Paid, Withdrawn, Revoked] {
            assert_eq!(withdraw(from), Err(TransitionError::NotAllowed { from, event: "withdrawn" }), "{from}");
        }
    }

    #[test]
    fn every_other_pair_is_refused() {
        let allowed = [
            (Draft, "submitted"),
            (Submitted, "financed"),
            (Submitted, "refused"),
            (Submitted, "withdrawn"),
            (Financed, "contracted"),
            (Financed, "withdrawn"),
            (Contracted, "completed"),
            (Contracted, "withdrawn"),
            (Completed, "attested"),
            (Attested, "paid"),
        ];
        let d = day("2026-10-01");
        let events = [
            Event::Submit { on: d },
            Event::Finance { decree_on: d },
            Event::Refuse { motivation: "x".into() },
            Event::ActivateContract { on: d },
            Event::Complete { on: d },
            Event::RecordAttestation { outcome: AttestationOutcome::Positive, on: d },
            Event::Pay { on: d },
            Event::Withdraw { on: d },
        ];
        let facts = Facts { contract_activated_on: Some(day("2026-03-01")), services_migrated: 3, ..financed() };
        for from in ApplicationState::ALL {
            for event in &events {
                let result = go(from, &facts, event.clone(), event.side().0);
                assert_eq!(result.is_ok(), allowed.contains(&(from, event.name())), "{from} {}", event.name());
            }
        }
    }

    #[test]
    fn services_are_migrated_while_the_contract_runs() {
        let facts = Facts { contract_activated_on: Some(day("2026-03-01")), ..financed() };
        let today = day(TODAY);
        assert_eq!(check_migrated_on(Contracted, &facts, day("2026-03-01"), today), Ok(()));
        assert!(matches!(
            check_migrated_on(Contracted, &facts, day("2026-02-28"), today),
            Err(TransitionError::TooEarly { field: "migrated_on", .. })
        ));
        assert!(matches!(
            check_migrated_on(Contracted, &facts, day("2026-12-02"), today),
            Err(TransitionError::InTheFuture { .. })
        ));
        assert!(matches!(
            check_migrated_on(Financed, &facts, day("2026-03-01"), today),
            Err(TransitionError::NotAllowed { .. })
        ));
    }

    #[test]
    fn a_decree_finances_at_most_what_was_asked() {
        let asked = Cents::from_euros(47_427);
        assert_eq!(check_decree_amount(asked, asked), Ok(()));
        assert_eq!(check_decree_amount(asked, Cents(1)), Ok(()));
        assert!(check_decree_amount(asked, Cents(asked.0 + 1)).is_err());
        assert!(check_decree_amount(asked, Cents(0)).is_err());
        assert!(check_decree_amount(asked, Cents(-5)).is_err());
    }

    #[test]
    fn open_data_status_of_each_state() {
        assert_eq!(Draft.funding_status(false), None);
        assert_eq!(Submitted.funding_status(false), None);
        assert_eq!(NotAdmitted.funding_status(false), None);
        for s in [Financed, Contracted, Completed, Attested] {
            assert_eq!(s.funding_status(true), Some(FundingStatus::Assigned));
        }
        assert_eq!(Paid.funding_status(true), Some(FundingStatus::Paid));
        assert_eq!(Withdrawn.funding_status(true), Some(FundingStatus::Withdrawn));
        assert_eq!(Withdrawn.funding_status(false), None, "withdrawn before the decree: never financed");
        assert_eq!(Revoked.funding_status(true), None);
        for s in ApplicationState::ALL {
            assert_eq!(ApplicationState::parse(s.code()), Some(s));
        }
    }
}
