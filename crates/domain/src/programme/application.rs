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
use crate::message::Message;
use crate::money::Cents;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallApplicationState {
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
    /// The attestor assigned to the project (asseveratore).
    Attestor,
}

/// What happens to an application. Dates are the day the fact happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallApplicationEvent {
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
    /// `event` is the event's [`CallApplicationEvent::name`], or
    /// `migrating_services`.
    #[error("{}", self.message())]
    NotAllowed { from: CallApplicationState, event: &'static str },
    /// `expected` names who may: `ente`, `office` or `attestor_or_office`.
    #[error("{}", self.message())]
    WrongSide { event: &'static str, expected: &'static str },
    #[error("{}", self.message())]
    InTheFuture { field: &'static str, date: NaiveDate, as_of: NaiveDate },
    /// `what` names the earlier fact: `submission`, `eligibility`,
    /// `contract` or `completion`.
    #[error("{}", self.message())]
    TooEarly { field: &'static str, date: NaiveDate, what: &'static str, earlier: NaiveDate },
    #[error("{}", self.message())]
    MissingMotivation,
    #[error("{}", self.message())]
    CupMissing,
    #[error("{}", self.message())]
    ServicesNotMigrated { services: u32, migrated: u32 },
}

impl TransitionError {
    pub fn message(&self) -> Message {
        match self {
            TransitionError::NotAllowed { from, event } => {
                Message::new("prog-transition-not-allowed").arg("from", from.message()).arg("event", *event)
            }
            TransitionError::WrongSide { event, expected } => {
                Message::new("prog-transition-wrong-side").arg("expected", *expected).arg("event", *event)
            }
            TransitionError::InTheFuture { field, date, as_of } => {
                Message::new("prog-date-future").arg("field", *field).arg("date", *date).arg("as_of", *as_of)
            }
            TransitionError::TooEarly { field, date, what, earlier } => Message::new("prog-date-too-early")
                .arg("field", *field)
                .arg("date", *date)
                .arg("what", *what)
                .arg("earlier", *earlier),
            TransitionError::MissingMotivation => Message::new("prog-transition-motivation"),
            TransitionError::CupMissing => Message::new("prog-transition-cup-missing"),
            TransitionError::ServicesNotMigrated { services, migrated } => {
                Message::new("prog-transition-not-migrated").arg("migrated", *migrated).arg("services", *services)
            }
        }
    }
}

impl CallApplicationEvent {
    pub fn name(&self) -> &'static str {
        match self {
            CallApplicationEvent::Submit { .. } => "submitted",
            CallApplicationEvent::Finance { .. } => "financed",
            CallApplicationEvent::Refuse { .. } => "refused",
            CallApplicationEvent::ActivateContract { .. } => "contracted",
            CallApplicationEvent::Complete { .. } => "completed",
            CallApplicationEvent::RecordAttestation { .. } => "attested",
            CallApplicationEvent::Pay { .. } => "paid",
            CallApplicationEvent::Withdraw { .. } => "withdrawn",
        }
    }

    /// The sides that may ask for the event, and who they are. The outcome
    /// of an asseverazione is the attestor's; the office records one it
    /// receives for a project whose attestor works outside cloudpa.
    fn sides(&self) -> (&'static [Side], &'static str) {
        match self {
            CallApplicationEvent::RecordAttestation { .. } => (&[Side::Attestor, Side::Office], "attestor_or_office"),
            CallApplicationEvent::Finance { .. }
            | CallApplicationEvent::Refuse { .. }
            | CallApplicationEvent::Pay { .. } => (&[Side::Office], "office"),
            _ => (&[Side::Ente], "ente"),
        }
    }
}

impl CallApplicationState {
    pub const ALL: [CallApplicationState; 10] = [
        CallApplicationState::Draft,
        CallApplicationState::Submitted,
        CallApplicationState::NotAdmitted,
        CallApplicationState::Financed,
        CallApplicationState::Contracted,
        CallApplicationState::Completed,
        CallApplicationState::Attested,
        CallApplicationState::Paid,
        CallApplicationState::Withdrawn,
        CallApplicationState::Revoked,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CallApplicationState::Draft => "draft",
            CallApplicationState::Submitted => "submitted",
            CallApplicationState::NotAdmitted => "not_admitted",
            CallApplicationState::Financed => "financed",
            CallApplicationState::Contracted => "contracted",
            CallApplicationState::Completed => "completed",
            CallApplicationState::Attested => "attested",
            CallApplicationState::Paid => "paid",
            CallApplicationState::Withdrawn => "withdrawn",
            CallApplicationState::Revoked => "revoked",
        }
    }

    pub fn parse(code: &str) -> Option<CallApplicationState> {
        CallApplicationState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Financed and not yet over: deadlines run and reminders are sent.
    pub fn is_running(self) -> bool {
        matches!(self, CallApplicationState::Financed | CallApplicationState::Contracted)
    }

    /// The open-data status of an application in this state: A from the
    /// decree until payment, E once paid, R when withdrawn after the decree;
    /// none before the decree, and none once revoked (the open data lists
    /// financed applications only).
    pub fn funding_status(self, financed: bool) -> Option<FundingStatus> {
        match self {
            CallApplicationState::Financed
            | CallApplicationState::Contracted
            | CallApplicationState::Completed
            | CallApplicationState::Attested => Some(FundingStatus::Assigned),
            CallApplicationState::Paid => Some(FundingStatus::Paid),
            CallApplicationState::Withdrawn if financed => Some(FundingStatus::Withdrawn),
            _ => None,
        }
    }
}

