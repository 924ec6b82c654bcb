//! An ente's application to a call over HTTP on both engines: inventory,
//! draft, services checked against the scenarios, voucher, submission in a
//! window, decree, CUP, the frozen service set, contract, migration,
//! completion, asseverazione, payment — and who may see and do what.

mod common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::{Actor, Store, engine_test};
use cloudpa_workflows::Now;
use common::*;
use serde_json::{Value, json};

/// A public body with an IPA code and an operator (and an admin) in it.
async fn ente(store: &Store, name: &str, ipa: &str, email: &str) -> String {
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

/// An open Comuni call created by the programme office's administrator.
async fn open_call(app: &axum::Router, admin: &Client) -> String {
    let body = json!({
        "title": "1.2 Abilitazione al Cloud - Comuni - prova",
        "measure": "1.2 Abilitazione e facilitazione migrazione al Cloud",
        "opens_on": days_ago(5), "closes_on": days_ahead(60), "status": "APERTO",
        "budget_cents": 1_000_000_000, "measure_budget_cents": 98_700_000_000_i64, "targets": ["Comuni"],
    });
    let reply = admin.json(app, "POST", "/api/v1/calls", body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["id"].as_str().unwrap().to_owned()
}

/// Adds `n` classified services (origin: on premise, structured) and one
/// unclassified; returns their ids.
async fn inventory(app: &axum::Router, client: &Client, ente: &str, n: usize) -> (Vec<String>, String) {
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

fn choices(codes: &[Value], ids: &[String], destination: &str) -> Value {
    let list: Vec<Value> = ids
        .iter()
        .zip(codes)
        .map(|(id, code)| json!({ "service_code": code, "ente_service_id": id, "destination": destination }))
        .collect();
    json!({ "services": list })
}

/// Users of the programme office and of Albiano d'Ivrea (class 1) with its
/// profile, an open call, and a submitted application of 7 A services.
struct Submitted {
    rtd: Client,
    office: Client,
    uri: String,
}

async fn submitted(store: &Store, app: &axum::Router) -> Submitted {
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

engine_test!(reminders_are_sent_once_before_each_open_deadline, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let s = submitted(&store, &app).await;
    let decree = Now::read().today;
    let reply = s.office.post(&app, &format!("{}/decree", s.uri)).await;
    let deadlines = reply.json()["deadlines"].clone();
    assert_eq!(deadlines[0]["due_on"], (decree + chrono::Days::new(5)).to_string(), "the CUP in 5 days");
    assert_eq!(deadlines[1]["due_on"], (decree + chrono::Months::new(6)).to_string(), "the contract in 6 months");

    // Today the CUP is 5 days away: its 7-day reminder is owed, once.
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: decree }).await.unwrap(),
        1
    );
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: decree }).await.unwrap(),
        0,
        "sent once"
    );
    let tomorrow = decree + chrono::Days::new(4);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: tomorrow }).await.unwrap(),
        1,
        "the 1-day reminder"
    );

    // Once the CUP is given, only the contract is reminded: 30 days before.
    s.rtd.json(&app, "PUT", &format!("{}/cup", s.uri), json!({ "cup": "J11C22000290006" })).await;
    let contract_due = decree + chrono::Months::new(6);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: tomorrow }).await.unwrap(),
        0
    );
    let month_before = contract_due - chrono::Days::new(30);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: month_before }).await.unwrap(),
        1
    );
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(
            &store,
            Now { ms: T0, today: contract_due + chrono::Days::new(1) }
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM deadline_reminders").await, 3);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'programme.reminders'").await, 3);

    // The notifications go to the ente's users.
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let mailbox = std::env::temp_dir().join(format!("cloudpa-mail-{nanos}"));
    let mailer =
        cloudpa_workflows::notifications::Mailer::new(None, "cloudpa <noreply@cloudpa.localhost>", mailbox.clone())
            .unwrap();
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        mailer,
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    let sent = worker.run_due(chrono::Utc::now().timestamp_millis()).await.unwrap();
    assert!(sent >= 3, "state changes and reminders: {sent}");
    let mails: Vec<String> =
        std::fs::read_dir(&mailbox).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let reminders: Vec<&String> = mails.iter().filter(|m| m.contains("Scadenza")).collect();
    assert_eq!(reminders.len(), 3 * 2, "three reminders to the ente's two users");
    assert!(reminders.iter().all(|m| m.contains("albiano.it")));
    let _ = std::fs::remove_dir_all(mailbox);
});

