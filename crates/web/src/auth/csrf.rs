//! CSRF protection for every state-changing form.
//!
//! Signed-in users: the synchronizer-token pattern — the form carries the
//! token stored with the server-side session. Anonymous forms (sign-in): a
//! double-submit token — a random value in an `HttpOnly` cookie and in the
//! form. In both cases a cross-site `Origin` is refused first. A form handler
//! takes [`CsrfForm`], so it cannot read its fields without the check; every
//! field is then checked for control characters (`crate::input`). A refusal
//! is a problem, which the pages' layer turns into an error page.

use super::session::MaybeUser;
use crate::AppState;
use crate::cookies;
use crate::input::field_problem;
use crate::problem::{FieldProblem, Problem};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cloudpa_domain::message::Message;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

/// The largest form body accepted.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// A form whose CSRF token has been checked.
pub(crate) struct CsrfForm<T>(pub T);

/// A form with no field but its token: a button that posts.
#[derive(Deserialize)]
pub(crate) struct Empty {}

#[derive(Deserialize)]
struct TokenField {
    csrf_token: Option<String>,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let user = MaybeUser::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        let refuse = || Problem::forbidden(Message::new("web-form-refused")).into_response();
        if !same_origin(&parts.headers, &state.config.public_url) {
            return Err(refuse());
        }
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES).await.map_err(|_| {
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large")
                .detail(Message::new("web-form-too-large"))
                .into_response()
        })?;
        let expected = match &user.0 {
            Some(session) => Some(session.csrf_token.clone()),
            None => CookieJar::from_headers(&parts.headers).get(cookies::CSRF).map(|c| c.value().to_owned()),
        };
        if !token_matches(&bytes, expected.as_deref()) {
            return Err(refuse());
        }
        let refuse_fields = |fields: Vec<FieldProblem>| {
            fields.into_iter().fold(Problem::validation(), |p, f| p.field(f.field, f.rule)).into_response()
        };
        let refused: Vec<FieldProblem> = form_urlencoded::parse(&bytes)
            .filter_map(|(name, value)| field_problem(&name, &value))
            .map(|(field, rule)| FieldProblem::new(field, rule))
            .collect();
        if !refused.is_empty() {
            return Err(refuse_fields(refused));
        }
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(&bytes));
        let form = serde_path_to_error::deserialize(deserializer)
            .map_err(|e| refuse_fields(crate::extract::field_error(&e).errors))?;
        Ok(CsrfForm(form))
    }
}

fn token_matches(body: &Bytes, expected: Option<&str>) -> bool {
    let Ok(TokenField { csrf_token: Some(given) }) = serde_urlencoded::from_bytes(body) else {
        return false;
    };
    match expected {
        Some(expected) if !expected.is_empty() => given.as_bytes().ct_eq(expected.as_bytes()).into(),
        _ => false,
    }
}

/// A request without `Origin` (older browsers, same-origin GET-to-POST
/// navigations in some engines) passes; one with a foreign `Origin` does not.
pub(crate) fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin_host == host || origin == public_url.trim_end_matches('/')
}

/// Whether `given` is the session's CSRF token (for forms that cannot go
/// through [`CsrfForm`], such as multipart uploads).
pub(crate) fn session_token_matches(given: &str, session: &cloudpa_store::accounts::SessionUser) -> bool {
    !given.is_empty() && bool::from(given.as_bytes().ct_eq(session.csrf_token.as_bytes()))
}

/// The anonymous CSRF token of this browser, creating it (and its cookie)
/// when missing.
pub(crate) fn anonymous_token(jar: CookieJar, state: &AppState) -> (CookieJar, String) {
    if let Some(existing) = jar.get(cookies::CSRF).map(|c| c.value().to_owned()).filter(|v| !v.is_empty()) {
        return (jar, existing);
    }
    let token = random_token();
    (jar.add(cookies::build(&state.config, cookies::CSRF, token.clone())), token)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_must_be_present_and_equal() {
        let body = Bytes::from_static(b"csrf_token=abc&x=1");
        assert!(token_matches(&body, Some("abc")));
        assert!(!token_matches(&body, Some("abd")));
        assert!(!token_matches(&body, None));
        assert!(!token_matches(&Bytes::from_static(b"x=1"), Some("abc")));
        assert!(!token_matches(&Bytes::from_static(b"csrf_token="), Some("")));
    }

    #[test]
    fn foreign_origins_are_refused() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&headers, "http://127.0.0.1:8080"));
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:8080"));
        assert!(same_origin(&headers, "http://127.0.0.1:8080"));
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(!same_origin(&headers, "http://127.0.0.1:8080"));
    }
}
