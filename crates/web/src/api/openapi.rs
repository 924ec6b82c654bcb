//! The OpenAPI document, generated from the handlers' annotations.

use crate::problem::Problem;
use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cloudpa API",
        description = "Qualification, catalogue and migration programme of Italy's Cloud della PA. \
                       Errors are application/problem+json (RFC 9457); every 2xx response carries \
                       X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    tags(
        (name = "status", description = "Service health"),
        (name = "programme", description = "Calls and vouchers of the PNRR migration programme"),
        (name = "accounts", description = "The signed-in user"),
        (name = "qualification", description = "Providers, listings, applications, reviews and decisions"),
        (name = "catalogue", description = "The public catalogue: search, listings with history, change feed, exports")
    )
)]
pub(crate) struct ApiDoc;

/// The document, built once with the router.
pub(crate) async fn serve(doc: DocCell) -> Response {
    match doc.get() {
        Some(doc) => Json(doc.as_ref().clone()).into_response(),
        None => Problem::internal().into_response(),
    }
}

/// The OpenAPI document, known once every API route is registered.
pub(crate) type DocCell = std::sync::Arc<std::sync::OnceLock<std::sync::Arc<utoipa::openapi::OpenApi>>>;
