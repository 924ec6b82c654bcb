//! Storing an uploaded document: the domain's rules (size, type by content)
//! then the blob store. Shared by the API and the pages.

use crate::Context;
use crate::Now;
use crate::scan::Verdict;
use crate::{Error, ErrorKind};
use cloudpa_domain::files::{MAX_UPLOAD_BYTES, sniff};
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::blobs::{BlobInfo, NewBlob};

pub fn too_large() -> Error {
    Error::new(ErrorKind::TooLarge)
        .detail(Message::new("qual-file-too-large").arg("mib", MAX_UPLOAD_BYTES / 1024 / 1024))
}

/// Checks and stores a file uploaded by `user`'s organisation.
pub async fn save(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    filename: &str,
    content: Vec<u8>,
) -> Result<BlobInfo, Error> {
    if content.len() > MAX_UPLOAD_BYTES {
        return Err(too_large());
    }
    let kind = sniff(&content).ok_or_else(|| {
        Error::new(ErrorKind::UnsupportedType)
            .detail(Message::new("qual-file-type"))
            .field("file", Message::new("qual-file-type-rule"))
    })?;
    if let Some(addr) = &ctx.clamd_addr {
        match crate::scan::clamd(addr, &content).await {
            Ok(Verdict::Clean) => {}
            Ok(Verdict::Infected(signature)) => {
                tracing::warn!(organisation = %user.organisation.id, %signature, "upload refused: malware");
                return Err(Error::unprocessable(Message::new("qual-file-malware").arg("signature", signature))
                    .field("file", Message::new("qual-file-malware-rule")));
            }
            Err(e) => {
                tracing::error!(error = %e, "virus scanner unavailable");
                return Err(Error::new(ErrorKind::Unavailable)
                    .detail(Message::new("qual-scanner-down"))
                    .retry_after(60));
            }
        }
    }
    let filename: String = filename.chars().filter(|c| !c.is_control()).take(200).collect();
    let blob = NewBlob { owner_id: &user.organisation.id, filename: &filename, content_type: kind.mime(), content };
    Ok(ctx.store.put_blob(&ctx.blobs, &user.actor(), blob, now.ms).await?)
}
