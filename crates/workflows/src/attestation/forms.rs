//! The compliance form of a migrated service: the ente saves it as a draft
//! and submits it; every save runs the pre-checks at once and keeps how
//! many failed. Submission needs a complete form; the other pre-checks warn
//! the ente and guide the attestor, who decides (a listing suspended after
//! the contract is not the ente's to fix).

use super::catalogue::CatalogueFacts;
use crate::programme::applications::load;
use crate::programme::deadlines::settings_of;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::form::{Answers, Completeness, FormDefinition, check_answers};
use cloudpa_domain::attestation::form_editable;
use cloudpa_domain::attestation::prechecks::{Check, CheckResult, ContractFacts, ProjectFacts, ServiceFacts, precheck};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::Side;
use cloudpa_domain::programme::scenarios::ScenarioTable;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::contracts::Contract;
use cloudpa_store::attestation::forms::{ComplianceForm, FormState};
use cloudpa_store::programme::applications::{CallApplication, Choice};
use std::collections::BTreeSet;

/// What the ente sends: the contract and the listing the service landed
/// on, and the answers.
#[derive(Debug, Clone, Default)]
pub struct FormInput {
    pub contract_id: Option<String>,
    pub listing_id: Option<String>,
    pub answers: Answers,
}

/// A service's form as its pages and API show it.
pub struct FormView {
    pub application: CallApplication,
    pub position: i64,
    pub choice: Choice,
    pub definition: FormDefinition,
    /// The stored form; none before the first save.
    pub form: Option<ComplianceForm>,
    /// The pre-checks of the stored answers, as of today.
    pub checks: Vec<CheckResult>,
    pub side: Side,
}

/// The form of the service at `position` (from 1) of application `id`.
pub async fn view(ctx: &Context, user: &SessionUser, now: Now, id: &str, position: i64) -> Result<FormView, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    let choice = choice_at(ctx, &app, position).await?;
    let definition = definition_of(&choice)?;
    let form = ctx.store.compliance_form(&app.id, position).await?;
    let input = form.as_ref().map_or_else(FormInput::default, |f| FormInput {
        contract_id: f.contract_id.clone(),
        listing_id: f.listing_id.clone(),
        answers: f.answers.clone(),
    });
    let (checks, _) = checks_of(ctx, now, &app, position, &choice, &definition, &input).await?;
    Ok(FormView { application: app, position, choice, definition, form, checks, side })
}

/// How a save is made: a draft or the submission, and the version of the
/// form it was made to (0 before the first save; none: whatever is latest).
#[derive(Debug, Clone, Copy)]
pub struct Saving {
    pub submit: bool,
    pub expected: Option<i64>,
}

/// Saves the form (a draft, or its submission), running the pre-checks;
/// answers to items that do not apply are left out. A save made to a
/// version that is no longer the latest is refused, naming who saved the
/// latest and when.
pub async fn save(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    position: i64,
    mut input: FormInput,
    Saving { submit, expected }: Saving,
) -> Result<FormView, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    let stored = ctx.store.compliance_form(&app.id, position).await?;
    let submitted = stored.as_ref().is_some_and(|f| f.state == FormState::Submitted);
    if side != Side::Ente || !form_editable(app.state, submitted) {
        return Err(Error::conflict(Message::new("att-form-not-editable").arg("state", app.state.code())));
    }
    let choice = choice_at(ctx, &app, position).await?;
    let definition = definition_of(&choice)?;
    let facts = service_facts_shape(&choice).form_facts();
    let applicable: BTreeSet<String> = definition.applicable(&facts, &input.answers).map(|i| i.id.clone()).collect();
    input.answers.retain(|k, _| applicable.contains(k) || definition.item(k).is_none());
    let mode = if submit { Completeness::Submit } else { Completeness::Draft };
    let problems = check_answers(&definition, &facts, &input.answers, mode);
    if !problems.is_empty() {
        return Err(Error::invalid(problems.into_iter().map(|f| (format!("answers.{}", f.field), f.message))));
    }
    if submit && choice.migrated_on.is_none() {
        return Err(Error::conflict(Message::new("att-form-not-migrated")));
    }
    let (checks, listing_version) = checks_of(ctx, now, &app, position, &choice, &definition, &input).await?;
    if submit {
        let pinned = checks.iter().find(|c| c.check == Check::ContractPinned).is_none_or(CheckResult::passed);
        if !pinned {
            return Err(Error::invalid([("contract_id", Message::new("att-form-unpinned"))]));
        }
    }
    let mut form = ComplianceForm {
        application_id: app.id.clone(),
        position,
        contract_id: input.contract_id,
        listing_id: input.listing_id,
        listing_version,
        form_id: definition.id.clone(),
        form_version: definition.version.clone(),
        answers: input.answers,
        state: if submit { FormState::Submitted } else { FormState::Draft },
        checks_failed: checks.iter().filter(|c| !c.passed()).count() as i64,
        updated_at_ms: now.ms,
        submitted_at_ms: submit.then_some(now.ms),
        version: 0,
    };
    form.version =
        ctx.store.save_compliance_form(&user.actor(), &form, (submitted, expected), &user.user.id, now.ms).await?;
    Ok(FormView { application: app, position, choice, definition, form: Some(form), checks, side })
}

