//! The access rule of every route, enforced before its handler runs.
//!
//! Routes are registered only through [`crate::routes`], which takes an
//! [`Access`] for each: a route cannot exist without a rule, and the rules are
//! listed by `cloudpa_web::rules()` (and in `docs/security.md`).

use crate::AppState;
use crate::auth::session::{self, MaybeUser};
use crate::pages::error::error_page;
use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::Permission;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// A signed-in user whose organisation kind and role hold the permission.
    Can(Permission),
    /// A monitoring system that sends `Authorization: Bearer` with the token
    /// of `serve --metrics-token`; without a token set, the route is 404.
    MetricsToken,
}

#[derive(Clone)]
pub(crate) struct Guard {
    pub state: AppState,
    pub access: Access,
}

pub(crate) async fn enforce(State(guard): State<Guard>, mut request: Request, next: Next) -> Response {
    match guard.access {
        Access::Public => return next.run(request).await,
        Access::MetricsToken => return crate::metrics::guard(&guard.state, request, next).await,
        Access::SignedIn | Access::Can(_) => {}
    }
    let is_api = request.uri().path().starts_with("/api/");
    let now = match crate::clock::of(request.extensions()) {
        Ok(now) => now,
        Err(problem) => return problem.into_response(),
    };
    let user = match session::load(&guard.state, now, request.headers(), is_api).await {
        Ok(user) => user,
        Err(problem) => return problem.into_response(),
    };
    let Some(user) = user else {
        if is_api {
            return Problem::unauthorized().into_response();
        }
        let next_path = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let target = format!("/login?next={}", urlencode(&next_path));
        return Redirect::to(&target).into_response();
    };
    if let Access::Can(permission) = guard.access
        && !cloudpa_workflows::may(&user, permission)
    {
        return if is_api {
            Problem::forbidden(cloudpa_domain::message::Message::new("web-role-forbids")).into_response()
        } else {
            error_page(StatusCode::FORBIDDEN, crate::i18n::lang_of(request.uri(), request.headers()), Some(&user))
                .into_response()
        };
    }
    request.extensions_mut().insert(MaybeUser(Some(user)));
    next.run(request).await
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
