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
        Err(TransitionError::NotAllowed { from: S::Draft, event: qualify() })
    );
    let refused = transition(S::Draft, &qualify(), Actor::Agency, day("2026-01-01")).unwrap_err();
    assert_eq!(
        refused.message(),
        Message::new("qual-transition-not-allowed")
            .arg("from", Message::new("qual-state-draft"))
            .arg("event", Message::new("qual-event-qualify"))
    );
}

#[test]
fn a_provider_cannot_decide() {
    assert_eq!(
        transition(S::InReview, &qualify(), Actor::Provider, day("2026-01-01")),
        Err(TransitionError::WrongActor { event: qualify(), expected: Actor::Agency })
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
    assert!(matches!(transition(S::Qualified, &suspend, Actor::Agency, d), Err(TransitionError::DateNotAfter { .. })));
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
