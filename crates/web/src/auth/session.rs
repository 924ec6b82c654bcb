//! The signed-in user, from the session cookie; on the API, also the
//! organisation an API token (`Authorization: Bearer cpa_…`) acts for.

use crate::AppState;
use crate::cookies;
use crate::problem::Problem;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum_extra::extract::CookieJar;
use cloudpa_store::accounts::SessionUser;
use cloudpa_workflows::Now;

/// The signed-in user, if any. Routes whose rule requires a user get it from
/// the access guard; public pages look it up themselves (to show "Esci").
#[derive(Clone, Debug)]
pub(crate) struct MaybeUser(pub Option<SessionUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        if let Some(found) = parts.extensions.get::<MaybeUser>() {
            return Ok(found.clone());
        }
        let now = crate::clock::of(&parts.extensions)?;
        let api = parts.uri.path().starts_with("/api/");
        let user = MaybeUser(load(state, now, &parts.headers, api).await?);
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// The signed-in user; only on routes whose rule requires one.
pub(crate) struct CurrentUser(pub SessionUser);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(CurrentUser(user)),
            None => Err(Problem::unauthorized()),
        }
    }
}

/// The identity of a request: on the API (`api`), a bearer token when one
/// is sent (an invalid one is refused, not ignored); else the session.
pub(crate) async fn load(
    state: &AppState,
    now: Now,
    headers: &HeaderMap,
    api: bool,
) -> Result<Option<SessionUser>, Problem> {
    if api && let Some(secret) = bearer(headers) {
        return Ok(Some(cloudpa_workflows::api_tokens::authenticate(state, secret, now).await?));
    }
    let jar = CookieJar::from_headers(headers);
    let Some(token) = jar.get(cookies::SESSION).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    Ok(state.store.session_user(&token, now.ms).await?)
}

/// The credentials of an `Authorization: Bearer …` header (RFC 6750 §2.1).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, credentials) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| credentials.trim())
}
