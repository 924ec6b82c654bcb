//! The catalogue's search on both engines: text with Italian analysis,
//! facet counts checked against a brute-force count in SQL, `as_of` around a
//! suspension, the fair order, and refresh from the change log.

use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::{compare_keys, fair_key};
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::catalogue::record::RawRecord;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_search::{Catalogue, SearchResult};
use cloudpa_store::catalogue::synthetic;
use cloudpa_store::{Actor, Store, engine_test};
use sqlx::Row;
use std::collections::BTreeMap;

const T0: i64 = 1_790_000_000_000;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn query(text: &str) -> Query {
    let pairs: Vec<(&str, &str)> = text.split('&').filter_map(|p| p.split_once('=')).collect();
    Query::parse(pairs).unwrap()
}

fn ids(result: &SearchResult) -> Vec<String> {
    result.hits.iter().map(|h| h.indexed.entry.listing_id.clone()).collect()
}

async fn seeded(store: &Store, count: usize) -> Catalogue {
    store.load_reference_data(T0).await.unwrap();
    let records: Vec<_> =
        synthetic::catalogue(count, 11, day("2026-11-01")).into_iter().zip(1..).map(|(r, line)| (line, r)).collect();
    store.import_catalogue(&Actor::cli(), "synthetic", &records, T0).await.unwrap();
    Catalogue::build(store).await.unwrap()
}

async fn import(store: &Store, rows: &[RawRecord]) {
    let records: Vec<_> =
        rows.iter().enumerate().map(|(i, r)| (i as u64 + 2, r.validate(day("2026-11-01")).unwrap())).collect();
    store.import_catalogue(&Actor::cli(), "test", &records, T0).await.unwrap();
}

fn row(name: &str, description: &str, history: &str) -> RawRecord {
    RawRecord {
        provider_vat: "12345670017".into(),
        provider_name: "Nuvola Srl".into(),
        infrastructure: "DC Roma".into(),
        infrastructure_location: "IT".into(),
        name: name.into(),
        kind: "SaaS".into(),
        level: "QC2".into(),
        category: "Servizi al cittadino".into(),
        description: description.into(),
        data_location: "IT".into(),
        history: history.into(),
        ..RawRecord::default()
    }
}

/// The SQL column of a facet, on the interval `i` in force and its version `v`.
fn column(facet: Facet) -> &'static str {
    match facet {
        Facet::Type => "v.kind",
        Facet::Level => "v.level",
        Facet::Provider => "l.provider_id",
        Facet::Category => "v.category",
        Facet::Location => "v.location",
        Facet::Status => "i.status",
        Facet::Regime => REGIME,
        Facet::Track => TRACK,
        Facet::DataClass => unreachable!("counted per class"),
    }
}

/// The regime of interval `i`, written again in SQL: that in force on the
/// day of its grant — the latest qualification up to it that does not
/// follow a suspension — or on its own first day before any grant (these
/// catalogues are imported: no decision names a requirement set).
const REGIME: &str = "(SELECT CASE WHEN d < '2023-01-19' THEN 'AgID-2018' WHEN d < '2024-08-01' \
    THEN 'ACN-transitional' ELSE 'ACN-2024' END FROM (SELECT COALESCE((SELECT g.valid_from \
    FROM listing_status_intervals g WHERE g.listing_id = i.listing_id AND g.seq <= i.seq \
    AND g.status = 'qualified' AND NOT EXISTS (SELECT 1 FROM listing_status_intervals p \
    WHERE p.listing_id = g.listing_id AND p.seq < g.seq AND p.status = 'suspended' \
    AND p.seq = (SELECT MAX(q.seq) FROM listing_status_intervals q WHERE q.listing_id = g.listing_id \
    AND q.seq < g.seq)) ORDER BY g.seq DESC LIMIT 1), i.valid_from) AS d) AS grant_day)";

/// The track of the listing's provider (`track::track_for`), in SQL.
const TRACK: &str = "(SELECT CASE WHEN o.kind = 'public_body' OR COALESCE(pp.operator_nature, 'private') <> 'private' \
    THEN 'adeguamento' ELSE 'qualification' END FROM organisations o \
    LEFT JOIN provider_profiles pp ON pp.organisation_id = o.id WHERE o.id = l.provider_id)";

