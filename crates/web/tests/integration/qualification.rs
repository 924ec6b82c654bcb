//! The qualification path end to end over HTTP, on both engines: a provider
//! registers a SaaS on its infrastructure, answers the QC2 set with a
//! certificate, is stopped by the triage, completes, submits; the agency
//! requests integration, qualifies, suspends and reinstates; history and
//! audit hold. The requirement sets are published. What is refused is in
//! `qualification_refusals`, what happens outside a request in
//! `qualification_background`.

use crate::common;

use axum::http::StatusCode;
use chrono::{Days, Utc};
use cloudpa_store::engine_test;
use common::qualification::{answer_all, saas, setup};
use common::*;
use serde_json::{Value, json};

engine_test!(a_saas_goes_from_draft_to_qualified_suspended_and_reinstated, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;

    let bad = provider
        .json(&app, "PUT", "/api/v1/provider/profile", json!({"vat_number": "00488410011", "pec": "x", "address": ""}))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.json();
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["vat_number", "pec", "address"]);
    assert!(bad.body.contains("the check digit should be 0"));
    let profile = json!({"vat_number": "IT00488410010", "pec": "nuvola@pec.it", "address": "Via Roma 1, Genova"});
    assert_eq!(provider.json(&app, "PUT", "/api/v1/provider/profile", profile).await.status, StatusCode::OK);

    let infra = provider
        .json(
            &app,
            "POST",
            "/api/v1/provider/infrastructures",
            json!({"name": "DC Genova", "location": "IT", "sites": "Genova"}),
        )
        .await;
    assert_eq!(infra.status, StatusCode::CREATED, "{}", infra.body);
    let infra_id = infra.json()["id"].as_str().unwrap().to_owned();

    let mut orphan = saas("");
    orphan["runs_on"] = Value::Null;
    let refused = provider.json(&app, "POST", "/api/v1/provider/listings", orphan).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "runs_on");

    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", saas(&infra_id)).await;
    assert_eq!(listing.status, StatusCode::CREATED, "{}", listing.body);
    let listing_id = listing.json()["listing_id"].as_str().unwrap().to_owned();

    let opened = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let id = opened.json()["id"].as_str().unwrap().to_owned();
    let form = provider.get(&app, &format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(form["form"].as_array().unwrap().len(), 10, "QC2 = QC1 (6) + QC2 (4) requirements");

    let not_multipart = provider.json(&app, "POST", "/api/v1/files", json!({})).await;
    assert_eq!(not_multipart.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_multipart.header("content-type"), "application/problem+json");
    // The form has the one part `file` (schemathesis sent others beside it).
    let pdf_bytes: &[u8] = b"%PDF-1.7\n%%EOF\n";
    let extra = provider.upload_parts(&app, &[("note", "n.txt", b"hello"), ("file", "a.pdf", pdf_bytes)]).await;
    assert_eq!((extra.status, extra.json()["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("note")));
    let after = provider.upload_parts(&app, &[("file", "a.pdf", pdf_bytes), ("note", "n.txt", b"hello")]).await;
    assert_eq!((after.status, after.json()["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("note")));
    let twice = provider.upload_parts(&app, &[("file", "a.pdf", pdf_bytes), ("file", "b.pdf", pdf_bytes)]).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST, "{}", twice.body);
    let exe = provider.upload(&app, "certificato.pdf", b"MZ\x90\x00not a pdf").await;
    assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let pdf = provider.upload(&app, "iso27001.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").await;
    assert_eq!(pdf.status, StatusCode::CREATED, "{}", pdf.body);
    let certificate = pdf.json()["id"].as_str().unwrap().to_owned();

    answer_all(&app, &provider, &id, &certificate, "LOC-DATI-UE").await;
    let triaged = provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await;
    assert_eq!(triaged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unanswered =
        json!({"field": "LOC-DATI-UE", "rule": "mandatory requirement unanswered", "code": "qual-triage-unanswered"});
    assert_eq!(triaged.json()["errors"], json!([unanswered]));
    let answer = json!({"type": "location", "countries": ["IT"]});
    provider.json(&app, "PUT", &format!("/api/v1/applications/{id}/answers/LOC-DATI-UE"), answer).await;
    let submitted = provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert_eq!(submitted.json()["state"], "submitted");
    assert_eq!(submitted.json()["triage"]["outcome"], "needs_review");

    let early = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/decision"),
            json!({"outcome": "qualified", "motivation": "ok"}),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "not in review yet");
    assert_eq!(early.header("content-type"), "application/problem+json");
    let own = provider
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/decision"),
            json!({"outcome": "qualified", "motivation": "ok"}),
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "a provider never decides its own application");

    let queue = agency.get(&app, "/api/v1/review/queue").await.json();
    assert_eq!(queue["items"][0]["application"]["id"], id.as_str());
    assert_eq!(queue["items"][0]["age_days"], 0);
    assert_eq!(agency.post(&app, &format!("/api/v1/applications/{id}/assign")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(agency.get(&app, "/api/v1/review/queue?assigned=me").await.json()["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        agency.post(&app, &format!("/api/v1/applications/{id}/start-review")).await.json()["state"],
        "in_review"
    );
    let verdict = json!({"verdict": "unclear", "note": "Allegare il certificato ISO 22301 completo"});
    let reviewed = agency.json(&app, "PUT", &format!("/api/v1/applications/{id}/reviews/CERT-22301"), verdict).await;
    assert_eq!(reviewed.status, StatusCode::NO_CONTENT, "{}", reviewed.body);
    let deadline = (Utc::now().date_naive() + Days::new(30)).to_string();

    let sent_back = agency
        .json(&app, "POST", &format!("/api/v1/applications/{id}/request-integration"), json!({"deadline": deadline}))
        .await;
    assert_eq!(sent_back.json()["state"], "integration_requested", "{}", sent_back.body);

    let seen = provider.get(&app, &format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(seen["reviews"][0]["note"], "Allegare il certificato ISO 22301 completo");
    let answer = json!({"type": "certificate", "expires_on": "2099-12-31", "document": certificate});
    let fixed = provider.json(&app, "PUT", &format!("/api/v1/applications/{id}/answers/CERT-22301"), answer).await;
    assert_eq!(fixed.status, StatusCode::NO_CONTENT);
    assert_eq!(provider.post(&app, &format!("/api/v1/applications/{id}/submit")).await.json()["state"], "resubmitted");

    let blank = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/decision"),
            json!({"outcome": "qualified", "motivation": " "}),
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    let decided = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/decision"),
            json!({"outcome": "qualified", "motivation": "Requisiti QC2 verificati"}),
        )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    let decision_id = decided.json()["decision_id"].as_str().unwrap().to_owned();
    let decision = get(&app, &format!("/api/v1/decisions/{decision_id}")).await.json();
    insta::assert_json_snapshot!("decision_record", decision, {
        ".id" => "[id]", ".application_id" => "[id]", ".listing_id" => "[id]", ".decided_by" => "[id]",
        ".decided_on" => "[date]", ".details.valid_until" => "[date]"
    });
    assert_eq!(decision["kind"], "qualification");
    assert_eq!(decision["details"]["level"], "QC2");
    assert_eq!(decision["details"]["data_classes"], json!(["ordinari", "critici"]));
    let pdf = get(&app, &format!("/api/v1/decisions/{decision_id}/certificate.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));
    assert!(pdf.body.contains("pdfaid:part"), "PDF/A");
    assert!(pdf.body.contains("Protocollo informatico"), "the service is named in the document's metadata");

    let now = get(&app, &format!("/api/v1/listings/{listing_id}/status")).await.json();
    let today: chrono::NaiveDate = now["on"].as_str().unwrap().parse().unwrap();
    assert!(today >= Utc::now().date_naive(), "the server's today is Europe/Rome's");
    let yesterday = today - Days::new(1);
    let status = |on: chrono::NaiveDate| format!("/api/v1/listings/{listing_id}/status?on={on}");
    assert_eq!(get(&app, &status(yesterday)).await.json()["status"], Value::Null);
    assert_eq!(get(&app, &status(today)).await.json()["status"], "qualified");

    let suspend =
        json!({"reason": "Certificato ISO 27001 in rinnovo", "planned_end": (today + Days::new(60)).to_string()});
    let suspended = agency.json(&app, "POST", &format!("/api/v1/listings/{listing_id}/suspend"), suspend).await;
    assert_eq!(suspended.json()["application"]["state"], "suspended", "{}", suspended.body);
    assert_eq!(get(&app, &status(today)).await.json()["status"], "suspended");
    let search = get(&app, "/api/v1/listings?q=protocollo&status=suspended").await.json();
    assert_eq!(search["total"], 1, "the search index follows the suspension at once: {search}");
    assert_eq!(search["items"][0]["id"], listing_id.as_str());
    let listing = get(&app, &format!("/api/v1/listings/{listing_id}")).await.json();
    assert_eq!(listing["status"], "suspended");
    assert_eq!(listing["history"][1]["decision"]["motivation"], "Certificato ISO 27001 in rinnovo");
    let reinstated = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing_id}/reinstate"),
            json!({"motivation": "Certificato rinnovato"}),
        )
        .await;
    assert_eq!(reinstated.json()["application"]["state"], "qualified");
    let history = get(&app, &status(today)).await.json();
    assert_eq!(history["status"], "qualified");
    let intervals = history["history"].as_array().unwrap();
    assert_eq!(
        intervals.iter().map(|i| i["status"].as_str().unwrap()).collect::<Vec<_>>(),
        ["qualified", "suspended", "qualified"]
    );
    for interval in intervals.iter().filter(|i| i["status"] == "qualified") {
        let id = interval["decision"].as_str().expect("every qualified interval has a decision");
        assert_eq!(get(&app, &format!("/api/v1/decisions/{id}")).await.status, StatusCode::OK);
    }
    let again = agency
        .json(&app, "POST", &format!("/api/v1/listings/{listing_id}/reinstate"), json!({"motivation": "x"}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "a qualified listing cannot be reinstated");

    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
    let count = "SELECT COUNT(*) FROM outbox WHERE topic = ";
    let events = store.fetch_i64(&format!("{count}'application.state'")).await;
    assert_eq!(events, 7, "each of the 7 transitions is a notification event");
    let changes = store.fetch_i64(&format!("{count}'catalogue.change'")).await;
    assert_eq!(changes, 3, "qualified, suspended, qualified: the catalogue's change log");

    let mut moved = saas(&infra_id);
    moved["location"] = json!("EU");
    moved["description"] = json!("Ora anche in Germania");
    let change = provider.json(&app, "PUT", &format!("/api/v1/provider/listings/{listing_id}"), moved).await;
    assert_eq!(change.status, StatusCode::OK, "{}", change.body);
    let change = change.json();
    assert_eq!(change["effect"], json!({"effect": "re_review", "fields": ["location"]}));
    assert_eq!(change["version"]["version"], 2);
    assert_eq!(change["version"]["current_version"], 1, "the published version stays until the re-review");
    let listings = provider.get(&app, "/api/v1/provider/listings").await.json();
    assert_eq!(listings["items"][0]["details"]["terms"]["location"], "IT");
    let review_id = change["re_review_application"].as_str().unwrap();
    let review = provider.get(&app, &format!("/api/v1/applications/{review_id}")).await.json();
    assert_eq!(review["application"]["state"], "draft");
    assert_eq!(review["application"]["listing_version"], 2);
    assert!(review["form"].as_array().unwrap().iter().all(|item| !item["answer"].is_null()), "pre-filled");
    assert_eq!(get(&app, &status(today)).await.json()["status"], "qualified");
    let busy = provider.json(&app, "PUT", &format!("/api/v1/provider/listings/{listing_id}"), saas(&infra_id)).await;
    assert_eq!(busy.status, StatusCode::CONFLICT, "one application in progress at a time");

    assert_eq!(
        provider.post(&app, &format!("/api/v1/applications/{review_id}/submit")).await.json()["state"],
        "submitted"
    );
    agency.post(&app, &format!("/api/v1/applications/{review_id}/start-review")).await;
    let requalified = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/applications/{review_id}/decision"),
            json!({"outcome": "qualified", "motivation": "Localizzazione UE verificata"}),
        )
        .await;
    assert_eq!(requalified.status, StatusCode::OK, "{}", requalified.body);
    let original = agency.get(&app, &format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(original["application"]["state"], "superseded", "the re-review replaces the first qualification");
    let listings = provider.get(&app, "/api/v1/provider/listings").await.json();
    assert_eq!(listings["items"][0]["version"], 2, "the reviewed version is now published");
    assert_eq!(listings["items"][0]["details"]["terms"]["location"], "EU");
    let history = get(&app, &status(today)).await.json();
    assert_eq!(history["status"], "qualified");
    assert_eq!(history["history"].as_array().unwrap().len(), 4);
    let revoked = agency
        .json(
            &app,
            "POST",
            &format!("/api/v1/listings/{listing_id}/revoke"),
            json!({"motivation": "Dati fuori dall'UE"}),
        )
        .await;
    assert_eq!(revoked.json()["application"]["state"], "revoked", "{}", revoked.body);
    assert_eq!(get(&app, &status(today)).await.json()["status"], "revoked");
    let reopen = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    assert_eq!(reopen.status, StatusCode::CONFLICT);
    assert!(reopen.body.contains("revoked listing cannot be qualified again"));

    let mut unknown = saas(&infra_id);
    unknown["service_levels"] = json!({"SLI99": "x"});
    let refused = provider.json(&app, "POST", "/api/v1/provider/listings", unknown).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("`SLI99` is not an indicator"));
});

engine_test!(requirement_sets_are_published_as_json_and_csv, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let sets = get(&app, "/api/v1/requirement-sets").await.json();
    let ids: Vec<&str> = sets["items"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["acn-2024-ac", "acn-2024-qc", "agid-2018-csp", "agid-2018-saas"]);
    let adeguamento = get(&app, "/api/v1/requirement-sets/acn-2024-ac").await.json();
    assert_eq!(adeguamento["track"], "adeguamento", "{adeguamento}");
    assert_eq!(adeguamento["levels"][1]["code"], "AC2");
    assert_eq!(adeguamento["requirements"][0]["source"], "Art. 15 c.1 (citato da fonte secondaria)");
    let set = get(&app, "/api/v1/requirement-sets/agid-2018-saas").await.json();
    assert_eq!(set["requirements"].as_array().unwrap().len(), 20);
    let csv = get(&app, "/api/v1/requirement-sets/acn-2024-qc?format=csv").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(csv.body.lines().count(), 21, "a header and one row per requirement");
    assert!(csv.body.lines().nth(1).unwrap().starts_with("acn-2024-qc,2024-06-27,CERT-9001,"));
    assert_eq!(get(&app, "/api/v1/requirement-sets/nothing").await.status, StatusCode::NOT_FOUND);
});
