//! Organisations onboarded from the pages (issue 15), on both engines: the
//! programme office onboards a Comune found by its IPA code, the agency a
//! provider; each onboards only its own kinds, nobody else onboards at all,
//! and a refusal names its field and writes nothing.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::*;

const OFFICE: &str = "admin@dtd.example.it";
const AGENCY: &str = "admin@acn.example.it";

/// A form body: the session's token and the fields, URL-encoded.
fn body(csrf: &str, fields: &[(&str, &str)]) -> String {
    let mut encoded = url::form_urlencoded::Serializer::new(String::new());
    encoded.append_pair("csrf_token", csrf);
    for (name, value) in fields {
        encoded.append_pair(name, value);
    }
    encoded.finish()
}

fn comune(name: &str, ipa: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "public_body".into()),
        ("name", name.into()),
        ("ipa_code", ipa.into()),
        ("admin_display_name", "Mario Rossi".into()),
        ("admin_email", email.into()),
        ("admin_fiscal_code", "RSSMRA80A01H501U".into()),
    ]
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn people(store: &cloudpa_store::Store) -> axum::Router {
    store.load_reference_data(T0).await.unwrap();
    user(store, OrganisationKind::ProgrammeOffice, Role::Admin, OFFICE).await;
    user(store, OrganisationKind::ProgrammeOffice, Role::Operator, "op@dtd.example.it").await;
    user(store, OrganisationKind::Agency, Role::Admin, AGENCY).await;
    user(store, OrganisationKind::PublicBody, Role::Admin, "admin@comune.example.it").await;
    app(store, unlimited()).await
}

engine_test!(the_office_onboards_a_comune_found_by_its_ipa_code, |store| {
    let app = people(&store).await;
    let office = sign_in(&app, OFFICE, "password-di-prova").await;
    let csrf = session_csrf(&app, &office).await;
    assert!(get_with_cookie(&app, "/profilo", &office).await.body.contains("href=\"/organizzazioni\""));

    let found = get_with_cookie(&app, "/organizzazioni/nuova?ipa=C_F020", &office).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("value=\"Masone\""), "the name comes from the list of municipalities");
    assert!(found.body.contains("Genova") && found.body.contains("Liguria"), "with its province and region");
    assert!(!found.body.contains("value=\"provider\""), "the office onboards no provider");
    let ended = get_with_cookie(&app, "/organizzazioni/nuova?ipa=c_f709", &office).await;
    assert!(ended.body.contains("Moransengo-Tonengo"), "an ended municipality names its successor");
    let unknown = get_with_cookie(&app, "/organizzazioni/nuova?ipa=c_zzzz", &office).await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(unknown.body.contains("non è presente nei dati"), "{}", unknown.body);
    assert!(unknown.body.contains("name=\"name\" value=\"\""), "no name is made up");

    let fields = comune("Comune di Masone", "C_F020", "rtd@comune.masone.ge.it");
    let made = post_form(&app, "/organizzazioni", Some(&office), &body(&csrf, &pairs(&fields))).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let list = get_with_cookie(&app, made.header("location"), &office).await;
    assert!(list.body.contains("alert-success") && list.body.contains("Comune di Masone"), "{}", list.body);
    assert!(list.body.contains("c_f020"), "the code is kept in the list's lower case");
    let org = store.find_organisation_by_ipa("c_f020").await.unwrap().unwrap();
    assert_eq!(org.kind, OrganisationKind::PublicBody);
    let members = store.members_by_fiscal_code("RSSMRA80A01H501U").await.unwrap();
    assert_eq!(members.len(), 1, "the first administrator signs in with SPID or CIE by fiscal code");
    assert_eq!((members[0].0.role, &members[0].1.id), (Role::Admin, &org.id));
    assert_eq!(store.recent_audit(1).await.unwrap()[0].action, "organisation.onboard");

    let before = store.count_organisations().await.unwrap();
    let again = comune("Comune di Masone bis", "c_f020", "altro@comune.masone.ge.it");
    let refused = post_form(&app, "/organizzazioni", Some(&office), &body(&csrf, &pairs(&again))).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("id=\"ipa_code-error\""), "{}", refused.body);
    assert!(refused.body.contains("organizzazione Comune di Masone"), "the 409 names the holder");
    assert!(refused.body.contains("value=\"Comune di Masone bis\""), "the values typed are kept");
    assert_eq!(store.count_organisations().await.unwrap(), before, "nothing written");
});

