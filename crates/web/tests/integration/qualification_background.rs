//! What the qualification does outside a request, on both engines: the
//! jobs worker notifies state changes, the sweep expires qualifications
//! after 36 months, the demo seed leaves a qualified listing and an
//! application to review.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::qualification::{iaas, setup};
use common::*;
use serde_json::json;

engine_test!(state_changes_are_notified_to_provider_and_reviewers, |store| {
    setup(&store).await;
    let mailbox = std::env::temp_dir().join(format!("cloudpa-mailbox-{}", uuid_like()));
    let config = cloudpa_web::WebConfig { mailbox_dir: Some(mailbox.clone()), ..unlimited() };
    let app = app(&store, config).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;
    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", iaas()).await.json();
    let draft =
        provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing["listing_id"]})).await.json();
    let id = draft["id"].as_str().unwrap();
    let pdf = provider.upload(&app, "c.pdf", b"%PDF-1.4\n%%EOF\n").await.json()["id"].as_str().unwrap().to_owned();
    let form = provider.get(&app, &format!("/api/v1/applications/{id}")).await.json()["form"].clone();
    for item in form.as_array().unwrap() {
        let rid = item["requirement"]["id"].as_str().unwrap();
        let answer = match item["requirement"]["answer"].as_str().unwrap() {
            "certificate" => json!({"type": "certificate", "expires_on": "2099-12-31", "document": pdf}),
            "location" => json!({"type": "location", "countries": ["IT"]}),
            _ => json!({"type": "yes_no", "value": true}),
        };
        provider.json(&app, "PUT", &format!("/api/v1/applications/{id}/answers/{rid}"), answer).await;
    }
    assert_eq!(provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await.status, StatusCode::OK);

    let mailer =
        cloudpa_workflows::notifications::Mailer::new(None, "cloudpa <noreply@cloudpa.localhost>", mailbox.clone())
            .unwrap();
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        blobs: cloudpa_store::blobs::BlobStore::local(&std::env::temp_dir().join("cloudpa-worker-blobs")).unwrap(),
        mailer,
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    let now = chrono::Utc::now().timestamp_millis();
    assert_eq!(worker.run_due(now).await.unwrap(), 1);
    assert_eq!(worker.run_due(now).await.unwrap(), 0);
    for client in [&provider, &agency] {
        let page = client.get(&app, "/posta").await;
        assert!(page.body.contains("domanda bozza → presentata"), "{}", page.body);
        assert!(page.body.contains("/qualificazioni/"), "the letter links the public page");
    }
    let other = Client::sign_in(&app, "op@altro.it").await;
    assert!(!other.get(&app, "/posta").await.body.contains("presentata"), "other providers are not told");
    let _ = std::fs::remove_dir_all(mailbox);
});

fn uuid_like() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

