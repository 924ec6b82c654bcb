//! The project an attestor verifies: the project's checks and, per
//! service, the sections of its compliance form with the ente's answers and
//! the pre-checks, each item with its verdict; the requests for documents,
//! the live verifications of SaaS services, and the outcome with its report.

use super::answers::{self, AnswerRow, Shown};
use super::checks::{self, CheckView};
use super::{live_outcome_key, mode_key, verdict_key};
use crate::extract::Path;
use crate::i18n::{Lang, state_key};
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::attestation::verification::Tally;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_store::attestation::forms::FormState;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::attestation::forms::{definition_of, service_facts_shape};
use cloudpa_workflows::attestation::verification::{self, ChecklistItem, Verification};

/// One item of the checklist with its verdict and, for a section of a
/// form, the ente's answers.
struct ItemView {
    position: i64,
    item: String,
    title: String,
    /// The verdict's code ("" before one) and its text key.
    verdict: &'static str,
    verdict_key: Option<&'static str>,
    note: String,
    /// The verdict's version (0 before one), sent back with a change.
    version: i64,
    answers: Vec<AnswerRow>,
}

/// A service of the project with its form's state and pre-checks.
struct ServiceView {
    position: i64,
    name: String,
    migration_key: &'static str,
    form_key: &'static str,
    checks: Vec<CheckView>,
    failed_checks: usize,
    items: Vec<ItemView>,
}

/// A request for documents and the ente's answer.
struct RequestView {
    scope: String,
    text: String,
    due_on: String,
    answer: Option<String>,
    files: Vec<String>,
    answered: bool,
    overdue: bool,
}

/// A live verification: its slot and what it found.
struct LiveView {
    id: String,
    service: String,
    starts_at: String,
    mode_key: &'static str,
    details: String,
    outcome_key: Option<&'static str>,
    notes: String,
}

#[derive(Template)]
#[template(path = "desk_att_project.html")]
struct ProjectPage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    app: CallApplication,
    tally: Tally,
    /// The user may give verdicts, requests, slots and the outcome: an
    /// attestor operator on a completed project.
    can_attest: bool,
    checks: Vec<ItemView>,
    services: Vec<ServiceView>,
    requests: Vec<RequestView>,
    lives: Vec<LiveView>,
    /// The services that land on a SaaS, which a live verification is for:
    /// (position, label).
    saas: Vec<(i64, String)>,
    /// What a request may be about: (position, label), 0 the project.
    scopes: Vec<(i64, String)>,
    tomorrow: String,
}

impl ProjectPage {
    fn state(&self) -> &'static str {
        state_key(self.app.state)
    }

    fn decided(&self) -> usize {
        self.tally.passed + self.tally.failed + self.tally.requested
    }
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    render_page(&v, &id, None).await
}

/// Back to the project, or its page again with the problem shown.
pub(super) async fn back<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/asseveratore/progetti/{id}"), |problem| render_page(v, id, Some(problem))).await
}

