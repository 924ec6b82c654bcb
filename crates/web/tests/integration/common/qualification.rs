//! Helpers of the qualification tests: a provider, another provider and a
//! reviewer of the agency; the listings they register and the answers of
//! their applications.

use super::{Client, T0, user};
use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use serde_json::{Value, json};

/// Reference data and the three users: `op@nuvola.it`, `op@altro.it` (providers), `revisore@acn.gov.it`.
pub async fn setup(store: &cloudpa_store::Store) {
    store.load_reference_data(T0).await.unwrap();
    user(store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    user(store, OrganisationKind::Provider, Role::Operator, "op@altro.it").await;
    user(store, OrganisationKind::Agency, Role::Operator, "revisore@acn.gov.it").await;
}

/// A QC2 SaaS on the infrastructure `runs_on`.
pub fn saas(runs_on: &str) -> Value {
    json!({
        "name": "Protocollo informatico", "description": "Gestione documentale e protocollo per i Comuni",
        "category": "Gestione documentale", "kind": "SaaS", "level": "QC2", "runs_on": runs_on,
        "location": "IT", "pricing_model": "Canone annuo per utente", "procurement_channel": "MEPA",
        "service_levels": { "SLI1": "99,9%", "SLI2": "lun-ven 8-18", "SLI3": "4 ore" }
    })
}

/// A QC2 IaaS.
pub fn iaas() -> Value {
    let mut iaas = saas("");
    iaas["kind"] = json!("IaaS");
    iaas["runs_on"] = Value::Null;
    iaas
}

/// Answers every QC2 requirement of `app` except `skip`.
pub async fn answer_all(app: &axum::Router, provider: &Client, id: &str, certificate: &str, skip: &str) {
    let form = provider.get(app, &format!("/api/v1/applications/{id}")).await.json()["form"].clone();
    for item in form.as_array().unwrap() {
        let requirement = &item["requirement"];
        let rid = requirement["id"].as_str().unwrap();
        if rid == skip {
            continue;
        }
        let answer = match requirement["answer"].as_str().unwrap() {
            "certificate" => json!({"type": "certificate", "expires_on": "2099-12-31", "document": certificate}),
            "yes_no" => json!({"type": "yes_no", "value": true}),
            "location" => json!({"type": "location", "countries": ["IT"]}),
            "document" => json!({"type": "document", "document": certificate}),
            other => panic!("unexpected answer type {other}"),
        };
        let reply = provider.json(app, "PUT", &format!("/api/v1/applications/{id}/answers/{rid}"), answer).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{rid}: {}", reply.body);
    }
}
