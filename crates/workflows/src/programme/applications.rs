//! An ente's application to a call, from the draft to the payment: every
//! step authorised here, decided by the domain, persisted by the store.

use super::deadlines::{DeadlineStatus, deadlines_of, settings_of};
use super::{acting_for, date_field, profile_of};
use crate::Context;
use crate::Error;
use crate::Now;
use crate::qualification::require;
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{
    AttestationOutcome, CallApplicationEvent, CallApplicationState, Facts, Side, check_decree_amount,
    check_migrated_on, transition,
};
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::cup::{Cup, cup_due_on, days_left};
use cloudpa_domain::programme::frozen::{check_edit, check_improvement};
use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable};
use cloudpa_domain::programme::selection::{SelectionCounts, ServiceChoice, check_choice, check_selection, repeats};
use cloudpa_domain::programme::steps::{check_cup, check_delete, check_not_migrated, sees};
use cloudpa_domain::programme::tariff::Tariff;
use cloudpa_domain::programme::voucher::{self, VoucherQuote};
use cloudpa_store::Actor;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::applications::{CallApplication, Choice, Fact, NewApplication};
use serde::Deserialize;

/// An application as its pages and API show it.
pub struct ApplicationView {
    pub app: CallApplication,
    pub choices: Vec<Choice>,
    pub deadlines: Vec<DeadlineStatus>,
    /// The CUP's due date and the days left, until it is given.
    pub cup_due: Option<(NaiveDate, i64)>,
    /// What the selection still lacks before it can be submitted.
    pub problems: Vec<String>,
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
    let not_found = || Error::not_found(format!("No application {id}."));
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
    let call = ctx.store.find_call(call_id).await?.ok_or_else(|| Error::not_found(format!("No call `{call_id}`.")))?;
    let code = call.voucher_tariff().ok_or_else(|| {
        Error::unprocessable(format!("`{}` has no lump-sum voucher: it is not open to applications here.", call.title))
    })?;
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
        return Err(
            Error::validation().field("call_id", format!("`{}` is for {}", call.title, call.targets.join(", ")))
        );
    }
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    if !settings.open_for_applications(now.today) {
        return Err(Error::conflict(format!("`{}` is closed: its last window has ended.", call.title)));
    }
    let quote =
        voucher::breakdown(&tariff, profile.population, 0, 0).map_err(|e| Error::unprocessable(e.to_string()))?;
    let new = NewApplication {
        organisation_id: &acting.ente_id,
        call: &call,
        tariff_code: tariff.code(),
        quote: &quote,
        created_by: &user.user.id,
    };
    Ok(ctx.store.create_call_application(&Actor::user(&user.user.id), &new, now.ms).await?)
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
    check_edit(app.state).map_err(|e| Error::conflict(e.to_string()))?;
    let list = ctx.store.call_service_list(&app.call_id).await?.map(|l| l.services).unwrap_or_default();
    let owned = ctx.store.ente_services(&app.organisation_id).await?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut choices = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let field = |name: &str| format!("services[{i}].{name}");
        let listed = list.iter().find(|s| s.code == input.service_code.trim());
        if listed.is_none() {
            errors.push((field("service_code"), "is not a service of the call's list".into()));
        }
        let service = owned.iter().find(|s| s.id == input.ente_service_id.trim());
        if service.is_none() {
            errors.push((field("ente_service_id"), "is not a service of this ente's inventory".into()));
        }
        let to = destination(&input.destination);
        if to.is_none() {
            errors.push((field("destination"), "must be iaas (A), paas or saas (B)".into()));
        }
        let earlier_move = match input.earlier_move.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => match t.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push((field("earlier_move"), "must be a date (YYYY-MM-DD)".into()));
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
            errors.push((field("ente_service_id"), e.to_string()));
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
        errors.push((format!("services[{i}].service_code"), format!("`{}` is chosen twice", choices[i].service_name)));
    }
    let owned_ids: Vec<&str> = choices.iter().map(|c| c.ente_service_id.as_str()).collect();
    for i in repeats(&owned_ids) {
        errors.push((format!("services[{i}].ente_service_id"), "this service of the ente is chosen twice".into()));
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let quote = quote_of(ctx, &app, &choices, false).await?;
    ctx.store.save_choices(&Actor::user(&user.user.id), &app, &choices, &quote, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}

/// The voucher of `choices`: within the class's range when `strict`.
async fn quote_of(
    ctx: &Context,
    app: &CallApplication,
    choices: &[Choice],
    strict: bool,
) -> Result<VoucherQuote, Error> {
    let profile = profile_of(ctx, &app.organisation_id).await?;
    let tariff = ctx.store.tariff(&app.tariff_code).await?.ok_or_else(Error::internal)?;
    let SelectionCounts { rehost, upgrade } = SelectionCounts::of(choices.iter().map(|c| c.destination));
    let quote = if strict { voucher::quote } else { voucher::breakdown };
    quote(&tariff, profile.population, rehost, upgrade).map_err(|e| {
        Error::unprocessable(e.to_string()).field("services", "the number of services must be within the class's range")
    })
}

/// What the selection lacks for submission, per the domain.
async fn selection_problems(ctx: &Context, app: &CallApplication, choices: &[Choice]) -> Result<Vec<String>, Error> {
    let profile = profile_of(ctx, &app.organisation_id).await?;
    let tariff = ctx.store.tariff(&app.tariff_code).await?.ok_or_else(Error::internal)?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let declared: Vec<ServiceChoice> = choices.iter().map(Choice::declared).collect();
    Ok(match check_selection(tariff.class_for(profile.population), &table, &declared) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    })
}

