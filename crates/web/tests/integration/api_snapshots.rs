//! A snapshot of every API operation's answer on the demo data (issue 11,
//! item 4): this file holds the table of cases to the OpenAPI document and
//! snapshots the public catalogue's operations; `api_snapshots_*` the rest.

use crate::common;

use common::snapshots::{CASES, Snapshots, demo, demo_user};
use common::*;
use serde_json::json;

#[tokio::test]
async fn every_operation_has_a_snapshot_case() {
    let store = cloudpa_store::testing::sqlite().await;
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    let mut documented = Vec::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    for (method, path) in &documented {
        assert!(
            CASES.iter().any(|&(_, m, p)| m == method && p == path),
            "{method} {path} has no snapshot case: add one to CASES and to an api_snapshots file"
        );
    }
    for &(file, method, path) in CASES {
        assert!(
            documented.contains(&(method.to_owned(), path.to_owned())),
            "{file}: {method} {path} is not documented"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_and_catalogue_answers() {
    let (_store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots");
    s.get(None, "/api/v1/status", &[], "").await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    s.get(Some(&rtd), "/api/v1/me", &[], "").await;
    let admin = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let expires_on = (chrono::Utc::now().date_naive() + chrono::Days::new(90)).to_string();
    let body = json!({ "name": "Gestionale listini", "scopes": ["catalogue:read", "listings:write"], "expires_on": expires_on });
    let made = s.send(&admin, "POST", "/api/v1/api-tokens", &[], body).await;
    let token = made["token"]["id"].as_str().unwrap().to_owned();
    s.get(Some(&admin), "/api/v1/api-tokens", &[], "").await;
    s.send(&admin, "DELETE", "/api/v1/api-tokens/{id}", &[&token], json!({})).await;
    s.get(None, "/api/v1/requirement-sets", &[], "").await;
    s.get(None, "/api/v1/requirement-sets/{id}", &["acn-2024-qc"], "").await;

    let found = s.get(None, "/api/v1/listings", &[], "?q=calcolo&type=IaaS").await;
    let listing = found["items"][0]["id"].as_str().expect("the demo's qualified IaaS").to_owned();
    s.get(None, "/api/v1/listings/{id}", &[&listing], "").await;
    let status = s.get(None, "/api/v1/listings/{id}/status", &[&listing], "").await;
    let decision = status["interval"]["decision"].as_str().unwrap().to_owned();
    s.get(None, "/api/v1/decisions/{id}", &[&decision], "").await;
    s.get(None, "/api/v1/decisions/{id}/certificate.pdf", &[&decision], "").await;

    s.get(None, "/api/v1/listings/changes", &[], "").await;
    s.get(None, "/api/v1/listings/changes.atom", &[], "").await;
    s.get(None, "/api/v1/listings/dcat.jsonld", &[], "").await;
    s.get(None, "/api/v1/listings/export.csv", &[], "").await;
    s.get(None, "/api/v1/listings/export.json", &[], "").await;
    s.get(None, "/api/v1/listings/export.pdf", &[], "").await;
    s.get(None, "/api/v1/listings/export.xlsx", &[], "").await;
    s.finish();
}
