//! Qualification records on both engines: transitions with explicit dates
//! give a listing history that answers "was X qualified on date D?".

use chrono::NaiveDate;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::qualification::applications::{Application, Change, NewApplication, NewDecision};
use cloudpa_store::qualification::listings::{ListingDetails, ListingVersion};
use cloudpa_store::qualification::providers::NewInfrastructure;
use cloudpa_store::{Actor, Store, StoreError, engine_test};

const T0: i64 = 1_790_000_000_000;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn change<'a>(
    to: QualificationState,
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
        reviewer: None,
    }
}

/// A provider's listing (version 1) and a reviewer of the agency.
struct Fixture {
    provider_id: String,
    reviewer_id: String,
    listing: ListingVersion,
}

async fn fixture(store: &Store) -> Fixture {
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
    let listing = store.create_listing(&actor, &provider.id, &details("Posta"), T0).await.unwrap();
    Fixture { provider_id: provider.id, reviewer_id: reviewer.id, listing }
}

fn details(name: &str) -> ListingDetails {
    ListingDetails {
        name: name.into(),
        description: "Posta elettronica".into(),
        category: "Collaborazione".into(),
        terms: Terms { kind: ServiceKind::IaaS, level: Level::QC1, runs_on: None, location: DataLocation::EU },
        pricing_model: "a consumo".into(),
        procurement_channel: "MEPA".into(),
        service_levels: "{}".into(),
    }
}

/// A draft application of `listing_id` at `version`.
async fn draft(store: &Store, f: &Fixture, listing_id: &str, version: i64, renewal_of: Option<&str>) -> Application {
    draft_under(store, f, listing_id, version, renewal_of, "acn-2024-qc").await
}

/// A draft application reviewed against the requirement set `set`.
async fn draft_under(
    store: &Store,
    f: &Fixture,
    listing_id: &str,
    version: i64,
    renewal_of: Option<&str>,
    set: &str,
) -> Application {
    let set = store.requirement_set(set, None).await.unwrap().unwrap();
    let new = NewApplication {
        listing_id,
        listing_version: version,
        provider_id: &f.provider_id,
        set: &set,
        renewal_of,
        prefill_from: None,
    };
    store.create_application(&Actor::cli(), &new, T0).await.unwrap()
}

/// Applies `change` to `app` at `at`; the application after it.
async fn apply(store: &Store, app: &Application, change: Change<'_>, at: i64) -> Application {
    store.apply_transition(&Actor::cli(), app, change, at).await.unwrap();
    store.application(&app.id).await.unwrap().unwrap()
}

/// Applies `steps` in order, at `T0`; the application as it ends.
async fn walk(store: &Store, mut app: Application, steps: Vec<Change<'_>>) -> Application {
    for step in steps {
        app = apply(store, &app, step, T0).await;
    }
    app
}

/// Submitted, taken into review and qualified on `on` by `by`.
fn qualification<'a>(on: &str, by: &'a str) -> Vec<Change<'a>> {
    vec![
        change(QualificationState::Submitted, on, None, None),
        change(QualificationState::InReview, on, None, None),
        change(
            QualificationState::Qualified,
            on,
            Some((DecisionKind::Qualification, by)),
            Some(ListingStatus::Qualified),
        ),
    ]
}

