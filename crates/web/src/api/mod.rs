//! The JSON API under `/api/v1` (AgID ModI: OpenAPI 3, version in the path,
//! objects not bare arrays, RFC 3339 dates, errors as problem+json), one
//! directory per part of the product: the qualification of cloud services,
//! the public catalogue, and the migration programme.

pub(crate) mod attestation;
pub(crate) mod catalogue;
pub(crate) mod etag;
pub(crate) mod guard;
pub(crate) mod openapi;
pub(crate) mod programme;
pub(crate) mod qualification;
pub(crate) mod status;
pub(crate) mod tokens;

pub(crate) use cloudpa_workflows::programme::voucher_quote::euros;

/// A file to download: `body` of `content_type`, saved as `filename`.
pub(crate) fn attachment(
    content_type: &str,
    filename: &str,
    body: impl Into<axum::body::Body>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let disposition = format!("attachment; filename=\"{filename}\"");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body.into())
        .into_response()
}

/// The media type of the CSV files the service writes.
pub(crate) const CSV: &str = "text/csv; charset=utf-8";
