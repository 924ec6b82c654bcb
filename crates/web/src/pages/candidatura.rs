//! An application's page, for the ente (and its aggregators) and for the
//! programme office: the services and the voucher, the deadlines with the
//! CUP's countdown, and the step each side may take next. The forms call the
//! same workflow as the API.

use super::qualification::status_of;
use super::{Layout, Visit, redirect_or, render};
use crate::auth::csrf::CsrfForm;
use crate::extract::Path;
use crate::i18n::{deadline_key, state_key};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::attestation::payment::FormalCheck;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{AttestationOutcome, CallApplicationState, Side};
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_domain::programme::services::ListedService;
use cloudpa_domain::programme::stepper::{self, Dates, Mark, Milestone};
use cloudpa_domain::programme::steps;
use cloudpa_store::programme::applications::Choice;
use cloudpa_store::programme::inventory::EnteService;
use cloudpa_workflows::attestation::payment::{self, PaymentView};
use cloudpa_workflows::programme::applications::{self as workflow, ApplicationView, ChoiceInput, Decision, EnteStep};
use serde::Deserialize;
use std::collections::HashMap;

/// One service of the ente's inventory in the draft's form.
pub(crate) struct Row {
    pub index: usize,
    pub service: EnteService,
    pub chosen: Option<Choice>,
}

#[derive(Template)]
#[template(path = "candidatura.html")]
struct ApplicationPage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    view: ApplicationView,
    /// The voucher's parts as text.
    amounts: [String; 4],
    /// The draft's form: the ente's services, and the call's list.
    rows: Vec<Row>,
    listed: Vec<ListedService>,
    can_edit: bool,
    can_decide: bool,
    today: String,
    /// An attested project's payment request and formal checks.
    payment: Option<PaymentView>,
    /// The project's steps: done (when), next (by when), later, or stopped.
    steps: Vec<(Milestone, Mark)>,
}

impl ApplicationPage {
    fn state(&self) -> &'static str {
        state_key(self.view.app.state)
    }

    fn is(&self, code: &str) -> bool {
        self.view.app.state.code() == code
    }

    fn migration(&self, c: &Choice) -> &'static str {
        super::dashboard::migration_key(c)
    }

    fn step(&self, m: &Milestone) -> &'static str {
        self.layout.lang.named("step", m.code())
    }

    /// The stepper's class for a step (Bootstrap Italia's `steppers`).
    fn step_class(&self, mark: &Mark) -> &'static str {
        match mark {
            Mark::Done(_) => "confirmed",
            Mark::Next(_) => "active",
            Mark::Later | Mark::Stopped => "",
        }
    }

    /// Where a step stands, in words, with its day.
    fn standing(&self, mark: &Mark) -> String {
        let t = |key| self.layout.lang.t(key);
        let day = |d: &chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        match mark {
            Mark::Done(Some(d)) => format!("{} {}", t("step-done_on"), day(d)),
            Mark::Done(None) => t("step-done").to_owned(),
            Mark::Next(Some(d)) => format!("{}, {} {}", t("step-next"), t("step-by"), day(d)),
            Mark::Next(None) => t("step-next").to_owned(),
            Mark::Later => t("step-later").to_owned(),
            Mark::Stopped => t("step-stopped").to_owned(),
        }
    }

    fn deadline(&self, kind: &DeadlineKind) -> &'static str {
        deadline_key(*kind)
    }

    fn days_to(&self, due: &chrono::NaiveDate) -> i64 {
        (*due - self.view.as_of).num_days()
    }

    fn may_improve(&self, c: &Choice) -> bool {
        self.can_edit && steps::may_improve(self.view.app.state, c.destination, c.improved_to)
    }

    fn may_migrate(&self, c: &Choice) -> bool {
        self.can_edit && steps::may_mark_migrated(self.view.app.state, c.migrated_on)
    }

    fn selected_code<'a>(&self, row: &'a Row) -> &'a str {
        row.chosen.as_ref().map_or("", |c| c.service_code.as_str())
    }

    fn selected_destination(&self, row: &Row) -> &'static str {
        row.chosen.as_ref().map_or("", |c| cloudpa_store::programme::applications::code_of(c.destination))
    }

    fn earlier_move(&self, row: &Row) -> String {
        row.chosen.as_ref().and_then(|c| c.earlier_move).map(|d| d.to_string()).unwrap_or_default()
    }

    fn abs(&self, n: &i64) -> i64 {
        n.abs()
    }

    fn view_today(&self) -> chrono::NaiveDate {
        self.view.as_of
    }

    fn payable(&self) -> bool {
        self.payment.as_ref().is_some_and(PaymentView::payable)
    }

    fn check_label(&self, check: &FormalCheck) -> &'static str {
        crate::i18n::formal_check_key(*check)
    }

    /// A formal check's finding in the page's language.
    fn finding(&self, f: &cloudpa_domain::attestation::Finding) -> String {
        self.layout.lang.text(&f.message)
    }
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    render_page(&v, &id, None).await
}

