use super::CallApplicationState::*;
use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-12-01";

fn go(
    from: CallApplicationState,
    facts: &Facts,
    event: CallApplicationEvent,
    side: Side,
) -> Result<CallApplicationState, TransitionError> {
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
    let mut state = go(Draft, &facts, CallApplicationEvent::Submit { on: day("2026-01-10") }, Side::Ente).unwrap();
    assert_eq!(state, Submitted);
    facts.submitted_on = Some(day("2026-01-10"));
    state = go(state, &facts, CallApplicationEvent::Finance { decree_on: day("2026-02-01") }, Side::Office).unwrap();
    assert_eq!(state, Financed);
    facts = financed();
    state = go(state, &facts, CallApplicationEvent::ActivateContract { on: day("2026-03-01") }, Side::Ente).unwrap();
    assert_eq!(state, Contracted);
    facts.contract_activated_on = Some(day("2026-03-01"));
    facts.services_migrated = 3;
    state = go(state, &facts, CallApplicationEvent::Complete { on: day("2026-09-01") }, Side::Ente).unwrap();
    assert_eq!(state, Completed);
    facts.completed_on = Some(day("2026-09-01"));
    let positive =
        CallApplicationEvent::RecordAttestation { outcome: AttestationOutcome::Positive, on: day("2026-10-01") };
    state = go(state, &facts, positive, Side::Office).unwrap();
    assert_eq!(state, Attested);
    assert_eq!(go(state, &facts, CallApplicationEvent::Pay { on: day("2026-11-01") }, Side::Office), Ok(Paid));
}

#[test]
fn each_side_does_its_own_steps() {
    let refused =
        go(Submitted, &financed(), CallApplicationEvent::Finance { decree_on: day("2026-02-01") }, Side::Ente);
    assert_eq!(refused, Err(TransitionError::WrongSide { event: "financed", expected: "office" }));
    let refused = go(Draft, &Facts::default(), CallApplicationEvent::Submit { on: day("2026-01-10") }, Side::Office);
    assert_eq!(refused, Err(TransitionError::WrongSide { event: "submitted", expected: "ente" }));
    let refused =
        go(Submitted, &financed(), CallApplicationEvent::Finance { decree_on: day("2026-02-01") }, Side::Attestor);
    assert!(matches!(refused, Err(TransitionError::WrongSide { .. })), "an attestor decrees nothing");
    let facts = Facts { completed_on: Some(day("2026-09-01")), ..financed() };
    let outcome =
        CallApplicationEvent::RecordAttestation { outcome: AttestationOutcome::Negative, on: day("2026-10-01") };
    assert_eq!(go(Completed, &facts, outcome.clone(), Side::Attestor), Ok(Revoked), "the attestor's outcome");
    assert_eq!(go(Completed, &facts, outcome.clone(), Side::Office), Ok(Revoked), "one the office receives");
    assert!(matches!(go(Completed, &facts, outcome, Side::Ente), Err(TransitionError::WrongSide { .. })));
}

#[test]
fn the_contract_needs_the_cup_and_an_eligible_date() {
    let facts = Facts { cup_given: false, ..financed() };
    assert_eq!(
        go(Financed, &facts, CallApplicationEvent::ActivateContract { on: day("2026-03-01") }, Side::Ente),
        Err(TransitionError::CupMissing)
    );
    let facts = financed();
    assert_eq!(
        go(Financed, &facts, CallApplicationEvent::ActivateContract { on: day("2020-02-01") }, Side::Ente),
        Ok(Contracted)
    );
    assert!(matches!(
        go(Financed, &facts, CallApplicationEvent::ActivateContract { on: day("2020-01-31") }, Side::Ente),
        Err(TransitionError::TooEarly { field: "contract_activated_on", .. })
    ));
    assert!(matches!(
        go(Financed, &facts, CallApplicationEvent::ActivateContract { on: day("2026-12-02") }, Side::Ente),
        Err(TransitionError::InTheFuture { field: "contract_activated_on", .. })
    ));
    assert_eq!(
        go(Financed, &facts, CallApplicationEvent::ActivateContract { on: day(TODAY) }, Side::Ente),
        Ok(Contracted)
    );
    let later = Facts { eligible_from: Some(day("2024-09-13")), ..financed() };
    assert!(
        go(Financed, &later, CallApplicationEvent::ActivateContract { on: day("2024-09-12") }, Side::Ente).is_err()
    );
    assert!(go(Financed, &later, CallApplicationEvent::ActivateContract { on: day("2024-09-13") }, Side::Ente).is_ok());
}

