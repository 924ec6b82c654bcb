//! Pages, sign-in, CSRF and access rules on both engines.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use cloudpa_web::WebConfig;
use common::*;

engine_test!(home_follows_the_page_model_in_italian_and_english, |store| {
    let app = app(&store, unlimited()).await;
    let home = get(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<html lang=\"it\">"));
    for link in [
        "href=\"/catalogo\"",
        "href=\"/programma\"",
        "href=\"/login\"",
        "href=\"/dichiarazione-accessibilita\"",
        "href=\"/privacy\"",
        "href=\"/note-legali\"",
        "it-header-slim-wrapper",
        "breadcrumb",
        "it-footer",
    ] {
        assert!(home.body.contains(link), "home lacks {link}");
    }
    assert!(!home.body.contains("https://"), "no third-party resource is referenced");
    let english = get(&app, "/?lang=en").await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.set_cookie("cloudpa_lang").unwrap().starts_with("cloudpa_lang=en"));
    let remembered = get_with_cookie(&app, "/privacy", "cloudpa_lang=en").await;
    assert!(remembered.body.contains("Privacy notice"));
});

engine_test!(every_public_page_renders, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    for path in ["/", "/catalogo", "/programma", "/dichiarazione-accessibilita", "/privacy", "/note-legali", "/login"] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{path}");
        assert!(reply.header("content-security-policy").contains("default-src 'self'"));
    }
    let css = get(&app, "/static/bootstrap-italia/css/bootstrap-italia.min.css").await;
    assert_eq!(css.header("content-type"), "text/css");
    assert_eq!(get(&app, "/static/nothing.css").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/no-such-page").await.status, StatusCode::NOT_FOUND);
});

engine_test!(programme_page_computes_the_voucher_without_javascript, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let page = get(&app, "/programma?population=586180&rehost=18&upgrade=3").await;
    assert!(page.body.contains("4.566.860,00 €"), "{}", page.body);
    assert!(page.body.contains("1.2 Abilitazione al Cloud - Comuni - luglio 2025"));
    let refused = get(&app, "/programma?population=2500&rehost=10&upgrade=0").await;
    assert!(refused.body.contains("ammette da 7 a 9 servizi"));
});