engine_test!(history_answers_for_every_date, |store| {
    let f = fixture(&store).await;
    let (actor, listing, reviewer) = (Actor::cli(), &f.listing, &f.reviewer_id);
    let mut app = draft(&store, &f, &listing.listing_id, 1, None).await;
    let by = reviewer.as_str();
    let steps = [
        change(QualificationState::Submitted, "2026-01-05", None, None),
        change(QualificationState::InReview, "2026-01-07", None, None),
        change(
            QualificationState::Qualified,
            "2026-01-15",
            Some((DecisionKind::Qualification, by)),
            Some(ListingStatus::Qualified),
        ),
        change(
            QualificationState::Suspended,
            "2026-03-01",
            Some((DecisionKind::Suspension, by)),
            Some(ListingStatus::Suspended),
        ),
        change(
            QualificationState::Qualified,
            "2026-04-10",
            Some((DecisionKind::Reinstatement, by)),
            Some(ListingStatus::Qualified),
        ),
        change(
            QualificationState::Revoked,
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
    old.state = QualificationState::Qualified;
    let late =
        store.apply_transition(&actor, &old, change(QualificationState::Suspended, "2026-10-01", None, None), T0).await;
    match late {
        Err(StoreError::Stale { version, changed_by, changed_at_ms, .. }) => {
            assert_eq!((version, changed_by.as_str(), changed_at_ms), (app.version, "cli", app.updated_at_ms));
        }
        other => panic!("a transition from a state the application left is refused, naming who moved it: {other:?}"),
    }
    let mut behind = app.clone();
    behind.version -= 1;
    let late = store
        .apply_transition(&actor, &behind, change(QualificationState::Suspended, "2026-10-01", None, None), T0)
        .await;
    assert!(
        matches!(late, Err(StoreError::Stale { version, .. }) if version == app.version),
        "a transition made to an older version is refused even from the same state"
    );
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
});

engine_test!(submissions_are_dated_and_a_renewal_supersedes_the_application_in_force, |store| {
    use QualificationState::*;
    let f = fixture(&store).await;
    let (listing, by) = (&f.listing.listing_id, f.reviewer_id.as_str());
    let mut first = draft(&store, &f, listing, 1, None).await;
    let mut dated = Vec::new();
    for (n, to) in [Submitted, InReview, IntegrationRequested, Resubmitted, InReview].into_iter().enumerate() {
        first = apply(&store, &first, change(to, "2026-01-05", None, None), T0 + n as i64).await;
        dated.push(first.submitted_at_ms);
    }
    assert_eq!(dated, [T0, T0, T0, T0 + 3, T0 + 3].map(Some), "(re)submissions are dated, a review keeps the date");
    let first = walk(&store, first, qualification("2026-01-15", by).split_off(2)).await;

    let changed =
        store.add_listing_version(&Actor::cli(), listing, &details("Posta 2"), (false, None), T0).await.unwrap();
    assert_eq!(changed.current_version, 1, "a changed version of a public listing waits for its qualification");
    let renewal = draft(&store, &f, listing, changed.version, Some(&first.id)).await;
    let mut steps = qualification("2026-06-01", by);
    steps[2].supersedes = Some(&first.id);
    assert_eq!(walk(&store, renewal, steps).await.state, Qualified);
    assert_eq!(store.application(&first.id).await.unwrap().unwrap().state, Superseded);
    assert_eq!(store.current_listing(listing).await.unwrap().unwrap().version, changed.version);

    let mut steps = qualification("2026-07-01", by);
    let mut qualify = steps.pop().unwrap();
    let late = walk(&store, draft(&store, &f, listing, changed.version, None).await, steps).await;
    qualify.supersedes = Some(&first.id);
    let refused = store.apply_transition(&Actor::cli(), &late, qualify, T0).await;
    assert!(matches!(refused, Err(StoreError::Conflict(_))), "only the application in force is superseded");
    assert_eq!(store.application(&late.id).await.unwrap().unwrap().state, InReview);
});

engine_test!(the_expiry_sweep_reads_the_applications_in_force_from_their_qualification, |store| {
    use QualificationState::*;
    let f = fixture(&store).await;
    let by = f.reviewer_id.as_str();
    let other = store.create_listing(&Actor::cli(), &f.provider_id, &details("Archivio"), T0).await.unwrap();
    let mut rejection = qualification("2026-01-20", by);
    rejection[2] = change(Rejected, "2026-01-20", Some((DecisionKind::Rejection, by)), None);
    walk(&store, draft(&store, &f, &other.listing_id, 1, None).await, rejection).await;
    let mut app = draft(&store, &f, &f.listing.listing_id, 1, None).await;
    let steps = [
        (Qualified, "2026-01-15", DecisionKind::Qualification, ListingStatus::Qualified, true),
        (Suspended, "2026-03-01", DecisionKind::Suspension, ListingStatus::Suspended, true),
        (Qualified, "2026-04-10", DecisionKind::Reinstatement, ListingStatus::Qualified, true),
        (Revoked, "2026-09-30", DecisionKind::Revocation, ListingStatus::Revoked, false),
    ];
    app = walk(&store, app, qualification("2026-01-15", by)[..2].to_vec()).await;
    for (to, on, kind, status, expires) in steps {
        app = walk(&store, app, vec![change(to, on, Some((kind, by)), Some(status))]).await;
        let swept: Vec<_> =
            store.qualified_applications().await.unwrap().into_iter().map(|(a, on)| (a.id, a.state, on)).collect();
        let expected = if expires { vec![(app.id.clone(), to, day("2026-01-15"))] } else { Vec::new() };
        assert_eq!(swept, expected, "{to}: the term runs from the qualification, not from a reinstatement");
    }
});

engine_test!(each_interval_carries_the_regime_of_the_grant_it_belongs_to, |store| {
    let f = fixture(&store).await;
    let by = f.reviewer_id.as_str();
    // Reviewed in 2026 against the AgID 2018 set: the set, not the day, says the regime.
    let app = draft_under(&store, &f, &f.listing.listing_id, 1, None, "agid-2018-csp").await;
    let mut steps = qualification("2026-01-15", by);
    steps.push(change(
        QualificationState::Suspended,
        "2026-03-01",
        Some((DecisionKind::Suspension, by)),
        Some(ListingStatus::Suspended),
    ));
    steps.push(change(
        QualificationState::Qualified,
        "2026-04-10",
        Some((DecisionKind::Reinstatement, by)),
        Some(ListingStatus::Qualified),
    ));
    walk(&store, app, steps).await;
    let decided = store.decision_regimes(Some(&f.listing.listing_id)).await.unwrap();
    assert_eq!(decided.len(), 3);
    assert!(decided.values().all(|r| *r == Regime::Agid2018), "{decided:?}");
    let entry = store.catalogue_entries(Some(&f.listing.listing_id)).await.unwrap().pop().unwrap();
    assert_eq!(entry.regimes, [Regime::Agid2018; 3]);
    assert_eq!(entry.at(day("2026-03-15")).unwrap().regime, Regime::Agid2018);

    let other = store.create_listing(&Actor::cli(), &f.provider_id, &details("Calcolo"), T0).await.unwrap();
    let app = draft(&store, &f, &other.listing_id, 1, None).await;
    walk(&store, app, qualification("2026-02-01", by)).await;
    let entry = store.catalogue_entries(Some(&other.listing_id)).await.unwrap().pop().unwrap();
    assert_eq!(entry.regimes, [Regime::Acn2024]);
    assert_eq!(store.decision_regimes(None).await.unwrap().len(), 4, "every listing's decisions");
});

engine_test!(a_service_hosts_no_more_than_its_infrastructure_admits, |store| {
    let f = fixture(&store).await;
    let actor = Actor::cli();
    let level = |level| NewInfrastructure { name: "DC", location: DataLocation::IT, sites: "Roma", level };
    let small = store.create_infrastructure(&actor, &f.provider_id, level(Some(InfrastructureLevel::AI1)), T0).await;
    let small = small.unwrap();
    let open = store.create_infrastructure(&actor, &f.provider_id, level(None), T0).await.unwrap();
    assert_eq!(store.infrastructure(&small.id).await.unwrap().unwrap().level, Some(InfrastructureLevel::AI1));
    assert_eq!(store.ceiling_of(&small.id).await.unwrap(), Some(vec![DataClass::Ordinari]));
    assert_eq!(store.ceiling_of(&open.id).await.unwrap(), None, "an undeclared level puts no ceiling");
    assert_eq!(store.ceiling_of(&f.listing.listing_id).await.unwrap(), Some(vec![DataClass::Ordinari]), "a QC1 IaaS");

    let by = f.reviewer_id.as_str();
    let mut hosted = Vec::new();
    for (name, runs_on) in [("Su AI1", &small.id), ("Senza livello", &open.id)] {
        let mut details = details(name);
        details.terms = Terms {
            kind: ServiceKind::SaaS,
            level: Level::QC3,
            runs_on: Some(runs_on.clone()),
            location: DataLocation::IT,
        };
        let listing = store.create_listing(&actor, &f.provider_id, &details, T0).await.unwrap();
        walk(&store, draft(&store, &f, &listing.listing_id, 1, None).await, qualification("2026-02-01", by)).await;
        let entry = store.catalogue_entries(Some(&listing.listing_id)).await.unwrap().pop().unwrap();
        hosted.push(entry.version(1).unwrap().hosted_classes());
    }
    assert_eq!(hosted[0], [DataClass::Ordinari], "a QC3 service on an AI1 data centre");
    assert_eq!(hosted[1], Level::QC3.admitted_classes());
});