fn facts(app: &CallApplication, choices_migrated: Option<u32>, eligible_from: Option<NaiveDate>) -> Facts {
    Facts {
        submitted_on: app.submitted_at.map(|t| t.date_naive()),
        decree_on: app.financed_on,
        cup_given: app.cup_given_on.is_some(),
        contract_activated_on: app.contract_activated_on,
        completed_on: app.completed_on,
        services: app.services,
        services_migrated: choices_migrated.unwrap_or(app.services_migrated),
        eligible_from,
    }
}

/// Moves `app` with `event`, recording `fact`.
async fn apply(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    app: &CallApplication,
    side: Side,
    event: CallApplicationEvent,
    fact: Fact,
) -> Result<CallApplication, Error> {
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    let to = transition(app.state, &facts(app, None, Some(settings.eligibility_start)), &event, side, now.today)
        .map_err(|e| match e {
            cloudpa_domain::programme::application::TransitionError::NotAllowed { .. }
            | cloudpa_domain::programme::application::TransitionError::WrongSide { .. } => {
                Error::conflict(e.to_string())
            }
            other => Error::unprocessable(other.to_string()),
        })?;
    let financed = app.financed_on.is_some() || matches!(fact, Fact::Decreed { .. });
    let status = to.funding_status(financed);
    ctx.store.record_fact(&Actor::user(&user.user.id), app, to, status, &fact, now.ms).await?;
    ctx.store.call_application(&app.id).await?.ok_or_else(Error::internal)
}

/// Submits a draft: the selection must pass every rule (class range,
/// classified services, admissible scenarios) and a window must be open.
pub async fn submit(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<CallApplication, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    let choices = ctx.store.application_choices(&app.id).await?;
    let problems = selection_problems(ctx, &app, &choices).await?;
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .fold(Error::unprocessable("The services chosen break the call's rules."), |p, rule| {
                p.field("services", rule)
            }));
    }
    quote_of(ctx, &app, &choices, true).await?;
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    let classes = super::deadlines::classes_of(&ctx.store, &call).await?;
    let windows = settings.check(classes).map_err(|_| Error::internal())?;
    let window = windows.check_submission(now.today).map_err(|e| Error::conflict(e.to_string()))?;
    apply(
        ctx,
        user,
        now,
        &app,
        side,
        CallApplicationEvent::Submit { on: now.today },
        Fact::Submitted { at: now.utc(), window: window as u32 },
    )
    .await
}

/// Records the CUP of a financed project.
pub async fn give_cup(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    text: &str,
) -> Result<CallApplication, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    check_cup(side, app.state).map_err(|e| Error::conflict(e.to_string()))?;
    let cup = Cup::parse(text).map_err(|e| Error::validation().field("cup", e.to_string()))?;
    ctx.store.give_cup(&Actor::user(&user.user.id), &app, cup.as_str(), now.today, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}

