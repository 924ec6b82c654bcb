//! The asseverazione over HTTP on both engines, on the demo data: Genova's
//! contract and the compliance form of its first service, each refusal with
//! the field and the rule; who may see a form; the ranges a provider
//! announces, with their history; the pre-checks of every form at once.

use crate::common;

use axum::Router;
use axum::http::StatusCode;
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::snapshots::{demo_user, seed_demo};
use common::*;
use serde_json::{Value, json};

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {text}\n%%EOF\n").into_bytes()
}

/// Genova's financed project with its CUP given and its contract activated,
/// a supplier in the directory, and the demo provider's ranges announced:
/// (project id, supplier id).
async fn contracted(app: &Router, rtd: &Client) -> (String, String) {
    let office = demo_user(app, "misura12@dtd.demo.cloudpa.it").await;
    let supplier =
        json!({"vat_number": "01114601006", "name": "Migra S.r.l.", "pec": "gare@pec.migra.it", "mepa_enabled": true});
    let supplier =
        office.json(app, "POST", "/api/v1/suppliers", supplier).await.json()["id"].as_str().unwrap().to_owned();
    let provider = demo_user(app, "admin@nuvola.demo.cloudpa.it").await;
    let infrastructures = provider.get(app, "/api/v1/provider/infrastructures").await.json();
    let infrastructure = infrastructures["items"][0]["id"].as_str().unwrap().to_owned();
    let ranges = json!({"prefixes": ["80.211.0.0/16"]});
    let announced =
        provider.json(app, "PUT", &format!("/api/v1/infrastructures/{infrastructure}/prefixes"), ranges).await;
    assert_eq!(announced.status, StatusCode::OK, "{}", announced.body);
    let genova = rtd.get(app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let apps = rtd.get(app, &format!("/api/v1/enti/{genova}/applications")).await.json();
    let project = apps["items"][0]["id"].as_str().unwrap().to_owned();
    rtd.json(app, "PUT", &format!("/api/v1/call-applications/{project}/cup"), json!({"cup": "J11C22000290006"})).await;
    assert_eq!(rtd.post(app, &format!("/api/v1/call-applications/{project}/contract")).await.status, StatusCode::OK);
    (project, supplier)
}

fn fields(reply: &Reply) -> Vec<String> {
    reply.json()["errors"]
        .as_array()
        .map_or_else(Vec::new, |e| e.iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect())
}

engine_test!(a_form_from_the_contract_to_its_submission, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, supplier) = contracted(&app, &rtd).await;
    let today = Now::read().today;
    let uri = format!("/api/v1/call-applications/{project}");
    let signed = rtd.upload(&app, "contratto.pdf", &pdf("contratto")).await.json()["id"].clone();
    let dnsh = rtd.upload(&app, "dnsh.pdf", &pdf("dnsh")).await.json()["id"].clone();

    // The contract: each broken rule named; then recorded.
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let theirs = provider.upload(&app, "altro.pdf", &pdf("di un altro")).await.json()["id"].clone();
    let bad = json!({"supplier_id": "nobody", "signed_on": today + chrono::Days::new(1), "object": " ",
                     "amount_cents": 0, "document": theirs});
    let refused = rtd.json(&app, "POST", &format!("{uri}/contracts"), bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(fields(&refused), ["signed_on", "object", "amount_cents", "supplier_id", "document"]);
    let early = json!({"supplier_id": supplier, "signed_on": "2022-01-10", "object": "Migrazione", "amount_cents": 100,
                       "document": signed});
    let refused = rtd.json(&app, "POST", &format!("{uri}/contracts"), early).await;
    assert_eq!(fields(&refused), ["recognition"], "signed before the decree: {}", refused.body);
    let good = json!({"supplier_id": supplier, "signed_on": today, "object": "Migrazione di 17 servizi",
                      "amount_cents": 450_000_000, "document": signed, "dnsh": dnsh});
    let contract = rtd.json(&app, "POST", &format!("{uri}/contracts"), good).await;
    assert_eq!(contract.status, StatusCode::CREATED, "{}", contract.body);
    let contract = contract.json()["id"].as_str().unwrap().to_owned();
    let found = rtd.get(&app, &format!("{uri}/services/1/destinations?contract_on={today}")).await.json();
    let listing = found["admissible"][0]["listing_id"].clone();
    assert!(listing.is_string(), "the demo's qualified IaaS: {found}");

    // A draft: shapes refused with their item, then saved with its checks.
    let form = format!("{uri}/services/1/form");
    let shapes =
        json!({"answers": {"cpu_vcpu": -2, "report_from": "ieri", "weather": "sunny", "software": [{"name": "x"}]}});
    let refused = rtd.json(&app, "PUT", &form, shapes).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(fields(&refused), ["answers.weather", "answers.report_from", "answers.cpu_vcpu", "answers.software"]);
    let answers = json!({"accessibility": "private", "private_addresses": ["10.0.0.1"], "public_url": "https://x.it",
                         "public_ips": ["80.211.1.1", "8.8.8.8"], "system_ids": ["vm-1"]});
    let draft =
        rtd.json(&app, "PUT", &form, json!({"contract_id": contract, "listing_id": listing, "answers": answers})).await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
    let draft = draft.json();
    assert_eq!(draft["state"], "draft");
    assert!(draft["answers"].get("public_url").is_none(), "an item that does not apply is left out");
    let check =
        |body: &Value, name: &str| body["checks"].as_array().unwrap().iter().find(|c| c["check"] == name).cloned();
    let ranges = check(&draft, "provider_ranges").unwrap();
    assert_eq!(ranges["outcome"], "fail");
    assert!(ranges["findings"][0]["it"].as_str().unwrap().starts_with("8.8.8.8: fuori dagli intervalli"), "{ranges}");
    assert_eq!(check(&draft, "qualified_on_contract").unwrap()["outcome"], "pass");

    // Submission: complete, the service migrated; then frozen.
    let incomplete = rtd
        .json(&app, "POST", &format!("{form}/submit"), json!({"contract_id": contract, "listing_id": listing}))
        .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fields(&incomplete).contains(&"answers.report_from".to_owned()), "{}", incomplete.body);
    let report = rtd.upload(&app, "report.pdf", &pdf("report")).await.json()["id"].clone();
    let proof = rtd.upload(&app, "prova.pdf", &pdf("prova")).await.json()["id"].clone();
    let complete = json!({
        "report_issuer": "Nuvola", "report_from": today - chrono::Days::new(14), "report_to": today,
        "cpu_vcpu": 4, "ram_gb": 16, "storage_gb": 200, "connectivity": "1 Gbit/s", "report_ente": "c_d969",
        "report_document": report, "public_ips": ["80.211.1.1"],
        "software": [{"name": "Anagrafe", "producer": "Acme", "description": "Anagrafe", "relevance": "principale"}],
        "system_ids": ["vm-1"], "data_class_proof": proof, "accessibility": "private", "private_addresses": ["10.0.0.1"],
        "in_production": true, "origin_description": "Sala CED", "origin_decommissioned": true, "decommissioned_on": today
    });
    let input = json!({"contract_id": contract, "listing_id": listing, "answers": complete});
    let early = rtd.json(&app, "POST", &format!("{form}/submit"), input.clone()).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "the service is not marked migrated: {}", early.body);
    assert_eq!(rtd.post(&app, &format!("{uri}/services/1/migrated")).await.status, StatusCode::OK);
    let submitted = rtd.json(&app, "POST", &format!("{form}/submit"), input.clone()).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert_eq!(submitted.json()["state"], "submitted");
    let again = rtd.json(&app, "PUT", &form, input).await;
    assert_eq!(again.status, StatusCode::OK, "corrected before the completion: {}", again.body);
    assert_eq!(again.json()["state"], "draft");
});

