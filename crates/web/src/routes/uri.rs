//! The router's first check of a request: its URI (see `crate::input`).

use crate::input::uri_problem;
use crate::pages::error::error_page_naming;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};

/// The refusal of a request whose URI is too long or whose path or query
/// holds a control character: problem+json for the API, an error page for a
/// browser; none for any other request.
pub(crate) fn refusal(request: &Request) -> Option<Response> {
    let problem = uri_problem(request.uri())?;
    Some(if request.uri().path().starts_with("/api/") {
        problem.into_response()
    } else {
        error_page_naming(
            problem.status_code(),
            crate::i18n::lang_of(request.uri(), request.headers()),
            None,
            problem.errors,
        )
    })
}
