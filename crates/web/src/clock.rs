//! The clock is read once per request, by the outermost layer of the router
//! ([`stamp`]); handlers take that instant with the [`Clock`] extractor and
//! pass it to the use cases, so that one request sees one `today`.

use crate::problem::Problem;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use cloudpa_workflows::Now;

/// The instant the request arrived, and its date in Rome.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock(pub Now);

/// Reads the clock for the request and keeps the reading in its extensions.
pub(crate) async fn stamp(mut request: Request, next: Next) -> Response {
    request.extensions_mut().insert(Clock(Now::read()));
    next.run(request).await
}

/// The request's instant, as [`stamp`] read it.
pub(crate) fn of(parts: &axum::http::Extensions) -> Result<Now, Problem> {
    parts.get::<Clock>().map(|c| c.0).ok_or_else(|| {
        tracing::error!("a request reached a handler without the clock layer");
        Problem::internal()
    })
}

impl<S: Send + Sync> FromRequestParts<S> for Clock {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        of(&parts.extensions).map(Clock)
    }
}
