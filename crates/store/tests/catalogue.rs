//! Bulk loading of a catalogue on both engines: every row imported (with
//! its data-quality findings), present already, or refused with its reason;
//! one change event per status.

use chrono::NaiveDate;
use cloudpa_domain::catalogue::record::RawRecord;
use cloudpa_store::catalogue::import::RowOutcome;
use cloudpa_store::catalogue::synthetic;
use cloudpa_store::{Actor, engine_test};

const T0: i64 = 1_790_000_000_000;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

fn raw(name: &str, vat: &str, provider: &str, service_levels: &str) -> RawRecord {
    RawRecord {
        provider_vat: vat.into(),
        provider_name: provider.into(),
        infrastructure: "DC Roma".into(),
        infrastructure_location: "IT".into(),
        name: name.into(),
        kind: "SaaS".into(),
        level: "QC1".into(),
        category: "Tributi".into(),
        data_location: "IT".into(),
        service_levels: service_levels.into(),
        history: "qualified:2024-01-10;suspended:2025-03-01".into(),
        ..RawRecord::default()
    }
}

engine_test!(a_synthetic_catalogue_imports_once, |store| {
    store.load_reference_data(T0).await.unwrap();
    let records: Vec<_> =
        synthetic::catalogue(120, 3, as_of()).into_iter().zip(1..).map(|(r, line)| (line, r)).collect();
    let outcomes = store.import_catalogue(&Actor::cli(), "synthetic", &records, T0).await.unwrap();
    assert!(outcomes.iter().all(|(_, o)| matches!(o, RowOutcome::Imported { .. })));
    assert_eq!(store.catalogue_entries(None).await.unwrap().len(), 120);
    let statuses: usize = records.iter().map(|(_, r)| r.history.len()).sum();
    assert_eq!(store.catalogue_changes_after(0, 100_000).await.unwrap().len(), statuses);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'catalogue.import'").await, 1);

    let again = store.import_catalogue(&Actor::cli(), "synthetic", &records, T0 + 1).await.unwrap();
    assert!(again.iter().all(|(_, o)| matches!(o, RowOutcome::Present { .. })));
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM listings").await, 120);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'catalogue.import'").await, 1);
});

engine_test!(a_duplicate_is_refused_with_its_line_and_flawed_fields_are_findings, |store| {
    store.load_reference_data(T0).await.unwrap();
    let rows = [
        raw("Tributi PA", "12345670017", "Nuvola Srl", "SLI1=99.9%"),
        raw("Tributi PA", "12345670017", "Nuvola Srl", ""),
        raw("Paghe", "12345670017", "Altro nome Srl", ""),
        raw("Protocollo", "12345670017", "Nuvola Srl", "SLI1=99%;SLI99=1h"),
    ];
    let records: Vec<_> = rows.iter().enumerate().map(|(i, r)| (i as u64 + 2, r.validate(as_of()).unwrap())).collect();
    let outcomes = store.import_catalogue(&Actor::cli(), "file.csv", &records, T0).await.unwrap();
    let findings: Vec<Option<usize>> = outcomes
        .iter()
        .map(|(_, o)| match o {
            RowOutcome::Imported { findings, .. } => Some(*findings),
            _ => None,
        })
        .collect();
    assert_eq!(findings, [Some(0), None, Some(1), Some(1)], "{outcomes:?}");
    assert_eq!(
        outcomes[1].1,
        RowOutcome::Rejected { reason: "name: the provider's service `Tributi PA` is on line 2 too".into() }
    );
    let levels =
        "SELECT COUNT(*) FROM listing_versions WHERE name = 'Protocollo' AND service_levels = '{\"SLI1\":\"99%\"}'";
    assert_eq!(store.fetch_i64(levels).await, 1, "the level of no AgID indicator is left out");
    let mut entries = store.catalogue_entries(None).await.unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e.provider.name == "Nuvola Srl"), "the VAT number's provider");
    entries.retain(|e| e.versions[0].details.name == "Tributi PA");
    let on = |d: &str| d.parse::<NaiveDate>().unwrap();
    assert!(entries[0].at(on("2024-01-09")).is_none());
    assert_eq!(entries[0].at(on("2025-02-28")).unwrap().interval.status.code(), "qualified");
    assert_eq!(entries[0].at(on("2025-03-01")).unwrap().interval.status.code(), "suspended");
    assert_eq!(entries[0].provider.vat_number.as_deref(), Some("12345670017"));
    assert_eq!(entries[0].versions[0].runs_on.as_ref().unwrap().name, "DC Roma");
});

// A SaaS names its infrastructure, and a new one needs a new qualification
// (DOMAIN.md §2): on the import's path too, a file that moves a listed
// service to another data centre leaves the published listing where it was.
engine_test!(a_catalogue_file_does_not_move_a_listed_service_to_another_infrastructure, |store| {
    store.load_reference_data(T0).await.unwrap();
    let first = raw("Tributi", "12345670017", "Nuvola Srl", "").validate(as_of()).unwrap();
    let outcomes = store.import_catalogue(&Actor::cli(), "a.csv", &[(2, first)], T0).await.unwrap();
    let RowOutcome::Imported { listing_id, .. } = &outcomes[0].1 else { panic!("{outcomes:?}") };
    let before = store.current_listing(listing_id).await.unwrap().unwrap();
    let mut moved = raw("Tributi", "12345670017", "Nuvola Srl", "");
    moved.infrastructure = "DC Milano".into();
    let outcomes =
        store.import_catalogue(&Actor::cli(), "b.csv", &[(2, moved.validate(as_of()).unwrap())], T0 + 1).await.unwrap();
    assert!(matches!(outcomes[0].1, RowOutcome::Present { .. }), "{outcomes:?}");
    let after = store.current_listing(listing_id).await.unwrap().unwrap();
    assert_eq!((after.version, &after.details.terms.runs_on), (before.version, &before.details.terms.runs_on));
});
