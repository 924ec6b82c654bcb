//! The API tokens page (issue 13), on both engines: an administrator makes a
//! token and sees its secret once, the token opens the API, and revoking it
//! on the page closes it.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::*;

engine_test!(an_administrator_makes_and_revokes_a_token_on_the_page, |store| {
    user(&store, OrganisationKind::Provider, Role::Admin, "admin@nuvola.it").await;
    user(&store, OrganisationKind::Provider, Role::Operator, "op@altro.it").await;
    let app = app(&store, unlimited()).await;
    let admin = sign_in(&app, "admin@nuvola.it", "password-di-prova").await;
    let page = get_with_cookie(&app, "/organizzazione/token", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("name=\"scope:listings:write\"") && !page.body.contains("name=\"scope:programme:write\"")
    );
    let csrf = session_csrf(&app, &admin).await;

    let expires = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let body = format!(
        "csrf_token={csrf}&name=Gestionale&scope%3Acatalogue%3Aread=on&scope%3Alistings%3Awrite=on&expires_on={expires}"
    );
    let made = post_form(&app, "/organizzazione/token", Some(&admin), &body).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let start = made.body.find("id=\"token-secret\">").unwrap() + 18;
    let secret = made.body[start..].split('<').next().unwrap().to_owned();
    assert!(secret.starts_with("cpa_"));
    assert!(made.body.contains("catalogue:read, listings:write"));
    let again = get_with_cookie(&app, "/organizzazione/token", &admin).await;
    assert!(!again.body.contains(&secret), "the secret is shown once");

    let call = |secret: &str| {
        Request::get("/api/v1/provider/listings")
            .header(header::AUTHORIZATION, format!("Bearer {secret}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(&app, call(&secret)).await.status, StatusCode::OK);

    let bad = format!("csrf_token={csrf}&name=&expires_on={expires}");
    let refused = post_form(&app, "/organizzazione/token", Some(&admin), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("scopes: deve indicare almeno un ambito"), "{}", refused.body);

    let id = store
        .api_tokens(&store.find_organisation_by_name("Org of admin@nuvola.it").await.unwrap().unwrap().id)
        .await
        .unwrap()[0]
        .id
        .clone();
    let revoked =
        post_form(&app, &format!("/organizzazione/token/{id}/revoca"), Some(&admin), &format!("csrf_token={csrf}"))
            .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(send(&app, call(&secret)).await.status, StatusCode::UNAUTHORIZED);

    let operator = sign_in(&app, "op@altro.it", "password-di-prova").await;
    assert_eq!(get_with_cookie(&app, "/organizzazione/token", &operator).await.status, StatusCode::FORBIDDEN);
});
