//! The 36 months of a qualified service, on both engines: the sweep reminds
//! the provider before a certificate ends and alerts the agency the day a
//! certificate its level needs has lapsed; the agency's check of the alert
//! closes not compliant and suspends the service; the alerts of a service no
//! longer qualified close. Only the provider and the agency see it.

use crate::common;

use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use cloudpa_workflows::qualification::monitoring::sweep;
use common::snapshots::{demo_user, seed_demo};
use common::*;
use serde_json::json;

engine_test!(a_lapsed_certificate_alerts_the_agency_and_its_check_suspends_the_service, |store| {
    let app = seed_demo(&store).await;
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;
    let now = Now::read();
    let later = |days| now.today + chrono::Days::new(days);

    // The demo's IaaS holds ISO/IEC 20000-1 lapsed ten days ago: an alert is open.
    let desk = agency.get(&app, "/api/v1/monitoring").await.json();
    let alerts = desk["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{desk}");
    assert_eq!(
        (alerts[0]["requirement"].as_str(), alerts[0]["level"].as_str()),
        (Some("ISO-IEC-20000-1"), Some("QC2"))
    );
    let listing = alerts[0]["listing_id"].as_str().unwrap().to_owned();
    let alert_20000 = alerts[0]["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/listings/{listing}/monitoring");
    let m = provider.get(&app, &uri).await.json();
    let unmet: Vec<&str> = m["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert_eq!(unmet, ["Allegato 4 §3.2"], "{m}");

    // Today ISO 22301 ends in 45 days: the 90-day reminder is owed, once.
    let swept = sweep::run(&store, now).await.unwrap();
    assert_eq!((swept.reminders, swept.alerts), (1, 0));
    assert_eq!(sweep::run(&store, now).await.unwrap().reminders, 0, "sent once");

    // The day after it ends, the sweep opens a second alert, to the agency.
    let lapse = Now { ms: now.ms, today: later(46) };
    assert_eq!(sweep::run(&store, lapse).await.unwrap().alerts, 1);
    assert_eq!(sweep::run(&store, lapse).await.unwrap().alerts, 0, "one open alert per requirement");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let mailbox = std::env::temp_dir().join(format!("cloudpa-monitoring-mail-{nanos}"));
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        blobs: cloudpa_store::blobs::BlobStore::local(&mailbox.join("blobs")).unwrap(),
        mailer: cloudpa_workflows::notifications::Mailer::new(
            None,
            "cloudpa <noreply@cloudpa.localhost>",
            mailbox.clone(),
        )
        .unwrap(),
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    worker.run_due(chrono::Utc::now().timestamp_millis()).await.unwrap();
    let letters = cloudpa_workflows::notifications::mailbox::letters_to(&mailbox, "revisore@acn.demo.cloudpa.it");
    let alert = letters.iter().find(|l| l.body.contains("ISO 22301")).expect("the reviewer is alerted");
    assert!(alert.body.contains("non soddisfa") && alert.body.contains("/monitoraggio/servizi/"), "{}", alert.body);
    let to_provider = cloudpa_workflows::notifications::mailbox::letters_to(&mailbox, "admin@nuvola.demo.cloudpa.it");
    assert!(to_provider.iter().any(|l| l.body.contains("ISO 22301") && l.body.contains("scade il")), "the reminder");
    let _ = std::fs::remove_dir_all(&mailbox);

    // The agency checks the lapsed ISO/IEC 20000-1 and finds the service not compliant.
    let opening = json!({"kind": "documentary", "subject": "Certificato ISO/IEC 20000-1 scaduto",
        "respond_by": later(15).to_string(), "alert_id": alert_20000});
    let check = agency.json(&app, "POST", &format!("/api/v1/listings/{listing}/checks"), opening).await;
    assert_eq!(check.status, 201, "{}", check.body);
    let check_id = check.json()["id"].as_str().unwrap().to_owned();
    let refused = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/monitoring/checks/{check_id}/close"),
            json!({"outcome": "compliant", "findings": "ok", "suspend_until": later(60).to_string()}),
        )
        .await;
    assert_eq!(refused.status, 422, "a compliant service is not suspended: {}", refused.body);
    assert!(refused.body.contains("suspend_until"), "{}", refused.body);
    let closing = json!({"outcome": "not_compliant", "findings": "Nessun certificato ISO/IEC 20000-1 valido",
        "suspend_until": later(60).to_string()});
    let closed =
        agency.json(&app, "POST", &format!("/api/v1/monitoring/checks/{check_id}/close"), closing.clone()).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(closed.json()["suspended_until"], later(60).to_string());
    let again = agency.json(&app, "POST", &format!("/api/v1/monitoring/checks/{check_id}/close"), closing).await;
    assert_eq!(again.status, 409, "closed once: {}", again.body);
    let status = get(&app, &format!("/api/v1/listings/{listing}/status")).await.json();
    assert_eq!(status["status"], "suspended", "{status}");
    let decision = store
        .fetch_i64("SELECT COUNT(*) FROM decisions WHERE kind = 'suspension' AND motivation LIKE '%20000-1 valido%'")
        .await;
    assert_eq!(decision, 1, "the suspension is a decision record naming the findings");

    // A service no longer qualified has no open alert.
    sweep::run(&store, lapse).await.unwrap();
    let desk = agency.get(&app, "/api/v1/monitoring").await.json();
    assert!(desk["alerts"].as_array().unwrap().is_empty(), "{desk}");
    assert!(desk["checks"].as_array().unwrap().iter().all(|c| c["id"] != check_id.as_str()), "{desk}");

    // Only the provider and the agency see it.
    use cloudpa_domain::access::{OrganisationKind, Role};
    user(&store, OrganisationKind::Provider, Role::Admin, "altro@fornitore.it").await;
    let other = Client::sign_in(&app, "altro@fornitore.it").await;
    assert_eq!(other.get(&app, &uri).await.status, 403);
    assert_eq!(get(&app, &uri).await.status, 401);
    let stranger = other
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing}/changes"),
            json!({"kind": "other", "summary": "x", "effective_on": later(10).to_string()}),
        )
        .await;
    assert_eq!(stranger.status, 403, "{}", stranger.body);
});

