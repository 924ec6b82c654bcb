//! Live verifications of SaaS migrations: the attestor books a slot for a
//! service landing on a SaaS, records what it found, and keeps a calendar;
//! the ente sees its project's slots.

use super::verification::{Verification, attestor_project, verification_of};
use crate::programme::applications::load;
use crate::qualification::require;
use crate::{Context, Error, ErrorKind, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::live::{LiveError, LiveOutcome, check_record, check_schedule};
use cloudpa_domain::message::Message;
use cloudpa_domain::time::local_in_rome;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::live::{LiveVerification, NewLive};

fn refused(e: LiveError) -> Error {
    Error::new(ErrorKind::Rule).detail(e.message())
}

/// Books a live verification of the service at `new.position`.
pub async fn schedule(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    new: &NewLive<'_>,
) -> Result<Verification, Error> {
    let app = attestor_project(ctx, user, id).await?;
    let choices = ctx.store.application_choices(&app.id).await?;
    let choice = usize::try_from(new.position - 1)
        .ok()
        .and_then(|i| choices.get(i))
        .ok_or_else(|| Error::invalid([("position", Message::new("att-live-position").arg("count", choices.len()))]))?;
    if new.details.trim().is_empty() {
        return Err(Error::invalid([("details", Message::new("att-live-details-missing"))]));
    }
    let existing = ctx.store.live_verifications(&app.id).await?;
    let open = existing.iter().any(|l| l.position == new.position && l.outcome.is_none());
    let destination = choice.improved_to.unwrap_or(choice.destination);
    check_schedule(destination, new.starts_at, open, local_in_rome(now.ms)).map_err(refused)?;
    ctx.store.schedule_live(&user.actor(), &app.id, new, &user.user.id, now.ms).await?;
    verification_of(ctx, app).await
}

/// Records what the verification `live_id` found.
pub async fn record(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    live_id: &str,
    outcome: LiveOutcome,
    notes: &str,
) -> Result<Verification, Error> {
    let app = attestor_project(ctx, user, id).await?;
    let lives = ctx.store.live_verifications(&app.id).await?;
    let live = lives
        .iter()
        .find(|l| l.id == live_id)
        .ok_or_else(|| Error::not_found(Message::new("att-live-not-found").arg("id", live_id)))?;
    check_record(live.starts_at, live.outcome.is_some(), local_in_rome(now.ms)).map_err(refused)?;
    ctx.store.record_live(&user.actor(), live, outcome, notes.trim(), now.ms).await?;
    verification_of(ctx, app).await
}

/// The slots still to record across the user's attestor organisation's projects.
pub async fn calendar(ctx: &Context, user: &SessionUser) -> Result<Vec<LiveVerification>, Error> {
    require(user, Permission::ViewAssignedProjects)?;
    Ok(ctx.store.attestor_calendar(&user.organisation.id).await?)
}

/// The project's slots, for the ente (or its aggregator).
pub async fn for_ente(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Vec<LiveVerification>, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    Ok(ctx.store.live_verifications(&app.id).await?)
}
