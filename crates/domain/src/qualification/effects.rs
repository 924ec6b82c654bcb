//! What a transition of a qualification application changes besides the
//! application's own state: the application a new qualification supersedes,
//! the ones that expire and the decision their 36 months run from, the
//! listing version the catalogue then shows, and when an application counts
//! as submitted.
//!
//! Source: DOMAIN.md §2 — qualified → suspended (reason, end date) →
//! reinstated | revoked; qualified → expired after 36 months (Regolamento ACN
//! 21007/24) unless renewed, a renewal being a new application; a change of a
//! listing's substance (the infrastructure a SaaS runs on) needs a new
//! qualification. The states are those the state machine of `lifecycle.rs`
//! lets the platform move.

use super::history::ListingStatus;
use super::lifecycle::{Actor, DecisionKind, QualificationEvent, QualificationState, transition};
use chrono::NaiveDate;

/// Whether the platform's `event` may move an application out of `state`
/// (neither expiry nor supersession depends on the date).
fn platform_may(state: QualificationState, event: &QualificationEvent) -> bool {
    transition(state, event, Actor::System, NaiveDate::MIN).is_ok()
}

/// Whether an application in `state` is superseded when a newer application
/// of the same listing (a renewal or a re-review) is qualified: the one in
/// force, qualified or suspended.
pub fn is_superseded_by_a_new_qualification(state: QualificationState) -> bool {
    platform_may(state, &QualificationEvent::Supersede)
}

/// Whether an application in `state` expires 36 months after its
/// qualification: what the expiry sweep reads.
pub fn expires(state: QualificationState) -> bool {
    platform_may(state, &QualificationEvent::Expire)
}

/// Whether a decision of `kind` starts the 36 months of a qualification: the
/// qualification does; a reinstatement after a suspension does not restart
/// them.
pub fn starts_the_term(kind: DecisionKind) -> bool {
    kind == DecisionKind::Qualification
}

/// Whether opening a listing interval of `status` makes the application's
/// listing version the one the catalogue shows: a qualification or a
/// reinstatement does, so a changed version of a public listing is shown
/// once qualified.
pub fn makes_version_current(status: ListingStatus) -> bool {
    status == ListingStatus::Qualified
}

/// Whether entering `state` dates the application's submission: the first
/// submission and each one after an integration (the reviewers' queue goes
/// by the latest).
pub fn dates_submission(state: QualificationState) -> bool {
    matches!(state, QualificationState::Submitted | QualificationState::Resubmitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use QualificationState as S;

    #[test]
    fn only_the_application_in_force_is_superseded_or_expires() {
        for state in QualificationState::ALL {
            let in_force = matches!(state, S::Qualified | S::Suspended);
            assert_eq!(is_superseded_by_a_new_qualification(state), in_force, "{state}");
            assert_eq!(expires(state), in_force, "{state}");
        }
    }

    #[test]
    fn the_term_runs_from_the_qualification_only() {
        for kind in DecisionKind::ALL {
            assert_eq!(starts_the_term(kind), kind == DecisionKind::Qualification, "{kind:?}");
        }
    }

    #[test]
    fn a_qualified_interval_shows_the_application_s_version() {
        let cases = [
            (ListingStatus::Qualified, true),
            (ListingStatus::Suspended, false),
            (ListingStatus::Revoked, false),
            (ListingStatus::Expired, false),
        ];
        for (status, current) in cases {
            assert_eq!(makes_version_current(status), current, "{status:?}");
        }
    }

    #[test]
    fn submissions_and_resubmissions_are_dated() {
        for state in QualificationState::ALL {
            assert_eq!(dates_submission(state), matches!(state, S::Submitted | S::Resubmitted), "{state}");
        }
        assert!(!dates_submission(S::InReview), "taking into review keeps the submission's date");
    }
}
