//! The token request, authenticated with `private_key_jwt`.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023), "Token Request", and CIE id OIDC: the RP
//! POSTs `grant_type=authorization_code`, the `code`, its `code_verifier` (RFC 7636) and a
//! `client_assertion` of type `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`: a JWT
//! signed with the RP key with `iss` = `sub` = `client_id`, `aud` = the token endpoint, a fresh
//! `jti`, `iat` and `exp` (OpenID Connect Core §9, RFC 7523).

use crate::error::IdentityError;
use crate::http::{Answer, Http};
use crate::jose::sign_rs256;
use crate::keys::LoadedKey;
use crate::random::random_token;
use serde::Deserialize;
use serde_json::{Value, json};
use std::fmt;

/// The assertion type of `private_key_jwt` (RFC 7523 §2.2).
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The tokens of a successful token response.
#[derive(Deserialize)]
pub(crate) struct Tokens {
    pub access_token: String,
    pub id_token: String,
    pub token_type: String,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tokens { .. }")
    }
}

/// What the relying party sends to the token endpoint, besides its key.
pub(crate) struct CodeExchange<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub token_endpoint: &'a str,
    pub code: &'a str,
    pub code_verifier: &'a str,
    pub assertion_lifetime_secs: i64,
}

/// The `client_assertion` JWT for one call to `audience`.
pub(crate) fn client_assertion(
    client_id: &str,
    audience: &str,
    key: &LoadedKey,
    now: i64,
    lifetime_secs: i64,
) -> Result<String, IdentityError> {
    let claims = json!({
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now,
        "exp": now + lifetime_secs,
        "jti": random_token(16)?,
    });
    sign_rs256(&claims, &key.jwk, &key.kid, "JWT")
}

/// Exchanges the code for tokens; a refusal by the provider becomes [`IdentityError::CodeRefused`].
pub(crate) async fn exchange(
    http: &Http,
    request: &CodeExchange<'_>,
    key: &LoadedKey,
    now: i64,
) -> Result<Tokens, IdentityError> {
    let assertion =
        client_assertion(request.client_id, request.token_endpoint, key, now, request.assertion_lifetime_secs)?;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", request.code),
        ("redirect_uri", request.redirect_uri),
        ("code_verifier", request.code_verifier),
        ("client_id", request.client_id),
        ("client_assertion_type", CLIENT_ASSERTION_TYPE),
        ("client_assertion", assertion.as_str()),
    ];
    let answer = http.post_form(request.token_endpoint, "token endpoint", &form).await?;
    read_answer(&answer)
}

/// The tokens of the token endpoint's answer, or the provider's refusal.
pub(crate) fn read_answer(answer: &Answer) -> Result<Tokens, IdentityError> {
    if answer.status != 200 {
        let body: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
        let field = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
        return Err(IdentityError::CodeRefused {
            error: field("error").unwrap_or_else(|| format!("status {}", answer.status)),
            description: field("error_description").unwrap_or_default(),
        });
    }
    let tokens: Tokens =
        serde_json::from_slice(&answer.body).map_err(|err| IdentityError::malformed("token response", err))?;
    if !tokens.token_type.eq_ignore_ascii_case("bearer") {
        return Err(IdentityError::malformed("token response", "token_type is not Bearer"));
    }
    Ok(tokens)
}
