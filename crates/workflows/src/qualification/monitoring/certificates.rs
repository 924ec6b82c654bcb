//! A provider records the certificates of its listings; each one recorded
//! brings the listing's alerts up to date at once.

use super::listing_for;
use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::monitoring::certificates::CertificateForm;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::monitoring::StoredCertificate;

/// Records a certificate of listing `id`, owned by `user`'s organisation.
pub async fn add(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    form: &CertificateForm,
) -> Result<StoredCertificate, Error> {
    require(user, Permission::ManageOwnListings)?;
    let listing = listing_for(ctx, user, id).await?;
    if listing.provider_id != user.organisation.id {
        return Err(Error::forbidden(Message::new("qual-other-provider")));
    }
    let certificate = form.check().map_err(|problems| {
        problems.into_iter().fold(Error::validation(), |error, (field, rule)| error.field(field, rule))
    })?;
    let stored = ctx.store.add_certificate(&user.actor(), id, &certificate, &user.user.id, now.ms).await?;
    super::sweep::align_alerts(&ctx.store, &listing, now).await?;
    Ok(stored)
}
