//! Sign-in with a local account, and sign-out.

use super::cookies;
use super::csrf::{CsrfForm, anonymous_token};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::now_ms;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use cloudpa_domain::accounts::normalise_email;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    layout: Layout,
    csrf_token: String,
    next: String,
    email: String,
    failed: bool,
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

#[derive(Deserialize)]
pub(crate) struct Empty {}

pub(crate) async fn form(State(state): State<AppState>, page: Page, jar: CookieJar, Query(q): Query<Next>) -> Response {
    if page.user.is_some() {
        return Redirect::to(&local_target(q.next.as_deref())).into_response();
    }
    let (jar, csrf_token) = anonymous_token(jar, &state);
    let login = Login {
        layout: page.layout("login.title", &[]),
        csrf_token,
        next: local_target(q.next.as_deref()),
        email: String::new(),
        failed: false,
    };
    (jar, render(&login)).into_response()
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    page: Page,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, Problem> {
    let next = local_target(form.next.as_deref());
    let user = match normalise_email(&form.email) {
        Ok(email) => state.store.authenticate(&email, &form.password).await?,
        Err(_) => None,
    };
    let Some(user) = user else {
        tracing::info!(event = "login.failed", "sign-in refused");
        let (jar, csrf_token) = anonymous_token(jar, &state);
        let login =
            Login { layout: page.layout("login.title", &[]), csrf_token, next, email: form.email, failed: true };
        return Ok((StatusCode::UNAUTHORIZED, jar, render(&login)).into_response());
    };
    let now = now_ms();
    let expires = now + state.config.session_ttl.as_millis() as i64;
    let session = state.store.create_session(&user, now, expires).await?;
    let jar =
        jar.add(cookies::build(&state.config, cookies::SESSION, session.token)).remove(cookies::removal(cookies::CSRF));
    Ok((jar, Redirect::to(&next)).into_response())
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    CurrentUser(session): CurrentUser,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    if let Some(token) = jar.get(cookies::SESSION).map(|c| c.value().to_owned()) {
        state.store.end_session(&token, &session.user, now_ms()).await?;
    }
    Ok((jar.remove(cookies::removal(cookies::SESSION)), Redirect::to("/")).into_response())
}

/// Only a path on this site (`/…`, not `//host`) may be the target after
/// sign-in: anything else would make the login page an open redirect.
fn local_target(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/profilo".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_target(Some("/organizzazione/utenti")), "/organizzazione/utenti");
        assert_eq!(local_target(Some("//evil.example")), "/profilo");
        assert_eq!(local_target(Some("https://evil.example")), "/profilo");
        assert_eq!(local_target(Some("/\\evil.example")), "/profilo");
        assert_eq!(local_target(None), "/profilo");
    }
}
