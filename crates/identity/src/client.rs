//! The relying party at work: start a login, finish it, publish its metadata.
//!
//! The flow of the SPID OIDC guidelines (AgID, Avviso n. 41/2023) and CIE id OIDC, step by step:
//! authentication request ([`crate::authorize`]), callback checks (here), token request
//! ([`crate::token`]), ID token ([`crate::id_token`]), userinfo ([`crate::userinfo`]), identity
//! ([`crate::identity`]). Every method takes `now`; the web layer reads the clock.

use crate::acr;
use crate::authorize::{self, AuthorizationRequest, PendingLogin};
use crate::config::RelyingParty;
use crate::error::IdentityError;
use crate::http::Http;
use crate::id_token;
use crate::identity::Identity;
use crate::provider::cache::ProviderCache;
use crate::rp_metadata::{RpKeys, entity_configuration};
use crate::token::{self, CodeExchange};
use crate::userinfo;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::time::Duration;
use subtle::ConstantTimeEq;

/// The query parameters of the request to the `redirect_uri`.
#[derive(Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The issuer, sent by CIE and by providers following RFC 9207.
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callback").field("iss", &self.iss).field("error", &self.error).finish_non_exhaustive()
    }
}

/// A configured relying party towards one provider. Cheap to share behind an `Arc`.
pub struct RelyingPartyClient {
    config: RelyingParty,
    keys: RpKeys,
    http: Http,
    provider: ProviderCache,
}

impl RelyingPartyClient {
    /// Checks the configuration and loads the keys; the provider is contacted on first use.
    pub fn new(config: RelyingParty) -> Result<Self, IdentityError> {
        config.validate()?;
        let keys = RpKeys::load(&config.keys)?;
        if let Some(alg) = keys.encryption.public.get("alg").and_then(Value::as_str)
            && alg != config.userinfo_encryption.alg
        {
            return Err(IdentityError::Config(format!(
                "the encryption key is for {alg}, userinfo_encryption.alg is {}",
                config.userinfo_encryption.alg
            )));
        }
        let http = Http::new(Duration::from_secs(config.limits.http_timeout_secs))?;
        let provider = ProviderCache::new(config.provider.clone(), config.limits.clone(), http.clone())?;
        Ok(Self { config, keys, http, provider })
    }

    /// The configuration in use.
    pub fn config(&self) -> &RelyingParty {
        &self.config
    }

    /// The public JWKS to serve (signing and encryption keys, no private members).
    pub fn public_jwks(&self) -> Value {
        self.keys.public_jwks()
    }

    /// The signed entity configuration to serve at `/.well-known/openid-federation`.
    pub fn entity_configuration(&self, now: DateTime<Utc>) -> Result<String, IdentityError> {
        entity_configuration(&self.config, &self.keys, now.timestamp())
    }

    /// Starts a login: the URL to redirect to and the [`PendingLogin`] to keep server-side.
    pub async fn authorization_request(&self, now: DateTime<Utc>) -> Result<AuthorizationRequest, IdentityError> {
        let snapshot = self.provider.snapshot(now.timestamp()).await?;
        authorize::build(&self.config, &self.keys.signing, &snapshot.metadata, now)
    }

    /// Finishes a login from the callback and the stored [`PendingLogin`].
    pub async fn complete_login(
        &self,
        callback: &Callback,
        pending: &PendingLogin,
        now: DateTime<Utc>,
    ) -> Result<Identity, IdentityError> {
        let config = &self.config;
        let issuer = config.provider.issuer.as_str();
        if let Some(error) = &callback.error {
            let description = callback.error_description.clone().unwrap_or_default();
            return Err(IdentityError::AuthorizationDenied { error: error.clone(), description });
        }
        let state = callback.state.as_deref().ok_or(IdentityError::MissingParameter("state"))?;
        if !bool::from(state.as_bytes().ct_eq(pending.state.as_bytes())) {
            return Err(IdentityError::StateMismatch);
        }
        if (now - pending.created_at).num_seconds() > config.limits.pending_login_max_age_secs {
            return Err(IdentityError::PendingLoginExpired);
        }
        if callback.iss.as_deref().is_some_and(|iss| iss != issuer) {
            return Err(IdentityError::WrongIssuer("authorization response"));
        }
        let code = callback.code.as_deref().ok_or(IdentityError::MissingParameter("code"))?;
        let now = now.timestamp();
        let leeway = config.limits.clock_leeway_secs;
        let snapshot = self.provider.snapshot(now).await?;
        let exchange = CodeExchange {
            client_id: &config.client_id,
            redirect_uri: &config.redirect_uri,
            token_endpoint: &snapshot.metadata.token_endpoint,
            code,
            code_verifier: &pending.code_verifier,
            assertion_lifetime_secs: config.limits.request_object_lifetime_secs,
        };
        let tokens = token::exchange(&self.http, &exchange, &self.keys.signing, now).await?;
        let (claims, header) = self.provider.verify(&tokens.id_token, "ID token", now).await?;
        let expected = id_token::Expected {
            issuer,
            client_id: &config.client_id,
            nonce: &pending.nonce,
            acr_floor: acr::floor(&config.acr_values).ok_or_else(|| IdentityError::Config("no acr_values".into()))?,
            access_token: &tokens.access_token,
            alg: header.algorithm().unwrap_or_default(),
            now,
            leeway,
        };
        let id_token = id_token::check(claims, &expected)?;
        let answer =
            self.http.get(&snapshot.metadata.userinfo_endpoint, "userinfo", Some(&tokens.access_token)).await?;
        let expected = userinfo::Expected {
            issuer,
            client_id: &config.client_id,
            subject: &id_token.sub,
            require_encryption: config.require_encrypted_userinfo,
            now,
            leeway,
        };
        let claims =
            userinfo::open(userinfo::classify(&answer)?, &self.keys.decryption_keys(), &self.provider, &expected)
                .await?;
        Identity::from_claims(issuer, id_token.sub, id_token.acr, &claims, &id_token.claims)
    }
}
