//! An organisation's administrators manage its members (issue 13), on both
//! engines: invite by fiscal code, change a role, remove — each audited —
//! and the organisation always keeps an administrator.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::*;

async fn admin_page(app: &axum::Router, cookie: &str) -> (String, String) {
    let page = get_with_cookie(app, "/organizzazione/utenti", cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = session_csrf(app, cookie).await;
    (page.body, csrf)
}

engine_test!(an_administrator_invites_changes_and_removes_members, |store| {
    user(&store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.masone.ge.it").await;
    let app = app(&store, unlimited()).await;
    let admin = sign_in(&app, "admin@comune.masone.ge.it", "password-di-prova").await;
    let (_, csrf) = admin_page(&app, &admin).await;

    let bad = format!("csrf_token={csrf}&display_name=Mario&email=m%40x.it&fiscal_code=RSSMRA80A01H501X&role=operator");
    let refused = post_form(&app, "/organizzazione/utenti", Some(&admin), &bad).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("fiscal_code: il carattere di controllo non corrisponde"), "{}", refused.body);

    let body = format!(
        "csrf_token={csrf}&display_name=Mario+Rossi&email=m.rossi%40comune.masone.ge.it&fiscal_code=tinit-rssmra80a01h501u&role=operator"
    );
    let invited = post_form(&app, "/organizzazione/utenti", Some(&admin), &body).await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let (page, _) = admin_page(&app, &admin).await;
    assert!(page.contains("SPID/CIE (RSSMRA80A01H501U)"), "the code is kept normalised");
    let again = post_form(&app, "/organizzazione/utenti", Some(&admin), &body).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the same fiscal code twice in one organisation");

    let org = store.find_organisation_by_name("Org of admin@comune.masone.ge.it").await.unwrap().unwrap();
    let members = store.list_users(&org.id).await.unwrap();
    let mario = members.iter().find(|m| m.fiscal_code.is_some()).unwrap().id.clone();
    let me = members.iter().find(|m| m.role == Role::Admin).unwrap().id.clone();

    let promote = format!("csrf_token={csrf}&role=admin");
    let done = post_form(&app, &format!("/organizzazione/utenti/{mario}/ruolo"), Some(&admin), &promote).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(store.user(&mario).await.unwrap().unwrap().role, Role::Admin);
    assert_eq!(store.recent_audit(1).await.unwrap()[0].action, "user.role");

    let remove = format!("csrf_token={csrf}");
    let removed = post_form(&app, &format!("/organizzazione/utenti/{mario}/rimozione"), Some(&admin), &remove).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(store.recent_audit(1).await.unwrap()[0].action, "user.remove");
    assert!(store.list_users(&org.id).await.unwrap().iter().all(|m| m.id != mario), "no longer listed");

    let last = post_form(&app, &format!("/organizzazione/utenti/{me}/rimozione"), Some(&admin), &remove).await;
    assert_eq!(last.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(last.body.contains("deve mantenere almeno un amministratore"), "{}", last.body);
    let demote = format!("csrf_token={csrf}&role=viewer");
    let last = post_form(&app, &format!("/organizzazione/utenti/{me}/ruolo"), Some(&admin), &demote).await;
    assert_eq!(last.status, StatusCode::UNPROCESSABLE_ENTITY);
});

engine_test!(a_removed_member_is_signed_out_and_another_organisations_member_is_not_found, |store| {
    user(&store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.masone.ge.it").await;
    user(&store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.genova.it").await;
    let org = store.find_organisation_by_name("Org of admin@comune.masone.ge.it").await.unwrap().unwrap();
    let new = cloudpa_store::accounts::NewUser {
        organisation_id: &org.id,
        email: "op@comune.masone.ge.it",
        display_name: "Operatore",
        password: "password-di-prova",
        role: Role::Operator,
    };
    let operator = store.create_user(&cloudpa_store::Actor::cli(), new, T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let admin = sign_in(&app, "admin@comune.masone.ge.it", "password-di-prova").await;
    let session = sign_in(&app, "op@comune.masone.ge.it", "password-di-prova").await;
    assert_eq!(get_with_cookie(&app, "/profilo", &session).await.status, StatusCode::OK);

    let genova = sign_in(&app, "admin@comune.genova.it", "password-di-prova").await;
    let (_, csrf) = admin_page(&app, &genova).await;
    let foreign = post_form(
        &app,
        &format!("/organizzazione/utenti/{}/rimozione", operator.id),
        Some(&genova),
        &format!("csrf_token={csrf}"),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "another organisation's member is not found");

    let (_, csrf) = admin_page(&app, &admin).await;
    let removed = post_form(
        &app,
        &format!("/organizzazione/utenti/{}/rimozione", operator.id),
        Some(&admin),
        &format!("csrf_token={csrf}"),
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let after = get_with_cookie(&app, "/profilo", &session).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the removed member's session ended");
    let form = get(&app, "/login").await;
    let csrf = form.cookie_value("cloudpa_csrf").unwrap();
    let body = format!("csrf_token={csrf}&email=op%40comune.masone.ge.it&password=password-di-prova");
    let again = post_form(&app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "and cannot sign in again");
});