fn levels_admitting(class: &str) -> &'static str {
    match class.parse::<DataClass>().unwrap() {
        DataClass::Ordinari => "('QC1','QC2','QC3','QC4')",
        DataClass::Critici => "('QC2','QC3','QC4')",
        DataClass::Strategici => "('QC3','QC4')",
    }
}

/// Counts per value of `facet` straight from the tables, applying every
/// other facet's filter: what the facet counts must equal.
async fn brute_force(store: &Store, q: &Query, as_of: NaiveDate, facet: Facet) -> BTreeMap<String, usize> {
    let mut conditions = vec![format!("i.valid_from <= '{as_of}' AND (i.valid_to IS NULL OR i.valid_to > '{as_of}')")];
    for (f, values) in &q.filters {
        if *f == facet {
            continue;
        }
        let clause = if *f == Facet::DataClass {
            values.iter().map(|c| format!("v.level IN {}", levels_admitting(c))).collect::<Vec<_>>().join(" OR ")
        } else {
            let list: Vec<String> = values.iter().map(|v| format!("'{}'", v.replace('\'', "''"))).collect();
            format!("{} IN ({})", column(*f), list.join(","))
        };
        conditions.push(format!("({clause})"));
    }
    let from = "FROM listing_status_intervals i JOIN listings l ON l.id = i.listing_id \
                JOIN listing_versions v ON v.listing_id = i.listing_id \
                AND v.version = CASE WHEN i.valid_to IS NULL THEN l.current_version ELSE i.listing_version END";
    let filter = conditions.join(" AND ");
    let mut counts = BTreeMap::new();
    if facet == Facet::DataClass {
        for class in ["ordinari", "critici", "strategici"] {
            let sql = format!("SELECT COUNT(*) {from} WHERE {filter} AND v.level IN {}", levels_admitting(class));
            let n = store.fetch_i64(&sql).await as usize;
            if n > 0 {
                counts.insert(class.to_owned(), n);
            }
        }
        return counts;
    }
    let sql = format!("SELECT {c}, COUNT(*) {from} WHERE {filter} GROUP BY {c}", c = column(facet));
    for r in sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(store.pool()).await.unwrap() {
        counts.insert(r.try_get::<String, _>(0).unwrap(), r.try_get::<i64, _>(1).unwrap() as usize);
    }
    counts
}

engine_test!(facet_counts_equal_a_brute_force_count, |store| {
    let catalogue = seeded(&store, 400).await;
    let some_provider =
        catalogue.search(&Query::default(), day("2026-11-01")).hits[0].indexed.entry.provider.id.clone();
    let searches = [
        String::new(),
        "type=SaaS".into(),
        "type=IaaS&type=PaaS&level=QC2".into(),
        "data_class=critici&status=qualified".into(),
        "status=suspended&status=revoked&location=IT".into(),
        format!("provider={some_provider}&type=SaaS"),
        "category=Tributi&level=QC1&level=QC3".into(),
        "regime=AgID-2018&type=SaaS".into(),
        "regime=ACN-transitional&regime=ACN-2024&status=suspended".into(),
    ];
    let regimes = brute_force(&store, &Query::default(), day("2026-11-01"), Facet::Regime).await;
    assert!(regimes.len() >= 2, "the catalogue spans regimes: {regimes:?}");
    for as_of in [day("2026-11-01"), day("2023-06-30")] {
        for text in &searches {
            let q = query(text);
            let result = catalogue.search(&q, as_of);
            for (facet, counts) in &result.facets {
                let ours: BTreeMap<String, usize> =
                    counts.iter().filter(|c| c.count > 0).map(|c| (c.value.to_string(), c.count)).collect();
                assert_eq!(ours, brute_force(&store, &q, as_of, *facet).await, "{text} on {as_of}: {facet:?}");
            }
            let all: usize = brute_force(&store, &q, as_of, Facet::Status)
                .await
                .iter()
                .filter(|(status, _)| q.admits(Facet::Status, [status.as_str()].into_iter()))
                .map(|(_, n)| n)
                .sum();
            assert_eq!(result.total, all, "{text} on {as_of}");
        }
    }
});