engine_test!(an_application_from_draft_to_payment, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Operator, "misura12@dtd.it").await;
    let albiano = ente(&store, "Comune di Albiano d'Ivrea", "c_a157", "rtd@albiano.it").await;
    let office = Client::sign_in(&app, "misura12@dtd.it").await;
    let call = open_call(&app, &Client::sign_in(&app, "admin@dtd.it").await).await;
    let rtd = Client::sign_in(&app, "rtd@albiano.it").await;

    // A Comune is its own municipality: not Genova's.
    let profile = format!("/api/v1/enti/{albiano}/profile");
    let genova = rtd.json(&app, "PUT", &profile, json!({ "kind": "comune", "istat_code": "010025" })).await;
    assert_eq!(genova.status, StatusCode::BAD_REQUEST);
    assert_eq!(genova.json()["errors"][0]["field"], "istat_code");
    let own = rtd.json(&app, "PUT", &profile, json!({ "kind": "comune", "istat_code": "001004" })).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(own.json()["population"], 1791);

    let (ids, unclassified) = inventory(&app, &rtd, &albiano, 10).await;
    let opened =
        rtd.json(&app, "POST", &format!("/api/v1/enti/{albiano}/applications"), json!({ "call_id": call })).await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let id = opened.json()["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/call-applications/{id}");
    let list = get(&app, &format!("/api/v1/calls/{call}/services")).await.json();
    let codes: Vec<Value> = list["services"].as_array().unwrap().iter().map(|s| s["code"].clone()).collect();

    // Unclassified services cannot enter; a scenario that is not admissible is refused.
    let mut body = choices(&codes, &ids[..6], "iaas");
    body["services"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "service_code": codes[7], "ente_service_id": unclassified, "destination": "iaas" }));
    let refused = rtd.json(&app, "PUT", &format!("{uri}/services"), body).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("has no data class"), "{}", refused.body);

    // Class 1 (1,791 inhabitants): 7 to 9 services. Six are saved but not submitted.
    let saved = rtd.json(&app, "PUT", &format!("{uri}/services"), choices(&codes, &ids[..6], "iaas")).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let draft = saved.json();
    assert_eq!(draft["voucher"]["amount_eur"], 6_000 + 6 * 1_528);
    assert!(draft["problems"][0].as_str().unwrap().contains("allows 7 to 9 services; 6 were selected"));
    let short = rtd.post(&app, &format!("{uri}/submit")).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", short.body);

    // Seven: five A, two B → 6,000 + 5 × 1,528 + 2 × 4,603.
    let mut body = choices(&codes, &ids[..5], "iaas");
    let upgrades = choices(&codes[5..], &ids[5..7], "saas");
    body["services"].as_array_mut().unwrap().extend(upgrades["services"].as_array().unwrap().clone());
    let saved = rtd.json(&app, "PUT", &format!("{uri}/services"), body).await.json();
    assert_eq!(saved["voucher"]["amount_eur"], 6_000 + 5 * 1_528 + 2 * 4_603);
    assert_eq!(saved["problems"], json!([]));
    let submitted = rtd.post(&app, &format!("{uri}/submit")).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert_eq!((submitted.json()["state"].as_str(), submitted.json()["window"].as_i64()), (Some("submitted"), Some(1)));

    // The office decides; the ente gives its CUP within 5 days.
    let queue = office.get(&app, "/api/v1/call-applications").await.json();
    assert_eq!(queue["items"][0]["id"], id.as_str());
    let too_much = office.json(&app, "POST", &format!("{uri}/decree"), json!({ "amount_cents": 100_000_000 })).await;
    assert_eq!(too_much.json()["errors"][0]["field"], "amount_cents");
    let financed = office.post(&app, &format!("{uri}/decree")).await.json();
    assert_eq!((financed["state"].as_str(), financed["status"].as_str()), (Some("financed"), Some("A")));
    assert_eq!(financed["cup_due"]["days_left"], 5);
    assert_eq!(financed["deadlines"][0]["kind"], "cup");

    // After the decree the service set is frozen, but A may become B.
    let frozen = rtd.json(&app, "PUT", &format!("{uri}/services"), choices(&codes, &ids[..7], "iaas")).await;
    assert_eq!(frozen.status, StatusCode::CONFLICT);
    assert!(frozen.body.contains("frozen after financing"), "{}", frozen.body);
    let back = rtd.json(&app, "POST", &format!("{uri}/services/6/improvement"), json!({ "destination": "paas" })).await;
    assert_eq!(back.status, StatusCode::CONFLICT, "a B service stays B: {}", back.body);
    let improved =
        rtd.json(&app, "POST", &format!("{uri}/services/1/improvement"), json!({ "destination": "saas" })).await;
    assert_eq!(improved.status, StatusCode::OK, "{}", improved.body);
    assert_eq!(improved.json()["services"][0]["improved_to"], "saas");
    assert_eq!(improved.json()["amount_eur"], financed["amount_eur"], "the amount decreed stays");

    let early = rtd.post(&app, &format!("{uri}/contract")).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "the CUP comes first: {}", early.body);
    let bad = rtd.json(&app, "PUT", &format!("{uri}/cup"), json!({ "cup": "J11C2200029000" })).await;
    assert_eq!((bad.status, bad.json()["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("cup")));
    let cup = rtd.json(&app, "PUT", &format!("{uri}/cup"), json!({ "cup": "j11c22000290006" })).await.json();
    assert_eq!((cup["cup"].as_str(), cup["cup_due"].is_null()), (Some("J11C22000290006"), true));
    assert_eq!(cup["deadlines"][0]["met"], true);

    // Contract, migration service by service, completion, asseverazione, payment.
    assert_eq!(rtd.post(&app, &format!("{uri}/contract")).await.json()["state"], "contracted");
    let incomplete = rtd.post(&app, &format!("{uri}/complete")).await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    for position in 1..=7 {
        let done = rtd.post(&app, &format!("{uri}/services/{position}/migrated")).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
    assert_eq!(rtd.post(&app, &format!("{uri}/services/1/migrated")).await.status, StatusCode::CONFLICT);
    assert_eq!(rtd.post(&app, &format!("{uri}/complete")).await.json()["state"], "completed");
    let not_theirs = rtd.json(&app, "POST", &format!("{uri}/attestation"), json!({ "outcome": "positive" })).await;
    assert_eq!(not_theirs.status, StatusCode::FORBIDDEN);
    let attested = office.json(&app, "POST", &format!("{uri}/attestation"), json!({ "outcome": "positive" })).await;
    assert_eq!(attested.json()["state"], "attested", "{}", attested.body);
    let paid = office.post(&app, &format!("{uri}/payment")).await.json();
    assert_eq!((paid["state"].as_str(), paid["status"].as_str()), (Some("paid"), Some("E")));

    // The figures count it; the ente's page shows its services and the inventory moved.
    let states = get(&app, "/api/v1/stats/applications?group_by=state").await.json();
    assert_eq!(states["groups"][0]["key"], "paid");
    assert_eq!((states["totals"]["attested"].as_i64(), states["totals"]["enti_attested"].as_i64()), (Some(1), Some(1)));
    assert_eq!(states["totals"]["services_migrated"], 7);
    let page = get(&app, "/enti/c_a157").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("<tr><td>Servizio").count(), 0, "the page lists the call's names");
    assert!(page.body.contains("7/7"), "{}", page.body);
    let inventory = rtd.get(&app, &format!("/api/v1/enti/{albiano}/inventory")).await.json();
    let migrated = inventory["services"].as_array().unwrap().iter().filter(|s| s["status"] == "migrated").count();
    assert_eq!(migrated, 7);
});

engine_test!(drafts_stay_with_their_ente, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Operator, "misura12@dtd.it").await;
    let albiano = ente(&store, "Comune di Albiano d'Ivrea", "c_a157", "rtd@albiano.it").await;
    let andezeno = ente(&store, "Comune di Andezeno", "c_a275", "rtd@andezeno.it").await;
    let unione = ente(&store, "Unione dei Comuni della Collina", "ucc_test", "staff@unione.it").await;
    let call = open_call(&app, &Client::sign_in(&app, "admin@dtd.it").await).await;
    let rtd = Client::sign_in(&app, "rtd@albiano.it").await;
    rtd.json(
        &app,
        "PUT",
        &format!("/api/v1/enti/{albiano}/profile"),
        json!({ "kind": "comune", "istat_code": "001004" }),
    )
    .await;
    let id = rtd
        .json(&app, "POST", &format!("/api/v1/enti/{albiano}/applications"), json!({ "call_id": call }))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uri = format!("/api/v1/call-applications/{id}");
    let twice =
        rtd.json(&app, "POST", &format!("/api/v1/enti/{albiano}/applications"), json!({ "call_id": call })).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "one application per ente and call");

    let neighbour = Client::sign_in(&app, "rtd@andezeno.it").await;
    assert_eq!(neighbour.get(&app, &uri).await.status, StatusCode::FORBIDDEN);
    assert_eq!(neighbour.get(&app, &format!("/api/v1/enti/{albiano}/inventory")).await.status, StatusCode::FORBIDDEN);
    let office = Client::sign_in(&app, "misura12@dtd.it").await;
    assert_eq!(office.get(&app, &uri).await.status, StatusCode::NOT_FOUND, "the office never sees a draft");
    assert_eq!(get(&app, &uri).await.status, StatusCode::UNAUTHORIZED);

    // An aggregator acts by delegation, until it is revoked.
    let union = Client::sign_in(&app, "staff@unione.it").await;
    assert_eq!(union.get(&app, &uri).await.status, StatusCode::FORBIDDEN);
    let operator_grants = rtd.json(&app, "POST", "/api/v1/delegations", json!({ "aggregator": "UCC_TEST" })).await;
    assert_eq!(operator_grants.status, StatusCode::FORBIDDEN, "administrators grant delegations");
    let admin = Client::sign_in(&app, "admin.rtd@albiano.it").await;
    let granted = admin.json(&app, "POST", "/api/v1/delegations", json!({ "aggregator": "UCC_TEST" })).await;
    assert_eq!(granted.status, StatusCode::CREATED, "{}", granted.body);
    assert_eq!(
        admin.json(&app, "POST", "/api/v1/delegations", json!({ "aggregator": "ucc_test" })).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(union.get(&app, &uri).await.status, StatusCode::OK);
    let enti = union.get(&app, "/api/v1/enti").await.json();
    assert!(enti["items"].as_array().unwrap().iter().any(|e| e["id"] == albiano.as_str() && e["delegated"] == true));
    assert!(!enti["items"].as_array().unwrap().iter().any(|e| e["id"] == andezeno.as_str()));
    let delegation = granted.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(admin.post(&app, &format!("/api/v1/delegations/{delegation}/revoke")).await.status, StatusCode::OK);
    assert_eq!(union.get(&app, &uri).await.status, StatusCode::FORBIDDEN);
    assert!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'delegation.%'").await == 2);
    let _ = unione;

    // A draft is deleted, not withdrawn.
    assert_eq!(rtd.post(&app, &format!("{uri}/withdraw")).await.status, StatusCode::CONFLICT);
    assert_eq!(rtd.json(&app, "DELETE", &uri, json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(rtd.get(&app, &uri).await.status, StatusCode::NOT_FOUND);
});

engine_test!(sites_close_once_their_services_are_gone, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let albiano = ente(&store, "Comune di Albiano d'Ivrea", "c_a157", "rtd@albiano.it").await;
    let rtd = Client::sign_in(&app, "rtd@albiano.it").await;
    let site = rtd
        .json(
            &app,
            "POST",
            &format!("/api/v1/enti/{albiano}/sites"),
            json!({ "name": "CED municipio", "kind": "server_room" }),
        )
        .await;
    assert_eq!(site.status, StatusCode::CREATED, "{}", site.body);
    let site = site.json()["id"].as_str().unwrap().to_owned();
    let body =
        json!({ "name": "Protocollo", "data_class": "ordinari", "origin": "On premise strutturato", "site_id": site });
    let service = rtd.json(&app, "POST", &format!("/api/v1/enti/{albiano}/services"), body.clone()).await.json();
    let close = json!({ "status": "decommissioned" });
    let refused = rtd.json(&app, "POST", &format!("/api/v1/sites/{site}/status"), close.clone()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("still in use"), "{}", refused.body);
    let mut retired = body.clone();
    retired["status"] = json!("retired");
    let updated =
        rtd.json(&app, "PUT", &format!("/api/v1/ente-services/{}", service["id"].as_str().unwrap()), retired).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    let closed = rtd.json(&app, "POST", &format!("/api/v1/sites/{site}/status"), close).await;
    assert_eq!(closed.json()["status"], "decommissioned", "{}", closed.body);
    let back = rtd.json(&app, "POST", &format!("/api/v1/sites/{site}/status"), json!({ "status": "active" })).await;
    assert_eq!(back.status, StatusCode::UNPROCESSABLE_ENTITY, "a closed site stays closed");
    let in_use = rtd
        .json(&app, "POST", &format!("/api/v1/enti/{albiano}/services"), json!({ "name": "Nuovo", "site_id": site }))
        .await;
    assert_eq!(in_use.json()["errors"][0]["field"], "site_id");
    let figures = get(&app, "/api/v1/stats/applications").await;
    assert_eq!(figures.status, StatusCode::OK);
    rtd.json(
        &app,
        "PUT",
        &format!("/api/v1/enti/{albiano}/profile"),
        json!({ "kind": "comune", "istat_code": "001004" }),
    )
    .await;
    let dashboard = get(&app, "/programma/cruscotto").await;
    assert!(dashboard.body.contains("<p class=\"h3 mb-0\" id=\"sites-closed\">1</p>"), "{}", dashboard.body);
});

