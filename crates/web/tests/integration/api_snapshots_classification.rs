//! A snapshot of every classification operation's answer on the demo data:
//! Genova's RTD classifies its unclassified service, communicates the
//! classification with an edge infrastructure and reads it back; the agency
//! reads the national counts.

use crate::common;

use common::snapshots::{Snapshots, demo, demo_user, organisation};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn classification_answers() {
    let (store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_classification");
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;
    let genova = organisation(&store, "Comune di Genova (demo)").await;
    let inventory = rtd.get(&app, &format!("/api/v1/enti/{genova}/inventory")).await.json();
    let services = inventory["services"].as_array().unwrap();
    let unclassified = services.iter().find(|s| s["data_class"].is_null()).unwrap()["id"].as_str().unwrap();
    let classified = json!({"name": "Gestione sale e impianti sportivi", "data_class": "ordinari"});
    rtd.json(&app, "PUT", &format!("/api/v1/ente-services/{unclassified}"), classified).await;
    let reasons: serde_json::Map<String, Value> = services
        .iter()
        .take(19)
        .map(|s| (s["id"].as_str().unwrap().to_owned(), json!("Dati personali dei cittadini")))
        .collect();
    let edge =
        json!([{"name": "Nodo del Porto Antico", "place": "Genova", "nodes": 4, "operator": "Comune di Genova"}]);
    let body = json!({"reasons": reasons, "edge": edge});
    s.send(&rtd, "POST", "/api/v1/enti/{ente_id}/classifications", &[&genova], body).await;
    s.get(Some(&rtd), "/api/v1/enti/{ente_id}/classifications", &[&genova], "").await;
    s.get(Some(&agency), "/api/v1/classifications", &[], "").await;
    s.finish();
}
