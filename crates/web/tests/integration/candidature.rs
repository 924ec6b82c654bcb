//! An ente's application to a call over HTTP on both engines: inventory,
//! draft, services checked against the scenarios, voucher, submission in a
//! window, decree, CUP, the frozen service set, contract, migration,
//! completion, asseverazione, payment — and who may see and do what. The
//! office's calls and teams are in `candidature_office`, the reminders of
//! deadlines in `candidature_reminders`.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::candidature::*;
use common::*;
use serde_json::{Value, json};

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
    assert_eq!(genova.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(genova.json()["errors"][0]["field"], "istat_code");
    // What a user types stays strict: a municipality's code of before a
    // change is refused, naming today's.
    let moved = rtd.json(&app, "PUT", &profile, json!({ "kind": "altro_ente", "istat_code": "041033" })).await;
    assert_eq!(moved.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rule = moved.json()["errors"][0]["rule"].as_str().unwrap().to_owned();
    assert!(rule.contains("was Montecopiolo's code before 2021-06-17") && rule.contains("099030"), "{rule}");
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
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
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
    assert_eq!(
        (bad.status, bad.json()["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cup"))
    );
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
    common::attestation::request_payment(&app, &rtd, &uri, cloudpa_workflows::Now::read().today).await;
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
        StatusCode::UNPROCESSABLE_ENTITY
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
