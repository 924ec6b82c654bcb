//! Security findings about accounts and sessions (issue 10), on both
//! engines: the redirect after sign-in, sign-in throttling, caching of
//! signed-in answers and the metrics endpoint.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use cloudpa_web::{Secret, WebConfig};
use common::*;

const PASSWORD: &str = "password-di-prova";

/// Posts the sign-in form with its anonymous CSRF token; `next` and the
/// e-mail are sent as given (already URL-encoded).
async fn sign_in_form(app: &axum::Router, email: &str, password: &str, next: &str) -> Reply {
    let form = get(app, "/login").await;
    let csrf = form.cookie_value("cloudpa_csrf").expect("anonymous CSRF cookie");
    let body = format!("csrf_token={csrf}&email={email}&password={password}&next={next}");
    post_form(app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &body).await
}

engine_test!(only_a_same_origin_path_is_followed_after_sign_in, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    let app = app(&store, unlimited()).await;

    let form = get(&app, "/login?next=/%09/evil.example").await;
    assert_eq!(form.status, StatusCode::OK, "a bad target does not refuse the sign-in page");
    assert!(form.body.contains(r#"name="next" value="/""#), "the page carries the home page as target");

    for (next, expected) in [
        ("/%09/evil.example", "/"),
        ("%2F%09%2Fevil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("//evil.example", "/"),
        ("/.//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/catalogo%3Fq%3Dposta", "/catalogo?q=posta"),
        ("/fornitore", "/fornitore"),
    ] {
        let reply = sign_in_form(&app, "op@nuvola.it", PASSWORD, next).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{next}: {}", reply.body);
        assert_eq!(reply.header("location"), expected, "{next}");
    }
});

engine_test!(a_target_with_cr_lf_or_nul_is_refused_not_the_sign_in, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    let app = app(&store, unlimited()).await;
    for next in ["/profilo%0D%0ASet-Cookie:%20x=1", "/profilo%0Ax", "/profilo%00"] {
        let before = store.fetch_i64("SELECT COUNT(*) FROM sessions").await;
        let reply = sign_in_form(&app, "op@nuvola.it", PASSWORD, next).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{next}: {}", reply.body);
        assert_eq!(reply.header("location"), "/", "{next}");
        assert!(reply.cookie_value("cloudpa_session").is_some(), "{next}: signed in");
        assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM sessions").await, before + 1, "one session, whole");
    }
});

engine_test!(repeated_failures_lock_the_account_whether_or_not_it_exists, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    let app = app(&store, unlimited()).await;
    let mut locked_pages = Vec::new();
    for email in ["op@nuvola.it", "nessuno@nuvola.it"] {
        for attempt in 1..=5 {
            let reply = sign_in_form(&app, email, "password-sbagliata", "").await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{email} attempt {attempt}");
        }
        let locked = sign_in_form(&app, email, PASSWORD, "").await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{email}: even the right password waits");
        assert!(locked.cookie_value("cloudpa_session").is_none());
        let retry: i64 = locked.header("retry-after").parse().unwrap();
        assert!((800..=900).contains(&retry), "about 15 minutes: {retry}");
        assert!(locked.body.contains("Troppi tentativi di accesso non riusciti"), "{}", locked.body);
        let alert = locked.body.split("role=\"alert\">").nth(1).unwrap().split("</div>").next().unwrap().to_owned();
        locked_pages.push(alert.replace(char::is_numeric, ""));
    }
    assert_eq!(locked_pages[0], locked_pages[1], "a lockout does not tell which account exists");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.lockout'").await, 2);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.failure'").await, 8);

    sqlx::query("UPDATE sign_in_failures SET at_ms = at_ms - 16 * 60000").execute(store.pool()).await.unwrap();
    let after = sign_in_form(&app, "op@nuvola.it", PASSWORD, "").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the lockout is over: {}", after.body);
    let account = "SELECT COUNT(*) FROM sign_in_failures WHERE subject = 'account:op@nuvola.it'";
    assert_eq!(store.fetch_i64(account).await, 0, "a sign-in forgets the account's failures");
});

engine_test!(repeated_failures_from_one_client_lock_it_for_every_account, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    let app = app(&store, unlimited()).await;
    for i in 0..30 {
        let reply = sign_in_form(&app, &format!("utente{}@nuvola.it", i % 10), "password-sbagliata", "").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "failure {i}");
    }
    let locked = sign_in_form(&app, "op@nuvola.it", PASSWORD, "").await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{}", locked.body);
});

engine_test!(signed_in_answers_are_never_cached, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@nuvola.it").await;
    let app = app(&store, unlimited()).await;
    assert_eq!(get(&app, "/catalogo").await.header("cache-control"), "", "a public page may be cached");
    let login = get(&app, "/login").await;
    assert_eq!(login.header("cache-control"), "no-store", "it sets the CSRF cookie");
    let client = Client::sign_in(&app, "op@nuvola.it").await;
    for uri in ["/profilo", "/fornitore", "/api/v1/me", "/api/v1/provider/listings", "/catalogo"] {
        assert_eq!(client.get(&app, uri).await.header("cache-control"), "no-store", "{uri}");
    }
    let css = client.get(&app, "/static/cloudpa.css").await;
    assert_eq!(css.header("cache-control"), "public, max-age=86400", "the same for everyone");
});

engine_test!(metrics_need_the_token_or_their_own_address, |store| {
    let open = app(&store, unlimited()).await;
    assert_eq!(get(&open, "/metrics").await.status, StatusCode::NOT_FOUND, "not served without a token");

    let config = WebConfig { metrics_token: Some(Secret("s3cret-metrics".into())), ..unlimited() };
    let guarded = app(&store, config).await;
    assert_eq!(get(&guarded, "/metrics").await.status, StatusCode::UNAUTHORIZED);
    let wrong = get_with_header(&guarded, "/metrics", "authorization", "Bearer s3cret-metrikz").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let right = get_with_header(&guarded, "/metrics", "authorization", "Bearer s3cret-metrics").await;
    assert_eq!(right.status, StatusCode::OK);
    assert!(right.body.contains("db_pool_connections"));

    let dir = std::env::temp_dir().join(format!("cloudpa-metrics-{}", std::process::id()));
    let blobs = cloudpa_store::blobs::BlobStore::local(&dir).unwrap();
    let catalogue = std::sync::Arc::new(cloudpa_search::Catalogue::build(&store).await.unwrap());
    let state = cloudpa_web::AppState::new(store.store.clone(), blobs, catalogue, unlimited());
    let separate = cloudpa_web::metrics_router(state);
    assert_eq!(get(&separate, "/metrics").await.status, StatusCode::OK, "the separate address needs no token");
    assert_eq!(get(&separate, "/api/v1/status").await.status, StatusCode::NOT_FOUND, "and serves nothing else");
});
