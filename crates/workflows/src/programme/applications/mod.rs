//! An ente's application to a call, from the draft to the payment: every
//! step authorised here, decided by the domain, persisted by the store.

mod progress;
mod services;

pub(crate) use progress::apply;
pub use progress::{Decision, EnteStep, decide, ente_step, give_cup, submit};
use services::selection_problems;
pub use services::{ChoiceInput, improve, mark_migrated, save_services};

use super::deadlines::{DeadlineStatus, deadlines_of, settings_of};
use super::{acting_for, class_population, profile_of};
use crate::Context;
use crate::Error;
use crate::Now;
use crate::qualification::require;
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{CallApplicationState, Side};
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::cup::{cup_due_on, days_left};
use cloudpa_domain::programme::steps::{check_delete, sees};
use cloudpa_domain::programme::tariff::Tariff;
use cloudpa_domain::programme::voucher::{self};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::applications::{CallApplication, Choice, NewApplication};

/// An application as its pages and API show it.
pub struct ApplicationView {
    pub app: CallApplication,
    pub choices: Vec<Choice>,
    pub deadlines: Vec<DeadlineStatus>,
    /// The CUP's due date and the days left, until it is given.
    pub cup_due: Option<(NaiveDate, i64)>,
    /// What the selection still lacks before it can be submitted.
    pub problems: Vec<Message>,
    /// The user's side: the ente (or its aggregator) or the programme office.
    pub side: Side,
    /// The date the view is as of: the request's.
    pub as_of: NaiveDate,
}

/// Loads an application for `user`: the ente's side (or an aggregator's)
/// with `permission`, or the programme office, which never sees a draft.
pub async fn load(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    permission: Permission,
) -> Result<(CallApplication, Side), Error> {
    let not_found = || Error::not_found(Message::new("prog-no-application").arg("id", id));
    let app = ctx.store.call_application(id).await?.ok_or_else(not_found)?;
    if user.organisation.kind == OrganisationKind::ProgrammeOffice {
        require(user, if permission == Permission::ViewOwnProgramme { Permission::ViewWorklist } else { permission })?;
        if !sees(Side::Office, app.state) {
            return Err(not_found());
        }
        return Ok((app, Side::Office));
    }
    acting_for(ctx, user, now, &app.organisation_id, permission).await?;
    Ok((app, Side::Ente))
}

async fn call_and_tariff(ctx: &Context, call_id: &str) -> Result<(Call, Tariff), Error> {
    let call = ctx
        .store
        .find_call(call_id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("prog-no-call").arg("id", call_id)))?;
    let code = call
        .voucher_tariff()
        .ok_or_else(|| Error::unprocessable(Message::new("prog-call-no-voucher").arg("title", &call.title)))?;
    let tariff = ctx.store.tariff(code).await?.ok_or_else(Error::internal)?;
    Ok((call, tariff))
}

/// Opens a draft for the ente to a call it is admitted to, while the call's
/// last window has not closed.
pub async fn open(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    call_id: &str,
) -> Result<CallApplication, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ManageOwnProgramme).await?;
    let profile = profile_of(ctx, &acting.ente_id).await?;
    let (call, tariff) = call_and_tariff(ctx, call_id.trim()).await?;
    if !call.admits(profile.kind) {
        let rule = Message::new("prog-call-for").arg("title", &call.title).arg("targets", call.targets.join(", "));
        return Err(Error::validation().field("call_id", rule));
    }
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    if !settings.open_for_applications(now.today) {
        return Err(Error::conflict(Message::new("prog-call-closed").arg("title", &call.title)));
    }
    let quote = voucher::breakdown(&tariff, class_population(&tariff, &profile)?, 0, 0)
        .map_err(|e| Error::unprocessable(e.message()))?;
    let new = NewApplication {
        organisation_id: &acting.ente_id,
        call: &call,
        tariff_code: tariff.code(),
        quote: &quote,
        created_by: &user.user.id,
    };
    Ok(ctx.store.create_call_application(&user.actor(), &new, now.ms).await?)
}

/// The calls an ente of `kind` may still apply to, leaving out those it
/// applied to already: (id, title), newest first.
pub async fn open_calls(
    ctx: &Context,
    now: Now,
    kind: cloudpa_domain::programme::open_data::EnteKind,
    applied: &[CallApplication],
) -> Result<Vec<(String, String)>, Error> {
    let mut calls = Vec::new();
    for call in ctx.store.list_calls().await? {
        let candidate =
            call.voucher_tariff().is_some() && call.admits(kind) && !applied.iter().any(|a| a.call_id == call.id);
        if candidate && settings_of(&ctx.store, &call).await?.1.open_for_applications(now.today) {
            calls.push((call.id, call.title));
        }
    }
    Ok(calls)
}

pub async fn delete_draft(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<(), Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    check_delete(app.state).map_err(|e| Error::conflict(e.message()))?;
    Ok(ctx.store.delete_draft(&user.actor(), &app, now.ms).await?)
}

/// The whole application for `user`.
pub async fn view(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<ApplicationView, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    view_of(ctx, now, app, side).await
}

pub async fn view_of(ctx: &Context, now: Now, app: CallApplication, side: Side) -> Result<ApplicationView, Error> {
    let choices = ctx.store.application_choices(&app.id).await?;
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    let deadlines = deadlines_of(&app, &settings);
    let cup_due = match (app.financed_on, app.cup_given_on, app.state.is_running()) {
        (Some(decree), None, true) => {
            let due = cup_due_on(decree);
            Some((due, days_left(due, now.today)))
        }
        _ => None,
    };
    let problems = match app.state {
        CallApplicationState::Draft => selection_problems(ctx, &app, &choices).await?,
        _ => Vec::new(),
    };
    Ok(ApplicationView { app, choices, deadlines, cup_due, problems, side, as_of: now.today })
}
