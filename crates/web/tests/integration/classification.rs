//! The classification an administration communicates to the agency, on both
//! engines: refused while a service of its inventory has no class or no
//! reasons, each submission a new whole version, another ente refused, and
//! the agency's national counts by class, region and kind of ente.

use crate::common;

use cloudpa_store::engine_test;
use common::snapshots::{demo_user, organisation, seed_demo};
use serde_json::{Value, json};

engine_test!(an_administration_communicates_its_classification_in_versions, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;
    let genova = organisation(&store, "Comune di Genova (demo)").await;
    let inventory = rtd.get(&app, &format!("/api/v1/enti/{genova}/inventory")).await.json();
    let services = inventory["services"].as_array().unwrap().clone();
    let reasons: serde_json::Map<String, Value> = services
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), json!(format!("Dati di {}", s["name"].as_str().unwrap()))))
        .collect();
    let uri = format!("/api/v1/enti/{genova}/classifications");
    assert_eq!(rtd.get(&app, &uri).await.json(), json!({"items": []}), "none sent yet");

    // The demo's sports-halls service has no class: the communication names it and nothing is written.
    let refused = rtd.json(&app, "POST", &uri, json!({"reasons": reasons})).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Gestione sale e impianti sportivi"), "{}", refused.body);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM classification_communications").await, 0);
    let unclassified = services.iter().find(|s| s["data_class"].is_null()).unwrap()["id"].as_str().unwrap().to_owned();
    let classified = json!({"name": "Gestione sale e impianti sportivi", "data_class": "ordinari", "origin": "On premise strutturato"});
    let updated = rtd.json(&app, "PUT", &format!("/api/v1/ente-services/{unclassified}"), classified).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let mut without_one = reasons.clone();
    without_one.insert(unclassified.clone(), json!("  "));
    let refused = rtd.json(&app, "POST", &uri, json!({"reasons": without_one})).await;
    assert_eq!(refused.status, 422, "reasons are required: {}", refused.body);
    assert!(refused.body.contains(&format!("reasons.{unclassified}")), "{}", refused.body);
    let bad_edge =
        json!({"reasons": reasons, "edge": [{"name": "Nodo", "place": "", "nodes": 0, "operator": "Comune"}]});
    let refused = rtd.json(&app, "POST", &uri, bad_edge).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("edge.0.place") && refused.body.contains("edge.0.nodes"), "{}", refused.body);

    let edge =
        json!([{"name": "Nodo del Porto Antico", "place": "Genova", "nodes": 4, "operator": "Comune di Genova"}]);
    let first = rtd.json(&app, "POST", &uri, json!({"reasons": reasons, "edge": edge})).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let first = first.json();
    assert_eq!(first["version"], 1);
    assert_eq!(first["services"].as_array().unwrap().len(), 19);
    assert_eq!(first["services"][0]["migrate_by"], "2026-06-30", "the Piano Triennale's term, unconfirmed");
    let second = rtd.json(&app, "POST", &uri, json!({"reasons": reasons})).await;
    assert_eq!(second.json()["version"], 2);
    let versions = rtd.get(&app, &uri).await.json()["items"].clone();
    assert_eq!(versions[1]["edge"][0]["nodes"], 4, "each version whole: {versions}");
    assert!(versions[0]["edge"].as_array().unwrap().is_empty());

    // Another ente, or the agency, cannot write it; the ente cannot read the national counts.
    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    assert_eq!(masone.get(&app, &uri).await.status, 403);
    assert_eq!(masone.json(&app, "POST", &uri, json!({"reasons": {}})).await.status, 403);
    assert_eq!(agency.json(&app, "POST", &uri, json!({"reasons": {}})).await.status, 403);
    assert_eq!(rtd.get(&app, "/api/v1/classifications").await.status, 403);

    let national = agency.get(&app, "/api/v1/classifications").await.json();
    assert_eq!(national["administrations"], 1, "{national}");
    let counted: u64 = national["by_class"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(counted, 19);
    assert_eq!(national["by_region"]["Liguria"], national["by_class"]);
    assert_eq!(national["by_kind"]["comune"], national["by_class"]);
    assert_eq!(
        (national["edge_infrastructures"].as_u64(), national["edge_nodes"].as_u64()),
        (Some(0), Some(0)),
        "the latest version has none"
    );
    assert_eq!(national["latest"][0]["communication"]["version"], 2);
    assert_eq!(national["terms_confirmed"], false);
});