/// The application's page, showing the problem of a form when there is one.
async fn render_page(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    let view = workflow::view(state, user, v.now, id).await?;
    let can_edit =
        view.side == Side::Ente && holds(user.organisation.kind, user.user.role, Permission::ManageOwnProgramme);
    let can_decide =
        view.side == Side::Office && holds(user.organisation.kind, user.user.role, Permission::DecideApplications);
    let (rows, listed) = if view.app.state == CallApplicationState::Draft && can_edit {
        let services = state.store.ente_services(&view.app.organisation_id).await?;
        let rows = services
            .into_iter()
            .enumerate()
            .map(|(index, service)| {
                let chosen = view.choices.iter().find(|c| c.ente_service_id == service.id).cloned();
                Row { index, service, chosen }
            })
            .collect();
        let listed = state.store.call_service_list(&view.app.call_id).await?.map(|l| l.services).unwrap_or_default();
        (rows, listed)
    } else {
        (Vec::new(), Vec::new())
    };
    let payment = match view.app.state {
        CallApplicationState::Attested => Some(payment::view(state, user, v.now, id).await?),
        _ => None,
    };
    let a = &view.app;
    let amounts = [a.fee.to_string(), a.rehost.to_string(), a.upgrade.to_string(), a.amount.to_string()];
    let dates = Dates {
        submitted: a.submitted_at.map(|t| cloudpa_domain::time::date_in_rome(t.timestamp_millis())),
        financed: a.financed_on,
        cup: a.cup_given_on,
        contract: a.contract_activated_on,
        completed: a.completed_on,
        attested: a.attested_on,
        paid: a.paid_on,
    };
    let due = |kind| match view.deadlines.iter().find(|d| d.deadline.kind == kind) {
        Some(d) => Some(d.deadline.due_on),
        None if kind == DeadlineKind::Cup => view.cup_due.map(|(due, _)| due),
        None => None,
    };
    let steps = stepper::steps(a.state, &dates, due);
    let parents: &[(&str, &str)] = match view.side {
        Side::Ente => &[("/ente", "ente-area")],
        Side::Office => &[("/programma/ufficio", "office-title")],
        Side::Attestor => &[],
    };
    let mut layout = v.page.layout("application-title", parents);
    layout.title = format!("{} — {}", layout.title, a.call_title);
    let status = status_of(&problem);
    let template = ApplicationPage {
        layout,
        problem,
        csrf_token: user.csrf_token.clone(),
        amounts,
        rows,
        listed,
        can_edit,
        can_decide,
        today: v.now.today.to_string(),
        payment,
        steps,
        view,
    };
    Ok((status, render(&template)).into_response())
}

/// Back to the application, or the page again with the problem shown.
async fn outcome<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/candidature/{id}"), |problem| render_page(v, id, Some(problem))).await
}

/// The draft's services: each picked row of the form (`pick_N` set) with
/// its call service (`code_N`), destination (`dest_N`) and the date of an
/// earlier move (`earlier_N`).
pub(crate) async fn save_services(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let mut picked: Vec<(usize, ChoiceInput)> = form
        .iter()
        .filter_map(|(key, service_id)| {
            let n: usize = key.strip_prefix("pick_")?.parse().ok()?;
            let field = |name: &str| form.get(&format!("{name}_{n}")).cloned().unwrap_or_default();
            Some((
                n,
                ChoiceInput {
                    service_code: field("code"),
                    ente_service_id: service_id.clone(),
                    destination: field("dest"),
                    earlier_move: Some(field("earlier")),
                },
            ))
        })
        .collect();
    picked.sort_by_key(|(n, _)| *n);
    let inputs: Vec<ChoiceInput> = picked.into_iter().map(|(_, c)| c).collect();
    let result = workflow::save_services(&v.state, &v.user, v.now, &id, &inputs).await;
    outcome(&v, &id, result).await
}

