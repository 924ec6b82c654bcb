//! The address ranges a provider announces for its own infrastructure:
//! public ranges only, each written canonically; a new announcement
//! replaces the ranges in force from today, and the history stays.

use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::addresses::{Prefix, classify};
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::prefixes::AnnouncedPrefix;
use std::collections::BTreeSet;

/// The ranges ever announced for the provider's infrastructure `id`.
pub async fn history(ctx: &Context, user: &SessionUser, id: &str) -> Result<Vec<AnnouncedPrefix>, Error> {
    own_infrastructure(ctx, user, id, Permission::ViewOwnListings).await?;
    Ok(ctx.store.prefix_history(id).await?)
}

/// Announces the ranges of the provider's infrastructure `id` from today.
pub async fn announce(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    prefixes: &[String],
) -> Result<Vec<AnnouncedPrefix>, Error> {
    own_infrastructure(ctx, user, id, Permission::ManageOwnListings).await?;
    let mut errors = Vec::new();
    let mut canonical = BTreeSet::new();
    for (i, text) in prefixes.iter().enumerate() {
        match text.parse::<Prefix>() {
            Err(e) => errors.push((format!("prefixes[{i}]"), e.message())),
            Ok(p) => match classify(p.network()) {
                Err(kind) => errors.push((
                    format!("prefixes[{i}]"),
                    Message::new("att-range-not-public").arg("reason", kind.reason()),
                )),
                Ok(()) => _ = canonical.insert(p.to_string()),
            },
        }
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let list: Vec<String> = canonical.into_iter().collect();
    ctx.store.announce_prefixes(&user.actor(), id, &list, now.today, &user.user.id, now.ms).await?;
    Ok(ctx.store.prefix_history(id).await?)
}

async fn own_infrastructure(ctx: &Context, user: &SessionUser, id: &str, permission: Permission) -> Result<(), Error> {
    require(user, permission)?;
    match ctx.store.infrastructure(id).await? {
        Some(i) if i.provider_id == user.organisation.id => Ok(()),
        _ => Err(Error::not_found(Message::new("att-infrastructure-not-found").arg("id", id))),
    }
}
