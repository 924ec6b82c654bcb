//! The programme's open data on both engines: the real sample imports with
//! totals per region equal to a plain sum of the file, a re-import changes
//! nothing, and a malformed file is reported row by row.

use cloudpa_domain::money::parse_euros;
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::setup::read_service_list;
use cloudpa_store::programme::stats::{GroupBy, StatsFilter};
use cloudpa_store::{Actor, engine_test};
use std::collections::BTreeMap;

const T0: i64 = 1_790_000_000_000;
const SAMPLE: &[u8] = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");

/// Cents per value of `column`, summed straight from the file.
fn sums_by(column: &str, only_kind: Option<&str>) -> BTreeMap<String, i64> {
    let mut reader = csv::Reader::from_reader(SAMPLE);
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut sums = BTreeMap::new();
    for record in reader.records().map(Result::unwrap) {
        if only_kind.is_some_and(|k| &record[at("tipologia_ente")] != k) {
            continue;
        }
        let cents = parse_euros(&record[at("importo_finanziamento")]).unwrap().0;
        *sums.entry(record[at(column)].to_owned()).or_insert(0) += cents;
    }
    sums
}

engine_test!(the_real_sample_imports_once_with_the_file_totals, |store| {
    store.load_reference_data(T0).await.unwrap();
    let (rows, rejected) = read_open_data(SAMPLE, |_| {});
    assert!(rejected.is_empty(), "{rejected:?}");
    let summary = store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!((summary.imported, summary.updated, summary.unchanged), (400, 0, 0));
    assert!(summary.rejected.is_empty());
    let enti: std::collections::HashSet<String> = rows.iter().map(|(_, a)| a.ipa_code.to_lowercase()).collect();
    assert_eq!(summary.enti_created, enti.len(), "an ente with two applications is one ente");

    let (regions, totals) = store.application_stats(GroupBy::Region, &StatsFilter::default()).await.unwrap();
    let ours: BTreeMap<String, i64> = regions.iter().map(|g| (g.key.clone(), g.amount_cents)).collect();
    assert_eq!(ours, sums_by("regione", None));
    assert_eq!(totals.applications, 400);
    assert_eq!(totals.amount_cents, sums_by("misura", None).values().sum::<i64>());
    let (statuses, _) = store.application_stats(GroupBy::Status, &StatsFilter::default()).await.unwrap();
    let by_status: BTreeMap<String, i64> = statuses.iter().map(|g| (g.key.clone(), g.amount_cents)).collect();
    assert_eq!(by_status, sums_by("stato_candidatura", None));
    assert_eq!(
        totals.amount_decreed_cents,
        by_status.get("A").copied().unwrap_or(0) + by_status.get("E").copied().unwrap_or(0)
    );
    let (schools, school_totals) = store
        .application_stats(GroupBy::Province, &StatsFilter { kind: Some(EnteKind::Scuola), ..StatsFilter::default() })
        .await
        .unwrap();
    assert_eq!(school_totals.amount_cents, sums_by("tipologia_ente", Some("Scuole"))["Scuole"]);
    assert!(schools.iter().all(|g| g.applications > 0));
    let (classes, _) = store
        .application_stats(GroupBy::Class, &StatsFilter { kind: Some(EnteKind::Comune), ..StatsFilter::default() })
        .await
        .unwrap();
    assert!(classes.iter().all(|g| g.key.parse::<u8>().is_ok_and(|c| (1..=7).contains(&c))), "{classes:?}");

    let again =
        store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, Vec::new(), T0 + 1).await.unwrap();
    assert_eq!((again.imported, again.updated, again.unchanged, again.enti_created), (0, 0, 400, 0));
    let audit = "SELECT COUNT(*) FROM audit_log WHERE action = 'programme.import_financed'";
    assert_eq!(store.fetch_i64(audit).await, 1, "a re-import writes nothing");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM financed_applications").await, 400);
});

engine_test!(a_malformed_file_is_reported_row_by_row, |store| {
    store.load_reference_data(T0).await.unwrap();
    let header = std::str::from_utf8(SAMPLE).unwrap().lines().next().unwrap();
    let good = std::str::from_utf8(SAMPLE).unwrap().lines().nth(1).unwrap();
    let unknown_istat = good.replacen(",070001,", ",999999,", 1);
    let negative = good.replacen("47427.0", "-47427.0", 1).replacen("C_A050", "C_X001", 1);
    let bad_quoting = format!("\"C_A051,{}", &good[7..]);
    let file = [header, good, &unknown_istat, &negative, &bad_quoting].join("\n");
    let (rows, rejected) = read_open_data(file.as_bytes(), |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "bad.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!(summary.imported, 1);
    let lines: Vec<(u64, &str)> = summary.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0].0, 3);
    assert!(lines[0].1.starts_with("cod_comune: `999999` is not the ISTAT code"), "{}", lines[0].1);
    assert_eq!(lines[1], (4, "importo_finanziamento: -47427.0 is negative"));
    assert_eq!(lines[2].0, 5);
    assert!(lines[2].1.contains("not valid CSV") || lines[2].1.contains("CSV"), "{}", lines[2].1);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM financed_applications").await, 1);
});

engine_test!(a_comuni_call_lists_the_provisional_services_until_the_official_list_is_loaded, |store| {
    store.load_reference_data(T0).await.unwrap();
    let calls = store.list_calls().await.unwrap();
    let comuni = calls.iter().find(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF)).unwrap();
    let other = calls.iter().find(|c| c.voucher_tariff().is_none()).unwrap();
    let provisional = store.call_service_list(&comuni.id).await.unwrap().unwrap();
    assert!(provisional.provisional);
    assert_eq!((provisional.version, provisional.services.len()), (0, 40));
    assert!(provisional.services.iter().any(|s| s.name == "TRIBUTI MINORI"));
    assert!(store.call_service_list(&other.id).await.unwrap().is_none());

    let official = read_service_list(b"codice,servizio\nT1,TRIBUTI MINORI\nT2,CANONI\n").unwrap();
    assert_eq!(store.load_call_services(&Actor::cli(), &comuni.id, &official, "ufficiale.csv", T0).await.unwrap(), 1);
    let loaded = store.call_service_list(&comuni.id).await.unwrap().unwrap();
    assert_eq!((loaded.version, loaded.provisional, loaded.services), (1, false, official.clone()));
    assert_eq!(
        store.load_call_services(&Actor::cli(), &comuni.id, &official, "ufficiale.csv", T0 + 1).await.unwrap(),
        2
    );
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'call.services'").await, 2);
    let unknown = store.load_call_services(&Actor::cli(), "no-such-call", &official, "x.csv", T0).await;
    assert!(matches!(unknown, Err(cloudpa_store::StoreError::NotFound(_))));
    assert_eq!(read_service_list(b"code,name\nA,B\n").unwrap_err().line, 1);
    assert_eq!(read_service_list(b"codice,servizio\nA,B\nA,C\n").unwrap_err().line, 3);
});
