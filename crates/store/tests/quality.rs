//! Official data as it comes, on both engines: a row whose fields break their
//! rules is taken with its data-quality findings, a municipality that moved
//! counts where it is now, and only a row that cannot be identified or would
//! corrupt another is rejected. A re-import replaces a record's findings.
//! Financed applications and catalogue files alike.

use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::stats::{GroupBy, StatsFilter};
use cloudpa_store::quality::FINANCED_APPLICATIONS;
use cloudpa_store::{Actor, engine_test};

const T0: i64 = 1_790_000_000_000;
const HEADER: &str = "codice_ipa,ente,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,\
importo_finanziamento,avviso,data_invio_candidatura,data_finanziamento,codice_cup,numero_finestra_temporale,\
numero_di_protocollo,stato_candidatura,misura,tipologia_ente";
const CALL: &str = "1.2 Abilitazione al cloud - Comuni - Aprile 2022";
const MEASURE: &str = "1.2 Abilitazione e facilitazione migrazione al Cloud";

/// A row of the open data, as the real file writes it.
fn row(ipa: &str, name: &str, istat: &str, euros: &str, cup: &str) -> String {
    format!(
        "{ipa},Comune di {name},{name},{istat},XX,000,Regione,00,{euros},{CALL},2022-05-04T11:58:51.000+0000,\
         2022-08-08,{cup},1.0,28.0,A,{MEASURE},Comune"
    )
}

engine_test!(official_rows_are_taken_as_published_with_their_findings, |store| {
    store.load_reference_data(T0).await.unwrap();
    let file = [
        HEADER.to_owned(),
        // A letter where a digit of the year belongs (position 5).
        row("C_A050", "Acquaviva Collecroce", "070001", "47427.0", "I71CA2000110006"),
        // Montecopiolo with its code of Pesaro e Urbino (Marche), before it
        // moved to Rimini (Emilia-Romagna) on 2021-06-17.
        row("C_F478", "Montecopiolo", "041033", "40000.0", "J11C22000290006"),
        // The ISTAT code of Como without its leading zero, as a spreadsheet writes it.
        row("C_C933", "Como", "13075", "419124.0", "J11C22000290007"),
        // The same ente and call again: it would overwrite line 2.
        row("C_A050", "Acquaviva Collecroce", "070001", "1.0", "I71C22000110006"),
    ]
    .join("\n");
    let (rows, rejected) = read_open_data(file.as_bytes(), |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "full.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!(summary.imported, 3, "{:?}", summary.rejected);
    let rejected: Vec<(u64, &str)> = summary.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0].0, 5);
    assert!(rejected[0].1.contains("line 2"), "the duplicate names the first line: {}", rejected[0].1);
    assert_eq!(summary.findings, 3);

    let mut findings = store.findings().await.unwrap();
    findings.sort_by_key(|f| f.line);
    let seen: Vec<(i64, &str, &str, &str)> =
        findings.iter().map(|f| (f.line, f.field.as_str(), f.rule.as_str(), f.value.as_str())).collect();
    assert_eq!(
        seen,
        [
            (2, "codice_cup", "cup_shape", "I71CA2000110006"),
            (3, "cod_comune", "istat_moved", "041033"),
            (4, "cod_comune", "istat_leading_zeros", "13075"),
        ]
    );
    assert!(findings.iter().all(|f| f.dataset == FINANCED_APPLICATIONS && f.source == "full.csv"));
    assert!(findings[1].note.contains("099030") && findings[1].note.contains("Emilia-Romagna"), "{}", findings[1].note);
    let cup = store.fetch_i64("SELECT COUNT(*) FROM financed_applications WHERE cup = 'I71CA2000110006'").await;
    assert_eq!(cup, 1, "the CUP is kept as published");

    // Montecopiolo counts in Emilia-Romagna, where it is now.
    let (regions, _) = store.application_stats(GroupBy::Region, &StatsFilter::default()).await.unwrap();
    let region = |name: &str| regions.iter().find(|g| g.key == name).map(|g| (g.applications, g.amount_cents));
    assert_eq!(region("Emilia-Romagna"), Some((1, 4_000_000)));
    assert_eq!(region("Marche"), None);
    let placed = store.fetch_i64("SELECT COUNT(*) FROM enti WHERE istat_code IN ('099030', '013075')").await;
    assert_eq!(placed, 2);

    // The file corrected: the CUP's finding goes, the others stay.
    let fixed = file.replacen("I71CA2000110006", "I71C22000110006", 1);
    let (rows, rejected) = read_open_data(fixed.as_bytes(), |_| {});
    let again = store.import_financed_applications(&Actor::cli(), "full.csv", &rows, rejected, T0 + 1).await.unwrap();
    assert_eq!((again.imported, again.updated, again.unchanged, again.findings), (0, 1, 2, 2));
    let rules: Vec<String> = store.findings().await.unwrap().into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["istat_moved", "istat_leading_zeros"]);
    let counts = store.finding_counts().await.unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 2);
});

