//! Two reviewers on the same application, on both engines: each step is
//! made to the application's version (`If-Match`, its `ETag`); of two
//! steps made to one version exactly one is taken, and the other is 409
//! naming the latest version, who made it and when. One decision record,
//! never two.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::Role;
use cloudpa_store::engine_test;
use common::qualification::{answer_all, iaas, setup};
use common::*;
use serde_json::json;

/// A provider's IaaS application, answered and submitted: the app and its id.
async fn submitted(store: &cloudpa_store::Store) -> (axum::Router, String) {
    setup(store).await;
    let app = app(store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", iaas()).await;
    let listing_id = listing.json()["listing_id"].as_str().unwrap().to_owned();
    let opened = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    let id = opened.json()["id"].as_str().unwrap().to_owned();
    let pdf = provider.upload(&app, "iso27001.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").await;
    answer_all(&app, &provider, &id, pdf.json()["id"].as_str().unwrap(), "").await;
    let sent = provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    (app, id)
}

/// A second reviewer of the agency's organisation, named.
async fn second_reviewer(store: &cloudpa_store::Store) {
    let first = store.authenticate("revisore@acn.gov.it", "password-di-prova").await.unwrap().unwrap();
    let new = cloudpa_store::accounts::NewUser {
        organisation_id: &first.organisation_id,
        email: "bruna@acn.gov.it",
        display_name: "Bruna Bianchi",
        password: "password-di-prova",
        role: Role::Operator,
    };
    store.create_user(&cloudpa_store::Actor::cli(), new, T0).await.unwrap();
}

fn decision(outcome: &str) -> serde_json::Value {
    json!({"outcome": outcome, "motivation": "Requisiti verificati"})
}

engine_test!(two_reviewers_on_one_application_one_step_is_taken, |store| {
    let (app, id) = submitted(&store).await;
    second_reviewer(&store).await;
    let anna = Client::sign_in(&app, "revisore@acn.gov.it").await;
    let bruna = Client::sign_in(&app, "bruna@acn.gov.it").await;
    let uri = format!("/api/v1/applications/{id}");

    let read = anna.get(&app, &uri).await;
    assert_eq!(read.header("etag"), "\"2\"", "opened, then submitted");
    let taken =
        bruna.json_with(&app, ("POST", &format!("{uri}/start-review")), &[("if-match", "\"2\"")], json!({})).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let after = bruna.get(&app, &uri).await;
    assert_eq!(after.header("etag"), "\"3\"");
    let bruna_id = bruna.get(&app, "/api/v1/me").await.json()["user"]["id"].clone();
    assert_eq!(after.json()["application"]["assigned_to"], bruna_id, "whoever takes it into review reviews it");

    let late =
        anna.json_with(&app, ("POST", &format!("{uri}/start-review")), &[("if-match", "\"2\"")], json!({})).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let problem = late.json();
    assert_eq!(
        (&problem["current_version"], &problem["changed_by"]),
        (&json!(3), &json!("Bruna Bianchi")),
        "{problem}"
    );
    assert!(problem["changed_at"].as_str().unwrap().ends_with('Z'), "{problem}");
    assert_eq!(
        bruna.get(&app, &uri).await.json()["application"]["assigned_to"],
        bruna_id,
        "the refused step left nothing"
    );

    let (decide, made_to) = (format!("{uri}/decision"), [("if-match", "\"3\"")]);
    let (a, b) = tokio::join!(
        anna.json_with(&app, ("POST", &decide), &made_to, decision("qualified")),
        bruna.json_with(&app, ("POST", &decide), &made_to, decision("rejected")),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    let (won, lost, winner) = if a.status == StatusCode::OK { (a, b, "Test") } else { (b, a, "Bruna Bianchi") };
    let problem = lost.json();
    assert_eq!((&problem["current_version"], &problem["changed_by"]), (&json!(4), &json!(winner)), "{problem}");
    let listing = won.json()["application"]["listing_id"].as_str().unwrap().to_owned();
    let decided: i64 = store.fetch_i64(&format!("SELECT COUNT(*) FROM decisions WHERE listing_id = '{listing}'")).await;
    assert_eq!(decided, 1, "one decision record");

    let again = anna.json(&app, "POST", &format!("{uri}/decision"), decision("qualified")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "a decided application is not decided again: {}", again.body);
    let problem = again.json();
    assert_eq!(problem["changed_by"], json!(winner), "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains(&format!("last changed by {winner}")), "{problem}");
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
});
