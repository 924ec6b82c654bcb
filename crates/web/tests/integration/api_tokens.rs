//! API tokens for machine clients (issue 13), on both engines: made by an
//! organisation's administrator, shown once, scoped, expiring, revocable,
//! their last use recorded, and every change made with one audited as the
//! token's.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{Days, Utc};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::api_tokens::{NewToken, Scope};
use cloudpa_store::engine_test;
use common::qualification::iaas;
use common::*;
use serde_json::{Value, json};

fn in_days(days: u64) -> String {
    (Utc::now().date_naive() + Days::new(days)).to_string()
}

async fn with_token(app: &axum::Router, method: &str, uri: &str, secret: &str, body: Option<Value>) -> Reply {
    let mut request =
        Request::builder().method(method).uri(uri).header(header::AUTHORIZATION, format!("Bearer {secret}"));
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    send(app, request.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap()).await
}

/// A provider with an administrator and an operator, and another provider's
/// administrator.
async fn providers(store: &cloudpa_store::Store) -> (axum::Router, Client, Client, Client) {
    store.load_reference_data(T0).await.unwrap();
    user(store, OrganisationKind::Provider, Role::Admin, "admin@nuvola.it").await;
    let org = store.find_organisation_by_name("Org of admin@nuvola.it").await.unwrap().unwrap();
    let new = cloudpa_store::accounts::NewUser {
        organisation_id: &org.id,
        email: "op@nuvola.it",
        display_name: "Operatore",
        password: "password-di-prova",
        role: Role::Operator,
    };
    store.create_user(&cloudpa_store::Actor::cli(), new, T0).await.unwrap();
    user(store, OrganisationKind::Provider, Role::Admin, "admin@altro.it").await;
    let app = app(store, unlimited()).await;
    let admin = Client::sign_in(&app, "admin@nuvola.it").await;
    let operator = Client::sign_in(&app, "op@nuvola.it").await;
    let other = Client::sign_in(&app, "admin@altro.it").await;
    (app, admin, operator, other)
}

async fn make(app: &axum::Router, admin: &Client, scopes: &[&str]) -> (String, String) {
    let body = json!({ "name": "Gestionale listini", "scopes": scopes, "expires_on": in_days(90) });
    let made = admin.json(app, "POST", "/api/v1/api-tokens", body).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = made.json();
    (made["token"]["id"].as_str().unwrap().to_owned(), made["secret"].as_str().unwrap().to_owned())
}

engine_test!(a_token_is_shown_once_and_acts_within_its_scopes, |store| {
    let (app, admin, _, _) = providers(&store).await;
    let (read_id, read) = make(&app, &admin, &["catalogue:read"]).await;
    assert!(read.starts_with("cpa_") && read.len() > 40, "{read}");

    let listed = admin.get(&app, "/api/v1/api-tokens").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(!listed.body.contains(&read), "the list never shows a secret");
    assert_eq!(listed.json()["items"][0]["secret_prefix"], &read[..12]);
    let audit = store.recent_audit(5).await.unwrap();
    assert!(audit.iter().all(|e| !e.details.contains(&read)), "the audit log never holds a secret");
    assert!(audit.iter().any(|e| e.action == "api_token.create" && e.subject == format!("api_token:{read_id}")));

    let own = with_token(&app, "GET", "/api/v1/provider/listings", &read, None).await;
    assert_eq!(own.status, StatusCode::OK, "catalogue:read reads the provider's own listings: {}", own.body);
    let write = with_token(&app, "POST", "/api/v1/provider/listings", &read, Some(iaas())).await;
    assert_eq!(write.status, StatusCode::FORBIDDEN, "{}", write.body);
    assert_eq!(write.header("content-type"), "application/problem+json");

    let (write_id, writer) = make(&app, &admin, &["listings:write"]).await;
    let created = with_token(&app, "POST", "/api/v1/provider/listings", &writer, Some(iaas())).await;
    assert_eq!(created.status, StatusCode::CREATED, "no CSRF token needed with a bearer token: {}", created.body);
    let last = &store.recent_audit(1).await.unwrap()[0];
    assert_eq!(last.actor, format!("token:{write_id}"), "the change is the token's in the audit log");

    let tokens = admin.get(&app, "/api/v1/api-tokens").await.json();
    let used = tokens["items"].as_array().unwrap().iter().find(|t| t["id"] == write_id.as_str()).unwrap();
    assert!(used["last_used_at"].is_string(), "its last use is recorded: {used}");
});

