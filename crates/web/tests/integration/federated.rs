//! Sign-in through SPID/CIE (issue 13), on both engines, against the in-repo
//! OpenID provider on loopback: the whole redirect flow through the web
//! layer, the matching of the fiscal code to the memberships administrators
//! created, and every way the callback is refused.

use crate::common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_identity::test_provider::{Misbehaviour, TestProvider, TestProviderOptions};
use cloudpa_identity::{AcrLevel, RelyingParty, RelyingPartyClient, RpKeySet};
use cloudpa_store::accounts::NewMember;
use cloudpa_store::{Actor, Store, engine_test};
use cloudpa_web::{Identity, WebConfig};
use common::*;
use std::sync::{Arc, OnceLock};

const CLIENT_ID: &str = "https://cloudpa.example";
const REDIRECT_URI: &str = "https://cloudpa.example/auth/callback";
const MARIO: &str = "RSSMRA80A01H501U";

fn keys() -> RpKeySet {
    static KEYS: OnceLock<RpKeySet> = OnceLock::new();
    KEYS.get_or_init(|| RpKeySet::generate(2048).unwrap()).clone()
}

/// A provider on loopback and the app configured as its relying party.
async fn federated(store: &Store) -> (TestProvider, Router) {
    let provider = TestProvider::start(TestProviderOptions::default()).await.unwrap();
    let settings = RelyingParty {
        client_id: CLIENT_ID.into(),
        redirect_uri: REDIRECT_URI.into(),
        client_name: "cloudpa".into(),
        organization_name: "Dipartimento per la trasformazione digitale".into(),
        contacts: vec!["tech@cloudpa.example".into()],
        authority_hints: vec![],
        provider: provider.federation_settings(),
        keys: keys(),
        acr_values: vec![AcrLevel::SpidL2],
        scopes: vec!["openid".into()],
        userinfo_claims: vec!["given_name".into(), "family_name".into(), "email".into()],
        prompt: "consent login".into(),
        require_encrypted_userinfo: true,
        userinfo_encryption: Default::default(),
        limits: Default::default(),
    };
    let client = RelyingPartyClient::new(settings).unwrap();
    provider.register_client(CLIENT_ID, vec![REDIRECT_URI.into()], &client.public_jwks()).unwrap();
    let config = WebConfig { identity: Some(Identity(Arc::new(client))), ..unlimited() };
    let app = app(store, config).await;
    (provider, app)
}

/// An organisation with a member invited by `fiscal_code`; its id.
async fn member(store: &Store, organisation: &str, email: &str, fiscal_code: &str, role: Role) -> String {
    let org = match store.find_organisation_by_name(organisation).await.unwrap() {
        Some(org) => org,
        None => store
            .create_organisation(&Actor::cli(), OrganisationKind::PublicBody, organisation, None, T0)
            .await
            .unwrap(),
    };
    let new = NewMember { organisation_id: &org.id, email, display_name: "Mario Rossi", fiscal_code, role };
    store.invite_member(&Actor::cli(), new, T0).await.unwrap();
    org.id
}

fn cookie_of(reply: &Reply, name: &str) -> String {
    format!("{name}={}", reply.cookie_value(name).unwrap_or_else(|| panic!("a {name} cookie")))
}

/// What a browser does: start at cloudpa, go to the provider, come back.
/// Returns the callback's path and query, and the flow cookie.
async fn through_the_provider(app: &Router) -> (String, String) {
    let start = get(app, "/login/spid?next=/profilo").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let flow = cookie_of(&start, "cloudpa_oidc");
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let at_provider = http.get(start.header("location")).send().await.unwrap();
    assert_eq!(at_provider.status().as_u16(), 303);
    let back = at_provider.headers()["location"].to_str().unwrap().to_owned();
    let callback = back.strip_prefix("https://cloudpa.example").expect("back to the redirect_uri").to_owned();
    (callback, flow)
}

