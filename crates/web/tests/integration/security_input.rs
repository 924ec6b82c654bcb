//! Security findings about hostile input (issue 10), on both engines: NUL
//! and control characters refused at the edge with a 4xx naming the field
//! (PostgreSQL answered 500, SQLite stored them), refusals that name the
//! field and the rule, and a tested size limit for every kind of upload.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::*;
use serde_json::{Value, json};

/// The fields a problem+json answer names.
fn fields(reply: &Reply) -> Vec<String> {
    assert_eq!(reply.header("content-type"), "application/problem+json", "{}", reply.body);
    reply.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

async fn users(store: &cloudpa_store::Store) {
    store.load_reference_data(T0).await.unwrap();
    user(store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    user(store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.it").await;
    user(store, OrganisationKind::ProgrammeOffice, Role::Admin, "admin@dtd.it").await;
}

fn call(title: &str, opens_on: Value, budget: Value) -> Value {
    json!({
        "title": title, "measure": "1.2 Abilitazione e facilitazione migrazione al Cloud",
        "opens_on": opens_on, "closes_on": "2099-12-31", "status": "APERTO",
        "budget_cents": budget, "measure_budget_cents": 1, "targets": ["Comuni"],
    })
}

engine_test!(nul_in_a_path_or_query_is_refused_before_any_query, |store| {
    users(&store).await;
    let app = app(&store, unlimited()).await;
    for uri in [
        "/api/v1/listings/%00",
        "/api/v1/listings/%00/status",
        "/api/v1/decisions/%00",
        "/api/v1/decisions/%00/certificate.pdf",
        "/api/v1/calls/%00/settings",
        "/api/v1/files/%00",
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}: {}", reply.body);
        assert_eq!(fields(&reply), ["path"], "{uri}");
    }
    let page = get(&app, "/enti/%00").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.header("content-type").starts_with("text/html"), "a page answers with a page");
    assert!(page.body.contains("<strong>path</strong>"), "{}", page.body);
    let query = get(&app, "/api/v1/stats/applications?regione=%00").await;
    assert_eq!((query.status, fields(&query)), (StatusCode::BAD_REQUEST, vec!["regione".to_owned()]));
    let search = get(&app, "/api/v1/listings?q=posta%0Acertificata").await;
    assert_eq!(fields(&search), ["q"]);
});

engine_test!(nul_in_a_form_json_or_csv_is_refused_naming_the_field, |store| {
    users(&store).await;
    let app = app(&store, unlimited()).await;

    let login = get(&app, "/login").await;
    let csrf = login.cookie_value("cloudpa_csrf").unwrap();
    let body = format!("csrf_token={csrf}&email=op%00@nuvola.it&password=password-di-prova");
    let refused = post_form(&app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(refused.body.contains("<strong>email</strong>"), "{}", refused.body);

    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let mut listing = json!({
        "name": "Posta\u{0}", "description": "riga uno\nriga due", "category": "Posta", "kind": "IaaS",
        "level": "QC1", "location": "IT", "pricing_model": "canone", "procurement_channel": "MEPA",
        "service_levels": {}
    });
    let reply = provider.json(&app, "POST", "/api/v1/provider/listings", listing.clone()).await;
    assert_eq!((reply.status, fields(&reply)), (StatusCode::BAD_REQUEST, vec!["name".to_owned()]));
    listing["name"] = json!("Posta\ncertificata");
    let reply = provider.json(&app, "POST", "/api/v1/provider/listings", listing.clone()).await;
    assert_eq!(fields(&reply), ["name"], "a name is one line");
    listing["name"] = json!("Posta certificata");
    let reply = provider.json(&app, "POST", "/api/v1/provider/listings", listing).await;
    assert_eq!(reply.status, StatusCode::CREATED, "prose keeps its line breaks: {}", reply.body);

    let ente = Client::sign_in(&app, "admin@comune.it").await;
    let reply = ente.json(&app, "POST", "/api/v1/delegations", json!({"aggregator": "u_x\u{0}"})).await;
    assert_eq!((reply.status, fields(&reply)), (StatusCode::BAD_REQUEST, vec!["aggregator".to_owned()]));
    let reply = ente.json(&app, "POST", "/api/v1/enti/x/applications", json!({"call_id": "\u{0}"})).await;
    assert_eq!(fields(&reply), ["call_id"]);

    let office = Client::sign_in(&app, "admin@dtd.it").await;
    let reply = office.json(&app, "POST", "/api/v1/calls", call("Avviso\u{0}", json!("2026-01-01"), json!(1))).await;
    assert_eq!(fields(&reply), ["title"]);

    let csv = Request::put("/api/v1/calls/1-2-abilitazione-al-cloud-comuni-luglio-2025/services")
        .header(header::COOKIE, &office.cookie)
        .header("x-csrf-token", &office.csrf)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from("codice,servizio\nT1,CANONI\nT2,TRIBUTI\0\n"))
        .unwrap();
    let reply = send(&app, csv).await;
    assert_eq!((reply.status, fields(&reply)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["line 3".to_owned()]));
    assert!(reply.json()["errors"][0]["rule"].as_str().unwrap().contains("NUL"), "{}", reply.body);
});

engine_test!(refusals_name_the_field_and_the_rule, |store| {
    users(&store).await;
    let app = app(&store, unlimited()).await;
    let office = Client::sign_in(&app, "admin@dtd.it").await;
    for (body, field) in [
        (call("Avviso di prova", json!("2026-01-01"), json!("mille")), "budget_cents"),
        (call("Avviso di prova", json!("9999-99-99"), json!(1)), "opens_on"),
        (call("Avviso di prova", json!(20260101), json!(1)), "opens_on"),
        (call("Avviso di prova", json!("2026-01-01"), json!(1e30)), "budget_cents"),
    ] {
        let reply = office.json(&app, "POST", "/api/v1/calls", body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        assert_eq!(fields(&reply), [field], "{}", reply.body);
        assert!(!reply.json()["errors"][0]["rule"].as_str().unwrap().is_empty());
    }
    let broken = office.json(&app, "PUT", "/api/v1/teams/members/x", json!([1, 2])).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);

    let ente = Client::sign_in(&app, "admin@comune.it").await;
    for position in ["-1", "99999999999999999999999", "uno"] {
        let uri = format!("/api/v1/call-applications/x/services/{position}/migrated");
        let reply = ente.json(&app, "POST", &uri, json!({})).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{position}: {}", reply.body);
        assert_eq!(fields(&reply), ["position"], "{position}");
    }

    let long = get(&app, &format!("/api/v1/listings?q={}", "a".repeat(10_000))).await;
    assert_eq!(long.status, StatusCode::URI_TOO_LONG);
    assert_eq!(fields(&long), ["uri"]);
});

engine_test!(every_kind_of_upload_has_a_size_limit, |store| {
    users(&store).await;
    let app = app(&store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let office = Client::sign_in(&app, "admin@dtd.it").await;
    let too_large = |reply: &Reply, what: &str| {
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{what}: {}", &reply.body[..reply.body.len().min(300)]);
    };

    let big_name = "x".repeat(257 * 1024);
    let json = provider.json(&app, "PUT", "/api/v1/provider/profile", json!({ "address": big_name })).await;
    too_large(&json, "JSON over 256 KiB");
    assert_eq!(json.header("content-type"), "application/problem+json");

    let form =
        post_form(&app, "/fornitore/profilo", Some(&provider.cookie), &format!("address={}", "x".repeat(65 * 1024)))
            .await;
    too_large(&form, "form over 64 KiB");

    let list = format!("codice,servizio\n{}", "T1,CANONI\n".repeat(27_000));
    let csv = Request::put("/api/v1/calls/1-2-abilitazione-al-cloud-comuni-luglio-2025/services")
        .header(header::COOKIE, &office.cookie)
        .header("x-csrf-token", &office.csrf)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(list))
        .unwrap();
    too_large(&send(&app, csv).await, "CSV over 256 KiB");

    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(10 * 1024 * 1024 + 1, b' ');
    let file = provider.upload(&app, "grande.pdf", &pdf).await;
    too_large(&file, "API file over 10 MiB");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM files").await, 0, "nothing stored");

    let boundary = "cloudpa-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"grande.pdf\"\r\n\r\n",
        provider.csrf
    )
    .into_bytes();
    body.extend_from_slice(&pdf);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let page = Request::post("/fornitore/domande/x/documenti/CERT-9001")
        .header(header::COOKIE, &provider.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    too_large(&send(&app, page).await, "page document over 10 MiB");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM files").await, 0, "nothing stored");
});
