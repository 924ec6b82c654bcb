//! The dashboards' figures count what the domain's rules count, on both
//! engines: an open-data status is the state `FundingStatus::state` says (in
//! the figures and in migration 0006's `programme_applications` view, whose
//! copy of the mapping cannot drift), and decreed, paid, withdrawn, attested,
//! the South reserve's quota and the population classes are those of
//! `domain::programme::figures` and `reserve`.

use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::figures::{has_population_class, is_attested, is_decreed, is_paid, is_withdrawn};
use cloudpa_domain::programme::open_data::{EnteKind, FinancedApplication, FundingStatus};
use cloudpa_domain::programme::reserve::is_mezzogiorno;
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::stats::{Figures, GroupBy, StatsFilter};
use cloudpa_store::{Actor, Store, engine_test};
use sqlx::Row;
use std::collections::{BTreeSet, HashMap, HashSet};

const T0: i64 = 1_790_000_000_000;
const SAMPLE: &[u8] = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");

/// The real sample with its statuses taken in turn from A, R and E (the
/// sample has no E), imported; the rows as imported.
async fn import_every_status(store: &Store, take: usize) -> Vec<FinancedApplication> {
    store.load_reference_data(T0).await.unwrap();
    let (rows, rejected) = read_open_data(SAMPLE, |_| {});
    assert!(rejected.is_empty(), "{rejected:?}");
    let rows: Vec<(u64, FinancedApplication)> = rows
        .into_iter()
        .take(take)
        .zip(FundingStatus::ALL.into_iter().cycle())
        .map(|((line, a), status)| (line, FinancedApplication { status, ..a }))
        .collect();
    let summary = store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, Vec::new(), T0).await.unwrap();
    assert_eq!(summary.imported, rows.len());
    rows.into_iter().map(|(_, a)| a).collect()
}

/// The ISTAT area of each municipality, by ISTAT code, or of each ente, by
/// organisation.
async fn areas(store: &Store, sql: &str) -> HashMap<String, String> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).fetch_all(store.pool()).await.unwrap();
    rows.iter().map(|r| (r.get::<String, _>("code"), r.get::<String, _>("area"))).collect()
}

/// One application as the figures see it.
struct Counted<'a> {
    ente: &'a str,
    area: &'a str,
    amount: i64,
    status: Option<FundingStatus>,
    state: CallApplicationState,
    services: u32,
    migrated: u32,
}

