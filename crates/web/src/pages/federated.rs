//! Sign-in through SPID or CIE: the relying party of `cloudpa-identity`
//! wired to the browser. `GET /login/spid` keeps the flow's secrets
//! server-side and redirects to the provider; `GET /auth/callback` checks
//! that the callback comes back to the browser that started it (a cookie
//! holding the `state`), completes the sign-in, and matches the person's
//! fiscal code to the memberships administrators created: none is a clear
//! page, one opens a session, several ask which organisation.

use super::login::local_target;
use super::{Layout, Page, render};
use crate::auth::csrf::{CsrfForm, anonymous_token};
use crate::clock::Clock;
use crate::extract::Query;
use crate::problem::Problem;
use crate::{AppState, Identity, cookies};
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Utc};
use cloudpa_domain::message::Message;
use cloudpa_identity::{Callback, ENTITY_STATEMENT_CONTENT_TYPE, PendingLogin};
use cloudpa_store::accounts::{FederatedLogin, Organisation, User, VerifiedLogin};
use cloudpa_workflows::Now;
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The cookie that binds a sign-in in flight to the browser that began it.
const FLOW_COOKIE: &str = "cloudpa_oidc";
/// How long a person who is a member of several organisations has to choose.
const CHOICE_MAX_AGE_MS: i64 = 10 * 60 * 1000;

#[derive(Template)]
#[template(path = "federated.html")]
struct OutcomePage {
    layout: Layout,
    outcome: Outcome,
}

/// Why a sign-in through the provider ended without a session.
enum Outcome {
    /// The provider could not be reached, or its metadata was refused.
    Unavailable,
    /// The callback does not belong to a sign-in begun in this browser, or
    /// it came too late, or twice.
    Expired,
    /// The provider's answer was refused (a signature, a nonce, a level…).
    Refused,
    /// The person is not a member of any organisation.
    NoMembership { fiscal_code: String },
}

#[derive(Template)]
#[template(path = "federated_choice.html")]
struct ChoicePage {
    layout: Layout,
    key: String,
    csrf_token: String,
    organisations: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct Choice {
    key: String,
    user_id: String,
}

pub(crate) async fn start(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    jar: CookieJar,
    Query(q): Query<Next>,
) -> Result<Response, Problem> {
    let identity = configured(&state)?;
    let request = match identity.0.authorization_request(utc(now.ms)).await {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(event = "login.federated.unavailable", %error, "the identity provider cannot be used");
            return Ok(outcome(&page, Outcome::Unavailable));
        }
    };
    let pending = &request.pending;
    let login = FederatedLogin {
        nonce: pending.nonce.clone(),
        code_verifier: pending.code_verifier.clone(),
        next_path: local_target(q.next.as_deref()),
        created_at_ms: now.ms,
    };
    state.store.save_federated_login(&pending.state, &login).await?;
    let jar = jar.add(cookies::build(&state.config, FLOW_COOKIE, pending.state.clone()));
    Ok((jar, Redirect::to(&request.url)).into_response())
}

