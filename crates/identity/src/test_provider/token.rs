//! `POST /token`: checks the `private_key_jwt` assertion, uses the code once, checks PKCE,
//! and issues an access token and an ID token (honest, or broken as configured).

use super::Misbehaviour;
use super::state::{Grant, State, new_key, unix_now};
use crate::authorize::pkce_challenge;
use crate::id_token::access_token_hash;
use crate::jose::{header_str, peek_header, sign_rs256, verify_jws};
use crate::random::random_token;
use crate::token::CLIENT_ASSERTION_TYPE;
use axum::Json;
use axum::extract::{Form, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// An OAuth error answer (RFC 6749 §5.2).
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: &'static str,
}

fn invalid_client(description: &'static str) -> OAuthError {
    OAuthError { status: StatusCode::UNAUTHORIZED, error: "invalid_client", description }
}

fn invalid_grant(description: &'static str) -> OAuthError {
    OAuthError { status: StatusCode::BAD_REQUEST, error: "invalid_grant", description }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.error, "error_description": self.description }))).into_response()
    }
}

pub(crate) async fn token(Shared(state): Shared<Arc<State>>, Form(form): Form<HashMap<String, String>>) -> Response {
    match issue(&state, &form) {
        Ok(body) => ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response(),
        Err(error) => error.into_response(),
    }
}

fn issue(state: &State, form: &HashMap<String, String>) -> Result<Value, OAuthError> {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    if field("grant_type") != "authorization_code" {
        let description = "only authorization_code is supported";
        return Err(OAuthError { status: StatusCode::BAD_REQUEST, error: "unsupported_grant_type", description });
    }
    let client_id = authenticate(state, field("client_id"), field("client_assertion_type"), field("client_assertion"))?;
    let mut inner = state.inner();
    // Removed before any other check: a code is spent by its first use, right or wrong.
    let grant = inner.codes.remove(field("code")).ok_or(invalid_grant("the code is unknown or already used"))?;
    if grant.client_id != client_id {
        return Err(invalid_grant("the code was issued to another client"));
    }
    if !field("redirect_uri").is_empty() && field("redirect_uri") != grant.redirect_uri {
        return Err(invalid_grant("redirect_uri differs from the authorization request"));
    }
    if pkce_challenge(field("code_verifier")) != grant.code_challenge {
        return Err(invalid_grant("the PKCE code_verifier does not match"));
    }
    let access_token = random_token(32).map_err(|_| invalid_grant("no randomness"))?;
    inner.access_tokens.insert(access_token.clone(), grant.clone());
    let misbehaviour = inner.misbehaviour;
    let subject = inner.user.subject.clone();
    let signing_key = match misbehaviour {
        Some(Misbehaviour::UnknownSigningKey) => new_key(state.key_bits).map_err(|_| invalid_grant("no key"))?,
        _ => inner.signing_key.clone(),
    };
    drop(inner);
    let claims = id_token_claims(state, &grant, &subject, &access_token, misbehaviour);
    let id_token =
        sign_rs256(&claims, &signing_key.jwk, &signing_key.kid, "JWT").map_err(|_| invalid_grant("signing"))?;
    Ok(json!({ "access_token": access_token, "token_type": "Bearer", "expires_in": 180, "id_token": id_token }))
}

/// Checks the client assertion (RFC 7523): signature with the client's key, `iss` = `sub` =
/// `client_id`, `aud` = the token endpoint (or the issuer), not expired. Returns the client id.
fn authenticate(state: &State, client_id: &str, assertion_type: &str, assertion: &str) -> Result<String, OAuthError> {
    if assertion_type != CLIENT_ASSERTION_TYPE || assertion.is_empty() {
        return Err(invalid_client("private_key_jwt is required"));
    }
    let inner = state.inner();
    let client = inner.clients.get(client_id).ok_or(invalid_client("unknown client"))?;
    let header = peek_header(assertion, "client assertion").map_err(|_| invalid_client("malformed assertion"))?;
    let key = client.key(header_str(&header, "kid"), "sig").ok_or(invalid_client("unknown assertion key"))?;
    let (claims, _) =
        verify_jws(assertion, key, "client assertion").map_err(|_| invalid_client("bad assertion signature"))?;
    let claim = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default();
    if claim("iss") != client_id || claim("sub") != client_id {
        return Err(invalid_client("the assertion is not about this client"));
    }
    if !audience_contains(&claims, &[&state.endpoint("/token"), &state.issuer]) {
        return Err(invalid_client("the assertion is meant for another audience"));
    }
    if claims.get("exp").and_then(Value::as_i64).is_none_or(|exp| exp < unix_now()) {
        return Err(invalid_client("the assertion has expired"));
    }
    Ok(client_id.to_owned())
}

fn audience_contains(claims: &Map<String, Value>, accepted: &[&str]) -> bool {
    match claims.get("aud") {
        Some(Value::String(aud)) => accepted.contains(&aud.as_str()),
        Some(Value::Array(auds)) => auds.iter().filter_map(Value::as_str).any(|aud| accepted.contains(&aud)),
        _ => false,
    }
}

/// The ID token's claims, with the configured rule broken.
fn id_token_claims(
    state: &State,
    grant: &Grant,
    subject: &str,
    access_token: &str,
    misbehaviour: Option<Misbehaviour>,
) -> Value {
    let now = unix_now();
    let (iat, exp) = match misbehaviour {
        Some(Misbehaviour::ExpiredIdToken) => (now - 1_200, now - 600),
        _ => (now, now + 300),
    };
    let iss = match misbehaviour {
        Some(Misbehaviour::WrongIssuer) => "https://other-provider.example".to_owned(),
        _ => state.issuer.clone(),
    };
    let aud = match misbehaviour {
        Some(Misbehaviour::WrongAudience) => "https://other-client.example".to_owned(),
        _ => grant.client_id.clone(),
    };
    let nonce = match misbehaviour {
        Some(Misbehaviour::WrongNonce) => "not-the-nonce-of-this-login".to_owned(),
        _ => grant.nonce.clone(),
    };
    json!({
        "iss": iss,
        "sub": subject,
        "aud": [aud],
        "iat": iat,
        "exp": exp,
        "nonce": nonce,
        "acr": grant.acr,
        "at_hash": access_token_hash(access_token, "RS256"),
        "jti": random_token(16).unwrap_or_default(),
    })
}