/// The project's page, showing the problem of a form when there is one.
async fn render_page(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user, lang) = (&v.state, &v.user, v.page.lang);
    let current = verification::view(state, user, id).await?;
    let mut checks = checks::of_project(state, v.now, lang, &current).await?;
    let services = services(&current, &mut checks, lang)?;
    let scope = |position: i64| scope_label(&current, position, lang);
    let Verification { application: app, checklist, requests, lives, tally, .. } = &current;
    let project_checks = checklist.iter().filter(|c| c.position == 0).map(|c| item_view(c, lang, Vec::new())).collect();
    let requests = requests
        .iter()
        .map(|r| RequestView {
            scope: scope(r.position),
            text: r.text.clone(),
            due_on: date(r.due_on),
            answer: r.answer.clone(),
            files: r.answer_files.clone(),
            answered: r.answered_at_ms.is_some(),
            overdue: r.answered_at_ms.is_none() && r.due_on < v.now.today,
        })
        .collect();
    let lives = lives
        .iter()
        .map(|l| LiveView {
            id: l.id.clone(),
            service: scope(l.position),
            starts_at: l.starts_at.format("%d/%m/%Y %H:%M").to_string(),
            mode_key: mode_key(l.mode),
            details: l.details.clone(),
            outcome_key: l.outcome.map(live_outcome_key),
            notes: l.notes.clone().unwrap_or_default(),
        })
        .collect();
    let saas = current
        .choices
        .iter()
        .zip(1..)
        .filter(|(c, _)| c.improved_to.unwrap_or(c.destination) == Destination::Saas)
        .map(|(_, p)| (p, scope(p)))
        .collect();
    let scopes = (0..=current.choices.len() as i64).map(|p| (p, scope(p))).collect();
    let can_attest = holds(user.organisation.kind, user.user.role, Permission::Attest)
        && app.state == CallApplicationState::Completed;
    let title = format!("{} — {}", lang.t("desk_att-project-title"), app.ente_name);
    let status = status_of(&problem);
    let template = ProjectPage {
        layout: v.page.titled(title, &[("/asseveratore", "desk_att-worklist-title")]),
        problem,
        csrf_token: user.csrf_token.clone(),
        app: app.clone(),
        tally: *tally,
        can_attest,
        checks: project_checks,
        services,
        requests,
        lives,
        saas,
        scopes,
        tomorrow: (v.now.today + chrono::Days::new(1)).to_string(),
    };
    Ok((status, render(&template)).into_response())
}

/// Each service with its form's sections, their answers and verdicts, and
/// its pre-checks (taken from `checks`).
fn services(
    current: &Verification,
    checks: &mut std::collections::HashMap<i64, Vec<CheckView>>,
    lang: Lang,
) -> Result<Vec<ServiceView>, Problem> {
    let mut views = Vec::with_capacity(current.choices.len());
    for (choice, position) in current.choices.iter().zip(1..) {
        let definition = definition_of(choice)?;
        let facts = service_facts_shape(choice).form_facts();
        let form = current.forms.iter().find(|f| f.position == position);
        let answers = form.map(|f| f.answers.clone()).unwrap_or_default();
        let items = current
            .checklist
            .iter()
            .filter(|c| c.position == position)
            .map(|c| item_view(c, lang, answers::of_section(&definition, &facts, &answers, &c.item, lang)))
            .collect();
        let service_checks = checks.remove(&position).unwrap_or_default();
        views.push(ServiceView {
            position,
            name: choice.service_name.clone(),
            migration_key: crate::pages::dashboard::migration_key(choice),
            form_key: match form.map(|f| f.state) {
                Some(FormState::Submitted) => "desk_att-form-submitted",
                Some(FormState::Draft) => "desk_att-form-draft",
                None => "desk_att-form-missing",
            },
            failed_checks: service_checks.iter().filter(|c| !c.passed).count(),
            checks: service_checks,
            items,
        });
    }
    Ok(views)
}

fn item_view(c: &ChecklistItem, lang: Lang, answers: Vec<AnswerRow>) -> ItemView {
    ItemView {
        position: c.position,
        item: c.item.clone(),
        title: if lang == Lang::It { c.title.clone() } else { c.title_en.clone() },
        verdict: c.verdict.as_ref().map_or("", |v| v.verdict.code()),
        verdict_key: c.verdict.as_ref().map(|v| verdict_key(v.verdict)),
        note: c.verdict.as_ref().map(|v| v.note.clone()).unwrap_or_default(),
        version: c.verdict.as_ref().map_or(0, |v| v.version),
        answers,
    }
}

/// "Progetto", or "Servizio N — name".
fn scope_label(current: &Verification, position: i64, lang: Lang) -> String {
    match usize::try_from(position - 1).ok().and_then(|i| current.choices.get(i)) {
        Some(choice) => format!("{} {position} — {}", lang.t("desk_att-scope-service"), choice.service_name),
        None => lang.t("desk_att-scope-project").to_owned(),
    }
}

fn date(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}
