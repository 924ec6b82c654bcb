//! `GET /userinfo`: the test user's claims, signed then encrypted to the relying party's
//! encryption key (RSA-OAEP-256, A256CBC-HS512), or left plain when misbehaving.

use super::Misbehaviour;
use super::state::{State, unix_now};
use crate::authorize::FISCAL_NUMBER_CLAIM;
use crate::error::IdentityError;
use crate::jose::sign_rs256;
use axum::Json;
use axum::extract::State as Shared;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use josekit::jwe::{self, JweHeader};
use josekit::jwk::Jwk;
use serde_json::json;
use std::sync::Arc;

const JWT_CONTENT_TYPE: &str = "application/jwt";

pub(crate) async fn userinfo(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    let inner = state.inner();
    let Some(grant) = inner.access_tokens.get(bearer) else {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")])
            .into_response();
    };
    let user = &inner.user;
    let now = unix_now();
    let claims = json!({
        "iss": state.issuer,
        "aud": grant.client_id,
        "sub": user.subject,
        "iat": now,
        "exp": now + 300,
        "given_name": user.given_name,
        "family_name": user.family_name,
        "email": user.email,
        FISCAL_NUMBER_CLAIM: user.fiscal_number,
    });
    let misbehaviour = inner.misbehaviour;
    let signing_key = inner.signing_key.clone();
    let encryption_key = inner.clients.get(&grant.client_id).and_then(|client| client.key(None, "enc")).cloned();
    drop(inner);
    if misbehaviour == Some(Misbehaviour::UnencryptedUserinfo) {
        return Json(claims).into_response();
    }
    let signed = match sign_rs256(&claims, &signing_key.jwk, &signing_key.kid, "JWT") {
        Ok(jws) => jws,
        Err(err) => return (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    };
    if misbehaviour == Some(Misbehaviour::SignedOnlyUserinfo) {
        return ([(header::CONTENT_TYPE, JWT_CONTENT_TYPE)], signed).into_response();
    }
    let Some(encryption_key) = encryption_key else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the client has no encryption key").into_response();
    };
    match encrypt(&signed, &encryption_key) {
        Ok(jwe) => ([(header::CONTENT_TYPE, JWT_CONTENT_TYPE)], jwe).into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}

/// Encrypts a signed JWT to the client's key: a nested JWT (`cty: JWT`).
fn encrypt(signed: &str, key: &Jwk) -> Result<String, IdentityError> {
    let mut header = JweHeader::new();
    header.set_content_encryption("A256CBC-HS512");
    header.set_content_type("JWT");
    if let Some(kid) = key.key_id() {
        header.set_key_id(kid);
    }
    let encrypter = jwe::RSA_OAEP_256.encrypter_from_jwk(key).map_err(IdentityError::key)?;
    jwe::serialize_compact(signed.as_bytes(), &header, &encrypter).map_err(IdentityError::key)
}
