//! The crate's parsers of what a provider sends, reachable without a login:
//! for the hostile-input tests (`tests/hostile_input.rs`) only, not an API.
//! Each function is a thin wrapper over the one a login runs.

use crate::acr::AcrLevel;
use crate::error::IdentityError;
use crate::http::Answer;
use crate::identity::Identity;
use crate::provider::metadata;
use crate::{id_token, jose, token, userinfo};
use josekit::jwk::Jwk;
use serde_json::{Map, Value};

/// The decoded, unverified header of a compact JWS or JWE.
pub fn peek_header(token: &str) -> Result<Map<String, Value>, IdentityError> {
    jose::peek_header(token, "token")
}

/// The claims of a compact JWS verified with `key`.
pub fn verify_jws(token: &str, key: &Jwk) -> Result<Map<String, Value>, IdentityError> {
    jose::verify_jws(token, key, "token").map(|(claims, _)| claims)
}

/// The payload of a compact JWE decrypted with the private `key`.
pub fn decrypt_jwe(token: &str, key: &Jwk) -> Result<Vec<u8>, IdentityError> {
    jose::decrypt_jwe(token, key)
}

/// The shape of a userinfo answer: `plain`, `signed` or `encrypted`.
pub fn classify_userinfo(status: u16, body: Vec<u8>) -> Result<&'static str, IdentityError> {
    userinfo::classify(&Answer { status, body }).map(|body| match body {
        userinfo::Body::Plain(_) => "plain",
        userinfo::Body::Signed(_) => "signed",
        userinfo::Body::Encrypted(_) => "encrypted",
    })
}

/// What an ID token's claims are checked against.
pub struct ExpectedIdToken<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub acr_floor: AcrLevel,
    pub access_token: &'a str,
    pub alg: &'a str,
    pub now: i64,
    pub leeway: i64,
}

/// The `sub` and level of a signature-verified ID token's claims.
pub fn check_id_token(
    claims: Map<String, Value>,
    e: &ExpectedIdToken<'_>,
) -> Result<(String, AcrLevel), IdentityError> {
    let expected = id_token::Expected {
        issuer: e.issuer,
        client_id: e.client_id,
        nonce: e.nonce,
        acr_floor: e.acr_floor,
        access_token: e.access_token,
        alg: e.alg,
        now: e.now,
        leeway: e.leeway,
    };
    id_token::check(claims, &expected).map(|token| (token.sub, token.acr))
}

/// The audience and time checks of a signed userinfo answer.
pub fn check_userinfo_claims(
    claims: &Map<String, Value>,
    client_id: &str,
    now: i64,
    leeway: i64,
) -> Result<(), IdentityError> {
    id_token::check_audience(claims, client_id, "userinfo")?;
    id_token::check_times(claims, now, leeway, "userinfo")
}

/// The identity read from the userinfo and ID token claims.
pub fn identity_from_claims(
    issuer: &str,
    subject: String,
    acr: AcrLevel,
    userinfo: &Map<String, Value>,
    id_token: &Map<String, Value>,
) -> Result<Identity, IdentityError> {
    Identity::from_claims(issuer, subject, acr, userinfo, id_token)
}

/// The token endpoint's answer: `(access_token, id_token)`.
pub fn token_response(status: u16, body: Vec<u8>) -> Result<(String, String), IdentityError> {
    token::read_answer(&Answer { status, body }).map(|tokens| (tokens.access_token, tokens.id_token))
}

/// A discovery document checked against `issuer`.
pub fn discovery(body: &[u8], issuer: &str) -> Result<metadata::ProviderMetadata, IdentityError> {
    metadata::from_discovery(body, issuer)
}

/// An entity configuration verified with the pinned `trusted` keys.
pub fn entity_configuration(
    jwt: &str,
    issuer: &str,
    trusted: &[Jwk],
    now: i64,
    leeway: i64,
) -> Result<metadata::ProviderMetadata, IdentityError> {
    metadata::from_entity_configuration(jwt, issuer, trusted, now, leeway)
}

/// The RSA signing keys of a JWKS document.
pub fn signing_keys(jwks: &Value) -> Result<Vec<Jwk>, IdentityError> {
    metadata::signing_keys(jwks)
}
