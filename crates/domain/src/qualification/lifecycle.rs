//! The lifecycle of a qualification application, as an explicit state
//! machine.
//!
//! Source: DOMAIN.md §2, modelled on EUCS (the strictest peer scheme):
//! draft → submitted → in review → integration requested ⇄ resubmitted →
//! qualified | rejected; qualified → suspended (reason, planned end) →
//! reinstated | revoked; qualified → expired after 36 months (Regolamento ACN
//! 21007/24) unless renewed — a renewal is a new application. Every decision
//! of the agency carries a written motivation and produces a decision record.

use super::history::ListingStatus;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::fmt;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QualificationState {
    Draft,
    Submitted,
    InReview,
    IntegrationRequested,
    Resubmitted,
    Qualified,
    Rejected,
    Suspended,
    Revoked,
    Expired,
    Withdrawn,
    /// A later application (a renewal or a re-review) of the same listing was
    /// qualified: this one no longer governs the listing.
    Superseded,
}

/// Who asks for a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The provider that owns the application.
    Provider,
    /// A reviewer of the agency.
    Agency,
    /// The platform itself, on a date (expiry).
    System,
}

/// What happens to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QualificationEvent {
    Submit,
    StartReview,
    RequestIntegration { deadline: NaiveDate },
    Resubmit,
    Qualify { motivation: String },
    Reject { motivation: String },
    Suspend { reason: String, planned_end: NaiveDate },
    Reinstate { motivation: String },
    Revoke { motivation: String },
    Expire,
    Withdraw,
    Supersede,
}

/// The kinds of decision record the agency writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Qualification,
    Rejection,
    Suspension,
    Reinstatement,
    Revocation,
}

/// The result of an allowed transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub to: QualificationState,
    /// The decision record this transition must write, if it is a decision.
    pub decision: Option<DecisionKind>,
    /// The public status of the listing that starts with this transition.
    pub listing: Option<ListingStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("an application that is {from} cannot be {event}")]
    NotAllowed { from: QualificationState, event: &'static str },
    #[error("only {expected} may {event} an application")]
    WrongActor { event: &'static str, expected: &'static str },
    #[error("a decision needs a written motivation")]
    MissingMotivation,
    #[error("the date ({date}) must be after {as_of}")]
    DateNotAfter { date: NaiveDate, as_of: NaiveDate },
}

