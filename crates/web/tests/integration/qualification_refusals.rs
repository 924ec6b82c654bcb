//! What the qualification refuses, over HTTP on both engines: other
//! providers' records, illegal transitions, requests without a CSRF token,
//! uploads when the virus scanner is down, and malware.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::qualification::{iaas, saas, setup};
use common::*;
use serde_json::json;

engine_test!(other_providers_and_illegal_transitions_are_refused, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let other = Client::sign_in(&app, "op@altro.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;

    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", iaas()).await.json();
    let listing_id = listing["listing_id"].as_str().unwrap();
    let adeguamento = json!({"listing_id": listing_id, "requirement_set": "acn-2024-ac"});
    let refused = provider.json(&app, "POST", "/api/v1/applications", adeguamento).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a private provider is not adeguato: {}",
        refused.body
    );
    assert!(refused.body.contains("requirement_set") && refused.body.contains("art. 15"), "{}", refused.body);
    let draft = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await.json();
    let id = draft["id"].as_str().unwrap();

    let read = other.get(&app, &format!("/api/v1/applications/{id}")).await;
    assert_eq!(read.status, StatusCode::FORBIDDEN, "provider B cannot read provider A's draft");
    assert_eq!(read.header("content-type"), "application/problem+json");
    let write = other
        .json(
            &app,
            "PUT",
            &format!("/api/v1/applications/{id}/answers/CERT-9001"),
            json!({"type": "yes_no", "value": true}),
        )
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    let change = other.json(&app, "PUT", &format!("/api/v1/provider/listings/{listing_id}"), saas("")).await;
    assert_eq!(change.status, StatusCode::FORBIDDEN);
    let twice = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "one application in progress per listing");

    let qualify_draft = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/decision"),
            json!({"outcome": "qualified", "motivation": "x"}),
        )
        .await;
    assert_eq!(qualify_draft.status, StatusCode::CONFLICT);
    assert!(qualify_draft.json()["detail"].as_str().unwrap().contains("draft cannot be qualified"));
    let wrong_type = provider
        .json(
            &app,
            "PUT",
            &format!("/api/v1/applications/{id}/answers/CERT-9001"),
            json!({"type": "yes_no", "value": true}),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    let foreign_file = provider
        .json(
            &app,
            "PUT",
            &format!("/api/v1/applications/{id}/answers/CERT-9001"),
            json!({"type": "certificate", "expires_on": "2099-01-01", "document": "0".repeat(64)}),
        )
        .await;
    assert_eq!(foreign_file.status, StatusCode::UNPROCESSABLE_ENTITY, "a document must be the provider's own upload");
    let suspend_draft = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing_id}/suspend"),
            json!({"reason": "x", "planned_end": "2099-01-01"}),
        )
        .await;
    assert_eq!(suspend_draft.status, StatusCode::CONFLICT);

    let no_token = axum::http::Request::post("/api/v1/applications")
        .header("cookie", &provider.cookie)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(json!({"listing_id": listing_id}).to_string()))
        .unwrap();
    assert_eq!(send(&app, no_token).await.status, StatusCode::FORBIDDEN, "state changes need X-CSRF-Token");
    assert_eq!(get(&app, "/api/v1/review/queue").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(provider.get(&app, "/api/v1/review/queue").await.status, StatusCode::FORBIDDEN);
});

engine_test!(uploads_are_refused_when_the_scanner_is_down, |store| {
    setup(&store).await;
    let config = cloudpa_web::WebConfig { clamd_addr: Some("127.0.0.1:1".into()), ..unlimited() };
    let app = app(&store, config).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let reply = provider.upload(&app, "c.pdf", b"%PDF-1.4\n%%EOF\n").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "fail closed: {}", reply.body);
    assert!(!reply.header("retry-after").is_empty());
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM files").await, 0, "nothing stored");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM blob_contents").await, 0, "nothing stored");
});

/// The ClamAV daemon for tests (`.ci/run` starts one with a test signature
/// for `tests/integration/data/malware-test.pdf`); required in CI.
fn clamd_test_addr() -> Option<String> {
    match std::env::var("CLAMD_TEST_ADDR") {
        Ok(addr) if !addr.is_empty() => Some(addr),
        _ if std::env::var_os("CI").is_some() => panic!("CI must set CLAMD_TEST_ADDR to a ClamAV daemon"),
        _ => None,
    }
}

engine_test!(clamav_refuses_malware, |store| {
    let Some(clamd) = clamd_test_addr() else {
        eprintln!("CLAMD_TEST_ADDR is not set: scanning test skipped");
        return;
    };
    setup(&store).await;
    let app = app(&store, cloudpa_web::WebConfig { clamd_addr: Some(clamd), ..unlimited() }).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let malware = include_bytes!("data/malware-test.pdf");
    let refused = provider.upload(&app, "certificato.pdf", malware).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("refused by the virus scanner"));
    let clean = provider.upload(&app, "certificato.pdf", b"%PDF-1.4\n% a clean certificate\n%%EOF\n").await;
    assert_eq!(clean.status, StatusCode::CREATED, "{}", clean.body);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM files").await, 1, "only the clean file is stored");
});