engine_test!(the_agency_onboards_a_provider_without_an_ipa_code, |store| {
    let app = people(&store).await;
    let agency = sign_in(&app, AGENCY, "password-di-prova").await;
    let csrf = session_csrf(&app, &agency).await;
    let fields = [
        ("kind", "provider"),
        ("name", "Nuvola Italiana S.p.A."),
        ("ipa_code", ""),
        ("admin_display_name", "Anna Bianchi"),
        ("admin_email", "anna@nuvola.example.it"),
        ("admin_fiscal_code", "RSSMRA80A01H501U"),
    ];
    let made = post_form(&app, "/organizzazioni", Some(&agency), &body(&csrf, &fields)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let org = store.find_organisation_by_name("Nuvola Italiana S.p.A.").await.unwrap().unwrap();
    assert_eq!((org.kind, org.ipa_code), (OrganisationKind::Provider, None));
    assert_eq!(store.list_users(&org.id).await.unwrap()[0].email, "anna@nuvola.example.it");
});

engine_test!(each_onboards_only_its_own_kinds_and_nobody_else_onboards, |store| {
    let app = people(&store).await;
    let before = store.count_organisations().await.unwrap();
    let office = sign_in(&app, OFFICE, "password-di-prova").await;
    let csrf = session_csrf(&app, &office).await;
    let mut provider = comune("Nuvola S.r.l.", "", "x@nuvola.example.it");
    provider[0].1 = "provider".into();
    let refused = post_form(&app, "/organizzazioni", Some(&office), &body(&csrf, &pairs(&provider))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "the office onboards no provider");

    let agency = sign_in(&app, AGENCY, "password-di-prova").await;
    let csrf = session_csrf(&app, &agency).await;
    let ente = comune("Comune di Masone", "c_f020", "y@comune.masone.ge.it");
    let refused = post_form(&app, "/organizzazioni", Some(&agency), &body(&csrf, &pairs(&ente))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "the agency onboards no ente");

    for email in ["op@dtd.example.it", "admin@comune.example.it"] {
        let other = sign_in(&app, email, "password-di-prova").await;
        let csrf = session_csrf(&app, &other).await;
        let refused = post_form(&app, "/organizzazioni", Some(&other), &body(&csrf, &pairs(&ente))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
        let form = get_with_cookie(&app, "/organizzazioni/nuova", &other).await;
        assert_eq!(form.status, StatusCode::FORBIDDEN, "{email}");
    }
    let anonymous = get(&app, "/organizzazioni/nuova").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/login?next="));
    assert_eq!(store.count_organisations().await.unwrap(), before, "nothing written");
});

engine_test!(a_bad_email_or_fiscal_code_is_refused_naming_the_field, |store| {
    let app = people(&store).await;
    let before = store.count_organisations().await.unwrap();
    let office = sign_in(&app, OFFICE, "password-di-prova").await;
    let csrf = session_csrf(&app, &office).await;
    let mut fields = comune("Comune di Masone", "c_f020", "non-una-email");
    fields[5].1 = "RSSMRA80A01H501X".into();
    let refused = post_form(&app, "/organizzazioni", Some(&office), &body(&csrf, &pairs(&fields))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("id=\"admin_email-error\""), "{}", refused.body);
    assert!(refused.body.contains("deve essere un indirizzo e-mail"));
    assert!(refused.body.contains("id=\"admin_fiscal_code-error\""));
    assert!(refused.body.contains("aria-describedby=\"admin_fiscal_code-help admin_fiscal_code-error\""));
    assert!(!refused.body.contains("id=\"name-error\""), "a good field is not flagged");
    let taken = comune("Comune di Masone", "c_f020", OFFICE);
    let refused = post_form(&app, "/organizzazioni", Some(&office), &body(&csrf, &pairs(&taken))).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("id=\"admin_email-error\""));
    assert_eq!(store.count_organisations().await.unwrap(), before, "nothing written");
});