#[test]
fn completion_needs_every_service_migrated() {
    let mut facts = Facts { contract_activated_on: Some(day("2026-03-01")), services_migrated: 2, ..financed() };
    assert_eq!(
        go(Contracted, &facts, CallApplicationEvent::Complete { on: day("2026-09-01") }, Side::Ente),
        Err(TransitionError::ServicesNotMigrated { services: 3, migrated: 2 })
    );
    facts.services_migrated = 3;
    assert!(matches!(
        go(Contracted, &facts, CallApplicationEvent::Complete { on: day("2026-02-28") }, Side::Ente),
        Err(TransitionError::TooEarly { field: "completed_on", .. })
    ));
    assert_eq!(
        go(Contracted, &facts, CallApplicationEvent::Complete { on: day("2026-03-01") }, Side::Ente),
        Ok(Completed)
    );
}

#[test]
fn the_three_outcomes_of_an_attestation() {
    let facts = Facts { completed_on: Some(day("2026-09-01")), ..financed() };
    let attest = |outcome| {
        go(Completed, &facts, CallApplicationEvent::RecordAttestation { outcome, on: day("2026-10-01") }, Side::Office)
    };
    assert_eq!(attest(AttestationOutcome::Positive), Ok(Attested));
    assert_eq!(attest(AttestationOutcome::PartiallyPositive), Ok(Contracted));
    assert_eq!(attest(AttestationOutcome::Negative), Ok(Revoked));
}

#[test]
fn a_decree_follows_the_submission_and_a_refusal_is_motivated() {
    let facts = Facts { submitted_on: Some(day("2026-01-10")), ..Facts::default() };
    assert!(matches!(
        go(Submitted, &facts, CallApplicationEvent::Finance { decree_on: day("2026-01-09") }, Side::Office),
        Err(TransitionError::TooEarly { field: "decree_on", .. })
    ));
    assert_eq!(
        go(Submitted, &facts, CallApplicationEvent::Finance { decree_on: day("2026-01-10") }, Side::Office),
        Ok(Financed)
    );
    assert_eq!(
        go(Submitted, &facts, CallApplicationEvent::Refuse { motivation: "  ".into() }, Side::Office),
        Err(TransitionError::MissingMotivation)
    );
    assert_eq!(
        go(Submitted, &facts, CallApplicationEvent::Refuse { motivation: "fuori termine".into() }, Side::Office),
        Ok(NotAdmitted)
    );
}

#[test]
fn withdrawal_until_completion_only() {
    let withdraw = |from| go(from, &financed(), CallApplicationEvent::Withdraw { on: day("2026-05-01") }, Side::Ente);
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
        CallApplicationEvent::Submit { on: d },
        CallApplicationEvent::Finance { decree_on: d },
        CallApplicationEvent::Refuse { motivation: "x".into() },
        CallApplicationEvent::ActivateContract { on: d },
        CallApplicationEvent::Complete { on: d },
        CallApplicationEvent::RecordAttestation { outcome: AttestationOutcome::Positive, on: d },
        CallApplicationEvent::Pay { on: d },
        CallApplicationEvent::Withdraw { on: d },
    ];
    let facts = Facts { contract_activated_on: Some(day("2026-03-01")), services_migrated: 3, ..financed() };
    for from in CallApplicationState::ALL {
        for event in &events {
            let result = go(from, &facts, event.clone(), event.sides().0[0]);
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
    for s in CallApplicationState::ALL {
        assert_eq!(CallApplicationState::parse(s.code()), Some(s));
    }
}
