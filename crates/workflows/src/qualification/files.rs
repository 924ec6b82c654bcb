//! Storing an uploaded document: the domain's rules (size, type by content)
//! then the blob store. Shared by the API and the pages.

use crate::AppState;
use crate::clock::now_ms;
use crate::problem::Problem;
use crate::scan::Verdict;
use axum::http::StatusCode;
use cloudpa_domain::files::{MAX_UPLOAD_BYTES, sniff};
use cloudpa_store::Actor;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::blobs::{BlobInfo, NewBlob};

pub(crate) fn too_large() -> Problem {
    Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large")
        .detail(format!("Files are limited to {} MiB.", MAX_UPLOAD_BYTES / 1024 / 1024))
}

/// Reads a multipart field to its end, refusing it past the size limit.
pub(crate) async fn read_field(field: &mut axum::extract::multipart::Field<'_>) -> Result<Vec<u8>, Problem> {
    let mut content = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
        if content.len() + chunk.len() > MAX_UPLOAD_BYTES {
            return Err(too_large());
        }
        content.extend_from_slice(&chunk);
    }
    Ok(content)
}

/// Checks and stores a file uploaded by `user`'s organisation.
pub(crate) async fn save(
    state: &AppState,
    user: &SessionUser,
    filename: &str,
    content: Vec<u8>,
) -> Result<BlobInfo, Problem> {
    if content.len() > MAX_UPLOAD_BYTES {
        return Err(too_large());
    }
    let kind = sniff(&content).ok_or_else(|| {
        Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file-type")
            .detail("Only PDF, PNG and JPEG files are accepted (checked on the content).")
            .field("file", "must be a PDF, PNG or JPEG file")
    })?;
    if let Some(addr) = &state.config.clamd_addr {
        match crate::scan::clamd(addr, &content).await {
            Ok(Verdict::Clean) => {}
            Ok(Verdict::Infected(signature)) => {
                tracing::warn!(organisation = %user.organisation.id, %signature, "upload refused: malware");
                return Err(Problem::unprocessable(format!(
                    "The file was refused by the virus scanner ({signature})."
                ))
                .field("file", "contains malware"));
            }
            Err(e) => {
                tracing::error!(error = %e, "virus scanner unavailable");
                return Err(Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
                    .detail("The virus scanner does not answer; try again later.")
                    .retry_after(60));
            }
        }
    }
    let filename: String = filename.chars().filter(|c| !c.is_control()).take(200).collect();
    let blob = NewBlob { owner_id: &user.organisation.id, filename: &filename, content_type: kind.mime(), content };
    Ok(state.store.put_blob(&state.blobs, &Actor::user(&user.user.id), blob, now_ms()).await?)
}
