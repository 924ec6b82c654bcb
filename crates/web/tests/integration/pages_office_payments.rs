//! The programme office's payments desk and bulk pre-check pages, and the
//! payment on the project's page: no pay button until the ente's CRE and
//! payment request pass every formal check.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::attestation::request_payment;
use common::snapshots::{demo_user, seed_demo};
use common::*;
use serde_json::json;

/// Genova's demo project, driven by the API to a positive attestation
/// recorded by the office; its API uri.
async fn attested(app: &axum::Router, rtd: &Client, office: &Client) -> String {
    let apps = rtd.get(app, "/api/v1/enti").await.json();
    let genova = apps["items"][0]["id"].as_str().unwrap().to_owned();
    let list = rtd.get(app, &format!("/api/v1/enti/{genova}/applications")).await.json();
    let uri = format!("/api/v1/call-applications/{}", list["items"][0]["id"].as_str().unwrap());
    rtd.json(app, "PUT", &format!("{uri}/cup"), json!({"cup": "J11C22000290006"})).await;
    assert_eq!(rtd.post(app, &format!("{uri}/contract")).await.status, StatusCode::OK);
    for position in 1..=17 {
        rtd.post(app, &format!("{uri}/services/{position}/migrated")).await;
    }
    assert_eq!(rtd.post(app, &format!("{uri}/complete")).await.json()["state"], "completed");
    let attested = office.json(app, "POST", &format!("{uri}/attestation"), json!({"outcome": "positive"})).await;
    assert_eq!(attested.json()["state"], "attested", "{}", attested.body);
    uri
}

engine_test!(the_office_pays_once_the_formal_checks_pass, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let uri = attested(&app, &rtd, &office).await;
    let page = uri.replace("/api/v1/call-applications/", "/candidature/");

    let desk = office.get(&app, "/programma/ufficio/erogazioni").await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(desk.body.contains("Comune di Genova (demo)") && desk.body.contains("non ancora inviata"), "{}", desk.body);
    let waiting = office.get(&app, &page).await.body;
    assert!(waiting.contains(r#"id="payment-waiting""#) && !waiting.contains(r#"id="pay""#), "{waiting}");
    assert!(rtd.get(&app, &page).await.body.contains(r#"id="payment-link""#), "the ente is pointed to its request");
    assert_eq!(rtd.get(&app, "/programma/ufficio/erogazioni").await.status, StatusCode::FORBIDDEN);

    let short = json!({"cre_file": "", "cre_on": "", "request_file": "", "requested_cents": 0});
    let refused = rtd.json(&app, "PUT", &format!("{uri}/payment-request"), short).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = refused.json()["errors"].clone();
    let fields: Vec<&str> = errors.as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["cre_file", "request_file", "requested_cents", "cre_on"], "{}", refused.body);
    let foreign = office.upload(&app, "altro.pdf", &common::attestation::pdf("altro")).await.json()["id"].clone();
    let theirs =
        json!({"cre_file": foreign, "cre_on": Now::read().today, "request_file": foreign, "requested_cents": 1});
    let refused = rtd.json(&app, "PUT", &format!("{uri}/payment-request"), theirs).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "a file the ente did not upload: {}", refused.body);

    request_payment(&app, &rtd, &uri, Now::read().today).await;
    let ready = office.get(&app, &page).await.body;
    assert_eq!(ready.matches(r#"bg-success">superato"#).count(), 6, "six formal checks pass: {ready}");
    assert!(ready.contains(r#"id="pay""#));
    assert!(office.get(&app, "/programma/ufficio/erogazioni").await.body.contains("tutti superati"));
    let csrf = &office.csrf;
    let paid =
        post_form(&app, &format!("{page}/ufficio/erogazione"), Some(&office.cookie), &format!("csrf_token={csrf}"))
            .await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER, "{}", paid.body);
    assert_eq!(office.get(&app, &uri).await.json()["state"], "paid");
    assert!(office.get(&app, "/programma/ufficio/erogazioni").await.body.contains(r#"id="empty""#));
});

engine_test!(the_office_starts_a_bulk_precheck_from_its_page, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let empty = office.get(&app, "/programma/ufficio/preverifiche").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains(r#"id="empty""#) && empty.body.contains(r#"id="start-run""#));
    assert_eq!(rtd.get(&app, "/programma/ufficio/preverifiche").await.status, StatusCode::FORBIDDEN);

    let csrf = &office.csrf;
    let body = format!("csrf_token={csrf}&call_id=");
    let started = post_form(&app, "/programma/ufficio/preverifiche", Some(&office.cookie), &body).await;
    assert_eq!(
        (started.status, started.header("location")),
        (StatusCode::SEE_OTHER, "/programma/ufficio/preverifiche")
    );
    let listed = office.get(&app, "/programma/ufficio/preverifiche").await.body;
    assert!(
        listed.contains("in coda") && listed.contains("Tutti gli avvisi") && listed.contains(r#"id="refresh""#),
        "{listed}"
    );
    let twice = post_form(&app, "/programma/ufficio/preverifiche", Some(&office.cookie), &body).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "one run at a time");
    assert!(twice.body.contains("ancora in corso"), "{}", twice.body);
    let blobs = cloudpa_store::blobs::BlobStore::local(&std::env::temp_dir().join("cloudpa-page-runs")).unwrap();
    let mailer = cloudpa_workflows::notifications::Mailer::new(
        None,
        "cloudpa <noreply@cloudpa.localhost>",
        std::env::temp_dir().join("cloudpa-page-runs-mail"),
    )
    .unwrap();
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        blobs,
        mailer,
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    worker.run_due(chrono::Utc::now().timestamp_millis()).await.unwrap();
    let done = office.get(&app, "/programma/ufficio/preverifiche").await.body;
    assert!(done.contains("completata") && done.contains(r#"class="result""#), "{done}");
    assert!(!done.contains(r#"id="refresh""#), "nothing left to follow");
    let unknown = format!("csrf_token={csrf}&call_id=nessuno");
    let refused = post_form(&app, "/programma/ufficio/preverifiche", Some(&office.cookie), &unknown).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("non è un avviso"), "the field's rule is shown: {}", refused.body);
});