pub(crate) async fn callback(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    jar: CookieJar,
    Query(callback): Query<Callback>,
) -> Result<Response, Problem> {
    let identity = configured(&state)?;
    let bound = jar.get(FLOW_COOKIE).map(|c| c.value().to_owned());
    let jar = jar.remove(cookies::removal(FLOW_COOKIE));
    let Some(sent) = callback.state.clone() else {
        return Ok((jar, outcome(&page, Outcome::Expired)).into_response());
    };
    let stored = state.store.take_federated_login(&sent).await?;
    let same_browser = bound.is_some_and(|b| bool::from(b.as_bytes().ct_eq(sent.as_bytes())));
    let (true, Some(stored)) = (same_browser, stored) else {
        tracing::warn!(event = "login.federated.unbound", "a callback with no sign-in begun in this browser");
        return Ok((jar, outcome(&page, Outcome::Expired)).into_response());
    };
    let pending = PendingLogin {
        state: sent,
        nonce: stored.nonce,
        code_verifier: stored.code_verifier,
        created_at: utc(stored.created_at_ms),
    };
    let person = match identity.0.complete_login(&callback, &pending, utc(now.ms)).await {
        Ok(person) => person,
        Err(error) => {
            tracing::warn!(event = "login.federated.refused", %error, "the provider's answer was refused");
            return Ok((jar, outcome(&page, Outcome::Refused)).into_response());
        }
    };
    let fiscal_code = person.fiscal_code.as_str().to_owned();
    let acr = person.acr.to_string();
    let memberships = state.store.members_by_fiscal_code(&fiscal_code).await?;
    match memberships.as_slice() {
        [] => {
            tracing::info!(event = "login.federated.no_membership", "a person with no membership signed in");
            Ok((jar, outcome(&page, Outcome::NoMembership { fiscal_code })).into_response())
        }
        [(user, _)] => open_session(&state, jar, &identity, user, &acr, &stored.next_path, now).await,
        several => {
            let key = random_key();
            let verified = VerifiedLogin { fiscal_code, acr, next_path: stored.next_path, created_at_ms: now.ms };
            state.store.save_verified_login(&key, &verified).await?;
            let (jar, csrf_token) = anonymous_token(jar, &state);
            let choice = ChoicePage {
                layout: page.layout("federated-choose", &[]),
                key,
                csrf_token,
                organisations: several
                    .iter()
                    .map(|(u, o): &(User, Organisation)| (u.id.clone(), o.name.clone()))
                    .collect(),
            };
            Ok((jar, render(&choice)).into_response())
        }
    }
}

pub(crate) async fn choose(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    jar: CookieJar,
    CsrfForm(choice): CsrfForm<Choice>,
) -> Result<Response, Problem> {
    let identity = configured(&state)?;
    let verified = state.store.take_verified_login(&choice.key).await?;
    let Some(verified) = verified.filter(|v| now.ms - v.created_at_ms <= CHOICE_MAX_AGE_MS) else {
        return Ok(outcome(&page, Outcome::Expired));
    };
    let memberships = state.store.members_by_fiscal_code(&verified.fiscal_code).await?;
    let Some((user, _)) = memberships.iter().find(|(user, _)| user.id == choice.user_id) else {
        return Ok(outcome(&page, Outcome::Expired));
    };
    open_session(&state, jar, &identity, user, &verified.acr, &verified.next_path, now).await
}

/// The relying party's entity configuration (OpenID Federation 1.0 §9).
pub(crate) async fn entity_configuration(
    State(state): State<AppState>,
    Clock(now): Clock,
) -> Result<Response, Problem> {
    let identity = configured(&state)?;
    let statement = identity.0.entity_configuration(utc(now.ms)).map_err(|error| {
        tracing::error!(%error, "the entity configuration cannot be signed");
        Problem::internal()
    })?;
    Ok(([(header::CONTENT_TYPE, ENTITY_STATEMENT_CONTENT_TYPE)], statement).into_response())
}

/// The relying party's public keys.
pub(crate) async fn jwks(State(state): State<AppState>) -> Result<Response, Problem> {
    Ok(axum::Json(configured(&state)?.0.public_jwks()).into_response())
}

async fn open_session(
    state: &AppState,
    jar: CookieJar,
    identity: &Identity,
    user: &User,
    acr: &str,
    next: &str,
    now: Now,
) -> Result<Response, Problem> {
    let expires = now.ms + state.config.session_ttl.as_millis() as i64;
    let issuer = &identity.0.config().provider.issuer;
    let session = state.store.create_federated_session(user, now.ms, expires, issuer, acr).await?;
    let jar =
        jar.add(cookies::build(&state.config, cookies::SESSION, session.token)).remove(cookies::removal(cookies::CSRF));
    Ok((jar, Redirect::to(next)).into_response())
}

fn configured(state: &AppState) -> Result<Identity, Problem> {
    state.config.identity.clone().ok_or_else(|| Problem::not_found(Message::new("web-federated-off")))
}

fn outcome(page: &Page, outcome: Outcome) -> Response {
    let status = match outcome {
        Outcome::Unavailable => StatusCode::BAD_GATEWAY,
        Outcome::Expired => StatusCode::BAD_REQUEST,
        Outcome::Refused => StatusCode::UNAUTHORIZED,
        Outcome::NoMembership { .. } => StatusCode::FORBIDDEN,
    };
    let template = OutcomePage { layout: page.layout("federated-title", &[]), outcome };
    (status, render(&template)).into_response()
}

fn utc(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn random_key() -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