engine_test!(a_row_that_cannot_be_placed_stays_with_a_known_ente, |store| {
    store.load_reference_data(T0).await.unwrap();
    let first = [HEADER.to_owned(), row("C_A050", "Acquaviva Collecroce", "070001", "10.0", "")].join("\n");
    let (rows, rejected) = read_open_data(first.as_bytes(), |_| {});
    store.import_financed_applications(&Actor::cli(), "a.csv", &rows, rejected, T0).await.unwrap();
    // A later file with a code no municipality had: the ente is known, so
    // its record stays where the ente is; an unknown ente cannot be placed.
    let later = HEADER.to_owned()
        + "\n"
        + &row("C_A050", "Acquaviva Collecroce", "999999", "10.0", "").replace(CALL, "1.2 Luglio")
        + "\n"
        + &row("C_X001", "Nessuno", "999999", "10.0", "");
    let (rows, rejected) = read_open_data(later.as_bytes(), |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "b.csv", &rows, rejected, T0 + 1).await.unwrap();
    assert_eq!(summary.imported, 1);
    assert_eq!(summary.rejected.len(), 1);
    assert_eq!(summary.rejected[0].line, 3);
    let findings = store.findings().await.unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!((findings[0].rule.as_str(), findings[0].value.as_str()), ("istat_unknown", "999999"));
    assert!(findings[0].note.starts_with("070001"), "{}", findings[0].note);
});

/// `rows` as a CSV file with the published header.
fn csv_file(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(cloudpa_domain::programme::open_data_format::COLUMNS).unwrap();
    for row in rows {
        out.write_record(row).unwrap();
    }
    out.into_inner().unwrap()
}

engine_test!(the_open_data_export_reads_back_as_the_same_records, |store| {
    const SAMPLE: &[u8] = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");
    store.load_reference_data(T0).await.unwrap();
    let (rows, rejected) = read_open_data(SAMPLE, |_| {});
    store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, rejected, T0).await.unwrap();
    let exported = store.open_data_rows().await.unwrap();
    assert_eq!(exported.len(), 400);

    // The published columns, in their order, with the published values.
    let mut sample = csv::Reader::from_reader(SAMPLE);
    let header: Vec<String> = sample.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, cloudpa_domain::programme::open_data_format::COLUMNS);
    let key = |r: &[String]| (r[0].to_lowercase(), r[9].clone());
    let by_key: std::collections::HashMap<_, _> = exported.iter().map(|r| (key(r), r)).collect();
    // A municipality that has since merged or moved is written where it is
    // now, as its finding says.
    let moved: std::collections::HashMap<String, String> = store
        .findings()
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.rule == "istat_moved")
        .map(|f| (f.record, f.note))
        .collect();
    for published in sample.records().map(Result::unwrap) {
        let published: Vec<String> = published.iter().map(str::to_owned).collect();
        let ours = by_key[&key(&published)];
        for column in [1, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] {
            assert_eq!(ours[column], published[column], "{}: {}", published[0], header[column]);
        }
        if ours[3] != published[3] {
            let record = format!("{} · {}", published[0].to_lowercase(), published[9]);
            assert!(moved.get(&record).is_some_and(|note| note.contains(&ours[3])), "{record}: {}", ours[3]);
        } else {
            assert_eq!((&ours[5], &ours[7]), (&published[5], &published[7]), "{}", published[0]);
        }
    }

    // Export, then import: the same records, nothing changed; and the
    // export of the import is the same file.
    let file = csv_file(&exported);
    let (rows, rejected) = read_open_data(&file, |_| {});
    assert!(rejected.is_empty(), "{rejected:?}");
    let again = store.import_financed_applications(&Actor::cli(), "export.csv", &rows, rejected, T0 + 1).await.unwrap();
    assert_eq!((again.imported, again.updated, again.unchanged, again.findings), (0, 0, 400, 0));
    assert_eq!(csv_file(&store.open_data_rows().await.unwrap()), file);
});

