//! Sample controls after payment: the programme office draws a sample of
//! the paid projects (reproducibly, with a seed); each ente answers within
//! 20 working days; the office sees which are overdue.

use crate::programme::applications::load;
use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::verification::{draw_sample, sample_control_due, sample_control_overdue, sample_size};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{CallApplicationState, Side};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::samples::SampleControl;

/// A control with whether it is overdue today.
pub struct ControlView {
    pub control: SampleControl,
    pub overdue: bool,
}

/// Draws `percent` % of the paid projects not drawn before, with `seed`.
pub async fn draw(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    percent: u8,
    seed: u64,
) -> Result<Vec<ControlView>, Error> {
    require(user, Permission::DecideApplications)?;
    if percent == 0 || percent > 100 {
        return Err(Error::invalid([("percent", Message::new("att-percent-range"))]));
    }
    let drawn: Vec<String> = ctx.store.sample_controls().await?.into_iter().map(|c| c.application_id).collect();
    let paid = ctx.store.call_applications_in(&[CallApplicationState::Paid]).await?;
    let candidates: Vec<&str> =
        paid.iter().map(|a| a.id.as_str()).filter(|id| !drawn.iter().any(|d| d == id)).collect();
    let due = sample_control_due(now.today);
    let picked: Vec<(String, chrono::NaiveDate)> =
        draw_sample(&candidates, sample_size(candidates.len(), percent), seed)
            .into_iter()
            .map(|id| (id.to_owned(), due))
            .collect();
    let seed = i64::from_ne_bytes(seed.to_ne_bytes());
    ctx.store.draw_sample_controls(&user.actor(), &picked, seed, now.today, &user.user.id, now.ms).await?;
    list(ctx, user, now).await
}

/// Every control, the earliest due first, with whether it is overdue.
pub async fn list(ctx: &Context, user: &SessionUser, now: Now) -> Result<Vec<ControlView>, Error> {
    require(user, Permission::ViewWorklist)?;
    let controls = ctx.store.sample_controls().await?;
    Ok(controls
        .into_iter()
        .map(|control| {
            let overdue = sample_control_overdue(control.due_on, control.answered_on.is_some(), now.today);
            ControlView { control, overdue }
        })
        .collect())
}

/// The ente answers its project's control, once, with its own uploads.
pub async fn answer(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    text: &str,
    files: &[String],
) -> Result<ControlView, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    if side != Side::Ente {
        return Err(Error::new(crate::ErrorKind::Forbidden).detail(Message::new("att-control-ente-only")));
    }
    if ctx.store.sample_control(&app.id).await?.is_none() {
        return Err(Error::not_found(Message::new("att-control-not-drawn")));
    }
    let mut errors = Vec::new();
    if text.trim().is_empty() {
        errors.push(("answer".to_owned(), Message::new("att-not-empty")));
    }
    let given = files.iter().enumerate().map(|(i, sha)| (format!("files[{i}]"), sha.clone())).collect();
    errors.extend(super::foreign_files(ctx, &app.organisation_id, user, given).await?);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let actor = user.actor();
    ctx.store.answer_sample_control(&actor, &app.id, text.trim(), files, now.today, now.ms).await?;
    let control = ctx.store.sample_control(&app.id).await?.ok_or_else(Error::internal)?;
    let overdue = sample_control_overdue(control.due_on, control.answered_on.is_some(), now.today);
    Ok(ControlView { control, overdue })
}
