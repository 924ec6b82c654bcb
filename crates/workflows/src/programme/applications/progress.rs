//! An application's progress through its state machine: the ente submits,
//! gives the CUP, reports the contract and the completion or withdraws; the
//! programme office decrees, refuses, records the asseverazione and pays.

use super::load;
use super::services::{quote_of, selection_problems};
use crate::Context;
use crate::Error;
use crate::Now;
use crate::programme::date_field;
use crate::programme::deadlines::settings_of;
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{
    AttestationOutcome, CallApplicationEvent, Facts, Side, check_decree_amount, transition,
};
use cloudpa_domain::programme::cup::Cup;
use cloudpa_domain::programme::steps::check_cup;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::applications::{CallApplication, Fact};

pub(super) fn facts(app: &CallApplication, choices_migrated: Option<u32>, eligible_from: Option<NaiveDate>) -> Facts {
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
pub(crate) async fn apply(
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
            | cloudpa_domain::programme::application::TransitionError::WrongSide { .. } => Error::conflict(e.message()),
            other => Error::unprocessable(other.message()),
        })?;
    let financed = app.financed_on.is_some() || matches!(fact, Fact::Decreed { .. });
    let status = to.funding_status(financed);
    ctx.store.record_fact(&user.actor(), app, to, status, &fact, now.ms).await?;
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
            .fold(Error::unprocessable(Message::new("prog-selection-refused")), |p, rule| p.field("services", rule)));
    }
    quote_of(ctx, &app, &choices, true).await?;
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    let classes = crate::programme::deadlines::classes_of(&ctx.store, &call).await?;
    let windows = settings.check(classes).map_err(|_| Error::internal())?;
    let window = windows.check_submission(now.today).map_err(|e| Error::conflict(e.message()))?;
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
    check_cup(side, app.state).map_err(|e| Error::conflict(e.message()))?;
    let cup = Cup::parse(text).map_err(|e| Error::validation().field("cup", e.message()))?;
    ctx.store.give_cup(&user.actor(), &app, cup.as_str(), now.today, now.ms).await?;
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
                .map_err(|e| Error::validation().field("amount_cents", e.message()))?;
            (CallApplicationEvent::Finance { decree_on: on }, Fact::Decreed { on, amount })
        }
        Decision::Refuse { motivation } => {
            let motivation = motivation.trim().to_owned();
            (CallApplicationEvent::Refuse { motivation: motivation.clone() }, Fact::Refused { motivation })
        }
        Decision::Attestation { outcome, on } => {
            if ctx.store.attestor_of(&app.id).await?.is_some() {
                return Err(Error::conflict(Message::new("prog-attestor-records")));
            }
            let on = date_field("attested_on", on.as_deref(), today)?;
            let motivation = String::new();
            (CallApplicationEvent::RecordAttestation { outcome, on }, Fact::Attested { on, outcome, motivation })
        }
        Decision::Pay { on } => {
            let on = date_field("paid_on", on.as_deref(), today)?;
            if app.state == cloudpa_domain::programme::application::CallApplicationState::Attested
                && let Some(refusal) = crate::attestation::payment::refusal(ctx, now, &app, on).await?
            {
                return Err(refusal);
            }
            (CallApplicationEvent::Pay { on }, Fact::Paid { on })
        }
    };
    apply(ctx, user, now, &app, side, event, fact).await
}
