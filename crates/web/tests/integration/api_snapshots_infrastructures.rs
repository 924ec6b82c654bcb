//! A snapshot of every operation of the infrastructures' adeguamento on the
//! demo data: the requirements of each level, the agency's queue (the demo's
//! second data centre, declared AI2), the public status of the demo's data
//! centre accepted at AI3; the demo provider starts and saves a new
//! declaration of it; the demo reviewer takes the waiting one into review.

use crate::common;

use common::snapshots::{Snapshots, demo, demo_user};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn infrastructure_answers() {
    let (_store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_infrastructures");
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;

    let requirements = s.get(None, "/api/v1/infrastructure-requirements", &[], "").await;
    assert_eq!(requirements["levels"].as_array().unwrap().len(), 4);
    let queue = s.get(Some(&agency), "/api/v1/infrastructure-declarations", &[], "").await;
    assert_eq!(queue["items"][0]["infrastructure_name"], "DC Appennino Sud (demo)", "{queue}");
    let waiting = queue["items"][0]["id"].as_str().unwrap().to_owned();
    let step = json!({"step": "start_review"});
    let reviewed = s.send(&agency, "POST", "/api/v1/infrastructure-declarations/{id}/steps", &[&waiting], step).await;
    assert_eq!(reviewed["declaration"]["state"], "in_review");

    let listed = provider.get(&app, "/api/v1/provider/infrastructures").await.json();
    let north = listed["items"].as_array().unwrap().iter().find(|i| i["name"] == "DC Appennino (demo)").unwrap();
    let north = north["id"].as_str().unwrap().to_owned();
    let status = s.get(None, "/api/v1/infrastructures/{id}/status", &[&north], "").await;
    assert_eq!((status["status"].as_str(), status["level"].as_str()), (Some("qualified"), Some("AI3")), "{status}");
    let answers = json!([{"requirement_id": "AI-DICHIARAZIONE", "conforms": true, "note": "Firmata il 1° dicembre"}]);
    let draft = json!({"level": "AI4", "answers": answers});
    let started = s.send(&provider, "POST", "/api/v1/infrastructures/{id}/declarations", &[&north], draft).await;
    let id = started["id"].as_str().unwrap().to_owned();
    let more = json!({"level": "AI4", "answers": [
        {"requirement_id": "AI-DICHIARAZIONE", "conforms": true, "note": "Firmata il 1° dicembre"},
        {"requirement_id": "AI4-REQUISITI", "conforms": false, "note": "Testo del §9.1 da leggere"}]});
    s.send(&provider, "PUT", "/api/v1/infrastructure-declarations/{id}", &[&id], more).await;
    let seen = s.get(Some(&provider), "/api/v1/infrastructures/{id}/adeguamento", &[&north], "").await;
    assert_eq!(seen["declarations"].as_array().unwrap().len(), 2, "{seen}");
    s.finish();
}
