//! The adeguamento of a public body's cloud service, on both engines: it
//! names its level AC1–AC4, declares under the adeguamento's requirement set
//! (the qualification's is refused it, as the adeguamento's is refused a
//! provider), the agency reviews it in the same queue with the same
//! lifecycle, and the catalogue shows it as an adeguamento, with its history.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::qualification::{answer_all, saas, setup};
use common::*;
use serde_json::json;

engine_test!(a_public_body_declares_its_service_and_the_agency_accepts_it, |store| {
    setup(&store).await;
    user(&store, OrganisationKind::PublicBody, Role::Operator, "cloud@comune.genova.it").await;
    let app = app(&store, unlimited()).await;
    let ente = Client::sign_in(&app, "cloud@comune.genova.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;

    let mut service = saas("");
    service["kind"] = json!("IaaS");
    service["runs_on"] = serde_json::Value::Null;
    let refused = ente.json(&app, "POST", "/api/v1/provider/listings", service.clone()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "QC2 is a qualification's level: {}", refused.body);
    assert!(refused.body.contains("AC1, AC2, AC3, AC4"), "{}", refused.body);
    service["level"] = json!("AC2");
    let listing = ente.json(&app, "POST", "/api/v1/provider/listings", service).await;
    assert_eq!(listing.status, StatusCode::CREATED, "{}", listing.body);
    let listing_id = listing.json()["listing_id"].as_str().unwrap().to_owned();

    let wrong_set = json!({"listing_id": listing_id, "requirement_set": "acn-2024-qc"});
    let refused = ente.json(&app, "POST", "/api/v1/applications", wrong_set).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("acn-2024-ac"), "{}", refused.body);
    let draft = ente.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
    let id = draft.json()["id"].as_str().unwrap().to_owned();
    let draft = ente.get(&app, &format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(draft["requirement_set"]["id"], "acn-2024-ac");
    let form = draft["form"].as_array().unwrap();
    assert_eq!(form.len(), 5, "AC2's requirements: {draft}");
    assert!(form.iter().all(|f| f["requirement"]["from_level"] == "AC1"), "{draft}");

    let pdf = ente.upload(&app, "dichiarazione.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").await;
    assert_eq!(pdf.status, StatusCode::CREATED, "{}", pdf.body);
    let document = pdf.json()["id"].as_str().unwrap().to_owned();
    answer_all(&app, &ente, &id, &document, "").await;
    let submitted = ente.post(&app, &format!("/api/v1/applications/{id}/submit")).await;
    assert_eq!(submitted.json()["state"], "submitted", "{}", submitted.body);

    // The agency reviews it in its one queue, asks for integration, then accepts.
    let queue = agency.get(&app, "/api/v1/review/queue").await.json();
    assert!(queue["items"].as_array().unwrap().iter().any(|i| i["application"]["id"] == id.as_str()), "{queue}");
    agency.post(&app, &format!("/api/v1/applications/{id}/start-review")).await;
    let deadline = (chrono::Utc::now().date_naive() + chrono::Days::new(20)).to_string();
    let sent_back = agency
        .json(&app, "POST", &format!("/api/v1/applications/{id}/request-integration"), json!({"deadline": deadline}))
        .await;
    assert_eq!(sent_back.json()["state"], "integration_requested", "{}", sent_back.body);
    assert_eq!(ente.post(&app, &format!("/api/v1/applications/{id}/submit")).await.json()["state"], "resubmitted");
    let decision = json!({"outcome": "qualified", "motivation": "Dichiarazione di conformità AC2 verificata"});
    let decided = agency.json(&app, "POST", &format!("/api/v1/applications/{id}/decision"), decision).await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);

    // The catalogue shows it as an adeguamento, named AC2, with its history.
    let item = get(&app, &format!("/api/v1/listings/{listing_id}")).await.json();
    assert_eq!(item["provider"]["track"], "adeguamento", "{item}");
    assert_eq!((item["level"].as_str(), item["level_name"].as_str()), (Some("QC2"), Some("AC2")), "{item}");
    let today = chrono::Utc::now().date_naive();
    let before = get(&app, &format!("/api/v1/listings/{listing_id}/status?on={}", today - chrono::Days::new(1))).await;
    assert!(before.json()["status"].is_null(), "not in the catalogue before: {}", before.body);
    assert_eq!(get(&app, &format!("/api/v1/listings/{listing_id}/status")).await.json()["status"], "qualified");
    let page = get(&app, &format!("/qualificazioni/{listing_id}")).await;
    assert!(page.body.contains("data-track=\"adeguamento\"") && page.body.contains(">AC2"), "the public page");
    let search = get(&app, "/catalogo?q=Protocollo").await;
    assert!(search.body.contains("data-track=\"adeguamento\""), "the search page");
    let only = get(&app, "/api/v1/listings?track=adeguamento").await.json();
    let ids: Vec<&str> = only["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [listing_id.as_str()], "the track facet: {only}");
    let counted = only["facets"]["track"].as_array().unwrap();
    assert!(counted.iter().any(|c| c["value"] == "adeguamento" && c["count"] == 1 && c["selected"] == true), "{only}");
    let facet = get(&app, "/catalogo?track=adeguamento").await;
    assert!(facet.body.contains("Adeguamento (operatori pubblici)"), "the search page's facet");
    let csv = get(&app, "/api/v1/listings/export.csv").await.body;
    let row = csv.lines().find(|l| l.starts_with(listing_id.as_str())).unwrap_or_default();
    assert!(row.contains(",AC2,"), "the export names the level by its track: {row}");
    let decision_id = decided.json()["decision_id"].as_str().unwrap().to_owned();
    let certificate = get(&app, &format!("/api/v1/decisions/{decision_id}/certificate.pdf")).await;
    assert_eq!(certificate.status, StatusCode::OK);

    // Another public body cannot touch it.
    user(&store, OrganisationKind::PublicBody, Role::Operator, "cloud@comune.masone.ge.it").await;
    let other = Client::sign_in(&app, "cloud@comune.masone.ge.it").await;
    assert_eq!(other.get(&app, &format!("/api/v1/applications/{id}")).await.status, StatusCode::FORBIDDEN);
});

engine_test!(an_in_house_company_takes_the_adeguamento_once_it_declares_itself, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let mut profile = json!({"vat_number": "09876540890", "pec": "nuvola@pec.it", "address": "Via Roma 1, Genova",
        "operator_nature": "in house"});
    let refused = provider.json(&app, "PUT", "/api/v1/provider/profile", profile.clone()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("operator_nature"), "{}", refused.body);

    let mut service = saas("");
    service["kind"] = json!("IaaS");
    service["runs_on"] = serde_json::Value::Null;
    let private = provider.json(&app, "POST", "/api/v1/provider/listings", service.clone()).await;
    assert_eq!(private.status, StatusCode::CREATED, "a private provider names QC levels: {}", private.body);

    profile["operator_nature"] = json!("in_house");
    let saved = provider.json(&app, "PUT", "/api/v1/provider/profile", profile).await;
    assert_eq!(saved.json()["operator_nature"], "in_house", "{}", saved.body);
    let refused = provider.json(&app, "POST", "/api/v1/provider/listings", service.clone()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an in-house company names AC levels: {}",
        refused.body
    );
    service["level"] = json!("AC1");
    let listing = provider.json(&app, "POST", "/api/v1/provider/listings", service).await;
    assert_eq!(listing.status, StatusCode::CREATED, "{}", listing.body);
    let listing_id = listing.json()["listing_id"].as_str().unwrap().to_owned();
    let draft = provider.json(&app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    let id = draft.json()["id"].as_str().unwrap().to_owned();
    let opened = provider.get(&app, &format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(opened["requirement_set"]["id"], "acn-2024-ac", "{opened}");
});
