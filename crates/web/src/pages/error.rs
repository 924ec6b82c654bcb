//! Error pages for browsers (the API answers problem+json instead).

use super::{Layout, render};
use crate::AppState;
use crate::auth::session::{self, MaybeUser};
use crate::i18n::Lang;
use crate::problem::{FieldProblem, Problem};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::SessionUser;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    message: &'static str,
    fields: Vec<FieldProblem>,
}

pub(crate) fn error_page(status: StatusCode, lang: Lang, user: Option<&SessionUser>) -> Response {
    error_page_naming(status, lang, user, Vec::new())
}

/// An error page that lists the fields of the request that were refused,
/// each with its rule.
pub(crate) fn error_page_naming(
    status: StatusCode,
    lang: Lang,
    user: Option<&SessionUser>,
    fields: Vec<FieldProblem>,
) -> Response {
    let message = lang.t(match status {
        StatusCode::BAD_REQUEST => "error-400",
        StatusCode::FORBIDDEN => "error-403",
        StatusCode::NOT_FOUND => "error-404",
        _ => "error-other",
    });
    let title = format!("{} {}", lang.t("error-title"), status.as_u16());
    let layout = Layout { lang, user: user.cloned(), title: title.clone(), breadcrumbs: vec![(String::new(), title)] };
    (status, render(&ErrorPage { layout, status: status.as_u16(), message, fields })).into_response()
}

/// A page answers a browser with an error page, not with the API's
/// problem+json, when a check below it refuses the request (another
/// organisation's record, a missing permission, a record that is gone, a
/// form refused by its CSRF check). The page shows who is signed in, read
/// here when no check below has read it.
pub(crate) async fn html_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let lang = crate::i18n::lang_of(request.uri(), &headers);
    let known = request.extensions().get::<MaybeUser>().map(|u| u.0.clone());
    let now = crate::clock::of(request.extensions());
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == crate::problem::PROBLEM_JSON.as_bytes());
    if !is_problem {
        return response;
    }
    let status = response.status();
    let fields = response.extensions().get::<Problem>().map(|p| p.errors.clone()).unwrap_or_default();
    let user = match (known, now) {
        (Some(user), _) => user,
        (None, Ok(now)) => session::load(&state, now, &headers, false).await.ok().flatten(),
        (None, Err(_)) => None,
    };
    error_page_naming(status, lang, user.as_ref(), fields)
}

/// No route answers this path: problem+json under `/api/`, a page elsewhere.
pub(crate) async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        Problem::not_found(Message::new("error-no-resource").arg("path", request.uri().path())).into_response()
    } else {
        error_page(StatusCode::NOT_FOUND, crate::i18n::lang_of(request.uri(), request.headers()), None)
    }
}
