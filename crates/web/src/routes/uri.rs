//! The router's first check of a request: its URI (see `crate::input`).

use crate::i18n::Lang;
use crate::input::uri_problem;
use crate::pages::error::error_page_naming;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses a request whose URI is too long or whose path or query holds a
/// control character: problem+json for the API, an error page for a browser.
pub(crate) async fn check_uri(request: Request, next: Next) -> Response {
    match uri_problem(request.uri()) {
        None => next.run(request).await,
        Some(problem) if request.uri().path().starts_with("/api/") => problem.into_response(),
        Some(problem) => {
            error_page_naming(problem.status_code(), Lang::of(request.uri(), request.headers()), None, problem.errors)
        }
    }
}
