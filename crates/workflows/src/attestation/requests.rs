//! The ente's side of the verification: it answers the attestor's requests
//! for documents with a text and its own uploads.

use crate::programme::applications::load;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::Side;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::verification::DocumentRequest;

/// The requests the project's attestor sent, oldest first: the ente's side.
pub async fn list(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Vec<DocumentRequest>, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    Ok(ctx.store.document_requests(&app.id).await?)
}

/// Answers a request of the project's attestor, once.
pub async fn answer(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    request_id: &str,
    text: &str,
    files: &[String],
) -> Result<Vec<DocumentRequest>, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    if side != Side::Ente {
        return Err(Error::new(crate::ErrorKind::Forbidden).detail(Message::new("att-request-ente-only")));
    }
    let requests = ctx.store.document_requests(&app.id).await?;
    let request = requests
        .iter()
        .find(|r| r.id == request_id)
        .ok_or_else(|| Error::not_found(Message::new("att-request-not-found").arg("id", request_id)))?;
    let mut errors = Vec::new();
    if text.trim().is_empty() && files.is_empty() {
        errors.push(("answer".to_owned(), Message::new("att-request-answer-empty")));
    }
    let given = files.iter().enumerate().map(|(i, sha)| (format!("files[{i}]"), sha.clone())).collect();
    errors.extend(super::foreign_files(ctx, &app.organisation_id, user, given).await?);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    ctx.store.answer_document_request(&user.actor(), request, text.trim(), files, &user.user.id, now.ms).await?;
    Ok(ctx.store.document_requests(&app.id).await?)
}