async fn choice_at(ctx: &Context, app: &CallApplication, position: i64) -> Result<Choice, Error> {
    let choices = ctx.store.application_choices(&app.id).await?;
    usize::try_from(position - 1)
        .ok()
        .and_then(|i| choices.get(i).cloned())
        .ok_or_else(|| Error::not_found(Message::new("att-no-service-at").arg("id", &app.id).arg("position", position)))
}

/// The form for where the service lands (its improved destination when
/// declared).
pub fn definition_of(choice: &Choice) -> Result<FormDefinition, Error> {
    FormDefinition::shipped(choice.improved_to.unwrap_or(choice.destination)).map_err(|_| Error::internal())
}

/// The facts of a service that come from its choice alone.
pub fn service_facts_shape(choice: &Choice) -> ServiceFacts {
    ServiceFacts {
        origin: choice.origin,
        declared: choice.destination,
        improved_to: choice.improved_to,
        earlier_move: choice.earlier_move,
        data_class: choice.data_class,
        contract: None,
        listing: None,
        prefixes: Vec::new(),
        identifiers_elsewhere: BTreeSet::new(),
        funded_elsewhere: false,
    }
}

/// The contract as the checks read it.
pub fn contract_facts(contract: &Contract) -> ContractFacts {
    ContractFacts { signed_on: contract.fields.signed_on, dnsh_declared: contract.fields.dnsh.is_some() }
}

/// Runs the pre-checks of one form; also the listing version in force on
/// the contract date.
async fn checks_of(
    ctx: &Context,
    now: Now,
    app: &CallApplication,
    position: i64,
    choice: &Choice,
    definition: &FormDefinition,
    input: &FormInput,
) -> Result<(Vec<CheckResult>, Option<i64>), Error> {
    let mut service = service_facts_shape(choice);
    if let Some(id) = input.contract_id.as_deref() {
        let contract = ctx.store.contract(id).await?.filter(|c| c.application_id == app.id);
        let contract = contract.ok_or_else(|| Error::invalid([("contract_id", Message::new("att-not-a-contract"))]))?;
        service.contract = Some(contract_facts(&contract));
    }
    let mut listing_version = None;
    if let Some(id) = input.listing_id.as_deref() {
        let catalogue = CatalogueFacts::of_listing(&ctx.store, id, now.today).await?;
        let on = service.contract.map_or(now.today, |c| c.signed_on);
        let (candidate, version) = catalogue
            .candidate(id, on, now.today)
            .ok_or_else(|| Error::invalid([("listing_id", Message::new("att-not-a-listing"))]))?;
        service.listing = Some(candidate);
        service.prefixes = catalogue.prefixes(id);
        listing_version = Some(version);
    }
    for other in ctx.store.compliance_forms(&app.id).await?.into_iter().filter(|f| f.position != position) {
        let ids = other.answers.get("system_ids").map(|a| a.entries().into_iter().map(str::to_owned).collect());
        service.identifiers_elsewhere.extend(ids.unwrap_or_else(Vec::new));
    }
    let twice = ctx.store.funded_elsewhere(Some(&app.id)).await?;
    service.funded_elsewhere = twice.contains(&(app.id.clone(), choice.ente_service_id.clone()));
    let project = project_facts(ctx, app).await?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    Ok((precheck(definition, &project, &service, &input.answers, &table, now.today), listing_version))
}

async fn project_facts(ctx: &Context, app: &CallApplication) -> Result<ProjectFacts, Error> {
    let call = ctx.store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    let (_, settings) = settings_of(&ctx.store, &call).await?;
    let ipa_code = ctx.store.organisation(&app.organisation_id).await?.and_then(|o| o.ipa_code).unwrap_or_default();
    Ok(ProjectFacts {
        ente_name: app.ente_name.clone(),
        ipa_code,
        eligible_from: settings.eligibility_start,
        completed_on: app.completed_on,
    })
}
