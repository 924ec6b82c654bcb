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
    let unknown_istat = good.replacen(",070001,", ",999999,", 1).replacen("C_A050", "C_X002", 1);
    let negative = good.replacen("47427.0", "-47427.0", 1).replacen("C_A050", "C_X001", 1);
    let bad_quoting = format!("\"C_A051,{}", &good[7..]);
    let file = [header, good, &unknown_istat, &negative, &bad_quoting].join("\n");
    let (rows, rejected) = read_open_data(file.as_bytes(), |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "bad.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!(summary.imported, 1);
    let lines: Vec<(u64, &str)> = summary.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0].0, 3);
    assert!(lines[0].1.starts_with("cod_comune: `999999` is no municipality's ISTAT code"), "{}", lines[0].1);
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

engine_test!(the_national_picture_follows_every_rule, |store| {
    use cloudpa_domain::money::Cents;
    use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable, admissible};
    use cloudpa_domain::programme::voucher::quote;
    store.load_reference_data(T0).await.unwrap();
    let today = "2026-12-01".parse().unwrap();
    let summary = store.seed_national(&Actor::cli(), 2026, today, T0).await.unwrap();
    assert_eq!((summary.enti, summary.applications), (12_934, 12_934));
    assert!((140_000..165_000).contains(&summary.choices), "about 150,000 service choices: {}", summary.choices);
    let again = store.seed_national(&Actor::cli(), 2026, today, T0).await;
    assert!(matches!(again, Err(cloudpa_store::StoreError::Conflict(_))), "only into a fresh programme");

    let (_, totals) = store.application_stats(GroupBy::Status, &StatsFilter::default()).await.unwrap();
    assert_eq!(totals.applications, 12_934);
    for group_by in [GroupBy::Region, GroupBy::Province, GroupBy::Class, GroupBy::State] {
        let (_, summed) = store.application_stats(group_by, &StatsFilter::default()).await.unwrap();
        assert_eq!(summed, totals, "{group_by:?}: the totals of the groups are the totals");
    }
    assert_eq!(totals.services, summary.choices as i64);
    let by_kind = |kind| StatsFilter { kind: Some(kind), ..StatsFilter::default() };
    assert_eq!(store.application_stats(GroupBy::Region, &by_kind(EnteKind::Comune)).await.unwrap().1.enti, 7_895);
    assert_eq!(store.application_stats(GroupBy::Region, &by_kind(EnteKind::Scuola)).await.unwrap().1.enti, 5_039);

    // Every choice is an admissible scenario; every amount is the tariff's.
    let table = ScenarioTable::official().unwrap();
    let mut checked = 0;
    for a in
        store.call_applications_in(&cloudpa_domain::programme::application::CallApplicationState::ALL).await.unwrap()
    {
        let choices = store.application_choices(&a.id).await.unwrap();
        assert_eq!(choices.len() as u32, a.services);
        assert_eq!(choices.iter().filter(|c| c.migrated_on.is_some()).count() as u32, a.services_migrated);
        for c in &choices {
            admissible(&table, c.origin, c.destination, c.earlier_move).unwrap();
        }
        let rehost = choices.iter().filter(|c| c.destination == Destination::Iaas).count() as u32;
        let tariff = store.tariff(&a.tariff_code).await.unwrap().unwrap();
        let population = store
            .ente_profile(&a.organisation_id)
            .await
            .unwrap()
            .unwrap()
            .population
            .expect("the picture's municipalities have a 2011 population");
        let expected = quote(&tariff, population, rehost, a.services - rehost).unwrap();
        assert_eq!((a.amount, a.class), (expected.amount, expected.class), "{}", a.id);
        assert!(a.amount > Cents(0));
        checked += 1;
        if checked == 600 {
            break;
        }
    }
    assert_eq!(checked, 600);
});

engine_test!(the_scuole_tariff_gives_every_school_amount_of_the_real_sample, |store| {
    use cloudpa_domain::programme::call::SCUOLE_1_2_TARIFF;
    store.load_reference_data(T0).await.unwrap();
    let tariff = store.tariff(SCUOLE_1_2_TARIFF).await.unwrap().unwrap();
    let (rows, _) = read_open_data(SAMPLE, |_| {});
    let schools: Vec<_> = rows.iter().filter(|(_, a)| a.kind == EnteKind::Scuola).collect();
    assert!(schools.len() > 100);
    for (line, a) in schools {
        let per_service = tariff.class_for(0).rehost.0;
        assert_eq!(a.amount.0 % per_service, 0, "line {line}: {} is not a multiple of 553 €", a.amount);
        let n = (a.amount.0 / per_service) as u32;
        let q = cloudpa_domain::programme::voucher::quote(&tariff, 0, n, 0);
        assert_eq!(q.map(|q| q.amount), Ok(a.amount), "line {line}: {n} services");
    }
});

engine_test!(an_open_data_row_of_an_application_made_here_is_refused, |store| {
    use cloudpa_domain::programme::voucher::breakdown;
    use cloudpa_store::programme::applications::NewApplication;
    store.load_reference_data(T0).await.unwrap();
    let actor = Actor::cli();
    let org = store
        .create_organisation(
            &actor,
            cloudpa_domain::access::OrganisationKind::PublicBody,
            "Comune di Acquaviva Collecroce",
            Some("c_a050"),
            T0,
        )
        .await
        .unwrap();
    store.save_ente_profile(&actor, &org.id, EnteKind::Comune, "070001", T0).await.unwrap();
    let call = store.find_call("1-2-abilitazione-al-cloud-comuni-aprile-2022").await.unwrap().unwrap();
    let tariff = store.tariff(COMUNI_1_2_TARIFF).await.unwrap().unwrap();
    let quote = breakdown(&tariff, 700, 0, 0).unwrap();
    let user = {
        let new = cloudpa_store::accounts::NewUser {
            organisation_id: &org.id,
            email: "rtd@acquaviva.it",
            display_name: "RTD",
            password: "password-di-prova",
            role: cloudpa_domain::access::Role::Operator,
        };
        store.create_user(&actor, new, T0).await.unwrap()
    };
    let new = NewApplication {
        organisation_id: &org.id,
        call: &call,
        tariff_code: COMUNI_1_2_TARIFF,
        quote: &quote,
        created_by: &user.id,
    };
    store.create_call_application(&actor, &new, T0).await.unwrap();
    let (rows, rejected) = read_open_data(SAMPLE, |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!(summary.imported, 399);
    assert_eq!(summary.rejected.len(), 1);
    assert_eq!(summary.rejected[0].line, 2, "{:?}", summary.rejected);
    assert!(summary.rejected[0].reason.contains("applied to this call on cloudpa"), "{:?}", summary.rejected);
});
