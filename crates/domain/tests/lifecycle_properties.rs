//! Property tests of the qualification lifecycle: whatever sequence of
//! events, by whatever actor, on whatever dates, the state machine never
//! panics, the listing history stays a chain of intervals that agrees with the
//! application's state, and every qualified interval has a decision record.

use chrono::{Days, NaiveDate};
use cloudpa_domain::qualification::history::{History, ListingStatus};
use cloudpa_domain::qualification::lifecycle::{Actor, QualificationEvent, QualificationState, transition};
use proptest::prelude::*;

fn event(kind: u8, days_ahead: u64, start: NaiveDate) -> QualificationEvent {
    let later = start + Days::new(days_ahead);
    let text = if days_ahead.is_multiple_of(7) { String::new() } else { "motivazione".into() };
    match kind % 12 {
        0 => QualificationEvent::Submit,
        1 => QualificationEvent::StartReview,
        2 => QualificationEvent::RequestIntegration { deadline: later },
        3 => QualificationEvent::Resubmit,
        4 => QualificationEvent::Qualify { motivation: text },
        5 => QualificationEvent::Reject { motivation: text },
        6 => QualificationEvent::Suspend { reason: text, planned_end: later },
        7 => QualificationEvent::Reinstate { motivation: text },
        8 => QualificationEvent::Revoke { motivation: text },
        9 => QualificationEvent::Expire,
        10 => QualificationEvent::Supersede,
        _ => QualificationEvent::Withdraw,
    }
}

fn actor(kind: u8) -> Actor {
    [Actor::Provider, Actor::Agency, Actor::System][usize::from(kind % 3)]
}

/// The listing status that a state shows publicly, if any.
fn public(state: QualificationState) -> Option<ListingStatus> {
    match state {
        QualificationState::Qualified => Some(ListingStatus::Qualified),
        QualificationState::Suspended => Some(ListingStatus::Suspended),
        QualificationState::Revoked => Some(ListingStatus::Revoked),
        QualificationState::Expired => Some(ListingStatus::Expired),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn no_sequence_breaks_the_invariants(
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), 0u64..40, 0u64..60), 0..40)
    ) {
        let mut state = QualificationState::Draft;
        let mut history = History::default();
        let mut decisions: Vec<String> = Vec::new();
        let mut today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for (kind, who, advance, ahead) in steps {
            today = today + Days::new(advance);
            let event = event(kind, ahead, today);
            let Ok(t) = transition(state, &event, actor(who), today) else { continue };
            let decision = t.decision.map(|d| {
                decisions.push(format!("{d:?}-{}", decisions.len()));
                decisions.last().unwrap().clone()
            });
            if let Some(status) = t.listing {
                history.open(status, today, decision).expect("the lifecycle never rewrites or extends a closed history");
            }
            state = t.to;

            if state == QualificationState::Superseded {
                // Another application governs the listing from here on.
                break;
            }
            prop_assert_eq!(history.current().map(|i| i.status), public(state));
            let intervals = history.intervals();
            for pair in intervals.windows(2) {
                prop_assert_eq!(pair[0].to, Some(pair[1].from));
                prop_assert!(pair[0].from <= pair[1].from);
            }
            if let Some(last) = intervals.last() {
                prop_assert!(last.to.is_none());
            }
            for i in intervals.iter().filter(|i| i.status == ListingStatus::Qualified) {
                let decision = i.decision.as_ref();
                prop_assert!(decision.is_some_and(|d| decisions.contains(d)), "qualified interval without decision");
            }
        }
    }
}

#[test]
fn every_state_has_a_way_out_or_is_final() {
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let events: Vec<QualificationEvent> = (0..12).map(|k| event(k, 30, day)).collect();
    let finals = [
        QualificationState::Rejected,
        QualificationState::Revoked,
        QualificationState::Expired,
        QualificationState::Withdrawn,
        QualificationState::Superseded,
    ];
    for state in QualificationState::ALL {
        let exits = events
            .iter()
            .flat_map(|e| [Actor::Provider, Actor::Agency, Actor::System].map(|a| transition(state, e, a, day)))
            .filter(Result::is_ok)
            .count();
        assert_eq!(exits == 0, finals.contains(&state), "{state}");
    }
}
