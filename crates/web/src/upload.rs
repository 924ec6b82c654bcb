//! Reading an uploaded file from a multipart form, or a CSV body, within
//! the size limit.

use crate::problem::Problem;
use axum::http::StatusCode;
use cloudpa_domain::files::MAX_UPLOAD_BYTES;
use cloudpa_domain::message::Message;
use cloudpa_workflows::qualification::files::too_large;

/// Reads a multipart field to its end, refusing it past the size limit.
pub(crate) async fn read_field(field: &mut axum::extract::multipart::Field<'_>) -> Result<Vec<u8>, Problem> {
    let mut content = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
        if content.len() + chunk.len() > MAX_UPLOAD_BYTES {
            return Err(too_large().into());
        }
        content.extend_from_slice(&chunk);
    }
    Ok(content)
}

/// The body of a `text/csv` request, refused with 415 in another type and
/// with 413 past `max_bytes` (`limit` names the limit for people).
pub(crate) async fn csv_body(
    request: axum::extract::Request,
    max_bytes: usize,
    limit: &str,
) -> Result<axum::body::Bytes, Problem> {
    let csv = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim() == "text/csv"));
    if !csv {
        return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "media-type").detail(Message::new("web-send-csv")));
    }
    axum::body::to_bytes(request.into_body(), max_bytes).await.map_err(|_| {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large")
            .detail(Message::new("web-file-over").arg("limit", limit))
    })
}