engine_test!(a_form_is_the_entes_and_the_offices_only, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, _) = contracted(&app, &rtd).await;
    let form = format!("/api/v1/call-applications/{project}/services/1/form");
    assert_eq!(rtd.get(&app, &form).await.json()["state"], "new");
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    assert_eq!(office.get(&app, &form).await.status, StatusCode::OK);
    assert_eq!(office.json(&app, "PUT", &form, json!({"answers": {}})).await.status, StatusCode::FORBIDDEN);
    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    assert_eq!(masone.get(&app, &form).await.status, StatusCode::FORBIDDEN);
    assert_eq!(masone.json(&app, "PUT", &form, json!({"answers": {}})).await.status, StatusCode::FORBIDDEN);
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    assert_eq!(provider.get(&app, &form).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        rtd.get(&app, &format!("/api/v1/call-applications/{project}/services/99/form")).await.status,
        StatusCode::NOT_FOUND
    );
});

engine_test!(announced_ranges_keep_their_history, |store| {
    let app = seed_demo(&store).await;
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let infrastructure = provider.get(&app, "/api/v1/provider/infrastructures").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uri = format!("/api/v1/infrastructures/{infrastructure}/prefixes");
    let bad = provider.json(&app, "PUT", &uri, json!({"prefixes": ["10.0.0.0/8", "80.211.0.1/16", "nonsense"]})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&bad), ["prefixes[0]", "prefixes[1]", "prefixes[2]"]);
    assert!(bad.body.contains("80.211.0.0/16"), "the network meant is named: {}", bad.body);
    let first = provider.json(&app, "PUT", &uri, json!({"prefixes": ["80.211.0.0/16", "2a01:4f8::/32"]})).await;
    assert_eq!(first.json()["items"].as_array().unwrap().len(), 2, "{}", first.body);
    let again = provider.json(&app, "PUT", &uri, json!({"prefixes": ["2A01:04F8::/32"]})).await.json();
    let items = again["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the withdrawn range stays in the history: {again}");
    let withdrawn = items.iter().find(|p| p["prefix"] == "80.211.0.0/16").unwrap();
    assert!(withdrawn["valid_to"].is_string());
    assert!(items.iter().find(|p| p["prefix"] == "2a01:4f8::/32").unwrap()["valid_to"].is_null());
    // A public body runs infrastructures of its own (adeguamento), not this one.
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    assert_eq!(rtd.get(&app, &uri).await.status, StatusCode::NOT_FOUND);
});

