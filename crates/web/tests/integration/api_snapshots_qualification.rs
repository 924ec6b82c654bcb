//! A snapshot of every qualification operation's answer on the demo data:
//! the demo provider registers a SaaS and applies; the demo reviewer asks for
//! an integration, qualifies, suspends, reinstates and revokes it; the
//! provider withdraws the demo SaaS waiting in the queue.

use crate::common;

use common::snapshots::{Snapshots, demo, demo_user, path};
use serde_json::{Value, json};

/// The answer a requirement of `kind` gets, with `document` as its evidence.
fn answer(kind: &str, document: &str) -> Value {
    match kind {
        "certificate" => json!({"type": "certificate", "expires_on": "2099-12-31", "document": document}),
        "document" => json!({"type": "document", "document": document}),
        "location" => json!({"type": "location", "countries": ["IT"]}),
        _ => json!({"type": "yes_no", "value": true}),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn qualification_answers() {
    let (_store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_qualification");
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;

    let profile = json!({"vat_number": "IT09876540890", "pec": "nuvola@pec.demo.cloudpa.it", "address": "Via XX Settembre 1, Genova"});
    s.send(&provider, "PUT", "/api/v1/provider/profile", &[], profile).await;
    let site = json!({"name": "DC Milano (demo)", "location": "IT", "sites": "Milano"});
    let infrastructure = s.send(&provider, "POST", "/api/v1/provider/infrastructures", &[], site).await;
    s.get(Some(&provider), "/api/v1/provider/infrastructures", &[], "").await;
    let pdf = provider.upload(&app, "iso27001.pdf", b"%PDF-1.7\n% certificato ISO 27001\n%%EOF\n").await;
    let file = s.record("POST", "/api/v1/files", pdf)["id"].as_str().unwrap().to_owned();
    s.get(Some(&provider), "/api/v1/files/{id}", &[&file], "").await;

    let mut saas = json!({
        "name": "Tributi Appennino (demo)", "description": "Gestione dei tributi locali",
        "category": "Servizi per i Comuni", "kind": "SaaS", "level": "QC1", "runs_on": infrastructure["id"],
        "location": "IT", "pricing_model": "Canone annuo", "procurement_channel": "MEPA",
        "service_levels": {"SLI1": "99,9%"}
    });
    let created = s.send(&provider, "POST", "/api/v1/provider/listings", &[], saas.clone()).await;
    let listing = created["listing_id"].as_str().unwrap().to_owned();
    s.get(Some(&provider), "/api/v1/provider/listings", &[], "").await;
    saas["description"] = json!("Gestione dei tributi locali e della riscossione");
    s.send(&provider, "PUT", "/api/v1/provider/listings/{id}", &[&listing], saas).await;

    let opened = s.send(&provider, "POST", "/api/v1/applications", &[], json!({"listing_id": listing})).await;
    let id = opened["id"].as_str().unwrap().to_owned();
    let form = s.get(Some(&provider), "/api/v1/applications/{id}", &[&id], "").await["form"].clone();
    let requirements: Vec<(String, String)> = form
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let requirement = &item["requirement"];
            (requirement["id"].as_str().unwrap().to_owned(), requirement["answer"].as_str().unwrap().to_owned())
        })
        .collect();
    let (first, rest) = requirements.split_first().unwrap();
    let template = "/api/v1/applications/{id}/answers/{requirement_id}";
    s.send(&provider, "PUT", template, &[&id, &first.0], answer(&first.1, &file)).await;
    for (requirement, kind) in rest {
        provider.json(&app, "PUT", &path(template, &[&id, requirement]), answer(kind, &file)).await;
    }
    s.send(&provider, "POST", "/api/v1/applications/{id}/submit", &[&id], json!({})).await;

    s.get(Some(&agency), "/api/v1/review/queue", &[], "").await;
    s.send(&agency, "POST", "/api/v1/applications/{id}/assign", &[&id], json!({})).await;
    s.send(&agency, "POST", "/api/v1/applications/{id}/start-review", &[&id], json!({})).await;
    let verdict = json!({"verdict": "unclear", "note": "Allegare il certificato completo"});
    s.send(&agency, "PUT", "/api/v1/applications/{id}/reviews/{requirement_id}", &[&id, &first.0], verdict).await;
    let deadline = (cloudpa_workflows::Now::read().today + chrono::Days::new(30)).to_string();
    let integration = json!({"deadline": deadline});
    s.send(&agency, "POST", "/api/v1/applications/{id}/request-integration", &[&id], integration).await;
    provider.json(&app, "PUT", &path(template, &[&id, &first.0]), answer(&first.1, &file)).await;
    let resubmitted = provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await;
    assert_eq!(resubmitted.json()["state"], "resubmitted", "{}", resubmitted.body);

    let decision = json!({"outcome": "qualified", "motivation": "Requisiti QC1 verificati"});
    s.send(&agency, "POST", "/api/v1/applications/{id}/decision", &[&id], decision).await;
    let planned_end = (cloudpa_workflows::Now::read().today + chrono::Days::new(60)).to_string();
    let suspension = json!({"reason": "Certificato in rinnovo", "planned_end": planned_end});
    s.send(&agency, "POST", "/api/v1/listings/{id}/suspend", &[&listing], suspension).await;
    let reinstatement = json!({"motivation": "Certificato rinnovato"});
    s.send(&agency, "POST", "/api/v1/listings/{id}/reinstate", &[&listing], reinstatement).await;
    let revocation = json!({"motivation": "Dati trattati fuori dall'UE"});
    s.send(&agency, "POST", "/api/v1/listings/{id}/revoke", &[&listing], revocation).await;

    let queue = agency.get(&app, "/api/v1/review/queue").await.json();
    let waiting = queue["items"][0]["application"]["id"].as_str().expect("the demo SaaS waits").to_owned();
    s.send(&provider, "POST", "/api/v1/applications/{id}/withdraw", &[&waiting], json!({})).await;
    s.finish();
}