engine_test!(qualifications_expire_after_36_months, |store| {
    use cloudpa_domain::qualification::history::ListingStatus;
    use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
    use cloudpa_store::qualification::applications::{Change, NewApplication, NewDecision};
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", iaas()).await.json();
    let listing_id = listing["listing_id"].as_str().unwrap();
    let provider_id = listing["provider_id"].as_str().unwrap();
    let reviewer = store.users_of_kind(OrganisationKind::Agency).await.unwrap().remove(0);
    let set = store.requirement_set("acn-2024-qc", None).await.unwrap().unwrap();
    let actor = cloudpa_store::Actor::cli();
    let new =
        NewApplication { listing_id, listing_version: 1, provider_id, set: &set, renewal_of: None, prefill_from: None };
    let mut application = store.create_application(&actor, &new, T0).await.unwrap();
    let day = |s: &str| -> chrono::NaiveDate { s.parse().unwrap() };
    let on_day = |s: &str| Now { ms: T0, today: day(s) };
    for (to, on, decision, status) in [
        (QualificationState::Submitted, "2022-12-01", None, None),
        (QualificationState::InReview, "2022-12-02", None, None),
        (
            QualificationState::Qualified,
            "2023-01-10",
            Some(DecisionKind::Qualification),
            Some(ListingStatus::Qualified),
        ),
    ] {
        let change = Change {
            to,
            event: "test",
            on: day(on),
            triage: None,
            integration_deadline: None,
            decision: decision.map(|kind| NewDecision {
                kind,
                motivation: "ok",
                decided_by: &reviewer.id,
                details: json!({}),
            }),
            listing_status: status,
            supersedes: None,
            reviewer: None,
        };
        store.apply_transition(&actor, &application, change, T0).await.unwrap();
        application = store.application(&application.id).await.unwrap().unwrap();
    }
    assert_eq!(
        cloudpa_workflows::qualification::expiry::expire_due(&store, on_day("2026-01-09")).await.unwrap(),
        0,
        "not yet 36 months"
    );
    assert_eq!(cloudpa_workflows::qualification::expiry::expire_due(&store, on_day("2026-01-10")).await.unwrap(), 1);
    assert_eq!(
        cloudpa_workflows::qualification::expiry::expire_due(&store, on_day("2026-02-01")).await.unwrap(),
        0,
        "expires once"
    );
    let history = store.listing_history(listing_id).await.unwrap();
    assert_eq!(history.status_at(day("2026-01-09")), Some(ListingStatus::Qualified));
    assert_eq!(history.status_at(day("2026-01-10")), Some(ListingStatus::Expired));
    assert_eq!(store.application(&application.id).await.unwrap().unwrap().state, QualificationState::Expired);

    let renewal = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    assert_eq!(renewal.status, StatusCode::CREATED, "{}", renewal.body);
    assert_eq!(
        renewal.json()["renewal_of"],
        application.id.as_str(),
        "a renewal is a new application linked to the last"
    );
});

engine_test!(demo_data_has_a_qualified_listing_and_an_application_to_review, |store| {
    store.load_reference_data(T0).await.unwrap();
    store.seed_demo(T0).await.unwrap();
    let dir = std::env::temp_dir().join(format!("cloudpa-demo-blobs-{}", uuid_like()));
    let blobs = cloudpa_store::blobs::BlobStore::local(&dir).unwrap();
    let today = Now::read().today;
    assert_eq!(cloudpa_workflows::qualification::demo::seed(&store, &blobs, Now { ms: T0, today }).await.unwrap(), 2);
    assert_eq!(
        cloudpa_workflows::qualification::demo::seed(&store, &blobs, Now { ms: T0, today }).await.unwrap(),
        0,
        "seeded once"
    );
    let app = app(&store, unlimited()).await;
    let reviewer = Client::sign_in_with(&app, "revisore@acn.demo.cloudpa.it", cloudpa_store::demo::DEMO_PASSWORD).await;
    let queue = reviewer.get(&app, "/api/v1/review/queue").await.json();
    assert_eq!(queue["items"].as_array().unwrap().len(), 1);
    assert_eq!(queue["items"][0]["listing_name"], "Protocollo Appennino (demo)");
    assert_eq!(queue["items"][0]["application"]["triage"]["outcome"], "needs_review");
    let provider = Client::sign_in_with(&app, "admin@nuvola.demo.cloudpa.it", cloudpa_store::demo::DEMO_PASSWORD).await;
    let listings = provider.get(&app, "/api/v1/provider/listings").await.json();
    let iaas = listings["items"].as_array().unwrap().iter().find(|l| l["details"]["terms"]["kind"] == "IaaS").unwrap();
    let status = get(&app, &format!("/api/v1/listings/{}/status", iaas["listing_id"].as_str().unwrap())).await.json();
    assert_eq!(status["status"], "qualified");
    let decision = status["interval"]["decision"].as_str().unwrap();
    assert_eq!(get(&app, &format!("/api/v1/decisions/{decision}/certificate.pdf")).await.status, StatusCode::OK);
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
    let _ = std::fs::remove_dir_all(dir);
});