#[derive(Deserialize, Default)]
pub(crate) struct StepForm {
    #[serde(default)]
    on: String,
    #[serde(default)]
    cup: String,
    #[serde(default)]
    destination: String,
    #[serde(default)]
    amount_eur: String,
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    outcome: String,
}

/// A step's result as a form shows it: done, or the problem.
fn done<T>(result: Result<T, cloudpa_workflows::Error>) -> Result<(), Problem> {
    result.map(drop).map_err(Problem::from)
}

/// A step of the ente: `presenta`, `elimina`, `cup`, `contratto`,
/// `completa`, `rinuncia`.
pub(crate) async fn ente_step(
    v: Visit,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, Problem> {
    let (state, user, now) = (&v.state, &v.user, v.now);
    let step = |step| workflow::ente_step(state, user, now, &id, step, Some(f.on.as_str()));
    let result = match action.as_str() {
        "presenta" => done(workflow::submit(state, user, now, &id).await),
        "elimina" => {
            let deleted = workflow::delete_draft(state, user, now, &id).await;
            return redirect_or(deleted, |()| "/ente".to_owned(), |problem| render_page(&v, &id, Some(problem))).await;
        }
        "cup" => done(workflow::give_cup(state, user, now, &id, &f.cup).await),
        "contratto" => done(step(EnteStep::ActivateContract).await),
        "completa" => done(step(EnteStep::Complete).await),
        "rinuncia" => done(step(EnteStep::Withdraw).await),
        other => Err(Problem::not_found(Message::new("prog-no-step").arg("step", other))),
    };
    outcome(&v, &id, result).await
}

/// A step on one service: `migrato` (with its date) or `migliorativa` (the
/// improved destination).
pub(crate) async fn service_step(
    v: Visit,
    Path((id, position, action)): Path<(String, usize, String)>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, Problem> {
    let (state, user, now) = (&v.state, &v.user, v.now);
    let result = match action.as_str() {
        "migrato" => done(workflow::mark_migrated(state, user, now, &id, position, Some(&f.on)).await),
        "migliorativa" => done(workflow::improve(state, user, now, &id, position, &f.destination).await),
        other => Err(Problem::not_found(Message::new("prog-no-step").arg("step", other))),
    };
    outcome(&v, &id, result).await
}

/// A decision of the programme office: `decreto`, `rifiuto`,
/// `asseverazione`, `erogazione`.
pub(crate) async fn decide(
    v: Visit,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, Problem> {
    let on = Some(f.on.clone()).filter(|d| !d.trim().is_empty());
    let decision = match action.as_str() {
        "decreto" => match f.amount_eur.trim() {
            "" => Ok(Decision::Decree { on, amount_cents: None }),
            text => cloudpa_domain::money::parse_euros(text)
                .map(|c| Decision::Decree { on, amount_cents: Some(c.0) })
                .map_err(|e| Problem::validation().field("amount_eur", e.message())),
        },
        "rifiuto" => Ok(Decision::Refuse { motivation: f.motivation }),
        "asseverazione" => match f.outcome.as_str() {
            "positive" => Ok(AttestationOutcome::Positive),
            "partially_positive" => Ok(AttestationOutcome::PartiallyPositive),
            "negative" => Ok(AttestationOutcome::Negative),
            _ => Err(Problem::validation().field("outcome", Message::new("prog-outcome"))),
        }
        .map(|outcome| Decision::Attestation { outcome, on }),
        "erogazione" => Ok(Decision::Pay { on }),
        other => Err(Problem::not_found(Message::new("prog-no-decision").arg("decision", other))),
    };
    let result = match decision {
        Ok(decision) => done(workflow::decide(&v.state, &v.user, v.now, &id, decision).await),
        Err(problem) => Err(problem),
    };
    outcome(&v, &id, result).await
}