engine_test!(italian_text_search_finds_stems_and_accents, |store| {
    store.load_reference_data(T0).await.unwrap();
    import(
        &store,
        &[
            row("Sportello Città", "Supporto alla migrazione dei servizi comunali", "qualified:2024-01-10"),
            row("Protocollo", "Gestione documentale", "qualified:2024-01-10"),
        ],
    )
    .await;
    let catalogue = Catalogue::build(&store).await.unwrap();
    let names = |text: &str| -> Vec<String> {
        catalogue
            .search(&query(&format!("q={text}")), day("2026-11-01"))
            .hits
            .iter()
            .map(|h| h.indexed.entry.versions[0].details.name.clone())
            .collect()
    };
    assert_eq!(names("migrazioni"), ["Sportello Città"]);
    assert_eq!(names("citta"), ["Sportello Città"]);
    assert_eq!(names("SERVIZIO comunale"), ["Sportello Città"]);
    assert_eq!(names("nuvola documentale"), ["Protocollo"]);
    assert!(names("pagamenti").is_empty());
    assert_eq!(names("il").len(), 2, "a query of stop words only is no text filter");
});

engine_test!(as_of_shows_the_catalogue_around_a_suspension, |store| {
    store.load_reference_data(T0).await.unwrap();
    import(&store, &[row("Tributi", "", "qualified:2024-01-10;suspended:2025-03-01;qualified:2025-05-02")]).await;
    let catalogue = Catalogue::build(&store).await.unwrap();
    let status = |on: &str| -> Vec<String> {
        let result = catalogue.search(&Query::default(), day(on));
        result.hits.iter().map(|h| h.at(day(on)).unwrap().interval.status.code().to_owned()).collect()
    };
    assert!(status("2024-01-09").is_empty());
    assert_eq!(status("2024-01-10"), ["qualified"]);
    assert_eq!(status("2025-02-28"), ["qualified"]);
    assert_eq!(status("2025-03-01"), ["suspended"]);
    assert_eq!(status("2025-05-01"), ["suspended"]);
    assert_eq!(status("2025-05-02"), ["qualified"]);
    let suspended = catalogue.search(&query("status=suspended"), day("2025-03-15"));
    assert_eq!(suspended.total, 1);
    assert_eq!(catalogue.search(&query("status=suspended"), day("2025-06-01")).total, 0);
    let words = |on: &str| catalogue.search(&query("q=tributi&status=suspended"), day(on)).total;
    assert_eq!((words("2024-01-09"), words("2025-04-30"), words("2025-05-02")), (0, 1, 0), "words, on each day");
});