engine_test!(an_ente_in_a_municipality_that_moved_follows_it_when_the_territory_loads, |store| {
    store.load_reference_data(T0).await.unwrap();
    // An ente placed before the territory had its history: at Montecopiolo's
    // code of Pesaro e Urbino.
    for sql in [
        "INSERT INTO organisations (id, kind, name, ipa_code, created_at_ms) \
         VALUES ('o1', 'public_body', 'Comune di Montecopiolo', 'c_f478', 0)",
        "INSERT INTO enti (organisation_id, kind, istat_code) VALUES ('o1', 'comune', '041033')",
        "DELETE FROM reference_datasets WHERE name = 'municipalities'",
    ] {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    let reports = store.load_reference_data(T0 + 1).await.unwrap();
    assert!(reports.iter().any(|r| r.name == "municipalities" && r.loaded));
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM enti WHERE istat_code = '099030'").await, 1);
    let region = "SELECT COUNT(*) FROM enti e JOIN municipalities m ON m.istat_code = e.istat_code \
                  WHERE m.region = 'Emilia-Romagna'";
    assert_eq!(store.fetch_i64(region).await, 1);
});

engine_test!(a_municipality_made_after_the_census_is_counted_without_a_class, |store| {
    store.load_reference_data(T0).await.unwrap();
    // Misiliscemi was made in 2021 from part of Trapani: no 2011 population.
    let file = [HEADER.to_owned(), row("C_M432", "Misiliscemi", "081025", "50000.0", "")].join("\n");
    let (rows, rejected) = read_open_data(file.as_bytes(), |_| {});
    let summary = store.import_financed_applications(&Actor::cli(), "m.csv", &rows, rejected, T0).await.unwrap();
    assert_eq!((summary.imported, summary.findings, summary.rejected.len()), (1, 0, 0));
    let (classes, totals) = store.application_stats(GroupBy::Class, &StatsFilter::default()).await.unwrap();
    assert_eq!(classes.iter().map(|g| g.applications).sum::<i64>(), totals.applications);
    assert_eq!(classes.iter().find(|g| g.key == "none").map(|g| g.applications), Some(1));
    let (regions, _) = store.application_stats(GroupBy::Region, &StatsFilter::default()).await.unwrap();
    assert_eq!(regions.iter().find(|g| g.key == "Sicilia").map(|g| g.applications), Some(1));
});

/// A catalogue file: the sample's header and `rows`.
fn listings_file(rows: &[&str]) -> String {
    let sample = include_str!("../../../data/samples/catalogo_esempio.csv");
    let header = sample.lines().next().unwrap();
    std::iter::once(header).chain(rows.iter().copied()).collect::<Vec<_>>().join("\n")
}

engine_test!(a_listing_that_identifies_itself_is_taken_with_its_findings, |store| {
    use cloudpa_store::catalogue::import::{RowOutcome, read_catalogue_file};
    use cloudpa_store::quality::CATALOGUE_LISTINGS;
    store.load_reference_data(T0).await.unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let rows = [
        // The check digit of 12345670017 is 7: the VAT number is kept as published.
        "12345670018,Nuvola S.r.l.,,DC Roma,IT,Posta,SaaS,QC1,Collaborazione,,IT,,,SLI1=99%;SLI42=1h,qualified:2024-01-01",
        // No VAT number: the listing has no provider.
        ",Nessuno S.r.l.,,DC Roma,IT,Anagrafe,SaaS,QC1,Demografici,,IT,,,,qualified:2024-01-01",
        // Line 2 again.
        "12345670018,Nuvola S.r.l.,,DC Roma,IT,Posta,SaaS,QC1,Collaborazione,,IT,,,,qualified:2024-01-01",
    ];
    let file = listings_file(&rows);
    let import = async |file: &str, at: i64| {
        let (records, rejected) = read_catalogue_file(file.as_bytes(), as_of);
        let outcomes = store.import_catalogue(&Actor::cli(), "catalogo.csv", &records, at).await.unwrap();
        (outcomes, rejected)
    };
    let (outcomes, rejected) = import(&file, T0).await;
    assert!(matches!(outcomes[0], (2, RowOutcome::Imported { findings: 2, .. })), "{outcomes:?}");
    assert!(matches!(&outcomes[1], (4, RowOutcome::Rejected { reason }) if reason.contains("line 2")), "{outcomes:?}");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].line, 3);
    assert!(rejected[0].reason.starts_with("provider_vat: "), "{}", rejected[0].reason);

    let findings = store.findings().await.unwrap();
    let seen: Vec<(i64, &str, &str, &str)> =
        findings.iter().map(|f| (f.line, f.field.as_str(), f.rule.as_str(), f.value.as_str())).collect();
    assert_eq!(
        seen,
        [(2, "provider_vat", "vat_check", "12345670018"), (2, "service_levels", "service_level", "SLI42=1h")]
    );
    assert!(findings.iter().all(|f| f.dataset == CATALOGUE_LISTINGS && f.record == "12345670018 · Posta"));
    let vat = store.fetch_i64("SELECT COUNT(*) FROM provider_profiles WHERE vat_number = '12345670018'").await;
    assert_eq!(vat, 1, "the VAT number is kept as published");

    // The levels corrected: the listing is present already, its level's finding goes.
    let fixed = listings_file(&[&rows[0].replace(";SLI42=1h", "")]);
    let (outcomes, _) = import(&fixed, T0 + 1).await;
    assert!(matches!(outcomes[0], (2, RowOutcome::Present { findings: 1, .. })), "{outcomes:?}");
    let rules: Vec<String> = store.findings().await.unwrap().into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["vat_check"]);
    let counts = store.finding_counts().await.unwrap();
    assert_eq!(counts.iter().map(|c| (c.dataset.as_str(), c.count)).collect::<Vec<_>>(), [(CATALOGUE_LISTINGS, 1)]);
});

