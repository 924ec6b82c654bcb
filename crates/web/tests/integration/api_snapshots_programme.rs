//! A snapshot of the answers about enti and their applications to calls on
//! the demo data: Genova's inventory, a delegation and its financed project
//! taken to payment; the Unione applying for Masone by delegation, refused on
//! one call and renouncing after the decree on the other.

use crate::common;

use axum::Router;
use common::candidature::{choices, open_call};
use common::snapshots::{Snapshots, demo, demo_user, organisation, path};
use common::*;
use serde_json::{Value, json};

/// The `n` services the Unione adds to Masone's inventory, classified.
fn service(n: usize) -> Value {
    json!({"name": format!("Servizio {n}"), "data_class": "ordinari", "origin": "On premise strutturato"})
}

/// The services of a draft: `ids` moved to IaaS as the call's first services.
async fn services(app: &Router, call: &str, ids: &[String]) -> Value {
    let list = get(app, &format!("/api/v1/calls/{call}/services")).await.json();
    let codes: Vec<Value> = list["services"].as_array().unwrap().iter().map(|s| s["code"].clone()).collect();
    choices(&codes, ids, "iaas")
}

/// Opens a draft of `ente` to `call` as `client`; returns its id.
async fn open(app: &Router, client: &Client, ente: &str, call: &str) -> String {
    let uri = format!("/api/v1/enti/{ente}/applications");
    let opened = client.json(app, "POST", &uri, json!({"call_id": call})).await;
    assert_eq!(opened.status.as_u16(), 201, "{}", opened.body);
    opened.json()["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ente_and_application_answers() {
    let (store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_programme");
    let genova = organisation(&store, "Comune di Genova (demo)").await;
    let masone = organisation(&store, "Comune di Masone (demo)").await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let masone_rtd = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    let union = demo_user(&app, "ict@unionevalli.demo.cloudpa.it").await;
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;

    s.get(Some(&union), "/api/v1/enti", &[], "").await;
    let inventory = s.get(Some(&rtd), "/api/v1/enti/{ente_id}/inventory", &[&genova], "").await;
    let profile = json!({"kind": "comune", "istat_code": "010032"});
    s.send(&masone_rtd, "PUT", "/api/v1/enti/{ente_id}/profile", &[&masone], profile).await;
    let room = json!({"name": "Sala server Sampierdarena", "kind": "server_room"});
    let site = s.send(&rtd, "POST", "/api/v1/enti/{ente_id}/sites", &[&genova], room).await;
    let closed = json!({"status": "decommissioned"});
    s.send(&rtd, "POST", "/api/v1/sites/{id}/status", &[site["id"].as_str().unwrap()], closed).await;
    let unclassified = inventory["services"].as_array().unwrap().iter().find(|s| s["data_class"].is_null());
    let unclassified = unclassified.expect("the demo's unclassified service")["id"].as_str().unwrap().to_owned();
    let classified = json!({"name": "Gestione sale e impianti sportivi", "data_class": "ordinari", "origin": "On premise strutturato"});
    s.send(&rtd, "PUT", "/api/v1/ente-services/{id}", &[&unclassified], classified).await;

    let first = s.send(&union, "POST", "/api/v1/enti/{ente_id}/services", &[&masone], service(1)).await;
    let mut ids = vec![first["id"].as_str().unwrap().to_owned()];
    for n in 2..=10 {
        let added = union.json(&app, "POST", &path("/api/v1/enti/{ente_id}/services", &[&masone]), service(n)).await;
        ids.push(added.json()["id"].as_str().unwrap().to_owned());
    }

    s.get(Some(&masone_rtd), "/api/v1/delegations", &[], "").await;
    let granted = s.send(&rtd, "POST", "/api/v1/delegations", &[], json!({"aggregator": "ucvsol_demo"})).await;
    s.send(&rtd, "POST", "/api/v1/delegations/{id}/revoke", &[granted["id"].as_str().unwrap()], json!({})).await;

    // Masone, class 2, asks for 10 services on the demo call; it renounces after the decree.
    let applications = s.get(Some(&rtd), "/api/v1/enti/{ente_id}/applications", &[&genova], "").await;
    let financed = applications["items"][0]["id"].as_str().expect("Genova's financed project").to_owned();
    let demo_call = applications["items"][0]["call"]["id"].as_str().unwrap().to_owned();
    let renounced = open(&app, &union, &masone, &demo_call).await;
    let uri = path("/api/v1/call-applications/{id}", &[&renounced]);
    union.json(&app, "PUT", &format!("{uri}/services"), services(&app, &demo_call, &ids).await).await;
    assert_eq!(union.post(&app, &format!("{uri}/submit")).await.status.as_u16(), 200);
    s.send(&office, "POST", "/api/v1/call-applications/{id}/decree", &[&renounced], json!({})).await;
    let withdrawn = s.send(&union, "POST", "/api/v1/call-applications/{id}/withdraw", &[&renounced], json!({})).await;
    for d in withdrawn["deadlines"].as_array().expect("the deadlines of the decree") {
        assert_eq!((&d["standing"], &d["met"], &d["overdue"]), (&json!("closed"), &json!(false), &json!(false)), "{d}");
    }

    // On a second call, Genova deletes a draft and Masone's application is refused.
    let admin = demo_user(&app, "admin@dtd.demo.cloudpa.it").await;
    let second = open_call(&app, &admin).await;
    let draft =
        s.send(&rtd, "POST", "/api/v1/enti/{ente_id}/applications", &[&genova], json!({"call_id": second})).await;
    s.send(&rtd, "DELETE", "/api/v1/call-applications/{id}", &[draft["id"].as_str().unwrap()], json!({})).await;
    let refused = open(&app, &union, &masone, &second).await;
    let chosen = services(&app, &second, &ids).await;
    s.send(&union, "PUT", "/api/v1/call-applications/{id}/services", &[&refused], chosen).await;
    s.send(&union, "POST", "/api/v1/call-applications/{id}/submit", &[&refused], json!({})).await;
    s.get(Some(&office), "/api/v1/call-applications", &[], "").await;
    let motivation = json!({"motivation": "Servizi non presenti nell'elenco dell'avviso"});
    s.send(&office, "POST", "/api/v1/call-applications/{id}/refusal", &[&refused], motivation).await;

    // Genova's financed project, from its CUP to the payment.
    s.get(Some(&rtd), "/api/v1/call-applications/{id}", &[&financed], "").await;
    s.send(&rtd, "PUT", "/api/v1/call-applications/{id}/cup", &[&financed], json!({"cup": "J11C22000290006"})).await;
    s.send(&rtd, "POST", "/api/v1/call-applications/{id}/contract", &[&financed], json!({})).await;
    let upgrade = json!({"destination": "saas"});
    let improvement = "/api/v1/call-applications/{id}/services/{position}/improvement";
    s.send(&rtd, "POST", improvement, &[&financed, "1"], upgrade).await;
    let migrated = "/api/v1/call-applications/{id}/services/{position}/migrated";
    s.send(&rtd, "POST", migrated, &[&financed, "1"], json!({})).await;
    for position in 2..=17 {
        let done = rtd.post(&app, &path(migrated, &[&financed, &position.to_string()])).await;
        assert_eq!(done.status.as_u16(), 200, "{}", done.body);
    }
    s.send(&rtd, "POST", "/api/v1/call-applications/{id}/complete", &[&financed], json!({})).await;
    let positive = json!({"outcome": "positive"});
    s.send(&office, "POST", "/api/v1/call-applications/{id}/attestation", &[&financed], positive).await;
    let uri = format!("/api/v1/call-applications/{financed}");
    common::attestation::request_payment(&app, &rtd, &uri, cloudpa_workflows::Now::read().today).await;
    s.send(&office, "POST", "/api/v1/call-applications/{id}/payment", &[&financed], json!({})).await;
    s.finish();
}
