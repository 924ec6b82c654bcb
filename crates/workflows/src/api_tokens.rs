//! API tokens: an organisation's administrators make them (scopes and expiry
//! checked by the domain, `api_tokens`), list and revoke them; a request that
//! presents one acts for the organisation within the token's scopes.

use crate::qualification::require;
use crate::{Context, Error, ErrorKind, Now};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::api_tokens::{TOKEN_ROLE, check_new_token};
use cloudpa_domain::message::Message;
use cloudpa_store::accounts::{ApiToken, SessionUser, TOKEN_PREFIX};

/// A token as the administrator asks for it.
pub struct TokenFields<'a> {
    pub name: &'a str,
    pub scopes: &'a [String],
    pub expires_on: NaiveDate,
}

/// Makes a token for the administrator's organisation; returns it with its
/// secret, shown this once.
pub async fn create(
    ctx: &Context,
    admin: &SessionUser,
    now: Now,
    fields: &TokenFields<'_>,
) -> Result<(ApiToken, String), Error> {
    require(admin, Permission::ManageApiTokens)?;
    let new = check_new_token(admin.organisation.kind, fields.name, fields.scopes, fields.expires_on, now.today)
        .map_err(|faults| {
            faults.into_iter().fold(Error::new(ErrorKind::Rule).detail(Message::new("acc-token-refused")), |e, f| {
                e.field(f.field, f.rule)
            })
        })?;
    let made = ctx.store.create_api_token(&admin.actor(), &admin.organisation.id, &admin.user.id, &new, now.ms).await?;
    tracing::info!(event = "api_token.create", token = %made.0.id, organisation = %admin.organisation.id);
    Ok(made)
}

/// The tokens of the administrator's organisation.
pub async fn list(ctx: &Context, admin: &SessionUser) -> Result<Vec<ApiToken>, Error> {
    require(admin, Permission::ManageApiTokens)?;
    Ok(ctx.store.api_tokens(&admin.organisation.id).await?)
}

/// Revokes a live token of the administrator's organisation: from now on it
/// is refused. Another organisation's token, or one revoked already, is not
/// found.
pub async fn revoke(ctx: &Context, admin: &SessionUser, now: Now, token_id: &str) -> Result<(), Error> {
    require(admin, Permission::ManageApiTokens)?;
    ctx.store.revoke_api_token(&admin.actor(), &admin.organisation.id, token_id, now.ms).await?;
    Ok(())
}

/// The identity a request presenting `secret` acts as: its organisation,
/// with the role a token acts with and the token's scopes. An unknown,
/// revoked or expired token is refused, saying which.
pub async fn authenticate(ctx: &Context, secret: &str, now: Now) -> Result<SessionUser, Error> {
    let refuse = |why: Message| Error::new(ErrorKind::Unauthenticated).detail(why);
    if !secret.starts_with(TOKEN_PREFIX) {
        return Err(refuse(Message::new("acc-token-foreign").arg("prefix", TOKEN_PREFIX)));
    }
    let Some(holder) = ctx.store.api_token_holder(secret).await? else {
        return Err(refuse(Message::new("acc-token-unknown")));
    };
    if holder.token.revoked_at_ms.is_some() {
        return Err(refuse(Message::new("acc-token-revoked")));
    }
    if now.today >= holder.token.expires_on {
        return Err(refuse(Message::new("acc-token-expired").arg("on", holder.token.expires_on)));
    }
    ctx.store.touch_api_token(&holder.token.id, now.ms).await?;
    let mut user = holder.user;
    user.user.role = TOKEN_ROLE;
    Ok(user)
}
