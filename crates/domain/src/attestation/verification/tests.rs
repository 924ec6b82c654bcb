use super::*;
use AttestationOutcome::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn an_outcome_waits_for_every_form_and_every_verdict() {
    let all_passed = Tally::of(3, 0, [Verdict::Pass; 3]);
    assert_eq!(check_outcome(Positive, &all_passed, ""), Ok(()));
    let missing_form = Tally { forms_missing: 1, ..all_passed };
    assert_eq!(check_outcome(Positive, &missing_form, ""), Err(OutcomeError::FormsMissing(1)));
    let undecided = Tally::of(3, 0, [Verdict::Pass; 2]);
    assert_eq!(check_outcome(Positive, &undecided, ""), Err(OutcomeError::VerdictsMissing(1)));
    let waiting = Tally::of(3, 0, [Verdict::Pass, Verdict::Pass, Verdict::RequestDocuments]);
    assert_eq!(check_outcome(Negative, &waiting, "x"), Err(OutcomeError::DocumentsRequested(1)));
}

#[test]
fn the_three_outcomes_on_both_sides_of_their_rules() {
    let clean = Tally::of(2, 0, [Verdict::Pass, Verdict::Pass]);
    let one_failed = Tally::of(2, 0, [Verdict::Pass, Verdict::Fail]);
    assert_eq!(check_outcome(Positive, &clean, ""), Ok(()));
    assert_eq!(check_outcome(Positive, &one_failed, ""), Err(OutcomeError::FailuresInPositive(1)));
    for outcome in [PartiallyPositive, Negative] {
        assert_eq!(check_outcome(outcome, &clean, "motivo"), Err(OutcomeError::NothingFailed));
        assert_eq!(check_outcome(outcome, &one_failed, "  "), Err(OutcomeError::MotivationMissing));
        assert_eq!(check_outcome(outcome, &one_failed, "IP privati nel form del servizio 3"), Ok(()));
    }
}

#[test]
fn a_sample_control_has_twenty_working_days_across_the_holidays() {
    // Drawn on Friday 11 Dec 2026: 8 Dec is behind, Christmas, Santo
    // Stefano (a Saturday), Capodanno and the Epifania are ahead.
    assert_eq!(sample_control_due(day("2026-12-11")), day("2027-01-13"));
    // Drawn on Wednesday 15 April 2026, after Easter Monday (6 April): 25 April
    // is a Saturday, 1 May a Friday.
    assert_eq!(sample_control_due(day("2026-04-15")), day("2026-05-14"));
    let due = sample_control_due(day("2026-12-11"));
    assert!(!sample_control_overdue(due, false, due));
    assert!(sample_control_overdue(due, false, due.succ_opt().unwrap()));
    assert!(!sample_control_overdue(due, true, due.succ_opt().unwrap()));
}

#[test]
fn a_sample_is_drawn_reproducibly_and_never_empty() {
    assert_eq!(sample_size(0, 5), 0);
    assert_eq!(sample_size(1, 5), 1);
    assert_eq!(sample_size(40, 5), 2);
    assert_eq!(sample_size(41, 5), 3);
    assert_eq!(sample_size(10, 200), 10);
    let ids = ["a", "b", "c", "d", "e", "f"];
    let first = draw_sample(&ids, 2, 7);
    assert_eq!(first.len(), 2);
    assert_eq!(draw_sample(&ids, 2, 7), first, "the same seed draws the same projects");
    let mut reversed = ids;
    reversed.reverse();
    assert_eq!(draw_sample(&reversed, 2, 7), first, "the list's order does not matter");
    assert_ne!((1..20).map(|seed| draw_sample(&ids, 2, seed)).collect::<std::collections::BTreeSet<_>>().len(), 1);
}