engine_test!(sign_in_sets_safe_cookies_and_sign_out_ends_the_session, |store| {
    user(&store, OrganisationKind::Provider, Role::Operator, "op@fornitore.it").await;
    let app = app(&store, unlimited()).await;
    let form = get(&app, "/login").await;
    let csrf_cookie = form.set_cookie("cloudpa_csrf").unwrap();
    assert!(
        csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax") && !csrf_cookie.contains("Secure")
    );
    let csrf = form.cookie_value("cloudpa_csrf").unwrap();
    let reply = post_form(
        &app,
        "/login",
        Some(&format!("cloudpa_csrf={csrf}")),
        &format!("csrf_token={csrf}&email=op%40fornitore.it&password=password-di-prova&next=%2Fprogramma"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/programma");
    let session = reply.set_cookie("cloudpa_session").unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"));
    let cookie = format!("cloudpa_session={}", reply.cookie_value("cloudpa_session").unwrap());
    assert_eq!(get_with_cookie(&app, "/profilo", &cookie).await.status, StatusCode::OK);

    let token = session_csrf(&app, &cookie).await;
    let out = post_form(&app, "/logout", Some(&cookie), &format!("csrf_token={token}")).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(get_with_cookie(&app, "/profilo", &cookie).await.status, StatusCode::SEE_OTHER, "session ended");
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
});

engine_test!(cookies_are_secure_behind_tls, |store| {
    let app = app(&store, WebConfig { public_url: "https://cloudpa.example.it".into(), ..unlimited() }).await;
    assert!(get(&app, "/login").await.set_cookie("cloudpa_csrf").unwrap().contains("Secure"));
});

engine_test!(wrong_password_is_refused_without_saying_which_part, |store| {
    user(&store, OrganisationKind::Agency, Role::Viewer, "v@acn.it").await;
    let app = app(&store, unlimited()).await;
    let csrf = get(&app, "/login").await.cookie_value("cloudpa_csrf").unwrap();
    let cookie = format!("cloudpa_csrf={csrf}");
    for body in ["email=v%40acn.it&password=sbagliata-davvero", "email=nessuno%40acn.it&password=password-di-prova"] {
        let reply = post_form(&app, "/login", Some(&cookie), &format!("csrf_token={csrf}&{body}")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains("E-mail o password non corretti."));
        assert!(reply.set_cookie("cloudpa_session").is_none());
    }
});

engine_test!(forms_without_a_valid_csrf_token_are_refused, |store| {
    user(&store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.it").await;
    let app = app(&store, unlimited()).await;
    let login = "email=admin%40comune.it&password=password-di-prova";
    let no_token = post_form(&app, "/login", None, login).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let csrf = get(&app, "/login").await.cookie_value("cloudpa_csrf").unwrap();
    let wrong =
        post_form(&app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &format!("csrf_token=forged&{login}")).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.set_cookie("cloudpa_session").is_none());

    let cookie = sign_in(&app, "admin@comune.it", "password-di-prova").await;
    let entries = store.verify_audit().await.unwrap().entries;
    let create = "display_name=Nuovo&email=nuovo%40comune.it&password=password-lunga-abbastanza&role=viewer";
    let anonymous_token = post_form(
        &app,
        "/organizzazione/utenti",
        Some(&format!("{cookie}; cloudpa_csrf={csrf}")),
        &format!("csrf_token={csrf}&{create}"),
    )
    .await;
    assert_eq!(anonymous_token.status, StatusCode::FORBIDDEN, "a signed-in form needs the session's token");
    let token = session_csrf(&app, &cookie).await;
    let foreign = axum::http::Request::post("/organizzazione/utenti")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .body(axum::body::Body::from(format!("csrf_token={token}&{create}")))
        .unwrap();
    assert_eq!(send(&app, foreign).await.status, StatusCode::FORBIDDEN, "foreign Origin");
    assert_eq!(store.verify_audit().await.unwrap().entries, entries, "nothing was written");
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM users").await, 1);
});

engine_test!(access_rules_are_enforced, |store| {
    user(&store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.it").await;
    user(&store, OrganisationKind::PublicBody, Role::Operator, "op@comune.it").await;
    let app = app(&store, unlimited()).await;

    let anonymous = get(&app, "/organizzazione/utenti").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location"), "/login?next=/organizzazione/utenti");

    let operator = sign_in(&app, "op@comune.it", "password-di-prova").await;
    assert_eq!(get_with_cookie(&app, "/organizzazione/utenti", &operator).await.status, StatusCode::FORBIDDEN);
    let token = session_csrf(&app, &operator).await;
    let create =
        format!("csrf_token={token}&display_name=X&email=x%40comune.it&password=password-lunga-abbastanza&role=admin");
    assert_eq!(post_form(&app, "/organizzazione/utenti", Some(&operator), &create).await.status, StatusCode::FORBIDDEN);

    let admin = sign_in(&app, "admin@comune.it", "password-di-prova").await;
    let page = get_with_cookie(&app, "/organizzazione/utenti", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("admin@comune.it") && !page.body.contains("op@comune.it"),
        "only one's own organisation"
    );
});

engine_test!(admins_add_users_with_validated_fields, |store| {
    user(&store, OrganisationKind::Provider, Role::Admin, "admin@fornitore.it").await;
    let app = app(&store, unlimited()).await;
    let admin = sign_in(&app, "admin@fornitore.it", "password-di-prova").await;
    let token = session_csrf(&app, &admin).await;

    let bad = post_form(
        &app,
        "/organizzazione/utenti",
        Some(&admin),
        &format!("csrf_token={token}&display_name=&email=not-an-email&password=short&role=boss"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    for field in ["email:", "display_name:", "password:", "role:"] {
        assert!(bad.body.contains(field), "{field} error shown");
    }
    let good = format!(
        "csrf_token={token}&display_name=Nuova&email=nuova%40fornitore.it&password=password-lunga-abbastanza&role=operator"
    );
    let created = post_form(&app, "/organizzazione/utenti", Some(&admin), &good).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let again = post_form(&app, "/organizzazione/utenti", Some(&admin), &good).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    sign_in(&app, "nuova@fornitore.it", "password-lunga-abbastanza").await;
    assert_eq!(store.verify_audit().await.unwrap().first_bad, None);
});

#[test]
fn every_route_has_an_explicit_rule() {
    let rules = cloudpa_web::rules();
    for (i, rule) in rules.iter().enumerate() {
        assert!(
            rules[i + 1..].iter().all(|r| (&r.method, &r.path) != (&rule.method, &rule.path)),
            "duplicate {rule:?}"
        );
    }
    assert!(rules.len() >= 18);
}

#[test]
fn every_route_rule_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/security.md")).unwrap();
    for rule in cloudpa_web::rules() {
        let row = format!("| {} | `{}` |", rule.method, rule.path);
        assert!(doc.contains(&row), "docs/security.md lacks {row}");
    }
    let rows = doc
        .lines()
        .filter(|l| ["GET", "POST", "PUT", "DELETE", "PATCH"].iter().any(|m| l.starts_with(&format!("| {m} | `"))))
        .count();
    assert_eq!(rows, cloudpa_web::rules().len(), "docs/security.md lists a route that does not exist");
}
