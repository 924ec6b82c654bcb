//! What every state-changing API call needs: a signed-in user and the
//! session's CSRF token in the `X-CSRF-Token` header (a cross-site page can
//! make the browser send the cookie, but cannot read the token), or an API
//! token (`Authorization: Bearer`, which no browser sends on its own: no
//! CSRF token needed). JSON bodies
//! are read through [`ApiJson`], whose errors are problem+json.

use crate::AppState;
use crate::auth::session::MaybeUser;
use crate::clock::Clock;
use crate::problem::Problem;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::SessionUser;
use cloudpa_workflows::Now;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

/// The largest JSON body accepted.
const MAX_JSON_BYTES: usize = 256 * 1024;

/// A signed-in user whose request carries the session's CSRF token.
pub(crate) struct Writer(pub SessionUser);

impl FromRequestParts<AppState> for Writer {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let user = MaybeUser::from_request_parts(parts, state).await?.0.ok_or_else(Problem::unauthorized)?;
        if user.token.is_some() {
            return Ok(Writer(user));
        }
        let given = parts.headers.get("x-csrf-token").map(|v| v.as_bytes()).unwrap_or_default();
        if given.is_empty() || !bool::from(given.ct_eq(user.csrf_token.as_bytes())) {
            return Err(Problem::forbidden(Message::new("web-csrf-header")));
        }
        Ok(Writer(user))
    }
}

/// A state-changing call: what its handler passes to the use case it calls.
/// Read in this order, before the handler's path and body: the request's
/// instant, then the [`Writer`].
pub(crate) struct Write {
    pub state: AppState,
    pub now: Now,
    pub user: SessionUser,
}

impl FromRequestParts<AppState> for Write {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let Clock(now) = Clock::from_request_parts(parts, state).await?;
        let Writer(user) = Writer::from_request_parts(parts, state).await?;
        Ok(Write { state: state.clone(), now, user })
    }
}

/// A JSON body: `Content-Type: application/json`, at most 256 KiB, every
/// string checked for control characters, parsed into `T`; each refusal
/// names the field (its path in the document) and the rule.
pub(crate) struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, _state: &AppState) -> Result<Self, Problem> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim() == "application/json"));
        if !json {
            return Err(Problem::new(axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE, "media-type")
                .detail(Message::new("web-send-json")));
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_JSON_BYTES).await.map_err(|_| {
            Problem::new(axum::http::StatusCode::PAYLOAD_TOO_LARGE, "too-large")
                .detail(Message::new("web-body-too-large").arg("kib", MAX_JSON_BYTES / 1024))
        })?;
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            let at = Message::new("web-not-json").arg("line", e.line() as u64).arg("column", e.column() as u64);
            Problem::validation().field("body", at)
        })?;
        crate::input::check_json(&value)?;
        integral_numbers(&mut value);
        serde_path_to_error::deserialize(value).map(ApiJson).map_err(|e| crate::extract::field_error(&e))
    }
}

/// Writes every number with no fractional part inside the range of an
/// `i64` (`5.0`, `-4393.0`, `1e3`, `-9007199254740992.0`) as an integer:
/// JSON Schema counts them as integers, so a field the document types
/// `integer` (`int64`) takes them (schemathesis sent `-4393.0`, then
/// `-2^53` as a float, which an earlier bound of 9e15 let through).
fn integral_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            let in_range = |f: &f64| (i64::MIN as f64..i64::MAX as f64).contains(f);
            if let Some(f) = n.as_f64().filter(|f| n.is_f64() && f.fract() == 0.0 && in_range(f)) {
                *n = serde_json::Number::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::integral_numbers;
    use serde_json::json;

    #[test]
    fn integral_numbers_become_integers_and_others_stay() {
        let mut value: serde_json::Value =
            serde_json::from_str(r#"{"a": -4393.0, "b": [1e3, 2.5], "c": {"d": 7}, "e": 1e300, "f": "3.0"}"#).unwrap();
        integral_numbers(&mut value);
        assert_eq!(value, json!({"a": -4393, "b": [1000, 2.5], "c": {"d": 7}, "e": 1e300, "f": "3.0"}));
        assert!(value["a"].is_i64() && value["b"][0].is_i64());
        let mut edges: serde_json::Value =
            serde_json::from_str("[-9007199254740992.0, 4.0e18, -9.223372036854775808e18, 9.223372036854775808e18]")
                .unwrap();
        integral_numbers(&mut edges);
        assert_eq!(edges, json!([-9_007_199_254_740_992_i64, 4_000_000_000_000_000_000_i64, i64::MIN, 2f64.powi(63)]));
    }
}
