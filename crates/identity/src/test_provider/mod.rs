//! An OpenID provider of the SPID/CIE profile, in process, on loopback, for tests.
//!
//! It behaves like an SPID/CIE OP as the SPID OIDC guidelines (AgID, Avviso n. 41/2023) and CIE
//! id OIDC describe it: a signed entity configuration (and a discovery document, as a broker
//! would), a JWKS whose signing key can be rotated, `/authorize` that checks the signed request
//! object and "signs in" the configured [`TestUser`] without any page (a plain GET answered by a
//! 303 to `redirect_uri?code=…&state=…&iss=…`), `/token` that checks `private_key_jwt`, PKCE and
//! uses each code once, and `/userinfo` signed then encrypted to the relying party.
//! A [`Misbehaviour`] makes it break one rule, so the tests can watch the relying party refuse.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cloudpa_identity::IdentityError> {
//! use cloudpa_identity::test_provider::{TestProvider, TestProviderOptions};
//! let provider = TestProvider::start(TestProviderOptions::default()).await?;
//! let settings = provider.federation_settings(); // issuer + pinned federation keys
//! # Ok(()) }
//! ```

mod authorize;
mod metadata;
mod state;
mod token;
mod userinfo;

use crate::config::{MetadataSource, ProviderSettings, PublicJwks};
use crate::error::IdentityError;
use axum::Router;
use axum::routing::{get, post};
use serde_json::Value;
use state::{RegisteredClient, State, new_key, parse_client_keys};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::oneshot;

/// The person the test provider signs in.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub subject: String,
    /// As SPID/CIE release it, with the `TINIT-` prefix.
    pub fiscal_number: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
}

impl Default for TestUser {
    fn default() -> Self {
        Self {
            subject: "test-provider-subject-0001".into(),
            fiscal_number: "TINIT-RSSMRA80A01H501U".into(),
            given_name: "Mario".into(),
            family_name: "Rossi".into(),
            email: "mario.rossi@example.it".into(),
        }
    }
}

/// One rule the provider breaks, to test one refusal of the relying party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misbehaviour {
    /// The ID token carries another `nonce`.
    WrongNonce,
    /// The ID token's `exp` has passed.
    ExpiredIdToken,
    /// The ID token is signed with a key absent from the JWKS.
    UnknownSigningKey,
    /// The ID token's `aud` is another client.
    WrongAudience,
    /// The ID token's `iss` is another provider.
    WrongIssuer,
    /// The ID token's `acr` is one level below the lowest asked for (level 1 stays level 1).
    LowerAcr,
    /// The userinfo answer is plain JSON.
    UnencryptedUserinfo,
    /// The userinfo answer is a signed but unencrypted JWT.
    SignedOnlyUserinfo,
}

/// How to start the test provider.
#[derive(Debug, Clone)]
pub struct TestProviderOptions {
    pub user: TestUser,
    pub misbehaviour: Option<Misbehaviour>,
    /// Size of the provider's RSA keys.
    pub key_bits: u32,
}

impl Default for TestProviderOptions {
    fn default() -> Self {
        Self { user: TestUser::default(), misbehaviour: None, key_bits: 2048 }
    }
}

/// A running test provider; it stops when dropped.
pub struct TestProvider {
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestProvider {
    /// Binds 127.0.0.1 on a free port and serves until dropped.
    pub async fn start(options: TestProviderOptions) -> Result<Self, IdentityError> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|err| IdentityError::Config(format!("test provider bind: {err}")))?;
        let port = listener.local_addr().map_err(|err| IdentityError::Config(err.to_string()))?.port();
        let issuer = format!("http://127.0.0.1:{port}");
        let state = Arc::new(State::new(issuer, options.key_bits, options.user, options.misbehaviour)?);
        let router = Router::new()
            .route("/.well-known/openid-federation", get(metadata::entity_configuration))
            .route("/.well-known/openid-configuration", get(metadata::discovery))
            .route("/jwks", get(metadata::jwks))
            .route("/authorize", get(authorize::authorize))
            .route("/token", post(token::token))
            .route("/userinfo", get(userinfo::userinfo))
            .with_state(state.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(err) = serve.await {
                tracing::warn!(%err, "test provider stopped with an error");
            }
        });
        Ok(Self { state, shutdown: Some(shutdown) })
    }

    /// The issuer (entity id), `http://127.0.0.1:{port}`.
    pub fn issuer(&self) -> &str {
        &self.state.issuer
    }

    /// The federation keys to pin in the relying party's configuration.
    pub fn federation_jwks(&self) -> PublicJwks {
        PublicJwks { keys: vec![self.state.federation_key.public.clone()] }
    }

    /// Provider settings for the SPID/CIE way: entity configuration with pinned keys.
    pub fn federation_settings(&self) -> ProviderSettings {
        let metadata = MetadataSource::Federation { trusted_jwks: self.federation_jwks() };
        ProviderSettings { issuer: self.issuer().to_owned(), metadata }
    }

    /// Provider settings for the broker way: plain discovery.
    pub fn discovery_settings(&self) -> ProviderSettings {
        ProviderSettings { issuer: self.issuer().to_owned(), metadata: MetadataSource::Discovery }
    }

    /// Registers a relying party: its `client_id`, redirect URIs and public JWKS.
    pub fn register_client(
        &self,
        client_id: &str,
        redirect_uris: Vec<String>,
        jwks: &Value,
    ) -> Result<(), IdentityError> {
        let client = RegisteredClient { redirect_uris, keys: parse_client_keys(jwks)? };
        self.state.inner().clients.insert(client_id.to_owned(), client);
        Ok(())
    }

    /// Replaces the signing key: the JWKS then publishes only the new one.
    pub fn rotate_signing_key(&self) -> Result<(), IdentityError> {
        let key = new_key(self.state.key_bits)?;
        self.state.inner().signing_key = key;
        Ok(())
    }

    /// Starts (or stops, with `None`) breaking a rule.
    pub fn set_misbehaviour(&self, misbehaviour: Option<Misbehaviour>) {
        self.state.inner().misbehaviour = misbehaviour;
    }

    /// How many times the JWKS was fetched.
    pub fn jwks_fetches(&self) -> usize {
        self.state.jwks_fetches.load(Ordering::SeqCst)
    }
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
