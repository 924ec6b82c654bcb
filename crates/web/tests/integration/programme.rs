//! The programme's open data over HTTP on both engines: the stats API, its
//! CSV, and the dashboard page with its chart and data table.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_store::{Actor, engine_test};
use common::*;

engine_test!(stats_group_the_applications_and_name_bad_parameters, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    let regions = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    let groups = regions["groups"].as_array().unwrap();
    let sum: i64 = groups.iter().map(|g| g["amount_cents"].as_i64().unwrap()).sum();
    assert_eq!(sum, regions["totals"]["amount_cents"].as_i64().unwrap());
    assert_eq!(regions["totals"]["applications"], 400);
    let totals = &regions["totals"];
    let share = totals["amount_decreed_south_cents"].as_i64().unwrap() as f64
        / totals["amount_decreed_cents"].as_i64().unwrap() as f64;
    assert!((totals["south_share_percent"].as_f64().unwrap() - (share * 1000.0).floor() / 10.0).abs() < 1e-9);
    assert_eq!(totals["south_reserve_met"], share >= 0.4);
    let liguria = groups.iter().find(|g| g["key"] == "Liguria");
    assert!(liguria.is_some_and(|g| g["amount_eur"].as_f64().unwrap() > 0.0), "{regions}");
    let schools = get(&app, "/api/v1/stats/applications?group_by=status&kind=scuola").await.json();
    assert_eq!(schools["kind"], "scuola");
    assert!(schools["totals"]["applications"].as_i64().unwrap() < 400);
    let csv = get(&app, "/api/v1/stats/applications?group_by=region&format=csv").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(csv.body.lines().count(), groups.len() + 2, "a header, a row per region, the total");
    assert!(csv.body.lines().last().unwrap().starts_with("total,400,"));
    for (uri, field) in [
        ("/api/v1/stats/applications?group_by=colour", "group_by"),
        ("/api/v1/stats/applications?kind=ufo", "kind"),
        ("/api/v1/stats/applications?regione=Liguria", "regione"),
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.json()["errors"][0]["field"], field);
    }
});

engine_test!(the_dashboard_has_a_chart_with_its_data_table, |store| {
    let app = app(&store, unlimited()).await;
    let empty = get(&app, "/programma/cruscotto").await;
    assert!(empty.body.contains("id=\"no-data\""));
    seed_sample(&store).await;
    let page = get(&app, "/programma/cruscotto").await;
    assert_eq!(page.status, StatusCode::OK);
    let regions = get(&app, "/api/v1/stats/applications").await.json();
    let rows = |body: &str| {
        let table = body.split("id=\"groups\"").nth(1).unwrap().split("</table>").next().unwrap();
        table.matches("<tr><th scope=\"row\">").count()
    };
    assert_eq!(rows(&page.body), regions["groups"].as_array().unwrap().len());
    let chart = |body: &str| {
        body.split("aria-labelledby=\"chart-title\"").nth(1).unwrap().split("</svg>").next().unwrap().to_owned()
    };
    assert_eq!(chart(&page.body).matches("<rect ").count(), rows(&page.body), "a bar per region");
    assert!(page.body.contains("role=\"img\" aria-labelledby=\"chart-title\""));
    assert!(page.body.contains("<p class=\"h3 mb-0\" id=\"total-applications\">400</p>"));
    assert!(page.body.contains("href=\"/programma/cruscotto?regione=Liguria\""));
    assert!(page.body.contains("id=\"south-reserve\""));

    // The progress over time: every ente financed and not withdrawn by the
    // last month, none migrated on a dated record yet.
    let timeline = get(&app, "/programma/cruscotto/andamento.csv").await;
    assert_eq!(timeline.status, StatusCode::OK);
    let mut months = csv::Reader::from_reader(timeline.body.as_bytes());
    assert_eq!(months.headers().unwrap().iter().collect::<Vec<_>>(), ["mese", "enti_finanziati", "enti_migrati"]);
    let months: Vec<csv::StringRecord> = months.records().map(Result::unwrap).collect();
    let counts: Vec<u64> = months.iter().map(|m| m[1].parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "cumulative: {counts:?}");
    let financed =
        store.fetch_i64("SELECT COUNT(DISTINCT organisation_id) FROM financed_applications WHERE status <> 'R'").await;
    assert_eq!(*counts.last().unwrap() as i64, financed);
    assert!(months.iter().all(|m| &m[2] == "0"));
    let section = page.body.split("id=\"timeline\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert_eq!(section.matches("<polyline ").count(), 2);
    assert_eq!(section.matches("<tr><th scope=\"row\">").count(), months.len(), "the chart's data table");
    assert!(section.contains("href=\"/programma/cruscotto/andamento.csv\""));

    let liguria = get(&app, "/programma/cruscotto?regione=Liguria").await;
    let provinces = get(&app, "/api/v1/stats/applications?group_by=province&region=Liguria").await.json();
    assert_eq!(rows(&liguria.body), provinces["groups"].as_array().unwrap().len());
    assert!(
        liguria.body.contains("href=\"/programma/cruscotto?regione=Liguria&#38;provincia=Genova\""),
        "{}",
        liguria.body
    );
    let genova = get(&app, "/programma/cruscotto?regione=Liguria&provincia=Genova").await;
    let csv = get(&app, "/api/v1/programme/applications.csv?region=Liguria&province=Genova").await;
    assert_eq!(
        rows(&genova.body),
        csv.body.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect::<std::collections::BTreeSet<_>>().len()
    );
    let ipa = csv.body.lines().nth(1).unwrap().split(',').next().unwrap().to_owned();
    let ente = get(&app, &format!("/enti/{ipa}")).await;
    assert_eq!(ente.status, StatusCode::OK);
    assert!(ente.body.contains(&format!("<span id=\"ipa\">{ipa}</span>")));
    assert_eq!(get(&app, "/enti/nessuno").await.status, StatusCode::NOT_FOUND);
});

engine_test!(applications_export_as_csv_and_xlsx_with_every_row, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    let csv = get(&app, "/api/v1/programme/applications.csv").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 400);
    let amount = reader.headers().unwrap().iter().position(|h| h == "importo_eur").unwrap();
    let cents: i64 = records.iter().map(|r| cloudpa_domain::money::parse_euros(&r[amount]).unwrap().0).sum();
    let totals = get(&app, "/api/v1/stats/applications").await.json();
    assert_eq!(cents, totals["totals"]["amount_cents"].as_i64().unwrap());
    let schools = get(&app, "/api/v1/programme/applications.xlsx?kind=scuola").await;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(schools.bytes)).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("Candidature").unwrap();
    let expected =
        get(&app, "/api/v1/stats/applications?kind=scuola").await.json()["totals"]["applications"].as_u64().unwrap();
    assert_eq!(sheet.height() as u64, expected + 1);
    assert_eq!(get(&app, "/api/v1/programme/applications.csv?kind=ufo").await.status, StatusCode::BAD_REQUEST);
});