async fn get_cookie(app: &Router, uri: &str, cookie: &str) -> Reply {
    send(app, Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

engine_test!(a_member_invited_by_fiscal_code_signs_in_with_spid, |store| {
    member(&store, "Comune di Masone", "m.rossi@comune.masone.ge.it", MARIO, Role::Operator).await;
    let (_provider, app) = federated(&store).await;
    let login = get(&app, "/login").await;
    assert!(login.body.contains("href=\"/login/spid?next="), "the sign-in page offers SPID/CIE");

    let (callback, flow) = through_the_provider(&app).await;
    let signed_in = get_cookie(&app, &callback, &flow).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    assert_eq!(signed_in.header("location"), "/profilo");
    let session = cookie_of(&signed_in, "cloudpa_session");
    let profile = get_with_cookie(&app, "/profilo", &session).await;
    assert_eq!(profile.status, StatusCode::OK);
    assert!(profile.body.contains("Comune di Masone"), "signed in for the organisation that invited them");
    assert!(profile.body.contains(">Ente pubblico</dd>"), "the kind of organisation by its Italian name");
    assert!(!profile.body.contains(">public_body<"), "not by its code");
    let entry = store.recent_audit(1).await.unwrap().remove(0);
    assert_eq!(entry.action, "session.create");
    assert!(entry.details.contains("\"method\":\"oidc\"") && entry.details.contains("SpidL2"), "{}", entry.details);

    let replay = get_cookie(&app, &callback, &flow).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST, "a callback serves once");
    assert!(replay.cookie_value("cloudpa_session").is_none());
});

engine_test!(a_person_with_no_membership_gets_a_clear_page, |store| {
    let (_provider, app) = federated(&store).await;
    let (callback, flow) = through_the_provider(&app).await;
    let page = get_cookie(&app, &callback, &flow).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("invitarti con il tuo codice fiscale"), "{}", page.body);
    assert!(page.body.contains(MARIO), "the page shows the fiscal code to give the administrator");
    assert!(page.cookie_value("cloudpa_session").is_none());
});

engine_test!(a_callback_from_another_browser_or_a_refused_answer_opens_no_session, |store| {
    member(&store, "Comune di Masone", "m.rossi@comune.masone.ge.it", MARIO, Role::Operator).await;
    let (provider, app) = federated(&store).await;
    let (callback, _flow) = through_the_provider(&app).await;
    let foreign = get(&app, &callback).await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST, "login CSRF: the flow cookie is missing");
    assert!(foreign.cookie_value("cloudpa_session").is_none());

    provider.set_misbehaviour(Some(Misbehaviour::WrongNonce));
    let (callback, flow) = through_the_provider(&app).await;
    let refused = get_cookie(&app, &callback, &flow).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("verifiche di sicurezza"), "{}", refused.body);
    assert!(refused.cookie_value("cloudpa_session").is_none());
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM sessions").await, 0);
});

engine_test!(a_member_of_two_organisations_chooses_one, |store| {
    member(&store, "Comune di Masone", "m.rossi@comune.masone.ge.it", MARIO, Role::Operator).await;
    let genova = member(&store, "Comune di Genova", "m.rossi@comune.genova.it", MARIO, Role::Viewer).await;
    let (_provider, app) = federated(&store).await;
    let (callback, flow) = through_the_provider(&app).await;
    let choice = get_cookie(&app, &callback, &flow).await;
    assert_eq!(choice.status, StatusCode::OK, "{}", choice.body);
    assert!(choice.body.contains("Comune di Genova") && choice.body.contains("Comune di Masone"));
    let field = |name: &str| {
        let start = choice.body.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
        choice.body[start..].split('"').next().unwrap().to_owned()
    };
    let (csrf, key) = (field("csrf_token"), field("key"));
    let genova_user = store.list_users(&genova).await.unwrap().remove(0).id;
    let body = format!("csrf_token={csrf}&key={key}&user_id={genova_user}");
    let chosen = post_form(&app, "/login/spid/organizzazione", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
    let profile = get_with_cookie(&app, "/profilo", &cookie_of(&chosen, "cloudpa_session")).await;
    assert!(profile.body.contains("Comune di Genova"), "signed in for the chosen organisation");
    let again = post_form(&app, "/login/spid/organizzazione", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "the choice serves once");
});

engine_test!(a_member_without_a_password_cannot_sign_in_with_one, |store| {
    member(&store, "Comune di Masone", "m.rossi@comune.masone.ge.it", MARIO, Role::Operator).await;
    let app = app(&store, unlimited()).await;
    let form = get(&app, "/login").await;
    assert!(!form.body.contains("/login/spid"), "no SPID button without the identity settings");
    let csrf = form.cookie_value("cloudpa_csrf").unwrap();
    let body = format!("csrf_token={csrf}&email=m.rossi%40comune.masone.ge.it&password=!");
    let refused = post_form(&app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "refused like a wrong password, not an error");
    assert_eq!(get(&app, "/login/spid").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/.well-known/openid-federation").await.status, StatusCode::NOT_FOUND);
});

engine_test!(the_relying_party_publishes_its_entity_configuration_and_keys, |store| {
    let (_provider, app) = federated(&store).await;
    let statement = get(&app, "/.well-known/openid-federation").await;
    assert_eq!(statement.status, StatusCode::OK);
    assert_eq!(statement.header("content-type"), "application/entity-statement+jwt");
    assert_eq!(statement.body.split('.').count(), 3, "a compact JWT");
    let jwks = get(&app, "/.well-known/jwks.json").await.json();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "signing and encryption keys");
    assert!(keys.iter().all(|k| k.get("d").is_none()), "no private member is published");
});
