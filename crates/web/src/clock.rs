//! The clock is read once per request, by the outer layer of the router
//! ([`crate::edge`], [`stamp`]); handlers take that instant with the [`Clock`] extractor and
//! pass it to the use cases, so that one request sees one `today`.

use crate::problem::Problem;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use cloudpa_workflows::Now;

/// The instant the request arrived, and its date in Rome.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock(pub Now);

/// Keeps the clock's reading for the request in its extensions.
pub(crate) fn stamp(request: &mut Request, now: Now) {
    request.extensions_mut().insert(Clock(now));
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