engine_test!(calls_publish_their_service_list_provisional_until_loaded, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let calls = store.list_calls().await.unwrap();
    let comuni =
        calls.iter().filter(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF)).max_by_key(|c| c.opens_on).unwrap();
    let other = calls.iter().find(|c| c.voucher_tariff().is_none()).unwrap();
    let list = get(&app, &format!("/api/v1/calls/{}/services", comuni.id)).await.json();
    assert_eq!(list["provisional"], true);
    assert_eq!(list["services"].as_array().unwrap().len(), 40);
    assert_eq!(get(&app, &format!("/api/v1/calls/{}/services", other.id)).await.status, StatusCode::NOT_FOUND);
    let page = get(&app, "/programma").await;
    assert!(page.body.contains("id=\"provisional\""), "the provisional list is labelled");
    assert!(page.body.contains("TRIBUTI MINORI"));

    let official = cloudpa_store::programme::setup::read_service_list(b"codice,servizio\nT1,TRIBUTI MINORI\n").unwrap();
    store.load_call_services(&Actor::cli(), &comuni.id, &official, "ufficiale.csv", T0).await.unwrap();
    let list = get(&app, &format!("/api/v1/calls/{}/services", comuni.id)).await.json();
    assert_eq!((list["provisional"].as_bool(), list["version"].as_i64()), (Some(false), Some(1)));
    assert!(!get(&app, "/programma").await.body.contains("id=\"provisional\""));
});

engine_test!(the_programme_office_sets_a_calls_windows_and_deadlines, |store| {
    use cloudpa_domain::access::{OrganisationKind, Role};
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Operator, "staff@dtd.it").await;
    let calls = store.list_calls().await.unwrap();
    let call =
        calls.iter().filter(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF)).max_by_key(|c| c.opens_on).unwrap();
    let uri = format!("/api/v1/calls/{}/settings", call.id);
    let defaults = get(&app, &uri).await.json();
    assert_eq!(defaults["version"], 0);
    assert_eq!(defaults["settings"]["windows"][0]["opens_on"], call.opens_on.unwrap().to_string());
    assert_eq!(defaults["settings"]["deadlines"][0]["to_class"], 7, "the Comuni tariff has 7 classes");

    let settings = serde_json::json!({
        "windows": [{"opens_on": "2025-07-01", "closes_on": "2025-07-30"}, {"opens_on": "2025-08-01", "closes_on": "2025-08-30"}],
        "deadlines": [
            {"from_class": 1, "to_class": 3, "contract_months": 6, "completion_months": 15},
            {"from_class": 4, "to_class": 7, "contract_months": 9, "completion_months": 18}
        ]
    });
    let staff = Client::sign_in(&app, "staff@dtd.it").await;
    assert_eq!(staff.json(&app, "PUT", &uri, settings.clone()).await.status, StatusCode::FORBIDDEN);
    let admin = Client::sign_in(&app, "admin@dtd.it").await;
    let saved = admin.json(&app, "PUT", &uri, settings.clone()).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.json()["version"], 1);
    let mut stored = settings.clone();
    stored["eligibility_start"] = "2020-02-01".into();
    assert_eq!(get(&app, &uri).await.json()["settings"], stored, "eligibility starts on 1 Feb 2020 unless set");

    let mut overlapping = settings.clone();
    overlapping["windows"][1]["opens_on"] = "2025-07-15".into();
    let refused = admin.json(&app, "PUT", &uri, overlapping).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "windows[1].opens_on");
    let mut gap = settings;
    gap["deadlines"][1]["from_class"] = 5.into();
    assert_eq!(admin.json(&app, "PUT", &uri, gap).await.json()["errors"][0]["field"], "deadlines");
    assert_eq!(get(&app, &uri).await.json()["version"], 1, "a refused change writes nothing");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'call.settings'").await, 1);
});
