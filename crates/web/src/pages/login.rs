//! Sign-in with a local account, and sign-out.

use super::{Layout, Page, render};
use crate::AppState;
use crate::auth::csrf::{CsrfForm, Empty, anonymous_token};
use crate::auth::session::CurrentUser;
use crate::auth::throttle::{self, ClientAddress};
use crate::clock::Clock;
use crate::cookies;
use crate::extract::Query;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use cloudpa_domain::accounts::normalise_email;
use cloudpa_store::sign_in::{account_subject, client_subject};
use serde::Deserialize;
use url::Url;

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    layout: Layout,
    csrf_token: String,
    next: String,
    email: String,
    failure: Failure,
    /// Whether SPID/CIE sign-in is offered.
    federated: bool,
}

/// Why the last sign-in was refused, if it was.
enum Failure {
    None,
    Wrong,
    /// Too many failures: try again in this many minutes.
    Locked(i64),
}

#[derive(Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub(crate) async fn form(State(state): State<AppState>, page: Page, jar: CookieJar, Query(q): Query<Next>) -> Response {
    if page.user.is_some() {
        return Redirect::to(&local_target(q.next.as_deref())).into_response();
    }
    let (jar, csrf_token) = anonymous_token(jar, &state);
    let login = Login {
        layout: page.layout("login-title", &[]),
        csrf_token,
        next: local_target(q.next.as_deref()),
        email: String::new(),
        failure: Failure::None,
        federated: state.config.identity.is_some(),
    };
    (jar, render(&login)).into_response()
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    Clock(clock): Clock,
    page: Page,
    jar: CookieJar,
    client: ClientAddress,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, Problem> {
    let now = clock.ms;
    let next = local_target(form.next.as_deref());
    let email = normalise_email(&form.email).ok();
    let account = email.as_deref().map(account_subject);
    let client = client_subject(&client.0.to_string());
    let subjects: Vec<&str> = account.iter().map(String::as_str).chain([client.as_str()]).collect();
    let refuse = |jar: CookieJar, status: StatusCode, failure: Failure, email: String| {
        let (jar, csrf_token) = anonymous_token(jar, &state);
        let federated = state.config.identity.is_some();
        let layout = page.layout("login-title", &[]);
        let login = Login { layout, csrf_token, next: next.clone(), email, failure, federated };
        (status, jar, render(&login)).into_response()
    };
    if let Some(until) = throttle::locked_until(&state, &subjects, now).await? {
        tracing::info!(event = "login-locked", "sign-in refused: too many failures");
        let minutes = (until - now).div_euclid(60_000) + 1;
        let mut response = refuse(jar, StatusCode::TOO_MANY_REQUESTS, Failure::Locked(minutes), form.email);
        let retry = HeaderValue::from((until - now).div_euclid(1_000) + 1);
        response.headers_mut().insert(header::RETRY_AFTER, retry);
        return Ok(response);
    }
    let user = match &email {
        Some(email) => state.store.authenticate(email, &form.password).await?,
        None => None,
    };
    let Some(user) = user else {
        tracing::info!(event = "login-failed", "sign-in refused");
        throttle::record_failure(&state, &subjects, now).await?;
        return Ok(refuse(jar, StatusCode::UNAUTHORIZED, Failure::Wrong, form.email));
    };
    let expires = now + state.config.session_ttl.as_millis() as i64;
    let session = state.store.create_session(&user, now, expires).await?;
    let jar =
        jar.add(cookies::build(&state.config, cookies::SESSION, session.token)).remove(cookies::removal(cookies::CSRF));
    Ok((jar, Redirect::to(&next)).into_response())
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    Clock(now): Clock,
    jar: CookieJar,
    CurrentUser(session): CurrentUser,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    if let Some(token) = jar.get(cookies::SESSION).map(|c| c.value().to_owned()) {
        state.store.end_session(&token, &session.user, now.ms).await?;
    }
    Ok((jar.remove(cookies::removal(cookies::SESSION)), Redirect::to("/")).into_response())
}

/// Where to go after signing in: `next` when it is a path on this site, as
/// the URL parser normalises it (WHATWG URL Standard §4.4: browsers drop tabs
/// and line breaks and read `\` as `/`, so `/\t/evil.example` is
/// `//evil.example`, another host); the home page for any other target.
/// Without `next`, the user's profile.
pub(crate) fn local_target(next: Option<&str>) -> String {
    match next {
        None => "/profilo".to_owned(),
        Some(next) => same_origin_path(next).unwrap_or_else(|| "/".to_owned()),
    }
}

fn same_origin_path(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = Url::parse("http://cloudpa.invalid/").ok()?;
    let url = base.join(next).ok()?;
    let path = url.path();
    if url.origin() != base.origin() || path.starts_with("//") {
        return None;
    }
    Some(match url.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_target(Some("/organizzazione/utenti")), "/organizzazione/utenti");
        assert_eq!(local_target(Some("/catalogo?q=posta&tipo=SaaS")), "/catalogo?q=posta&tipo=SaaS");
        assert_eq!(local_target(Some("/enti/c_d969")), "/enti/c_d969");
        assert_eq!(local_target(None), "/profilo");
    }

    #[test]
    fn anything_else_goes_home() {
        for target in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/.//evil.example",
            "/%2e//evil.example",
            "evil.example",
            "",
            "/profilo\r\nSet-Cookie: x=1",
            "/profilo\0",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_target(Some(target)), "/", "{target:?}");
        }
    }

    #[test]
    fn the_target_is_a_valid_header_value() {
        let target = local_target(Some("/catalogo?q=città «nuvola»"));
        assert!(axum::http::HeaderValue::from_str(&target).is_ok(), "{target}");
        assert!(target.starts_with("/catalogo?q=citt%C3%A0"), "{target}");
    }
}
