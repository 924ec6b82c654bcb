//! An ente's inventory a page at a time, on both engines: the API answers a
//! page in name order with the total, refuses a page or size out of range
//! naming the field, and the area's page links the other pages.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::snapshots::{demo_user, seed_demo};
use serde_json::json;

engine_test!(an_inventory_is_read_a_page_at_a_time, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let ente = rtd.get(&app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let inventory = format!("/api/v1/enti/{ente}/inventory");
    let before = rtd.get(&app, &inventory).await.json()["services_total"].as_u64().unwrap();
    for n in 0..120 {
        let service = json!({"name": format!("Servizio {n:03}"), "data_class": "ordinari"});
        let added = rtd.json(&app, "POST", &format!("/api/v1/enti/{ente}/services"), service).await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let total = before + 120;

    let first = rtd.get(&app, &inventory).await.json();
    assert_eq!(
        (&first["page"], &first["page_size"], &first["services_total"]),
        (&json!(1), &json!(100), &json!(total))
    );
    assert_eq!(first["services"].as_array().unwrap().len(), 100);
    let mut names = Vec::new();
    for page in 1..=total.div_ceil(25) {
        let answer = rtd.get(&app, &format!("{inventory}?page={page}&page_size=25")).await.json();
        names.extend(answer["services"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()));
    }
    assert_eq!(names.len() as u64, total, "every service on exactly one page");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "in name order");
    let past = rtd.get(&app, &format!("{inventory}?page=99")).await.json();
    assert_eq!((past["services"].as_array().unwrap().len(), &past["services_total"]), (0, &json!(total)));

    for (query, field) in [("page=0", "page"), ("page_size=0", "page_size"), ("page_size=501", "page_size")] {
        let refused = rtd.get(&app, &format!("{inventory}?{query}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{query}: {}", refused.body);
        assert_eq!(refused.json()["errors"][0]["field"], field, "{query}");
    }
    let refused = rtd.get(&app, &format!("{inventory}?page=uno")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);

    let area = rtd.get(&app, "/ente").await.body;
    assert!(area.contains(&format!("Servizi in tutto: {total}")), "{area}");
    assert!(area.contains(&format!("/ente?ente={ente}&#38;page=2#services-title")), "a link to the second page");
    assert_eq!(area.matches("<form method=\"post\" action=\"/ente/servizi/").count(), 50, "one page of 50 services");
    let last = total.div_ceil(50);
    let end = rtd.get(&app, &format!("/ente?ente={ente}&page={last}")).await.body;
    assert!(end.contains("aria-current=\"page\">3<"), "{end}");
});

engine_test!(an_entes_public_page_shows_its_sites_a_page_at_a_time, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let ente = rtd.get(&app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let sites = |body: &str| {
        let table = body.split("id=\"sites\"").nth(1).map_or("", |t| t.split("</table>").next().unwrap());
        table.matches("<tr><td>").map(|_| ()).count()
    };
    let before = sites(&rtd.get(&app, "/enti/c_d969").await.body);
    for n in 0..120 {
        let room = json!({"name": format!("Sala server {n:03}"), "kind": "server_room"});
        let added = rtd.json(&app, "POST", &format!("/api/v1/enti/{ente}/sites"), room).await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let total = before + 120;
    let first = rtd.get(&app, "/enti/c_d969").await.body;
    assert_eq!(sites(&first), 50, "the first page of 50 sites");
    assert!(first.contains(&format!("{total} in tutto")), "the total is said");
    assert!(first.contains("href=\"/enti/c_d969?sedi=2#sites-title\""), "a link to the second page");
    let mut seen = 0;
    for page in 1..=total.div_ceil(50) {
        seen += sites(&rtd.get(&app, &format!("/enti/c_d969?sedi={page}")).await.body);
    }
    assert_eq!(seen, total, "every site on exactly one page");
    let past = rtd.get(&app, "/enti/c_d969?sedi=99").await;
    assert_eq!((past.status, sites(&past.body)), (StatusCode::OK, 0), "past the end: no rows");
    let refused = rtd.get(&app, "/enti/c_d969?sedi=uno").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "a page that is not a number");
});
