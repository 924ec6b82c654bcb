//! The qualification workflow as the web layer runs it, shared by the API and
//! the pages: load, authorise, ask the domain, persist through the store.

pub mod applications;
pub mod decisions;
pub mod demo;
pub mod expiry;
pub mod files;
mod infrastructure_demo;
pub mod infrastructures;
pub mod listings;
pub mod monitoring;
pub mod providers;

use crate::Error;
use cloudpa_domain::access::{OrganisationKind, Permission, holds};
use cloudpa_domain::api_tokens::token_holds;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::lifecycle::Actor as Side;
use cloudpa_domain::qualification::track::Track;
use cloudpa_store::accounts::SessionUser;

/// Whether `user` holds `permission`: by its organisation's kind and its
/// role, and for an API token also by the token's scopes.
pub fn may(user: &SessionUser, permission: Permission) -> bool {
    match &user.token {
        Some(grant) => token_holds(user.organisation.kind, &grant.scopes, permission),
        None => holds(user.organisation.kind, user.user.role, permission),
    }
}

/// Refuses a user whose organisation kind and role (or token's scopes) lack
/// `permission`.
pub fn require(user: &SessionUser, permission: Permission) -> Result<(), Error> {
    if may(user, permission) { Ok(()) } else { Err(Error::forbidden(Message::new("qual-forbidden-role"))) }
}

/// Which side of an application `user` is on: its operator (a provider, or a
/// public body declaring its own service), or the agency. Anyone else —
/// another operator above all — is refused.
pub fn side(user: &SessionUser, provider_id: &str) -> Result<Side, Error> {
    match user.organisation.kind {
        OrganisationKind::Provider | OrganisationKind::PublicBody if user.organisation.id == provider_id => {
            Ok(Side::Provider)
        }
        OrganisationKind::Agency => Ok(Side::Agency),
        _ => Err(Error::forbidden(Message::new("qual-other-organisation"))),
    }
}

/// The track `user`'s organisation takes to the catalogue: a public body's
/// services, and those of a provider that declares itself in house or
/// publicly controlled by law, go through the adeguamento (Regolamento ACN
/// art. 15 c. 1); a private provider's through qualification (art. 17 c. 1).
pub async fn track_of(ctx: &crate::Context, user: &SessionUser) -> Result<Track, Error> {
    Ok(ctx.store.operator_track(&user.organisation.id).await?)
}