/// A step the ente reports, with its date (today when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnteStep {
    ActivateContract,
    Complete,
    Withdraw,
}

pub async fn ente_step(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    step: EnteStep,
    on: Option<&str>,
) -> Result<CallApplication, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    let (event, fact) = match step {
        EnteStep::ActivateContract => {
            let on = date_field("contract_activated_on", on, now.today)?;
            (CallApplicationEvent::ActivateContract { on }, Fact::ContractActivated { on })
        }
        EnteStep::Complete => {
            let on = date_field("completed_on", on, now.today)?;
            (CallApplicationEvent::Complete { on }, Fact::Completed { on })
        }
        EnteStep::Withdraw => {
            let on = date_field("withdrawn_on", on, now.today)?;
            (CallApplicationEvent::Withdraw { on }, Fact::Withdrawn { on })
        }
    };
    apply(ctx, user, now, &app, side, event, fact).await
}

/// The service at `position` (from 1) of an application.
async fn choice_at(ctx: &Context, app: &CallApplication, position: usize) -> Result<Choice, Error> {
    let choices = ctx.store.application_choices(&app.id).await?;
    position
        .checked_sub(1)
        .and_then(|i| choices.into_iter().nth(i))
        .ok_or_else(|| Error::not_found(format!("No service {position} in application {}.", app.id)))
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
    check_not_migrated(&choice.service_name, choice.migrated_on).map_err(|e| Error::conflict(e.to_string()))?;
    let on = date_field("migrated_on", on, now.today)?;
    check_migrated_on(app.state, &facts(&app, None, None), on, now.today).map_err(|e| match app.state {
        CallApplicationState::Contracted => Error::unprocessable(e.to_string()),
        _ => Error::conflict(e.to_string()),
    })?;
    ctx.store.mark_migrated(&Actor::user(&user.user.id), &app, position, &choice, on, now.ms).await?;
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
    let improved = destination(to).ok_or_else(|| Error::validation().field("destination", "must be paas or saas"))?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    check_improvement(app.state, &table, choice.origin, choice.destination, improved, choice.earlier_move)
        .map_err(|e| Error::conflict(e.to_string()))?;
    ctx.store.improve_service(&Actor::user(&user.user.id), &app, position, improved, now.ms).await?;
    ctx.store.call_application(id).await?.ok_or_else(Error::internal)
}

pub async fn delete_draft(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<(), Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    check_delete(app.state).map_err(|e| Error::conflict(e.to_string()))?;
    Ok(ctx.store.delete_draft(&Actor::user(&user.user.id), &app, now.ms).await?)
}

/// A decision of the programme office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Admit and finance by decree, for the amount asked unless given.
    Decree {
        on: Option<String>,
        amount_cents: Option<i64>,
    },
    Refuse {
        motivation: String,
    },
    Attestation {
        outcome: AttestationOutcome,
        on: Option<String>,
    },
    Pay {
        on: Option<String>,
    },
}

pub async fn decide(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    decision: Decision,
) -> Result<CallApplication, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::DecideApplications).await?;
    let today = now.today;
    let (event, fact) = match decision {
        Decision::Decree { on, amount_cents } => {
            let on = date_field("decree_on", on.as_deref(), today)?;
            let amount = amount_cents.map_or(app.amount, Cents);
            check_decree_amount(app.amount, amount)
                .map_err(|e| Error::validation().field("amount_cents", e.to_string()))?;
            (CallApplicationEvent::Finance { decree_on: on }, Fact::Decreed { on, amount })
        }
        Decision::Refuse { motivation } => {
            let motivation = motivation.trim().to_owned();
            (CallApplicationEvent::Refuse { motivation: motivation.clone() }, Fact::Refused { motivation })
        }
        Decision::Attestation { outcome, on } => {
            let on = date_field("attested_on", on.as_deref(), today)?;
            (CallApplicationEvent::RecordAttestation { outcome, on }, Fact::Attested { on, outcome })
        }
        Decision::Pay { on } => {
            let on = date_field("paid_on", on.as_deref(), today)?;
            (CallApplicationEvent::Pay { on }, Fact::Paid { on })
        }
    };
    apply(ctx, user, now, &app, side, event, fact).await
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
