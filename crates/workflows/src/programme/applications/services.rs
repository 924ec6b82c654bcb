//! The services of an application: chosen in the draft from the call's
//! list and the ente's inventory, then, once the project runs, migrated one by
//! one or declared improved from A to B.

use super::load;
use super::progress::facts;
use crate::Context;
use crate::Error;
use crate::Now;
use crate::programme::{class_population, date_field, profile_of};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{CallApplicationState, check_migrated_on};
use cloudpa_domain::programme::frozen::{check_edit, check_improvement};
use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable};
use cloudpa_domain::programme::selection::{SelectionCounts, ServiceChoice, check_choice, check_selection, repeats};
use cloudpa_domain::programme::steps::check_not_migrated;
use cloudpa_domain::programme::voucher::{self, VoucherQuote};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::applications::{CallApplication, Choice};
use serde::Deserialize;

/// One service as the ente declares it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChoiceInput {
    #[serde(default)]
    pub service_code: String,
    #[serde(default)]
    pub ente_service_id: String,
    /// `iaas` (A), `paas` or `saas` (B).
    #[serde(default)]
    pub destination: String,
    /// The date of the earlier move to IaaS, for IaaS qualificato → SaaS.
    #[serde(default)]
    pub earlier_move: Option<String>,
}

fn destination(code: &str) -> Option<Destination> {
    match code.trim() {
        "iaas" => Some(Destination::Iaas),
        "paas" => Some(Destination::Paas),
        "saas" => Some(Destination::Saas),
        _ => None,
    }
}

/// Replaces the services of a draft. Each one must be on the call's list,
/// be one of the ente's classified services, and be an admissible scenario
/// from its origin; how many there are is checked at submission.
pub async fn save_services(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    inputs: &[ChoiceInput],
) -> Result<CallApplication, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    check_edit(app.state).map_err(|e| Error::conflict(e.message()))?;
    let list = ctx.store.call_service_list(&app.call_id).await?.map(|l| l.services).unwrap_or_default();
    let owned = ctx.store.ente_services(&app.organisation_id).await?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let mut errors: Vec<(String, Message)> = Vec::new();
    let mut choices = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let field = |name: &str| format!("services[{i}].{name}");
        let listed = list.iter().find(|s| s.code == input.service_code.trim());
        if listed.is_none() {
            errors.push((field("service_code"), Message::new("prog-choice-not-listed")));
        }
        let service = owned.iter().find(|s| s.id == input.ente_service_id.trim());
        if service.is_none() {
            errors.push((field("ente_service_id"), Message::new("prog-choice-not-owned")));
        }
        let to = destination(&input.destination);
        if to.is_none() {
            errors.push((field("destination"), Message::new("prog-choice-destination")));
        }
        let earlier_move = match input.earlier_move.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => match t.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push((field("earlier_move"), Message::new("prog-date-format")));
                    None
                }
            },
        };
        let (Some(listed), Some(service), Some(to)) = (listed, service, to) else { continue };
        let declared = ServiceChoice {
            service: listed.name.clone(),
            data_class: service.data_class,
            origin: service.origin,
            destination: to,
            earlier_move,
        };
        if let Err(e) = check_choice(&table, &declared) {
            errors.push((field("ente_service_id"), e.message()));
            continue;
        }
        let (Some(data_class), Some(origin)) = (service.data_class, service.origin) else { continue };
        choices.push(Choice {
            service_code: listed.code.clone(),
            service_name: listed.name.clone(),
            ente_service_id: service.id.clone(),
            data_class,
            origin,
            destination: to,
            earlier_move,
            improved_to: None,
            migrated_on: None,
        });
    }
    let codes: Vec<&str> = choices.iter().map(|c| c.service_code.as_str()).collect();
    for i in repeats(&codes) {
        let rule = Message::new("prog-choice-twice").arg("service", &choices[i].service_name);
        errors.push((format!("services[{i}].service_code"), rule));
    }
    let owned_ids: Vec<&str> = choices.iter().map(|c| c.ente_service_id.as_str()).collect();
    for i in repeats(&owned_ids) {
        errors.push((format!("services[{i}].ente_service_id"), Message::new("prog-choice-owned-twice")));
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let quote = quote_of(ctx, &app, &choices, false).await?;
    ctx.store.save_choices(&user.actor(), &app, &choices, &quote, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}

/// The voucher of `choices`: within the class's range when `strict`.
pub(super) async fn quote_of(
    ctx: &Context,
    app: &CallApplication,
    choices: &[Choice],
    strict: bool,
) -> Result<VoucherQuote, Error> {
    let profile = profile_of(ctx, &app.organisation_id).await?;
    let tariff = ctx.store.tariff(&app.tariff_code).await?.ok_or_else(Error::internal)?;
    let SelectionCounts { rehost, upgrade } = SelectionCounts::of(choices.iter().map(|c| c.destination));
    let quote = if strict { voucher::quote } else { voucher::breakdown };
    quote(&tariff, class_population(&tariff, &profile)?, rehost, upgrade)
        .map_err(|e| Error::unprocessable(e.message()).field("services", Message::new("prog-choice-count")))
}

/// What the selection lacks for submission, per the domain.
pub(super) async fn selection_problems(
    ctx: &Context,
    app: &CallApplication,
    choices: &[Choice],
) -> Result<Vec<Message>, Error> {
    let profile = profile_of(ctx, &app.organisation_id).await?;
    let tariff = ctx.store.tariff(&app.tariff_code).await?.ok_or_else(Error::internal)?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let declared: Vec<ServiceChoice> = choices.iter().map(Choice::declared).collect();
    Ok(match check_selection(tariff.class_for(class_population(&tariff, &profile)?), &table, &declared) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.message()).collect(),
    })
}

/// The service at `position` (from 1) of an application.
async fn choice_at(ctx: &Context, app: &CallApplication, position: usize) -> Result<Choice, Error> {
    let choices = ctx.store.application_choices(&app.id).await?;
    position
        .checked_sub(1)
        .and_then(|i| choices.into_iter().nth(i))
        .ok_or_else(|| Error::not_found(Message::new("prog-no-choice").arg("position", position).arg("id", &app.id)))
}

/// Marks the service at `position` (from 1) migrated.
pub async fn mark_migrated(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    position: usize,
    on: Option<&str>,
) -> Result<CallApplication, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    let choice = choice_at(ctx, &app, position).await?;
    check_not_migrated(&choice.service_name, choice.migrated_on).map_err(|e| Error::conflict(e.message()))?;
    let on = date_field("migrated_on", on, now.today)?;
    check_migrated_on(app.state, &facts(&app, None, None), on, now.today).map_err(|e| match app.state {
        CallApplicationState::Contracted => Error::unprocessable(e.message()),
        _ => Error::conflict(e.message()),
    })?;
    ctx.store.mark_migrated(&user.actor(), &app, position, &choice, on, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}

/// Declares the improved migration of an A service to B; the amount stays.
pub async fn improve(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    position: usize,
    to: &str,
) -> Result<CallApplication, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    let choice = choice_at(ctx, &app, position).await?;
    let improved = destination(to)
        .ok_or_else(|| Error::validation().field("destination", Message::new("prog-improve-destination")))?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    check_improvement(app.state, &table, choice.origin, choice.destination, improved, choice.earlier_move)
        .map_err(|e| Error::conflict(e.message()))?;
    ctx.store.improve_service(&user.actor(), &app, position, improved, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}
