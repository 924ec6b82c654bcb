//! Reading an uploaded file from a multipart form, within the size limit.

use crate::problem::Problem;
use cloudpa_domain::files::MAX_UPLOAD_BYTES;
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
