//! A snapshot of every monitoring operation's answer on the demo data: the
//! agency's desk and the provider's list of what is due; the demo provider
//! renews the lapsed certificate of its qualified IaaS and notifies a change;
//! the demo reviewer triages it, opens a check and closes it compliant.

use crate::common;

use common::snapshots::{Snapshots, demo, demo_user};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitoring_answers() {
    let (_store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_monitoring");
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let agency = demo_user(&app, "revisore@acn.demo.cloudpa.it").await;
    let today = cloudpa_workflows::Now::read().today;
    let later = |days| (today + chrono::Days::new(days)).to_string();

    let desk = s.get(Some(&agency), "/api/v1/monitoring", &[], "").await;
    assert_eq!(desk["alerts"][0]["requirement"], "ISO-IEC-20000-1", "the demo's lapsed certificate");
    let due = s.get(Some(&provider), "/api/v1/provider/monitoring", &[], "").await;
    assert!(due["items"].as_array().unwrap().iter().any(|d| d["what"] == "requirement_unmet"), "{due}");
    let listing = desk["alerts"][0]["listing_id"].as_str().unwrap().to_owned();

    let renewed = json!({"standard": "ISO-IEC-20000-1", "issuer": "Certificazioni Liguri S.r.l.",
        "accreditation": "ACCREDIA", "number": "IT-20000-2027", "valid_from": today.to_string(),
        "valid_until": later(1095)});
    s.send(&provider, "POST", "/api/v1/listings/{id}/certificates", &[&listing], renewed).await;
    let m = s.get(Some(&provider), "/api/v1/listings/{id}/monitoring", &[&listing], "").await;
    assert!(m["requirements"].as_array().unwrap().iter().all(|r| r["met"] == true), "{m}");
    assert!(m["alerts"].as_array().unwrap().iter().all(|a| !a["closed_on"].is_null()), "closed at once");

    let notice = json!({"kind": "location", "summary": "Secondo sito di disaster recovery a Torino",
        "effective_on": later(90)});
    let change = s.send(&provider, "POST", "/api/v1/listings/{id}/changes", &[&listing], notice).await;
    assert_eq!(change["notice_days"], 90);
    let triage = json!({"triage": "not_substantive", "motivation": "Sito in Italia, stesso livello"});
    let change_id = change["id"].as_str().unwrap().to_owned();
    s.send(&agency, "POST", "/api/v1/monitoring/changes/{id}/triage", &[&change_id], triage).await;
    let opening = json!({"kind": "on_site", "subject": "Sopralluogo al sito di Torino", "respond_by": later(30)});
    let check = s.send(&agency, "POST", "/api/v1/listings/{id}/checks", &[&listing], opening).await;
    let check_id = check["id"].as_str().unwrap().to_owned();
    let closing = json!({"outcome": "compliant", "findings": "Misure conformi al livello QC2"});
    s.send(&agency, "POST", "/api/v1/monitoring/checks/{id}/close", &[&check_id], closing).await;
    s.finish();
}