engine_test!(bad_monitoring_input_is_refused_field_by_field, |store| {
    let app = seed_demo(&store).await;
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;
    let listing =
        agency.get(&app, "/api/v1/monitoring").await.json()["alerts"][0]["listing_id"].as_str().unwrap().to_owned();
    let bad = json!({"standard": "ISO-27001", "issuer": " ", "accreditation": "", "number": "1",
        "valid_from": "2026-01-01", "valid_until": "2025-01-01"});
    let refused = provider.json(&app, "POST", &format!("/api/v1/listings/{listing}/certificates"), bad).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.header("content-type"), "application/problem+json");
    for field in ["standard", "issuer", "accreditation", "valid_until"] {
        assert!(refused.body.contains(&format!("\"{field}\"")), "{field}: {}", refused.body);
    }
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM certificates WHERE number = '1'").await, 0, "nothing written");
    let not_a_date = json!({"standard": "ISO-9001", "issuer": "x", "accreditation": "y", "number": "1",
        "valid_from": "01/01/2026", "valid_until": "2027-01-01"});
    let refused = provider.json(&app, "POST", &format!("/api/v1/listings/{listing}/certificates"), not_a_date).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("valid_from"), "{}", refused.body);
    let change = provider
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing}/changes"),
            json!({"kind": "weather", "summary": "x", "effective_on": "2027-01-01"}),
        )
        .await;
    assert_eq!(change.status, 400, "{}", change.body);
    assert!(change.body.contains("\"kind\""), "{}", change.body);
    let by_agency = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing}/certificates"),
            json!({"standard": "ISO-9001", "issuer": "x", "accreditation": "y", "number": "1",
            "valid_from": "2026-01-01", "valid_until": "2027-01-01"}),
        )
        .await;
    assert_eq!(by_agency.status, 403, "only the provider records its certificates: {}", by_agency.body);
    let triage = agency
        .json(
            &app,
            "POST",
            "/api/v1/monitoring/changes/nessuna/triage",
            json!({"triage": "substantive", "motivation": "x"}),
        )
        .await;
    assert_eq!(triage.status, 404, "{}", triage.body);
    assert!(triage.body.contains("Notified change not found"), "names what is missing: {}", triage.body);
});
