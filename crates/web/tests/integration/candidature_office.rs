//! The programme office's side of the applications, on both engines: it
//! creates and edits calls (with versions and their list of services), and
//! its territorial teams work their area's projects overdue first.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::candidature::*;
use common::*;
use serde_json::{Value, json};

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