engine_test!(every_form_is_prechecked_at_once, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, _) = contracted(&app, &rtd).await;
    let mut saas = None;
    for position in [1, 17] {
        let form = format!("/api/v1/call-applications/{project}/services/{position}/form");
        let shown = rtd.get(&app, &form).await.json();
        let mut answers = json!({"accessibility": "public", "public_url": "http://x"});
        if shown["destination"] == "iaas" {
            answers["public_ips"] = json!(["192.168.0.1"]);
        } else {
            saas = shown["service_code"].as_str().map(str::to_owned);
        }
        let saved = rtd.json(&app, "PUT", &form, json!({ "answers": answers })).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    }
    let report = cloudpa_workflows::attestation::bulk::precheck_all(&store, Now::read(), None).await.unwrap();
    assert_eq!(report.forms, 2);
    let services: std::collections::BTreeSet<&str> = report.rows.iter().map(|r| r.service.as_str()).collect();
    assert_eq!(services.len(), 2);
    assert!(report.rows.iter().all(|r| r.project == project));
    assert!(report.rows.iter().all(|r| r.passed == r.reason.is_empty()), "every fail has a reason");
    let url = report.rows.iter().find(|r| r.check == "url").unwrap();
    assert!(!url.passed && url.reason.starts_with("public_url:"), "{url:?}");
    let saas = saas.expect("the demo project's last service goes to SaaS");
    let checks = report.rows.iter().filter(|r| r.service == saas).map(|r| r.check).collect::<Vec<_>>();
    assert!(!checks.is_empty() && !checks.contains(&"report_period"), "a SaaS has no report: {checks:?}");
});
