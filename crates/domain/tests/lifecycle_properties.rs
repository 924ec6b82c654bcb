//! Property tests of the qualification lifecycle: whatever sequence of
//! events, by whatever actor, on whatever dates, the state machine never
//! panics, the listing history stays a chain of intervals that agrees with the
//! application's state, and every qualified interval has a decision record.

use chrono::{Days, NaiveDate};
use cloudpa_domain::qualification::history::{History, ListingStatus};
use cloudpa_domain::qualification::lifecycle::{Actor, ApplicationState, Event, transition};
use proptest::prelude::*;

fn event(kind: u8, days_ahead: u64, start: NaiveDate) -> Event {
    let later = start + Days::new(days_ahead);
    let text = if days_ahead.is_multiple_of(7) { String::new() } else { "motivazione".into() };
    match kind % 12 {
        0 => Event::Submit,
        1 => Event::StartReview,
        2 => Event::RequestIntegration { deadline: later },
        3 => Event::Resubmit,
        4 => Event::Qualify { motivation: text },
        5 => Event::Reject { motivation: text },
        6 => Event::Suspend { reason: text, planned_end: later },
        7 => Event::Reinstate { motivation: text },
        8 => Event::Revoke { motivation: text },
        9 => Event::Expire,
        10 => Event::Supersede,
        _ => Event::Withdraw,
    }
}

fn actor(kind: u8) -> Actor {
    [Actor::Provider, Actor::Agency, Actor::System][usize::from(kind % 3)]
}

/// The listing status that a state shows publicly, if any.
fn public(state: ApplicationState) -> Option<ListingStatus> {
    match state {
        ApplicationState::Qualified => Some(ListingStatus::Qualified),
        ApplicationState::Suspended => Some(ListingStatus::Suspended),
        ApplicationState::Revoked => Some(ListingStatus::Revoked),
        ApplicationState::Expired => Some(ListingStatus::Expired),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn no_sequence_breaks_the_invariants(
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), 0u64..40, 0u64..60), 0..40)
    ) {
        let mut state = ApplicationState::Draft;
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

            if state == ApplicationState::Superseded {
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
    let events: Vec<Event> = (0..12).map(|k| event(k, 30, day)).collect();
    let finals = [
        ApplicationState::Rejected,
        ApplicationState::Revoked,
        ApplicationState::Expired,
        ApplicationState::Withdrawn,
        ApplicationState::Superseded,
    ];
    for state in ApplicationState::ALL {
        let exits = events
            .iter()
            .flat_map(|e| [Actor::Provider, Actor::Agency, Actor::System].map(|a| transition(state, e, a, day)))
            .filter(Result::is_ok)
            .count();
        assert_eq!(exits == 0, finals.contains(&state), "{state}");
    }
}