impl CallApplicationState {
    /// The state as a refusal names it (`an application that is draft`).
    pub fn message(self) -> Message {
        Message::new(match self {
            CallApplicationState::Draft => "prog-state-draft",
            CallApplicationState::Submitted => "prog-state-submitted",
            CallApplicationState::NotAdmitted => "prog-state-not-admitted",
            CallApplicationState::Financed => "prog-state-financed",
            CallApplicationState::Contracted => "prog-state-contracted",
            CallApplicationState::Completed => "prog-state-completed",
            CallApplicationState::Attested => "prog-state-attested",
            CallApplicationState::Paid => "prog-state-paid",
            CallApplicationState::Withdrawn => "prog-state-withdrawn",
            CallApplicationState::Revoked => "prog-state-revoked",
        })
    }
}

impl fmt::Display for CallApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The state after `event`, or why it is refused. `as_of` is today: no fact
/// may be dated after it, and none before the fact it follows.
pub fn transition(
    from: CallApplicationState,
    facts: &Facts,
    event: &CallApplicationEvent,
    side: Side,
    as_of: NaiveDate,
) -> Result<CallApplicationState, TransitionError> {
    use CallApplicationState::*;
    let (sides, who) = event.sides();
    if !sides.contains(&side) {
        return Err(TransitionError::WrongSide { event: event.name(), expected: who });
    }
    let refused = || TransitionError::NotAllowed { from, event: event.name() };
    match (from, event) {
        (Draft, CallApplicationEvent::Submit { on }) => {
            not_future("submitted_on", *on, as_of)?;
            Ok(Submitted)
        }
        (Submitted, CallApplicationEvent::Finance { decree_on }) => {
            not_future("decree_on", *decree_on, as_of)?;
            not_before("decree_on", *decree_on, "submission", facts.submitted_on)?;
            Ok(Financed)
        }
        (Submitted, CallApplicationEvent::Refuse { motivation }) => {
            if motivation.trim().is_empty() {
                return Err(TransitionError::MissingMotivation);
            }
            Ok(NotAdmitted)
        }
        (Financed, CallApplicationEvent::ActivateContract { on }) => {
            if !facts.cup_given {
                return Err(TransitionError::CupMissing);
            }
            not_future("contract_activated_on", *on, as_of)?;
            let eligible_from = facts.eligible_from.unwrap_or(ELIGIBILITY_START);
            not_before("contract_activated_on", *on, "eligibility", Some(eligible_from))?;
            Ok(Contracted)
        }
        (Contracted, CallApplicationEvent::Complete { on }) => {
            if facts.services_migrated < facts.services {
                return Err(TransitionError::ServicesNotMigrated {
                    services: facts.services,
                    migrated: facts.services_migrated,
                });
            }
            not_future("completed_on", *on, as_of)?;
            not_before("completed_on", *on, "contract", facts.contract_activated_on)?;
            Ok(Completed)
        }
        (Completed, CallApplicationEvent::RecordAttestation { outcome, on }) => {
            not_future("attested_on", *on, as_of)?;
            not_before("attested_on", *on, "completion", facts.completed_on)?;
            Ok(match outcome {
                AttestationOutcome::Positive => Attested,
                AttestationOutcome::PartiallyPositive => Contracted,
                AttestationOutcome::Negative => Revoked,
            })
        }
        (Attested, CallApplicationEvent::Pay { on }) => {
            not_future("paid_on", *on, as_of)?;
            Ok(Paid)
        }
        (Submitted | Financed | Contracted, CallApplicationEvent::Withdraw { on }) => {
            not_future("withdrawn_on", *on, as_of)?;
            Ok(Withdrawn)
        }
        _ => Err(refused()),
    }
}

/// Whether a service may be marked migrated on `on`: while the contract
/// runs, not before its activation and not after today.
pub fn check_migrated_on(
    state: CallApplicationState,
    facts: &Facts,
    on: NaiveDate,
    as_of: NaiveDate,
) -> Result<(), TransitionError> {
    if state != CallApplicationState::Contracted {
        return Err(TransitionError::NotAllowed { from: state, event: "migrating_services" });
    }
    not_future("migrated_on", on, as_of)?;
    not_before("migrated_on", on, "contract", facts.contract_activated_on)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct DecreeAmountError {
    pub requested: Cents,
}

impl DecreeAmountError {
    pub fn message(&self) -> Message {
        Message::new("prog-decree-amount").arg("requested", self.requested.to_string())
    }
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
mod tests;
