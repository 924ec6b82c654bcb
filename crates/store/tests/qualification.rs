//! Qualification records on both engines: transitions with explicit dates
//! give a listing history that answers "was X qualified on date D?".

use chrono::NaiveDate;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::lifecycle::{ApplicationState, DecisionKind};
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::qualification::applications::{Change, NewApplication, NewDecision};
use cloudpa_store::qualification::listings::ListingDetails;
use cloudpa_store::{Actor, StoreError, engine_test};

const T0: i64 = 1_790_000_000_000;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn change<'a>(
    to: ApplicationState,
    on: &str,
    decision: Option<(DecisionKind, &'a str)>,
    status: Option<ListingStatus>,
) -> Change<'a> {
    Change {
        to,
        event: "test",
        on: day(on),
        triage: None,
        integration_deadline: None,
        decision: decision.map(|(kind, by)| NewDecision {
            kind,
            motivation: "motivazione",
            decided_by: by,
            details: serde_json::json!({}),
        }),
        listing_status: status,
        supersedes: None,
    }
}

engine_test!(history_answers_for_every_date, |store| {
    store.load_reference_data(T0).await.unwrap();
    let actor = Actor::cli();
    let provider = store.create_organisation(&actor, OrganisationKind::Provider, "Fornitore", None, T0).await.unwrap();
    let agency = store.create_organisation(&actor, OrganisationKind::Agency, "ACN", None, T0).await.unwrap();
    let reviewer = store
        .create_user(
            &actor,
            cloudpa_store::accounts::NewUser {
                organisation_id: &agency.id,
                email: "r@acn.gov.it",
                display_name: "R",
                password: "password-di-prova",
                role: cloudpa_domain::access::Role::Operator,
            },
            T0,
        )
        .await
        .unwrap();
    let details = ListingDetails {
        name: "Posta".into(),
        description: "Posta elettronica".into(),
        category: "Collaborazione".into(),
        terms: Terms { kind: ServiceKind::IaaS, level: Level::QC1, runs_on: None, location: DataLocation::EU },
        pricing_model: "a consumo".into(),
        procurement_channel: "MEPA".into(),
        service_levels: "{}".into(),
    };
    let listing = store.create_listing(&actor, &provider.id, &details, T0).await.unwrap();
    let set = store.requirement_set("acn-2024-qc", None).await.unwrap().unwrap();
    let new = NewApplication {
        listing_id: &listing.listing_id,
        listing_version: 1,
        provider_id: &provider.id,
        set: &set,
        renewal_of: None,
        prefill_from: None,
    };
    let mut app = store.create_application(&actor, &new, T0).await.unwrap();
    let by = reviewer.id.as_str();
    let steps = [
        change(ApplicationState::Submitted, "2026-01-05", None, None),
        change(ApplicationState::InReview, "2026-01-07", None, None),
        change(
            ApplicationState::Qualified,
            "2026-01-15",
            Some((DecisionKind::Qualification, by)),
            Some(ListingStatus::Qualified),
        ),
        change(
            ApplicationState::Suspended,
            "2026-03-01",
            Some((DecisionKind::Suspension, by)),
            Some(ListingStatus::Suspended),
        ),
        change(
            ApplicationState::Qualified,
            "2026-04-10",
            Some((DecisionKind::Reinstatement, by)),
            Some(ListingStatus::Qualified),
        ),
        change(
            ApplicationState::Revoked,
            "2026-09-30",
            Some((DecisionKind::Revocation, by)),
            Some(ListingStatus::Revoked),
        ),
    ];
    for step in steps {
        store.apply_transition(&actor, &app, step, T0).await.unwrap();
        app = store.application(&app.id).await.unwrap().unwrap();
    }
    let history = store.listing_history(&listing.listing_id).await.unwrap();
    for (on, expected) in [
        ("2026-01-14", None),
        ("2026-01-15", Some(ListingStatus::Qualified)),
        ("2026-02-28", Some(ListingStatus::Qualified)),
        ("2026-03-01", Some(ListingStatus::Suspended)),
        ("2026-04-09", Some(ListingStatus::Suspended)),
        ("2026-04-10", Some(ListingStatus::Qualified)),
        ("2026-09-29", Some(ListingStatus::Qualified)),
        ("2026-09-30", Some(ListingStatus::Revoked)),
        ("2031-01-01", Some(ListingStatus::Revoked)),
    ] {
        assert_eq!(history.status_at(day(on)), expected, "on {on}");
    }
    let decisions = store.listing_decisions(&listing.listing_id).await.unwrap();
    assert_eq!(decisions.len(), 4);
    for interval in history.intervals() {
        let decision = interval.decision.as_deref().expect("each interval here was decided");
        assert!(decisions.iter().any(|d| d.id == decision));
    }

    let stale = app.clone();
    let mut old = stale.clone();
    old.state = ApplicationState::Qualified;
    let late =
        store.apply_transition(&actor, &old, change(ApplicationState::Suspended, "2026-10-01", None, None), T0).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "a transition from a state the application left is refused");
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
});
