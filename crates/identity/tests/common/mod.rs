//! Shared set-up of the integration tests: a test provider on loopback and a relying party
//! registered with it.

#![allow(dead_code)]

use chrono::Utc;
use cloudpa_identity::test_provider::{TestProvider, TestProviderOptions};
use cloudpa_identity::{
    AcrLevel, Callback, Identity, IdentityError, PendingLogin, ProviderSettings, RelyingParty, RelyingPartyClient,
    RpKeySet,
};
use std::sync::OnceLock;
use url::Url;

pub const CLIENT_ID: &str = "https://rp.cloudpa.example";
pub const REDIRECT_URI: &str = "https://rp.cloudpa.example/auth/callback";

/// One key set for every test of a binary: generating RSA keys is the slow part.
pub fn rp_keys() -> RpKeySet {
    static KEYS: OnceLock<RpKeySet> = OnceLock::new();
    KEYS.get_or_init(|| RpKeySet::generate(2048).expect("key generation")).clone()
}

/// A relying party configuration towards `provider`, with the defaults of the profile.
pub fn config(provider: ProviderSettings) -> RelyingParty {
    RelyingParty {
        client_id: CLIENT_ID.into(),
        redirect_uri: REDIRECT_URI.into(),
        client_name: "cloudpa".into(),
        organization_name: "Dipartimento per la trasformazione digitale".into(),
        contacts: vec!["tech@cloudpa.example".into()],
        authority_hints: vec![],
        provider,
        keys: rp_keys(),
        acr_values: vec![AcrLevel::SpidL2],
        scopes: vec!["openid".into()],
        userinfo_claims: vec!["given_name".into(), "family_name".into(), "email".into()],
        prompt: "consent login".into(),
        require_encrypted_userinfo: true,
        userinfo_encryption: Default::default(),
        limits: Default::default(),
    }
}

pub struct Setup {
    pub provider: TestProvider,
    pub client: RelyingPartyClient,
}

/// Starts a provider, builds a relying party (federation metadata) and registers it.
pub async fn setup(options: TestProviderOptions) -> Setup {
    setup_with(options, |_| {}).await
}

/// As [`setup`], with a change to the relying party's configuration.
pub async fn setup_with(options: TestProviderOptions, change: impl FnOnce(&mut RelyingParty)) -> Setup {
    let provider = TestProvider::start(options).await.expect("provider starts");
    let mut rp = config(provider.federation_settings());
    change(&mut rp);
    let client = RelyingPartyClient::new(rp).expect("valid configuration");
    provider.register_client(CLIENT_ID, vec![REDIRECT_URI.into()], &client.public_jwks()).expect("registration");
    Setup { provider, client }
}

/// What a browser does at the provider: a plain GET, the redirect read but not followed.
pub async fn follow_authorize(url: &str) -> Callback {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let answer = http.get(url).send().await.expect("authorize answers");
    assert_eq!(answer.status().as_u16(), 303, "authorize redirects");
    let location = answer.headers()["location"].to_str().expect("ascii location").to_owned();
    assert!(location.starts_with(REDIRECT_URI), "back to the redirect_uri");
    let query: Vec<(String, String)> = Url::parse(&location).expect("url").query_pairs().into_owned().collect();
    let get = |name: &str| query.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    Callback { code: get("code"), state: get("state"), iss: get("iss"), error: get("error"), ..Default::default() }
}

/// Starts a login and brings back the callback and the pending login.
pub async fn start_login(client: &RelyingPartyClient) -> (Callback, PendingLogin) {
    let request = client.authorization_request(Utc::now()).await.expect("authorization request");
    (follow_authorize(&request.url).await, request.pending)
}

/// A whole login, from the request to the identity.
pub async fn login(client: &RelyingPartyClient) -> Result<Identity, IdentityError> {
    let (callback, pending) = start_login(client).await;
    client.complete_login(&callback, &pending, Utc::now()).await
}
