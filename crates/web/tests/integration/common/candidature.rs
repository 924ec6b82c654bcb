//! Helpers of the tests of an ente's application to a call: enti with
//! their users, an open call, an inventory, a submitted application.

use super::{Client, T0, get, user};
use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::{Actor, Store};
use cloudpa_workflows::Now;
use serde_json::{Value, json};

/// A public body with an IPA code and an operator (and an admin) in it.
pub async fn ente(store: &Store, name: &str, ipa: &str, email: &str) -> String {
    let actor = Actor::cli();
    let org = store.create_organisation(&actor, OrganisationKind::PublicBody, name, Some(ipa), T0).await.unwrap();
    for (email, role) in [(email.to_owned(), Role::Operator), (format!("admin.{email}"), Role::Admin)] {
        let new = cloudpa_store::accounts::NewUser {
            organisation_id: &org.id,
            email: &email,
            display_name: "Test",
            password: "password-di-prova",
            role,
        };
        store.create_user(&actor, new, T0).await.unwrap();
    }
    org.id
}

fn days_ahead(n: u64) -> String {
    (Now::read().today + chrono::Days::new(n)).to_string()
}

fn days_ago(n: u64) -> String {
    (Now::read().today - chrono::Days::new(n)).to_string()
}

/// The fields of a Comuni call open from 5 days ago for 60 days.
pub fn open_call_fields() -> Value {
    json!({
        "title": "1.2 Abilitazione al Cloud - Comuni - prova",
        "measure": "1.2 Abilitazione e facilitazione migrazione al Cloud",
        "opens_on": days_ago(5), "closes_on": days_ahead(60), "status": "APERTO",
        "budget_cents": 1_000_000_000, "measure_budget_cents": 98_700_000_000_i64, "targets": ["Comuni"],
    })
}

/// An open Comuni call created by the programme office's administrator.
pub async fn open_call(app: &axum::Router, admin: &Client) -> String {
    let reply = admin.json(app, "POST", "/api/v1/calls", open_call_fields()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["id"].as_str().unwrap().to_owned()
}

/// Adds `n` classified services (origin: on premise, structured) and one
/// unclassified; returns their ids.
pub async fn inventory(app: &axum::Router, client: &Client, ente: &str, n: usize) -> (Vec<String>, String) {
    let mut ids = Vec::new();
    for i in 1..=n {
        let body =
            json!({ "name": format!("Servizio {i}"), "data_class": "ordinari", "origin": "On premise strutturato" });
        let reply = client.json(app, "POST", &format!("/api/v1/enti/{ente}/services"), body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        ids.push(reply.json()["id"].as_str().unwrap().to_owned());
    }
    let reply =
        client.json(app, "POST", &format!("/api/v1/enti/{ente}/services"), json!({ "name": "Da classificare" })).await;
    (ids, reply.json()["id"].as_str().unwrap().to_owned())
}

/// The services of a draft: `ids` moved to `destination` as the services `codes`.
pub fn choices(codes: &[Value], ids: &[String], destination: &str) -> Value {
    let list: Vec<Value> = ids
        .iter()
        .zip(codes)
        .map(|(id, code)| json!({ "service_code": code, "ente_service_id": id, "destination": destination }))
        .collect();
    json!({ "services": list })
}

/// Users of the programme office and of Albiano d'Ivrea (class 1) with its
/// profile, an open call, and a submitted application of 7 A services.
pub struct Submitted {
    pub rtd: Client,
    pub office: Client,
    pub uri: String,
}

pub async fn submitted(store: &Store, app: &axum::Router) -> Submitted {
    user(store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
    user(store, OrganisationKind::ProgrammeOffice, Role::Operator, "misura12@dtd.it").await;
    let ente = ente(store, "Comune di Albiano d'Ivrea", "c_a157", "rtd@albiano.it").await;
    let call = open_call(app, &Client::sign_in(app, "admin@dtd.it").await).await;
    let rtd = Client::sign_in(app, "rtd@albiano.it").await;
    rtd.json(app, "PUT", &format!("/api/v1/enti/{ente}/profile"), json!({ "kind": "comune", "istat_code": "001004" }))
        .await;
    let (ids, _) = inventory(app, &rtd, &ente, 7).await;
    let opened = rtd.json(app, "POST", &format!("/api/v1/enti/{ente}/applications"), json!({ "call_id": call })).await;
    let uri = format!("/api/v1/call-applications/{}", opened.json()["id"].as_str().unwrap());
    let list = get(app, &format!("/api/v1/calls/{call}/services")).await.json();
    let codes: Vec<Value> = list["services"].as_array().unwrap().iter().map(|s| s["code"].clone()).collect();
    rtd.json(app, "PUT", &format!("{uri}/services"), choices(&codes, &ids, "iaas")).await;
    let reply = rtd.post(app, &format!("{uri}/submit")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    Submitted { rtd, office: Client::sign_in(app, "misura12@dtd.it").await, uri }
}