impl QualificationEvent {
    pub fn name(&self) -> &'static str {
        match self {
            QualificationEvent::Submit => "submitted",
            QualificationEvent::StartReview => "taken into review",
            QualificationEvent::RequestIntegration { .. } => "sent back for integration",
            QualificationEvent::Resubmit => "resubmitted",
            QualificationEvent::Qualify { .. } => "qualified",
            QualificationEvent::Reject { .. } => "rejected",
            QualificationEvent::Suspend { .. } => "suspended",
            QualificationEvent::Reinstate { .. } => "reinstated",
            QualificationEvent::Revoke { .. } => "revoked",
            QualificationEvent::Expire => "expired",
            QualificationEvent::Withdraw => "withdrawn",
            QualificationEvent::Supersede => "superseded",
        }
    }

    fn actor(&self) -> (Actor, &'static str) {
        match self {
            QualificationEvent::Submit | QualificationEvent::Resubmit | QualificationEvent::Withdraw => {
                (Actor::Provider, "the provider")
            }
            QualificationEvent::Expire | QualificationEvent::Supersede => (Actor::System, "the platform"),
            _ => (Actor::Agency, "the agency"),
        }
    }

    fn motivation(&self) -> Option<&str> {
        match self {
            QualificationEvent::Qualify { motivation }
            | QualificationEvent::Reject { motivation }
            | QualificationEvent::Reinstate { motivation }
            | QualificationEvent::Revoke { motivation } => Some(motivation),
            QualificationEvent::Suspend { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// Decides whether `event`, asked by `actor` on `as_of`, moves an application
/// out of `from`, and to where.
pub fn transition(
    from: QualificationState,
    event: &QualificationEvent,
    actor: Actor,
    as_of: NaiveDate,
) -> Result<Transition, TransitionError> {
    use QualificationState as S;
    let (expected, expected_name) = event.actor();
    if actor != expected {
        return Err(TransitionError::WrongActor { event: event.name(), expected: expected_name });
    }
    if event.motivation().is_some_and(|m| m.trim().is_empty()) {
        return Err(TransitionError::MissingMotivation);
    }
    let future = |date: NaiveDate| {
        if date > as_of { Ok(()) } else { Err(TransitionError::DateNotAfter { date, as_of }) }
    };
    let go = |to, decision, listing| Ok(Transition { to, decision, listing });
    match (from, event) {
        (S::Draft, QualificationEvent::Submit) => go(S::Submitted, None, None),
        (S::Submitted, QualificationEvent::StartReview) => go(S::InReview, None, None),
        (S::InReview | S::Resubmitted, QualificationEvent::RequestIntegration { deadline }) => {
            future(*deadline)?;
            go(S::IntegrationRequested, None, None)
        }
        (S::IntegrationRequested, QualificationEvent::Resubmit) => go(S::Resubmitted, None, None),
        (S::InReview | S::Resubmitted, QualificationEvent::Qualify { .. }) => {
            go(S::Qualified, Some(DecisionKind::Qualification), Some(ListingStatus::Qualified))
        }
        (S::InReview | S::Resubmitted, QualificationEvent::Reject { .. }) => {
            go(S::Rejected, Some(DecisionKind::Rejection), None)
        }
        (S::Qualified, QualificationEvent::Suspend { planned_end, .. }) => {
            future(*planned_end)?;
            go(S::Suspended, Some(DecisionKind::Suspension), Some(ListingStatus::Suspended))
        }
        (S::Suspended, QualificationEvent::Reinstate { .. }) => {
            go(S::Qualified, Some(DecisionKind::Reinstatement), Some(ListingStatus::Qualified))
        }
        (S::Qualified | S::Suspended, QualificationEvent::Revoke { .. }) => {
            go(S::Revoked, Some(DecisionKind::Revocation), Some(ListingStatus::Revoked))
        }
        (S::Qualified | S::Suspended, QualificationEvent::Expire) => go(S::Expired, None, Some(ListingStatus::Expired)),
        (S::Draft | S::Submitted | S::IntegrationRequested, QualificationEvent::Withdraw) => {
            go(S::Withdrawn, None, None)
        }
        (S::Qualified | S::Suspended, QualificationEvent::Supersede) => go(S::Superseded, None, None),
        (from, event) => Err(TransitionError::NotAllowed { from, event: event.name() }),
    }
}

/// A qualification lasts 36 months from the decision (Regolamento ACN
/// 21007/24); the listing expires on this date unless renewed.
pub fn expires_on(qualified_on: NaiveDate) -> NaiveDate {
    qualified_on.checked_add_months(Months::new(36)).unwrap_or(NaiveDate::MAX)
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 5] = [
        DecisionKind::Qualification,
        DecisionKind::Rejection,
        DecisionKind::Suspension,
        DecisionKind::Reinstatement,
        DecisionKind::Revocation,
    ];

    /// The code a decision record is stored and published with.
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Qualification => "qualification",
            DecisionKind::Rejection => "rejection",
            DecisionKind::Suspension => "suspension",
            DecisionKind::Reinstatement => "reinstatement",
            DecisionKind::Revocation => "revocation",
        }
    }
}