/// The totals of `applications`, counted with the domain's rules.
fn count(applications: &[Counted<'_>]) -> Figures {
    let mut f = Figures { key: "total".into(), ..Figures::default() };
    let mut attested = HashSet::new();
    for a in applications {
        let status = |rule: fn(FundingStatus) -> bool| a.status.is_some_and(rule);
        let (amount, one) = (|yes: bool| if yes { a.amount } else { 0 }, |yes: bool| i64::from(yes));
        f.applications += 1;
        f.amount_cents += a.amount;
        f.amount_decreed_cents += amount(status(is_decreed));
        f.amount_paid_cents += amount(status(is_paid));
        f.withdrawn += one(status(is_withdrawn));
        f.paid += one(status(is_paid));
        f.amount_decreed_south_cents += amount(status(is_decreed) && is_mezzogiorno(a.area));
        f.attested += one(is_attested(a.state));
        if is_attested(a.state) {
            attested.insert(a.ente);
        }
        f.services += i64::from(a.services);
        f.services_migrated += i64::from(a.migrated);
    }
    f.enti = applications.iter().map(|a| a.ente).collect::<HashSet<_>>().len() as i64;
    f.enti_attested = attested.len() as i64;
    f
}

engine_test!(the_migration_view_and_the_figures_map_each_status_letter_as_the_domain_does, |store| {
    import_every_status(&store, 3).await;
    let domain: BTreeSet<(String, String)> =
        FundingStatus::ALL.iter().map(|s| (s.code().to_owned(), s.state().code().to_owned())).collect();

    let view = sqlx::query("SELECT status, state FROM programme_applications").fetch_all(store.pool()).await.unwrap();
    let view: BTreeSet<(String, String)> = view.iter().map(|r| (r.get("status"), r.get("state"))).collect();
    assert_eq!(view, domain, "migration 0006's view maps each letter as FundingStatus::state");

    let listed = store.financed_applications(&StatsFilter::default()).await.unwrap();
    let listed: BTreeSet<(String, String)> =
        listed.into_iter().map(|(_, a)| (a.status.unwrap_or_default(), a.state)).collect();
    assert_eq!(listed, domain, "the figures' rows map each letter as FundingStatus::state");
    let (states, _) = store.application_stats(GroupBy::State, &StatsFilter::default()).await.unwrap();
    let states: BTreeSet<String> = states.into_iter().map(|g| g.key).collect();
    assert_eq!(states, domain.into_iter().map(|(_, state)| state).collect());
});

engine_test!(the_open_data_figures_count_what_the_domain_counts, |store| {
    let rows = import_every_status(&store, 400).await;
    let areas = areas(&store, "SELECT istat_code AS code, area FROM municipalities").await;
    let counted: Vec<Counted<'_>> = rows
        .iter()
        .map(|a| Counted {
            ente: &a.ipa_code,
            area: &areas[&a.istat_code],
            amount: a.amount.0,
            status: Some(a.status),
            state: a.status.state(),
            services: 0,
            migrated: 0,
        })
        .collect();
    let expected = count(&counted);
    assert!(expected.amount_decreed_south_cents > 0 && expected.attested > 0 && expected.withdrawn > 0);
    for group_by in [GroupBy::Status, GroupBy::Region] {
        let (_, totals) = store.application_stats(group_by, &StatsFilter::default()).await.unwrap();
        assert_eq!(totals, expected, "{group_by:?}");
    }

    let (classes, _) = store.application_stats(GroupBy::Class, &StatsFilter::default()).await.unwrap();
    let unclassed = classes.iter().filter(|g| g.key == "none").map(|g| g.applications).sum::<i64>();
    let expected = rows.iter().filter(|a| !has_population_class(a.kind)).count() as i64;
    assert_eq!((unclassed, rows.iter().any(|a| a.kind == EnteKind::Scuola)), (expected, true));
});

engine_test!(the_national_figures_count_what_the_domain_counts, |store| {
    store.load_reference_data(T0).await.unwrap();
    store.seed_national(&Actor::cli(), 2026, "2026-12-01".parse().unwrap(), T0).await.unwrap();
    let areas = areas(
        &store,
        "SELECT e.organisation_id AS code, m.area FROM enti e JOIN municipalities m ON m.istat_code = e.istat_code",
    )
    .await;
    let applications = store.call_applications_in(&CallApplicationState::ALL).await.unwrap();
    let counted: Vec<Counted<'_>> = applications
        .iter()
        .filter(|a| a.submitted_at.is_some())
        .map(|a| Counted {
            ente: &a.organisation_id,
            area: &areas[&a.organisation_id],
            amount: a.amount.0,
            status: a.status,
            state: a.state,
            services: a.services,
            migrated: a.services_migrated,
        })
        .collect();
    let expected = count(&counted);
    assert!(counted.iter().any(|a| a.state == CallApplicationState::Attested), "attested and not yet paid projects");
    let (_, totals) = store.application_stats(GroupBy::Status, &StatsFilter::default()).await.unwrap();
    assert_eq!(totals, expected);
});

engine_test!(the_figures_version_moves_with_the_programme_only, |store| {
    use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind};
    use cloudpa_store::programme::inventory::ServiceFields;
    import_every_status(&store, 10).await;
    let ente: String = sqlx::query("SELECT organisation_id FROM enti LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get("organisation_id");
    let actor = Actor::cli();
    let figures = store.figures_version().await.unwrap();
    assert_eq!(figures, store.data_version().await.unwrap(), "the import moved the figures");

    let fields = ServiceFields {
        name: "Protocollo".into(),
        data_class: None,
        origin: None,
        site_id: None,
        status: ServiceStatus::InUse,
    };
    store.create_ente_service(&actor, &ente, &fields, T0).await.unwrap();
    assert_eq!(store.figures_version().await.unwrap(), figures, "an inventory record leaves the figures");
    assert_eq!(store.data_version().await.unwrap(), figures + 1);

    store.create_site(&actor, &ente, "Sala server", SiteKind::ALL[0], T0).await.unwrap();
    assert_eq!(store.figures_version().await.unwrap(), figures + 2, "a site moves the sites' figures");
});