engine_test!(a_call_is_taken_with_its_findings_and_a_corrected_file_clears_them, |store| {
    use cloudpa_store::quality::CALLS;
    use cloudpa_store::reference::read_calls;
    store.load_reference_data(T0).await.unwrap();
    let header = "titolo,misura,data_inizio_bando,data_fine_bando,stato,totale_importo_stanziato,totale_importo_misura,\
                  soggetti_destinatari";
    let file = |row: &str| format!("{header}\n{row}\n");
    let spoilt = file("Avviso di prova,1.2 Abilitazione,17/07/2025,2025-07-01,,-5.0,987000000.0,Comuni");
    let (calls, rejected) = read_calls(spoilt.as_bytes()).unwrap();
    assert_eq!(rejected, []);
    assert_eq!(store.import_calls(&Actor::cli(), &calls, "avvisi.csv", T0 + 1).await.unwrap(), 4);
    let call = store.find_call("avviso-di-prova").await.unwrap().unwrap();
    assert_eq!(call.opens_on, chrono::NaiveDate::from_ymd_opt(2025, 7, 17), "read from DD/MM/YYYY");
    assert_eq!((call.budget, call.status.as_str()), (None, ""));
    let findings = store.findings().await.unwrap();
    let seen: Vec<(&str, &str, &str)> =
        findings.iter().map(|f| (f.field.as_str(), f.rule.as_str(), f.value.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("data_fine_bando", "date_order", "2025-07-01"),
            ("data_inizio_bando", "date_format", "17/07/2025"),
            ("stato", "required", ""),
            ("totale_importo_stanziato", "amount_format", "-5.0"),
        ]
    );
    assert!(findings.iter().all(|f| f.dataset == CALLS && f.record == "avviso-di-prova" && f.line == 2));

    let fixed = file("Avviso di prova,1.2 Abilitazione,2025-06-17,2025-07-01,TERMINATO,5.0,987000000.0,Comuni");
    let (calls, _) = read_calls(fixed.as_bytes()).unwrap();
    assert_eq!(store.import_calls(&Actor::cli(), &calls, "avvisi.csv", T0 + 2).await.unwrap(), 0);
    assert_eq!(store.findings().await.unwrap(), []);
    let call = store.find_call("avviso-di-prova").await.unwrap().unwrap();
    assert_eq!(call.budget, Some(cloudpa_domain::money::Cents(500)));
});

#[test]
fn the_shipped_calls_file_has_no_findings() {
    let shipped = include_bytes!("../../../data/padigitale2026_avvisi.csv");
    let (calls, rejected) = cloudpa_store::reference::read_calls(shipped).unwrap();
    assert_eq!(rejected, []);
    assert!(calls.len() > 10);
    for read in &calls {
        assert_eq!(read.findings, [], "line {}", read.line);
    }
}
