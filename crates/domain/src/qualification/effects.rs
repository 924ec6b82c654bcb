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

/// Whether the qualification an application in `state` gave is in force:
/// qualified, or suspended (it may be reinstated). The agency suspends,
/// reinstates and revokes a listing through this application.
pub fn in_force(state: QualificationState) -> bool {
    matches!(state, QualificationState::Qualified | QualificationState::Suspended)
}

/// Whether a new application of the same listing renews the one in `state`
/// (and is prefilled from its answers): one in force, or one expired.
pub fn is_renewed_by_a_new_application(state: QualificationState) -> bool {
    in_force(state) || state == QualificationState::Expired
}

/// Whether the agency records verdicts on requirements in `state`: while it
/// reviews, first or after an integration.
pub fn in_review(state: QualificationState) -> bool {
    matches!(state, QualificationState::InReview | QualificationState::Resubmitted)
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
    fn in_force_renewed_and_in_review_states() {
        for state in QualificationState::ALL {
            let qs = matches!(state, QualificationState::Qualified | QualificationState::Suspended);
            assert_eq!(in_force(state), qs, "{state}");
            assert_eq!(in_force(state), is_superseded_by_a_new_qualification(state), "{state}");
            assert_eq!(is_renewed_by_a_new_application(state), qs || state == QualificationState::Expired, "{state}");
            let reviewing = matches!(state, QualificationState::InReview | QualificationState::Resubmitted);
            assert_eq!(in_review(state), reviewing, "{state}");
        }
    }

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
