//! Helpers of the asseverazione's tests: Genova's demo project contracted,
//! a complete form for a service, every form of a project submitted and the
//! project completed, the payment request.

use super::Client;
use super::snapshots::demo_user;
use axum::Router;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_workflows::Now;
use serde_json::{Value, json};

pub fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {text}\n%%EOF\n").into_bytes()
}

/// Answers that complete the form of a service landing on `destination`,
/// with `file` as every document.
pub fn complete_answers(destination: &str, today: NaiveDate, file: &Value) -> Value {
    let mut answers = json!({
        "data_class_proof": file, "accessibility": "private", "private_addresses": ["10.0.0.1"],
        "in_production": true, "origin_description": "Sala CED", "origin_decommissioned": true, "decommissioned_on": today
    });
    let own = match destination {
        "iaas" => json!({
            "report_issuer": "Nuvola", "report_from": today - chrono::Days::new(14), "report_to": today,
            "cpu_vcpu": 4, "ram_gb": 16, "storage_gb": 200, "connectivity": "1 Gbit/s", "report_ente": "c_d969",
            "report_document": file, "public_ips": ["80.211.1.1"],
            "software": [{"name": "Anagrafe", "producer": "Acme", "description": "Anagrafe", "relevance": "principale"}],
            "system_ids": [format!("vm-{}", today)]
        }),
        _ => {
            json!({"verification_mode": "videocall", "verification_contact": "Ufficio CED", "verification_available_from": today})
        }
    };
    answers.as_object_mut().unwrap().extend(own.as_object().unwrap().clone());
    answers
}

/// Submits the form of every service of `project` from `first` on (each
/// marked migrated first), pinned to `contract` and `listing`, then
/// completes the project.
pub async fn submit_all_and_complete(
    app: &Router,
    rtd: &Client,
    project: &str,
    first: usize,
    contract: &Value,
    listing: &Value,
    today: NaiveDate,
) {
    let file = rtd.upload(app, "documento.pdf", &pdf("documento")).await.json()["id"].clone();
    let uri = format!("/api/v1/call-applications/{project}");
    let services = rtd.get(app, &uri).await.json()["services"].as_array().unwrap().len();
    for position in first..=services {
        let form = format!("{uri}/services/{position}/form");
        let destination = rtd.get(app, &form).await.json()["destination"].as_str().unwrap().to_owned();
        let mut answers = complete_answers(&destination, today, &file);
        if destination == "iaas" {
            answers["system_ids"] = json!([format!("vm-{position}")]);
        }
        rtd.post(app, &format!("{uri}/services/{position}/migrated")).await;
        let input = json!({"contract_id": contract, "listing_id": listing, "answers": answers});
        let submitted = rtd.json(app, "POST", &format!("{form}/submit"), input).await;
        assert_eq!(submitted.status.as_u16(), 200, "service {position}: {}", submitted.body);
    }
    let completed = rtd.post(app, &format!("{uri}/complete")).await;
    assert_eq!(completed.status.as_u16(), 200, "{}", completed.body);
}

/// The ente of the attested project at `uri` sends its CRE (signed
/// `cre_on`) and payment request for the amount decreed; returns the
/// payment as the API shows it.
pub async fn request_payment(app: &Router, rtd: &Client, uri: &str, cre_on: NaiveDate) -> Value {
    let decreed = rtd.get(app, uri).await.json()["amount_cents"].clone();
    let cre = rtd.upload(app, "cre.pdf", &pdf("Certificato di Regolare Esecuzione")).await.json()["id"].clone();
    let request = rtd.upload(app, "domanda.pdf", &pdf("Domanda di erogazione")).await.json()["id"].clone();
    let body = json!({"cre_file": cre, "cre_on": cre_on, "request_file": request, "requested_cents": decreed});
    let sent = rtd.json(app, "PUT", &format!("{uri}/payment-request"), body).await;
    assert_eq!(sent.status.as_u16(), 200, "{}", sent.body);
    sent.json()
}

/// A project of the tests: its id, its API uri, its contract and the
/// first admissible destination of its first service.
pub struct Project {
    pub id: String,
    pub uri: String,
    pub contract: Value,
    pub listing: Value,
}

/// Genova's demo project, contracted, with a supplier contract and its
/// first destination found.
pub async fn contracted(app: &Router, rtd: &Client) -> Project {
    let today = Now::read().today;
    let office = demo_user(app, "misura12@dtd.demo.cloudpa.it").await;
    let supplier =
        json!({"vat_number": "01114601006", "name": "Migra S.r.l.", "pec": "gare@pec.migra.it", "mepa_enabled": true});
    let supplier = office.json(app, "POST", "/api/v1/suppliers", supplier).await.json()["id"].clone();
    let genova = rtd.get(app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let id = rtd.get(app, &format!("/api/v1/enti/{genova}/applications")).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uri = format!("/api/v1/call-applications/{id}");
    rtd.json(app, "PUT", &format!("{uri}/cup"), json!({"cup": "J11C22000290006"})).await;
    assert_eq!(rtd.post(app, &format!("{uri}/contract")).await.status, StatusCode::OK);
    let signed = rtd.upload(app, "contratto.pdf", &pdf("contratto")).await.json()["id"].clone();
    let contract = json!({"supplier_id": supplier, "signed_on": today, "object": "Migrazione", "amount_cents": 100,
                          "document": signed, "dnsh": signed});
    let contract = rtd.json(app, "POST", &format!("{uri}/contracts"), contract).await.json()["id"].clone();
    let found = rtd.get(app, &format!("{uri}/services/1/destinations")).await.json();
    Project { id, uri, contract, listing: found["admissible"][0]["listing_id"].clone() }
}

/// Genova's contracted project assigned to the demo attestor: (the ente's
/// RTD, the attestor, the project).
pub async fn assigned(app: &Router) -> (Client, Client, Project) {
    let rtd = demo_user(app, "rtd@genova.demo.cloudpa.it").await;
    let project = contracted(app, &rtd).await;
    let attestor = demo_user(app, "asseveratore@asseverazioni.demo.cloudpa.it").await;
    let own = attestor.get(app, "/api/v1/me").await.json()["organisation"]["id"].as_str().unwrap().to_owned();
    assign(app, &project, &own).await;
    (rtd, attestor, project)
}

async fn assign(app: &Router, project: &Project, attestor_org: &str) {
    let office = demo_user(app, "misura12@dtd.demo.cloudpa.it").await;
    let assigned =
        office.json(app, "PUT", &format!("{}/attestor", project.uri), json!({"attestor_id": attestor_org})).await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
}
