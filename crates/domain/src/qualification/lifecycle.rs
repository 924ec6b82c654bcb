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
use crate::message::Message;
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
#[error("{}", self.message())]
pub enum TransitionError {
    NotAllowed { from: QualificationState, event: QualificationEvent },
    WrongActor { event: QualificationEvent, expected: Actor },
    MissingMotivation,
    DateNotAfter { date: NaiveDate, as_of: NaiveDate },
}

impl TransitionError {
    pub fn message(&self) -> Message {
        match self {
            TransitionError::NotAllowed { from, event } => {
                Message::new("qual-transition-not-allowed").arg("from", from.message()).arg("event", event.message())
            }
            TransitionError::WrongActor { event, expected } => {
                let expected = match expected {
                    Actor::Provider => "provider",
                    Actor::Agency => "agency",
                    Actor::System => "system",
                };
                Message::new("qual-transition-wrong-actor").arg("event", event.message()).arg("expected", expected)
            }
            TransitionError::MissingMotivation => Message::new("qual-transition-motivation"),
            TransitionError::DateNotAfter { date, as_of } => {
                Message::new("qual-transition-date").arg("date", *date).arg("as_of", *as_of)
            }
        }
    }
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

    /// The event's name in the reader's language ([`Self::name`] in English).
    pub fn message(&self) -> Message {
        Message::new(match self {
            QualificationEvent::Submit => "qual-event-submit",
            QualificationEvent::StartReview => "qual-event-start-review",
            QualificationEvent::RequestIntegration { .. } => "qual-event-request-integration",
            QualificationEvent::Resubmit => "qual-event-resubmit",
            QualificationEvent::Qualify { .. } => "qual-event-qualify",
            QualificationEvent::Reject { .. } => "qual-event-reject",
            QualificationEvent::Suspend { .. } => "qual-event-suspend",
            QualificationEvent::Reinstate { .. } => "qual-event-reinstate",
            QualificationEvent::Revoke { .. } => "qual-event-revoke",
            QualificationEvent::Expire => "qual-event-expire",
            QualificationEvent::Withdraw => "qual-event-withdraw",
            QualificationEvent::Supersede => "qual-event-supersede",
        })
    }

    fn actor(&self) -> Actor {
        match self {
            QualificationEvent::Submit | QualificationEvent::Resubmit | QualificationEvent::Withdraw => Actor::Provider,
            QualificationEvent::Expire | QualificationEvent::Supersede => Actor::System,
            _ => Actor::Agency,
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
    let expected = event.actor();
    if actor != expected {
        return Err(TransitionError::WrongActor { event: event.clone(), expected });
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
        (from, event) => Err(TransitionError::NotAllowed { from, event: event.clone() }),
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

    /// The state in the reader's language (its code in English).
    pub fn message(self) -> Message {
        Message::new(match self {
            QualificationState::Draft => "qual-state-draft",
            QualificationState::Submitted => "qual-state-submitted",
            QualificationState::InReview => "qual-state-in-review",
            QualificationState::IntegrationRequested => "qual-state-integration-requested",
            QualificationState::Resubmitted => "qual-state-resubmitted",
            QualificationState::Qualified => "qual-state-qualified",
            QualificationState::Rejected => "qual-state-rejected",
            QualificationState::Suspended => "qual-state-suspended",
            QualificationState::Revoked => "qual-state-revoked",
            QualificationState::Expired => "qual-state-expired",
            QualificationState::Withdrawn => "qual-state-withdrawn",
            QualificationState::Superseded => "qual-state-superseded",
        })
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
mod tests;
