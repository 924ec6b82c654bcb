//! Infrastructures with their level (issue 16 item 2): a provider declares
//! it, the services that run on it host no more data classes than it admits
//! — in the decision record, the catalogue and its data-class filter — and
//! the public page of the infrastructure says so.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::qualification::{answer_all, saas, setup};
use common::*;
use serde_json::json;

/// Registers an infrastructure of `level` and a QC3 SaaS on it, and takes
/// the SaaS through qualification; the decision record and the listing's id.
async fn qualified_on(
    app: &axum::Router,
    provider: &Client,
    agency: &Client,
    level: Option<&str>,
) -> (serde_json::Value, String) {
    let name = level.unwrap_or("senza livello");
    let body = json!({"name": format!("DC {name}"), "location": "IT", "sites": "Roma", "level": level});
    let infra = provider.json(app, "POST", "/api/v1/provider/infrastructures", body).await;
    assert_eq!(infra.status, StatusCode::CREATED, "{}", infra.body);
    let infra_id = infra.json()["id"].as_str().unwrap().to_owned();
    let mut service = saas(&infra_id);
    service["level"] = json!("QC3");
    service["name"] = json!(format!("Protocollo su DC {name}"));
    let listing = provider.json(app, "POST", "/api/v1/provider/listings", service).await;
    let listing_id = listing.json()["listing_id"].as_str().unwrap().to_owned();
    let opened = provider.json(app, "POST", "/api/v1/applications", json!({"listing_id": listing_id})).await;
    let id = opened.json()["id"].as_str().unwrap().to_owned();
    let pdf = provider.upload(app, "iso.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").await;
    answer_all(app, provider, &id, pdf.json()["id"].as_str().unwrap(), "").await;
    assert_eq!(provider.post(app, &format!("/api/v1/applications/{id}/submit")).await.status, StatusCode::OK);
    agency.post(app, &format!("/api/v1/applications/{id}/assign")).await;
    agency.post(app, &format!("/api/v1/applications/{id}/start-review")).await;
    let decision = json!({"outcome": "qualified", "motivation": "Requisiti QC3 verificati"});
    let decided = agency.json(app, "POST", &format!("/api/v1/applications/{id}/decision"), decision).await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    let record = get(app, &format!("/api/v1/decisions/{}", decided.json()["decision_id"].as_str().unwrap())).await;
    (record.json(), listing_id)
}

engine_test!(a_service_hosts_no_more_data_classes_than_its_infrastructure_admits, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;
    let refused = provider
        .json(
            &app,
            "POST",
            "/api/v1/provider/infrastructures",
            json!({"name": "DC", "location": "IT", "sites": "", "level": "AI9"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(
        (refused.json()["errors"][0]["field"].as_str(), refused.json()["errors"][0]["code"].as_str()),
        (Some("level"), Some("qual-infrastructure-level"))
    );

    let (capped, capped_id) = qualified_on(&app, &provider, &agency, Some("AI1")).await;
    assert_eq!(capped["details"]["data_classes"], json!(["ordinari"]), "a QC3 service on an AI1 data centre");
    let (open, open_id) = qualified_on(&app, &provider, &agency, None).await;
    assert_eq!(open["details"]["data_classes"], json!(["ordinari", "critici", "strategici"]));

    let infrastructures = provider.get(&app, "/api/v1/provider/infrastructures").await.json();
    let declared: Vec<(serde_json::Value, serde_json::Value)> = infrastructures["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["level"].clone(), i["data_classes"].clone()))
        .collect();
    assert!(declared.contains(&(json!("AI1"), json!(["ordinari"]))), "{declared:?}");
    assert!(declared.contains(&(serde_json::Value::Null, serde_json::Value::Null)), "{declared:?}");

    let strategic = get(&app, "/api/v1/listings?data_class=strategici").await.json();
    let ids: Vec<&str> = strategic["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&open_id.as_str()) && !ids.contains(&capped_id.as_str()), "{ids:?}");
    let item = get(&app, &format!("/api/v1/listings/{capped_id}")).await.json();
    assert_eq!(item["data_classes"], json!(["ordinari"]), "{item}");
    let page = get(&app, &format!("/qualificazioni/{capped_id}")).await.body;
    let infra_href = page.split("href=\"/infrastrutture/").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    let infra_page = get(&app, &format!("/infrastrutture/{infra_href}")).await.body;
    assert!(
        infra_page.contains(r#"id="infrastructure-level">AI1 · Classi di dati ammesse dal livello: ordinari<"#),
        "{infra_page}"
    );
});