engine_test!(the_order_is_fair_and_stable, |store| {
    let catalogue = seeded(&store, 200).await;
    let q = query("page_size=100");
    let first = catalogue.search(&q, day("2026-11-01"));
    assert_eq!(ids(&first), ids(&catalogue.search(&q, day("2026-11-01"))));
    let keys: Vec<u64> = ids(&first).iter().map(|id| fair_key(id)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "without text, the order is the fair key's");
    let names: Vec<String> = first.hits.iter().map(|h| h.indexed.entry.versions[0].details.name.clone()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_ne!(names, sorted, "not alphabetical");
    let mut by_age = ids(&first);
    by_age.sort();
    assert_ne!(ids(&first), by_age, "not by insertion (ids are time-ordered)");
    let rebuilt = Catalogue::build(&store).await.unwrap();
    assert_eq!(ids(&first), ids(&rebuilt.search(&q, day("2026-11-01"))), "the same after a rebuild");
    let page2 = catalogue.search(&query("page_size=100&page=2"), day("2026-11-01"));
    let all = catalogue.search_all(&q, day("2026-11-01"));
    assert_eq!([ids(&first), ids(&page2)].concat(), ids(&all)[..first.hits.len() + page2.hits.len()]);
    let scored = catalogue.search(&query("q=servizio migrazione&page_size=100"), day("2026-11-01"));
    assert!(scored.hits.windows(2).all(|w| w[0].score >= w[1].score));
});

engine_test!(refresh_follows_the_change_log, |store| {
    let catalogue = seeded(&store, 50).await;
    let generation = catalogue.snapshot().generation;
    let cached = catalogue.search_json(&Query::default(), day("2026-11-01"));
    assert_eq!(catalogue.refresh(&store).await.unwrap(), 0);
    import(&store, &[row("Registro dirigibili", "", "qualified:2024-01-10")]).await;
    assert_eq!(catalogue.refresh(&store).await.unwrap(), 1);
    assert_eq!(catalogue.snapshot().generation, generation + 1);
    assert_eq!(catalogue.len(), 51);
    assert_eq!(catalogue.search(&query("q=dirigibile"), day("2026-11-01")).total, 1);
    let fresh = catalogue.search_json(&Query::default(), day("2026-11-01"));
    assert_ne!(cached.etag, fresh.etag, "a new generation is a new answer");
    assert!(std::sync::Arc::ptr_eq(&fresh, &catalogue.search_json(&Query::default(), day("2026-11-01"))));
    let deep = query("page=6&page_size=5");
    let (first, again) =
        (catalogue.search_json(&deep, day("2026-11-01")), catalogue.search_json(&deep, day("2026-11-01")));
    assert!(!std::sync::Arc::ptr_eq(&first, &again), "a deep page's answer is computed each time, not kept");
    assert_eq!((&first.body, &first.etag), (&again.body, &again.etag), "the same answer");
});

engine_test!(a_published_change_of_details_shows_at_once, |store| {
    store.load_reference_data(T0).await.unwrap();
    import(&store, &[row("Registro dirigibili", "", "qualified:2024-01-10;suspended:2025-01-10;qualified:2025-02-10")])
        .await;
    let catalogue = Catalogue::build(&store).await.unwrap();
    let id = catalogue.search(&query("q=dirigibili"), day("2026-11-01")).hits[0].indexed.entry.listing_id.clone();
    let mut details = store.current_listing(&id).await.unwrap().unwrap().details;
    details.name = "Registro aerostati".into();
    store.add_listing_version(&Actor::cli(), &id, &details, (true, None), T0 + 1).await.unwrap();
    assert_eq!(catalogue.refresh(&store).await.unwrap(), 1, "the published change is in the change log");
    let found = catalogue.search(&query("q=aerostati"), day("2026-11-01"));
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].at(day("2026-11-01")).unwrap().version.version, 2);
    assert_eq!(catalogue.search(&query("q=dirigibili"), day("2026-11-01")).total, 0);
    let before = catalogue.search(&query("q=dirigibili"), day("2024-06-01"));
    assert_eq!(before.total, 1, "a closed interval keeps the version it showed");
});

engine_test!(every_page_is_the_slice_of_the_whole_order, |store| {
    let catalogue = seeded(&store, 300).await;
    let on = day("2026-11-01");
    for text in ["", "q=servizio", "q=gestione documentale&type=SaaS", "level=QC2&level=QC3", "status=revoked"] {
        let all = ids(&catalogue.search_all(&query(text), on));
        if !text.contains("q=") {
            let mut fair = all.clone();
            fair.sort_by(|a, b| compare_keys((0.0, fair_key(a)), (0.0, fair_key(b)), || (a, b)));
            assert_eq!(all, fair, "{text}: without words, results are in the fair order");
        }
        for size in [1, 3, 7, 20] {
            let mut paged = Vec::new();
            for page in 1..=all.len().div_ceil(size) + 1 {
                let q = query(&format!("{text}&page={page}&page_size={size}"));
                let result = catalogue.search(&q, on);
                assert_eq!(result.total, all.len(), "{text}, page {page} of {size}");
                paged.extend(ids(&result));
            }
            assert_eq!(paged, all, "{text}: pages of {size} put together are the whole order");
        }
    }
});
