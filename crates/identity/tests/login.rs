//! The happy path end to end against the test provider, both ways of reading its metadata.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use cloudpa_identity::test_provider::TestProviderOptions;
use cloudpa_identity::{AcrLevel, pkce_challenge};
use common::{CLIENT_ID, REDIRECT_URI, login, setup, setup_with};
use serde_json::Value;
use url::Url;

#[tokio::test]
async fn a_login_through_the_federation_metadata_yields_the_normalised_fiscal_code() {
    let setup = setup(TestProviderOptions::default()).await;
    let identity = login(&setup.client).await.expect("login succeeds");
    assert_eq!(identity.fiscal_code.as_str(), "RSSMRA80A01H501U");
    assert_eq!(identity.subject, "test-provider-subject-0001");
    assert_eq!(identity.issuer, setup.provider.issuer());
    assert_eq!(identity.given_name.as_deref(), Some("Mario"));
    assert_eq!(identity.family_name.as_deref(), Some("Rossi"));
    assert_eq!(identity.email.as_deref(), Some("mario.rossi@example.it"));
    assert_eq!(identity.acr, AcrLevel::SpidL2);
}

#[tokio::test]
async fn a_login_through_a_broker_discovery_document_works_the_same() {
    let setup = setup(TestProviderOptions::default()).await;
    let broker = common::config(setup.provider.discovery_settings());
    let client = cloudpa_identity::RelyingPartyClient::new(broker).expect("valid configuration");
    let identity = login(&client).await.expect("login succeeds");
    assert_eq!(identity.fiscal_code.as_str(), "RSSMRA80A01H501U");
}

#[tokio::test]
async fn a_higher_level_than_asked_is_accepted() {
    let setup = setup_with(TestProviderOptions::default(), |rp| rp.acr_values = vec![AcrLevel::SpidL3]).await;
    let identity = login(&setup.client).await.expect("login succeeds");
    assert_eq!(identity.acr, AcrLevel::SpidL3);
}

#[tokio::test]
async fn the_authorization_url_carries_a_request_object_signed_by_the_relying_party() {
    let setup = setup(TestProviderOptions::default()).await;
    let request = setup.client.authorization_request(Utc::now()).await.expect("request");
    let url = Url::parse(&request.url).expect("url");
    assert!(request.url.starts_with(&format!("{}/authorize?", setup.provider.issuer())));
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["code_challenge_method"], "S256");
    let jwks = setup.client.public_jwks();
    let key = josekit::jwk::Jwk::from_map(jwks["keys"][0].as_object().expect("key").clone()).expect("jwk");
    let verifier = josekit::jws::RS256.verifier_from_jwk(&key).expect("verifier");
    let (payload, _) = josekit::jwt::decode_with_verifier(&query["request"], &verifier).expect("signature verifies");
    let claims = payload.claims_set();
    let text = |name: &str| claims.get(name).and_then(Value::as_str).expect(name).to_owned();
    assert_eq!(text("iss"), CLIENT_ID);
    assert_eq!(text("client_id"), CLIENT_ID);
    assert_eq!(text("aud"), setup.provider.issuer());
    assert_eq!(text("redirect_uri"), REDIRECT_URI);
    assert_eq!(text("state"), request.pending.state);
    assert_eq!(text("nonce"), request.pending.nonce);
    assert_eq!(text("code_challenge"), pkce_challenge(&request.pending.code_verifier));
    assert_eq!(text("acr_values"), "https://www.spid.gov.it/SpidL2");
    assert_eq!(text("prompt"), "consent login");
    assert_eq!(claims["claims"]["userinfo"]["https://attributes.eid.gov.it/fiscal_number"]["essential"], true);
    assert!(claims["exp"].as_i64() > claims["iat"].as_i64());
}

#[tokio::test]
async fn the_provider_refuses_a_tampered_request_object() {
    let setup = setup(TestProviderOptions::default()).await;
    let request = setup.client.authorization_request(Utc::now()).await.expect("request");
    let mut url = Url::parse(&request.url).expect("url");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    url.query_pairs_mut().clear();
    for (name, value) in pairs {
        let value = if name == "request" { tamper(&value) } else { value };
        url.query_pairs_mut().append_pair(&name, &value);
    }
    let answer = reqwest::get(url.as_str()).await.expect("answer");
    assert_eq!(answer.status().as_u16(), 400);
}

/// Replaces the request object's payload with one naming another redirect URI.
fn tamper(jwt: &str) -> String {
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
    claims["redirect_uri"] = Value::String("https://attacker.example/steal".into());
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).expect("json"));
    format!("{}.{payload}.{}", parts[0], parts[2])
}

/// The web layer runs these futures in axum handlers, which need `Send` futures and a shareable client.
#[tokio::test]
async fn the_client_and_its_futures_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_shareable<T: Send + Sync>() {}
    assert_shareable::<cloudpa_identity::RelyingPartyClient>();
    let setup = setup(TestProviderOptions::default()).await;
    let request = setup.client.authorization_request(Utc::now());
    assert_send(&request);
    let pending = request.await.expect("request").pending;
    let empty = cloudpa_identity::Callback::default();
    let completion = setup.client.complete_login(&empty, &pending, Utc::now());
    assert_send(&completion);
    assert!(completion.await.is_err(), "an empty callback is refused");
}