engine_test!(the_office_creates_and_edits_calls_with_versions, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Operator, "misura12@dtd.it").await;
    let admin = Client::sign_in(&app, "admin@dtd.it").await;
    let staff = Client::sign_in(&app, "misura12@dtd.it").await;
    let fields = json!({
        "title": "1.2 Abilitazione al Cloud - Comuni - prova", "measure": "1.2 Abilitazione e facilitazione migrazione al Cloud",
        "opens_on": "2027-01-10", "closes_on": "2027-03-10", "status": "APERTO",
        "budget_cents": 1_000_000_000, "measure_budget_cents": 98_700_000_000_i64, "targets": ["Comuni"],
    });
    assert_eq!(staff.json(&app, "POST", "/api/v1/calls", fields.clone()).await.status, StatusCode::FORBIDDEN);
    let created = admin.json(&app, "POST", "/api/v1/calls", fields.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(created.json()["has_voucher_tariff"], true);
    assert_eq!(admin.json(&app, "POST", "/api/v1/calls", fields.clone()).await.status, StatusCode::CONFLICT);
    let mut bad = fields.clone();
    bad["closes_on"] = json!("2027-01-01");
    assert_eq!(
        admin.json(&app, "PUT", &format!("/api/v1/calls/{id}"), bad).await.json()["errors"][0]["field"],
        "closes_on"
    );
    let mut renamed = fields.clone();
    renamed["title"] = json!("Un altro avviso");
    assert_eq!(
        admin.json(&app, "PUT", &format!("/api/v1/calls/{id}"), renamed).await.json()["errors"][0]["field"],
        "title"
    );
    let mut edited = fields.clone();
    edited["budget_cents"] = json!(2_000_000_000);
    let reply = admin.json(&app, "PUT", &format!("/api/v1/calls/{id}"), edited).await;
    assert_eq!(reply.json()["budget_cents"], 2_000_000_000, "{}", reply.body);
    let versions = get(&app, &format!("/api/v1/calls/{id}/versions")).await.json();
    let items = versions["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["call"]["budget"].as_i64(), items[1]["call"]["budget"].as_i64()),
        (Some(1_000_000_000), Some(2_000_000_000))
    );
    assert_eq!(
        store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action IN ('call.create', 'call.update')").await,
        2
    );
    let settings = get(&app, &format!("/api/v1/calls/{id}/settings")).await.json();
    assert_eq!(settings["settings"]["eligibility_start"], "2020-02-01");

    // The official list of services, loaded as CSV: taken whole or refused.
    let put_csv = |client: &Client, body: &'static str, content_type: &'static str| {
        let request = axum::http::Request::put(format!("/api/v1/calls/{id}/services"))
            .header(axum::http::header::COOKIE, &client.cookie)
            .header("x-csrf-token", &client.csrf)
            .header(axum::http::header::CONTENT_TYPE, content_type)
            .body(axum::body::Body::from(body))
            .unwrap();
        send(&app, request)
    };
    let list = "codice,servizio\r\nT1,TRIBUTI MINORI\r\nT2,CANONI\r\n";
    assert_eq!(put_csv(&staff, list, "text/csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(put_csv(&admin, list, "application/json").await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let twice = put_csv(&admin, "codice,servizio\nT1,CANONI\nT2,canoni\n", "text/csv").await;
    assert_eq!(twice.json()["errors"][0]["field"], "line 3", "{}", twice.body);
    let loaded = put_csv(&admin, list, "text/csv; charset=utf-8").await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    assert_eq!((loaded.json()["version"].as_i64(), loaded.json()["provisional"].as_bool()), (Some(1), Some(false)));
    assert_eq!(get(&app, &format!("/api/v1/calls/{id}/services")).await.json()["services"][1]["name"], "CANONI");
});

engine_test!(a_team_member_works_the_area_overdue_first, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let s = submitted(&store, &app).await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Viewer, "am.nordovest@dtd.it").await;
    user(&store, OrganisationKind::ProgrammeOffice, Role::Viewer, "am.isole@dtd.it").await;
    let admin = Client::sign_in(&app, "admin@dtd.it").await;
    let teams = admin.get(&app, "/api/v1/teams").await.json();
    assert_eq!(teams["areas"].as_object().unwrap().len(), 6);
    assert!(teams["areas"]["Nord-Ovest"].as_array().unwrap().contains(&json!("Piemonte")));
    let id_of = |email: &'static str| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT id FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(store.pool())
                .await
                .unwrap()
        }
    };
    let north = id_of("am.nordovest@dtd.it").await;
    let islands = id_of("am.isole@dtd.it").await;
    let assign = |area: &'static str| json!({ "area": area, "role": "account_manager" });
    assert_eq!(
        s.office.json(&app, "PUT", &format!("/api/v1/teams/members/{north}"), assign("Nord-Ovest")).await.status,
        StatusCode::FORBIDDEN
    );
    let wrong = admin
        .json(&app, "PUT", &format!("/api/v1/teams/members/{north}"), json!({ "area": "Padania", "role": "boss" }))
        .await;
    let errors = wrong.json()["errors"].clone();
    let fields: Vec<&str> = errors.as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["area", "role"]);
    assert_eq!(
        admin.json(&app, "PUT", &format!("/api/v1/teams/members/{north}"), assign("Nord-Ovest")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        admin.json(&app, "PUT", &format!("/api/v1/teams/members/{islands}"), assign("Isole")).await.status,
        StatusCode::OK
    );

    // A second project in Piemonte, financed today; Albiano's was financed
    // 20 days ago (dates moved in the database) and its CUP is overdue.
    let andezeno = ente(&store, "Comune di Andezeno", "c_a275", "rtd@andezeno.it").await;
    let rtd2 = Client::sign_in(&app, "rtd@andezeno.it").await;
    rtd2.json(
        &app,
        "PUT",
        &format!("/api/v1/enti/{andezeno}/profile"),
        json!({ "kind": "comune", "istat_code": "001009" }),
    )
    .await;
    let (ids, _) = inventory(&app, &rtd2, &andezeno, 7).await;
    let call = store.list_calls().await.unwrap().into_iter().find(|c| c.title.ends_with("prova")).unwrap().id;
    let opened =
        rtd2.json(&app, "POST", &format!("/api/v1/enti/{andezeno}/applications"), json!({ "call_id": call })).await;
    let uri2 = format!("/api/v1/call-applications/{}", opened.json()["id"].as_str().unwrap());
    let list = get(&app, &format!("/api/v1/calls/{call}/services")).await.json();
    let codes: Vec<Value> = list["services"].as_array().unwrap().iter().map(|s| s["code"].clone()).collect();
    rtd2.json(&app, "PUT", &format!("{uri2}/services"), choices(&codes, &ids, "iaas")).await;
    rtd2.post(&app, &format!("{uri2}/submit")).await;
    s.office.post(&app, &format!("{uri2}/decree")).await;
    let past = |days: u64| (Now::read().today - chrono::Days::new(days)).to_string();
    sqlx::query("UPDATE call_applications SET submitted_at = $1 WHERE organisation_id <> $2")
        .bind(format!("{}T10:00:00+00:00", past(30)))
        .bind(&andezeno)
        .execute(store.pool())
        .await
        .unwrap();
    let decree = s.office.json(&app, "POST", &format!("{}/decree", s.uri), json!({ "decree_on": past(20) })).await;
    assert_eq!(decree.status, StatusCode::OK, "{}", decree.body);

    let member = Client::sign_in(&app, "am.nordovest@dtd.it").await;
    let list = member.get(&app, "/api/v1/teams/worklist").await.json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{list}");
    assert_eq!(
        (items[0]["ente"]["name"].as_str(), items[0]["overdue"].as_bool()),
        (Some("Comune di Albiano d'Ivrea"), Some(true))
    );
    assert_eq!(items[0]["days_left"], -15);
    assert_eq!(
        (items[1]["ente"]["name"].as_str(), items[1]["overdue"].as_bool()),
        (Some("Comune di Andezeno"), Some(false))
    );
    let islands_list = Client::sign_in(&app, "am.isole@dtd.it").await.get(&app, "/api/v1/teams/worklist").await.json();
    assert_eq!(islands_list["items"], json!([]), "another area's enti are not on the list");
    assert_eq!(s.rtd.get(&app, "/api/v1/teams/worklist").await.status, StatusCode::FORBIDDEN);
    assert_eq!(s.office.get(&app, "/api/v1/teams/worklist").await.status, StatusCode::NOT_FOUND, "not in a team");
});
