//! The programme's open data over HTTP on both engines: the stats API, its
//! CSV, and the dashboard page with its chart and data table.

mod common;

use axum::http::StatusCode;
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::{Actor, Store, engine_test};
use common::*;

const SAMPLE: &[u8] = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");

async fn seed(store: &Store) {
    store.load_reference_data(T0).await.unwrap();
    let (rows, rejected) = read_open_data(SAMPLE, |_| {});
    store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, rejected, T0).await.unwrap();
}

engine_test!(stats_group_the_applications_and_name_bad_parameters, |store| {
    seed(&store).await;
    let app = app(&store, unlimited()).await;
    let regions = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    let groups = regions["groups"].as_array().unwrap();
    let sum: i64 = groups.iter().map(|g| g["amount_cents"].as_i64().unwrap()).sum();
    assert_eq!(sum, regions["totals"]["amount_cents"].as_i64().unwrap());
    assert_eq!(regions["totals"]["applications"], 400);
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
    seed(&store).await;
    let page = get(&app, "/programma/cruscotto").await;
    assert_eq!(page.status, StatusCode::OK);
    let regions = get(&app, "/api/v1/stats/applications").await.json();
    let rows = page.body.split("id=\"regions\"").nth(1).unwrap().matches("<tr><th scope=\"row\">").count();
    assert_eq!(rows, regions["groups"].as_array().unwrap().len());
    assert_eq!(page.body.matches("<rect ").count(), rows, "a bar per region");
    assert!(page.body.contains("role=\"img\" aria-labelledby=\"chart-title\""));
    assert!(page.body.contains("<p class=\"h3 mb-0\" id=\"total-applications\">400</p>"));
});
