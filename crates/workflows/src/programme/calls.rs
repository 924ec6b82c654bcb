//! The programme office's calls (avvisi): created and edited as versions,
//! their list of services and their settings, each change audited. Only the
//! office's administrators (`ManageCalls`).

use super::deadlines::classes_of;
use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::{Call, CallError, CallFields};
use cloudpa_domain::programme::settings::CallSettings;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::setup::{ServiceList, read_service_list};

/// A call's fields checked by the domain, each fault named by its field.
fn checked(fields: CallFields) -> Result<Call, Error> {
    fields.check().map_err(|e| match e {
        CallError::Invalid { field, rule } => Error::validation().field(field, rule),
        CallError::Missing(field) => Error::validation().field(field, Message::new("prog-row-required")),
        other @ CallError::ClosesBeforeOpening { .. } => Error::validation().field("closes_on", other.message()),
    })
}

/// Creates a call; its id is the slug of its title.
pub async fn create(ctx: &Context, user: &SessionUser, now: Now, fields: CallFields) -> Result<Call, Error> {
    require(user, Permission::ManageCalls)?;
    let call = checked(fields)?;
    ctx.store.create_call(&user.actor(), &call, &user.user.id, now.ms).await?;
    Ok(call)
}

/// Writes a new version of call `call_id`; the title must keep its id.
/// With `expected` (the version the office read: `If-Match`, or the edit
/// page's form), refused with 409 when someone else changed it meanwhile.
pub async fn update(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    call_id: &str,
    fields: CallFields,
    expected: Option<i64>,
) -> Result<Call, Error> {
    require(user, Permission::ManageCalls)?;
    let call = checked(fields)?;
    if call.id != call_id {
        return Err(Error::validation().field("title", Message::new("prog-call-keeps-id").arg("id", &call.id)));
    }
    ctx.store.update_call(&user.actor(), &call, &user.user.id, expected, now.ms).await?;
    Ok(call)
}

/// Loads a new version of the call's list of services from CSV (`codice,
/// servizio`); the first bad line refuses the whole list, naming the line.
/// `source` says where the list came from (the API, a page's file), as the
/// list in force shows it.
pub async fn load_services(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    call_id: &str,
    csv: &[u8],
    source: &str,
) -> Result<ServiceList, Error> {
    require(user, Permission::ManageCalls)?;
    let services = read_service_list(csv).map_err(|e| Error::validation().field(format!("line {}", e.line), e.rule))?;
    ctx.store.load_call_services(&user.actor(), call_id, &services, source, now.ms).await?;
    ctx.store.call_service_list(call_id).await?.ok_or_else(Error::internal)
}

/// Saves a new version of the call's settings, checked by the domain
/// against the call's population classes; answers the version written.
pub async fn save_settings(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    call_id: &str,
    settings: &CallSettings,
) -> Result<i64, Error> {
    require(user, Permission::ManageCalls)?;
    let call = ctx
        .store
        .find_call(call_id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("prog-no-call").arg("id", call_id)))?;
    settings.check(classes_of(&ctx.store, &call).await?).map_err(|e| Error::validation().field(e.field, e.rule))?;
    Ok(ctx.store.save_call_settings(&user.actor(), &user.user.id, call_id, settings, now.ms).await?)
}