impl fmt::Display for QualificationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl QualificationState {
    pub const ALL: [QualificationState; 12] = [
        QualificationState::Draft,
        QualificationState::Submitted,
        QualificationState::InReview,
        QualificationState::IntegrationRequested,
        QualificationState::Resubmitted,
        QualificationState::Qualified,
        QualificationState::Rejected,
        QualificationState::Suspended,
        QualificationState::Revoked,
        QualificationState::Expired,
        QualificationState::Withdrawn,
        QualificationState::Superseded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QualificationState::Draft => "draft",
            QualificationState::Submitted => "submitted",
            QualificationState::InReview => "in_review",
            QualificationState::IntegrationRequested => "integration_requested",
            QualificationState::Resubmitted => "resubmitted",
            QualificationState::Qualified => "qualified",
            QualificationState::Rejected => "rejected",
            QualificationState::Suspended => "suspended",
            QualificationState::Revoked => "revoked",
            QualificationState::Expired => "expired",
            QualificationState::Withdrawn => "withdrawn",
            QualificationState::Superseded => "superseded",
        }
    }

    pub fn parse(code: &str) -> Option<QualificationState> {
        QualificationState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the provider may still change the answers.
    pub fn is_editable(self) -> bool {
        matches!(self, QualificationState::Draft | QualificationState::IntegrationRequested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use QualificationState as S;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn qualify() -> QualificationEvent {
        QualificationEvent::Qualify { motivation: "Requisiti QC2 verificati".into() }
    }

    #[test]
    fn the_whole_path_from_draft_to_reinstated() {
        let d = day("2026-11-22");
        let steps = [
            (S::Draft, QualificationEvent::Submit, Actor::Provider, S::Submitted),
            (S::Submitted, QualificationEvent::StartReview, Actor::Agency, S::InReview),
            (
                S::InReview,
                QualificationEvent::RequestIntegration { deadline: day("2026-12-22") },
                Actor::Agency,
                S::IntegrationRequested,
            ),
            (S::IntegrationRequested, QualificationEvent::Resubmit, Actor::Provider, S::Resubmitted),
            (S::Resubmitted, qualify(), Actor::Agency, S::Qualified),
            (
                S::Qualified,
                QualificationEvent::Suspend { reason: "Certificato scaduto".into(), planned_end: day("2027-01-31") },
                Actor::Agency,
                S::Suspended,
            ),
            (
                S::Suspended,
                QualificationEvent::Reinstate { motivation: "Certificato rinnovato".into() },
                Actor::Agency,
                S::Qualified,
            ),
            (S::Qualified, QualificationEvent::Expire, Actor::System, S::Expired),
        ];
        for (from, event, actor, to) in steps {
            assert_eq!(transition(from, &event, actor, d).unwrap().to, to, "{from} --{}-->", event.name());
        }
    }

    #[test]
    fn a_draft_cannot_be_qualified() {
        assert_eq!(
            transition(S::Draft, &qualify(), Actor::Agency, day("2026-01-01")),
            Err(TransitionError::NotAllowed { from: S::Draft, event: "qualified" })
        );
    }

    #[test]
    fn a_provider_cannot_decide() {
        assert_eq!(
            transition(S::InReview, &qualify(), Actor::Provider, day("2026-01-01")),
            Err(TransitionError::WrongActor { event: "qualified", expected: "the agency" })
        );
        assert!(matches!(
            transition(S::Draft, &QualificationEvent::Submit, Actor::Agency, day("2026-01-01")),
            Err(TransitionError::WrongActor { .. })
        ));
    }

    #[test]
    fn decisions_need_a_motivation_and_future_dates() {
        let d = day("2026-11-22");
        let blank = QualificationEvent::Reject { motivation: "  ".into() };
        assert_eq!(transition(S::InReview, &blank, Actor::Agency, d), Err(TransitionError::MissingMotivation));
        let past = QualificationEvent::RequestIntegration { deadline: d };
        assert_eq!(
            transition(S::InReview, &past, Actor::Agency, d),
            Err(TransitionError::DateNotAfter { date: d, as_of: d })
        );
        let suspend = QualificationEvent::Suspend { reason: "x".into(), planned_end: day("2026-11-21") };
        assert!(matches!(
            transition(S::Qualified, &suspend, Actor::Agency, d),
            Err(TransitionError::DateNotAfter { .. })
        ));
    }

    #[test]
    fn decisions_write_records_and_open_listing_intervals() {
        let t = transition(S::InReview, &qualify(), Actor::Agency, day("2026-01-01")).unwrap();
        assert_eq!((t.decision, t.listing), (Some(DecisionKind::Qualification), Some(ListingStatus::Qualified)));
        let t = transition(
            S::InReview,
            &QualificationEvent::Reject { motivation: "m".into() },
            Actor::Agency,
            day("2026-01-01"),
        )
        .unwrap();
        assert_eq!((t.decision, t.listing), (Some(DecisionKind::Rejection), None));
    }

    #[test]
    fn qualifications_last_36_months() {
        assert_eq!(expires_on(day("2026-11-22")), day("2029-11-22"));
        assert_eq!(expires_on(day("2024-02-29")), day("2027-02-28"));
    }

    #[test]
    fn codes_round_trip() {
        for s in QualificationState::ALL {
            assert_eq!(QualificationState::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn decision_codes_are_their_json_names() {
        for kind in DecisionKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
        }
    }
}
