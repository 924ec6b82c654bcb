//! The authentication request: authorization code flow with PKCE and a signed request object.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023), "Authentication Request", and CIE id OIDC:
//! the RP redirects the user to the OP's `authorization_endpoint` with `client_id`,
//! `response_type=code`, `scope`, `code_challenge` (S256, RFC 7636) and `request`, a JWT signed
//! by the RP that carries every parameter again plus `iss`, `aud`, `iat`, `exp`, `state`, `nonce`,
//! `acr_values`, `claims` and `prompt` (OpenID Connect Core §6.1, RFC 9101). `redirect_uri` and
//! `state` are repeated in the query for brokers that read them there.

use crate::config::RelyingParty;
use crate::error::IdentityError;
use crate::jose::sign_rs256;
use crate::keys::LoadedKey;
use crate::provider::metadata::ProviderMetadata;
use crate::random::random_token;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::fmt;
use url::Url;

/// The claim that carries the fiscal code (SPID and CIE attribute tables).
pub const FISCAL_NUMBER_CLAIM: &str = "https://attributes.eid.gov.it/fiscal_number";

/// What the web layer keeps server-side (never in the browser) between redirect and callback.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub code_verifier: String,
    pub created_at: DateTime<Utc>,
}

impl fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingLogin").field("created_at", &self.created_at).finish_non_exhaustive()
    }
}

/// Where to send the user, and what to remember until they come back.
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    /// The provider's authorization endpoint with the request: redirect the browser here (303).
    pub url: String,
    /// To store server-side, keyed by `pending.state` or by the session.
    pub pending: PendingLogin,
}

/// The S256 PKCE challenge of a verifier (RFC 7636 §4.2).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Builds the request for one login.
pub(crate) fn build(
    config: &RelyingParty,
    key: &LoadedKey,
    provider: &ProviderMetadata,
    now: DateTime<Utc>,
) -> Result<AuthorizationRequest, IdentityError> {
    let pending = PendingLogin {
        state: random_token(32)?,
        nonce: random_token(32)?,
        code_verifier: random_token(64)?,
        created_at: now,
    };
    let challenge = pkce_challenge(&pending.code_verifier);
    let scope = config.scopes.join(" ");
    let acr_values: Vec<&str> = config.acr_values.iter().map(|level| level.as_str()).collect();
    let iat = now.timestamp();
    let claims = json!({
        "iss": config.client_id,
        "aud": provider.issuer,
        "iat": iat,
        "exp": iat + config.limits.request_object_lifetime_secs,
        "jti": random_token(16)?,
        "client_id": config.client_id,
        "response_type": "code",
        "scope": scope,
        "redirect_uri": config.redirect_uri,
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "acr_values": acr_values.join(" "),
        "claims": requested_claims(config),
        "prompt": config.prompt,
    });
    let request = sign_rs256(&claims, &key.jwk, &key.kid, "JWT")?;
    let mut url = Url::parse(&provider.authorization_endpoint)
        .map_err(|err| IdentityError::Metadata(format!("authorization_endpoint: {err}")))?;
    url.query_pairs_mut()
        .append_pair("client_id", &config.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", &scope)
        .append_pair("redirect_uri", &config.redirect_uri)
        .append_pair("state", &pending.state)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("request", &request);
    Ok(AuthorizationRequest { url: url.into(), pending })
}

/// The `claims` request: the configured userinfo claims, and the fiscal number as essential.
fn requested_claims(config: &RelyingParty) -> Value {
    let mut userinfo: Map<String, Value> =
        config.userinfo_claims.iter().map(|name| (name.clone(), Value::Null)).collect();
    userinfo.insert(FISCAL_NUMBER_CLAIM.into(), json!({ "essential": true }));
    json!({ "userinfo": userinfo })
}