engine_test!(a_token_never_does_what_only_an_administrator_does, |store| {
    let (app, admin, operator, _) = providers(&store).await;
    let (_, secret) = make(&app, &admin, &["catalogue:read", "listings:write"]).await;
    let manage = with_token(&app, "GET", "/api/v1/api-tokens", &secret, None).await;
    assert_eq!(manage.status, StatusCode::FORBIDDEN, "a token cannot list or make tokens");
    let body = json!({ "name": "x", "scopes": ["catalogue:read"], "expires_on": in_days(30) });
    let more = with_token(&app, "POST", "/api/v1/api-tokens", &secret, Some(body.clone())).await;
    assert_eq!(more.status, StatusCode::FORBIDDEN);
    let by_operator = operator.json(&app, "POST", "/api/v1/api-tokens", body).await;
    assert_eq!(by_operator.status, StatusCode::FORBIDDEN, "only administrators make tokens");
    let me = with_token(&app, "GET", "/api/v1/me", &secret, None).await.json();
    assert_eq!(me["user"]["role"], "operator", "a token acts as an operator: {me}");
});

engine_test!(a_requested_token_is_checked_field_by_field, |store| {
    let (app, admin, _, _) = providers(&store).await;
    let refused = admin
        .json(
            &app,
            "POST",
            "/api/v1/api-tokens",
            json!({ "name": " ", "scopes": ["programme:write"], "expires_on": in_days(400) }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let fields: Vec<_> = refused.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
    assert_eq!(fields, [json!("name"), json!("scopes"), json!("expires_on")]);
    assert!(refused.body.contains("not available to a provider"), "{}", refused.body);
    let malformed = admin
        .json(&app, "POST", "/api/v1/api-tokens", json!({ "name": "x", "scopes": [], "expires_on": "domani" }))
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST, "{}", malformed.body);
    assert!(malformed.body.contains("expires_on"), "{}", malformed.body);
});

engine_test!(revoked_expired_and_unknown_tokens_are_refused_saying_which, |store| {
    let (app, admin, _, other) = providers(&store).await;
    let (id, secret) = make(&app, &admin, &["catalogue:read"]).await;
    let foreign = other.json(&app, "DELETE", &format!("/api/v1/api-tokens/{id}"), json!({})).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "another organisation cannot revoke it");
    assert_eq!(with_token(&app, "GET", "/api/v1/provider/listings", &secret, None).await.status, StatusCode::OK);

    let revoked = admin.json(&app, "DELETE", &format!("/api/v1/api-tokens/{id}"), json!({})).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.body);
    let after = with_token(&app, "GET", "/api/v1/provider/listings", &secret, None).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert!(after.body.contains("revoked"), "{}", after.body);
    assert_eq!(after.header("www-authenticate"), "Bearer realm=\"cloudpa\"");
    let again = admin.json(&app, "DELETE", &format!("/api/v1/api-tokens/{id}"), json!({})).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a revoked token is not live any more");

    let org = store.find_organisation_by_name("Org of admin@nuvola.it").await.unwrap().unwrap();
    let creator = store.list_users(&org.id).await.unwrap().into_iter().find(|u| u.role == Role::Admin).unwrap();
    let lapsed =
        NewToken { name: "Scaduto".into(), scopes: vec![Scope::CatalogueRead], expires_on: Utc::now().date_naive() };
    let (_, old) =
        store.create_api_token(&cloudpa_store::Actor::cli(), &org.id, &creator.id, &lapsed, T0).await.unwrap();
    let expired = with_token(&app, "GET", "/api/v1/provider/listings", &old, None).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert!(expired.body.contains("expired on"), "{}", expired.body);

    let unknown = with_token(&app, "GET", "/api/v1/provider/listings", "cpa_nonexistent", None).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(unknown.body.contains("not recognised"), "{}", unknown.body);
    let public = with_token(&app, "GET", "/api/v1/listings", "cpa_nonexistent", None).await;
    assert_eq!(public.status, StatusCode::OK, "a public operation ignores credentials: {}", public.body);
});

engine_test!(a_token_opens_the_api_only_not_the_pages, |store| {
    let (app, admin, _, _) = providers(&store).await;
    let (_, secret) = make(&app, &admin, &["catalogue:read", "listings:write"]).await;
    let page = with_token(&app, "GET", "/fornitore", &secret, None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "pages need a session");
    assert!(page.header("location").starts_with("/login"));
});
