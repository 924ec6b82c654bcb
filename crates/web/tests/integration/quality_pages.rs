//! The data-quality page and its CSV (issue 15): the findings of an import
//! of official data, counted by rule and listed by line, in Italian and in
//! English; the dashboard says where a municipality that moved is counted.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::{Actor, engine_test};
use common::*;

engine_test!(the_quality_page_lists_every_finding_and_exports_them, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    // The real sample names municipalities that have merged since 2022.
    let sample_findings = store.findings().await.unwrap().len();
    assert!(sample_findings > 0);
    let first = get(&app, "/qualita-dati").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Codice ISTAT di prima di una variazione"), "the rule named in Italian");
    let in_region = |stats: &serde_json::Value, name: &str| {
        let groups = stats["groups"].as_array().unwrap();
        groups.iter().find(|g| g["key"] == name).map_or(0, |g| g["applications"].as_i64().unwrap())
    };
    let before = get(&app, "/api/v1/stats/applications?group_by=region").await.json();

    // The sample with its first row's CUP spoilt and a row of Montecopiolo
    // with its code of before 2021.
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let montecopiolo = lines[1].replacen("C_A050", "C_F478", 1).replacen(
        "Comune di Acquaviva Collecroce,Acquaviva Collecroce,070001",
        "Comune di Montecopiolo,Montecopiolo,041033",
        1,
    );
    lines.push(montecopiolo);
    lines[1] = lines[1].replacen("I71C22000110006", "I71CA2000110006", 1);
    let (rows, rejected) = read_open_data(lines.join("\n").as_bytes(), |_| {});
    let summary =
        store.import_financed_applications(&Actor::cli(), "ufficiale.csv", &rows, rejected, T0 + 1).await.unwrap();
    assert_eq!((summary.findings, summary.rejected.len()), (sample_findings + 2, 0));

    let page = get(&app, "/qualita-dati").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("CUP non nella forma di un CUP"), "the rule named in Italian");
    assert!(page.body.contains("ufficiale.csv:2<"), "the file and line");
    assert!(
        page.body.contains("<code>041033</code>") && page.body.contains("099030"),
        "the code as published and where it is counted"
    );
    let english = get(&app, "/qualita-dati?lang=en").await;
    assert!(english.body.contains("CUP not in the shape of a CUP"));

    let csv = get(&app, "/qualita-dati.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["dataset", "file", "riga", "record", "campo", "regola", "descrizione", "valore", "nota"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), sample_findings + 2);
    let cup: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[5] == "cup_shape").collect();
    assert_eq!(cup.len(), 1);
    assert_eq!(
        (&cup[0][1], &cup[0][2], &cup[0][4], &cup[0][7]),
        ("ufficiale.csv", "2", "codice_cup", "I71CA2000110006")
    );
    assert_eq!(&cup[0][6], "CUP non nella forma di un CUP");

    let open = get(&app, "/api/v1/programme/open-data/candidature_finanziate.csv").await;
    assert_eq!(open.status, StatusCode::OK);
    assert!(open.body.starts_with("codice_ipa,ente,comune,cod_comune,provincia,cod_provincia,regione,cod_regione,"));
    assert!(
        open.body.contains("c_f478,Comune di Montecopiolo,Montecopiolo,099030,RN,099,Emilia-Romagna,08,"),
        "where it is now"
    );

    let dashboard = get(&app, "/programma/cruscotto").await;
    assert!(dashboard.body.contains("id=\"territory-note\""));
    let after = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    assert_eq!(
        in_region(&after, "Emilia-Romagna"),
        in_region(&before, "Emilia-Romagna") + 1,
        "Montecopiolo counts where it is now"
    );
    assert_eq!(in_region(&after, "Marche"), in_region(&before, "Marche"));
});

engine_test!(the_calls_export_is_the_published_file_and_reads_back_the_same, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let export = get(&app, "/api/v1/calls/export.csv").await;
    assert_eq!(export.status, StatusCode::OK);
    let published = include_str!("../../../../data/padigitale2026_avvisi.csv");
    let mut lines = export.body.lines();
    assert_eq!(lines.next(), published.lines().next(), "the header");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), published.lines().count() - 1);
    // Written as the published file writes its lines, but for the two lines
    // of the ASL/AO call of March 2023, where the file itself writes the
    // measure's budget without its decimal (`526200000`, `987000000`), as no
    // other line does.
    let same = rows.iter().filter(|row| published.lines().any(|l| l == **row)).count();
    assert_eq!(same, rows.len() - 2);
    assert!(published.contains(",526200000,") && export.body.contains(",526200000.0,"));
    assert!(published.contains(",987000000,") && !export.body.contains(",987000000,"));
    let (calls, rejected) = cloudpa_store::reference::read_calls(export.body.as_bytes()).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert!(calls.iter().all(|read| read.findings.is_empty()), "{calls:?}");
    let calls: Vec<_> = calls.into_iter().map(|read| read.call).collect();
    assert_eq!(calls, store.list_calls().await.unwrap());
});

engine_test!(the_projects_per_region_are_written_as_the_published_kpi_file, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    let kpi = get(&app, "/api/v1/programme/open-data/numero_progetti_regione_1_2.csv").await;
    assert_eq!(kpi.status, StatusCode::OK);
    // The published file: its header, and its regions in its order.
    let published =
        include_str!("../../../../data/samples/padigitale2026_dataviz_pa_2026_od_numero_progetti_regione_1_2.csv");
    let names = |text: &str| -> Vec<String> { text.lines().map(|l| l.split(';').next().unwrap().to_owned()).collect() };
    assert_eq!(names(&kpi.body), names(published));
    let stats = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    let mut total = 0;
    for line in kpi.body.lines().skip(1) {
        let (region, count) = line.split_once(';').unwrap();
        let count: i64 = count.parse().unwrap();
        let expected = stats["groups"].as_array().unwrap().iter().find(|g| g["key"] == region);
        assert_eq!(count, expected.map_or(0, |g| g["applications"].as_i64().unwrap()), "{region}");
        total += count;
    }
    assert_eq!(total, 400);
});
