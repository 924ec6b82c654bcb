//! `GET /authorize`: checks the signed request object, signs the test user in at once and
//! sends the browser back with a single-use code.

use super::Misbehaviour;
use super::state::{Grant, State, unix_now};
use crate::acr::AcrLevel;
use crate::jose::{header_str, peek_header, verify_jws};
use crate::random::random_token;
use axum::extract::{Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use url::Url;

type Refusal = (StatusCode, String);

fn refuse(reason: impl Into<String>) -> Refusal {
    (StatusCode::BAD_REQUEST, reason.into())
}

pub(crate) async fn authorize(
    Shared(state): Shared<Arc<State>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match sign_in(&state, &query) {
        Ok(location) => Redirect::to(&location).into_response(),
        Err(refusal) => refusal.into_response(),
    }
}

/// Validates the request and returns where to send the browser.
fn sign_in(state: &State, query: &HashMap<String, String>) -> Result<String, Refusal> {
    let client_id = query.get("client_id").ok_or_else(|| refuse("client_id is missing"))?;
    let request = query.get("request").ok_or_else(|| refuse("the signed request object is missing"))?;
    let mut inner = state.inner();
    let client = inner.clients.get(client_id).ok_or_else(|| refuse("unknown client_id"))?;
    let header = peek_header(request, "request object").map_err(|err| refuse(err.to_string()))?;
    let key = client
        .key(header_str(&header, "kid"), "sig")
        .ok_or_else(|| refuse("the request object is signed with an unknown key"))?;
    let (claims, _) = verify_jws(request, key, "request object").map_err(|err| refuse(err.to_string()))?;
    let claim = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
    if claim("iss") != *client_id || claim("client_id") != *client_id {
        return Err(refuse("the request object is not from this client"));
    }
    if !audience_is(&claims, &state.issuer) {
        return Err(refuse("the request object is meant for another provider"));
    }
    if claims.get("exp").and_then(Value::as_i64).is_none_or(|exp| exp < unix_now()) {
        return Err(refuse("the request object has expired"));
    }
    if claim("response_type") != "code" || claim("code_challenge_method") != "S256" {
        return Err(refuse("only response_type=code with S256 PKCE is supported"));
    }
    let redirect_uri = claim("redirect_uri");
    if !client.redirect_uris.contains(&redirect_uri) {
        return Err(refuse("redirect_uri is not registered for this client"));
    }
    let (code_challenge, nonce, state_param) = (claim("code_challenge"), claim("nonce"), claim("state"));
    if code_challenge.is_empty() || nonce.is_empty() || state_param.is_empty() {
        return Err(refuse("code_challenge, nonce and state are required"));
    }
    let acr = granted_acr(&claim("acr_values"), inner.misbehaviour);
    let code = random_token(32).map_err(|err| refuse(err.to_string()))?;
    let grant = Grant { client_id: client_id.clone(), redirect_uri: redirect_uri.clone(), code_challenge, nonce, acr };
    inner.codes.insert(code.clone(), grant);
    let mut location = Url::parse(&redirect_uri).map_err(|err| refuse(err.to_string()))?;
    location
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &state_param)
        .append_pair("iss", &state.issuer);
    Ok(location.into())
}

/// `aud` is the issuer, or an array containing it.
fn audience_is(claims: &Map<String, Value>, issuer: &str) -> bool {
    match claims.get("aud") {
        Some(Value::String(aud)) => aud == issuer,
        Some(Value::Array(auds)) => auds.iter().any(|aud| aud.as_str() == Some(issuer)),
        _ => false,
    }
}

/// The highest level asked for, or one level below the lowest when misbehaving.
fn granted_acr(acr_values: &str, misbehaviour: Option<Misbehaviour>) -> String {
    let asked: Vec<AcrLevel> = acr_values.split_whitespace().filter_map(AcrLevel::parse).collect();
    if misbehaviour == Some(Misbehaviour::LowerAcr) {
        return match asked.iter().min_by_key(|level| level.rank()) {
            Some(AcrLevel::SpidL3) => AcrLevel::SpidL2.to_string(),
            Some(AcrLevel::CieL3) => AcrLevel::CieL2.to_string(),
            Some(AcrLevel::CieL2 | AcrLevel::CieL1) => AcrLevel::CieL1.to_string(),
            _ => AcrLevel::SpidL1.to_string(),
        };
    }
    asked.iter().max_by_key(|level| level.rank()).copied().unwrap_or(AcrLevel::SpidL2).to_string()
}
