//! The programme office's page of the asseverazione: the projects financed
//! or later by state, each with its attestor and a form to assign one, and
//! the sample controls after payment — the draw, and each control's due
//! date in working days, the overdue ones flagged.

use crate::auth::csrf::CsrfForm;
use crate::extract::{Path, Query};
use crate::i18n::state_key;
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{OrganisationKind, Permission, holds};
use cloudpa_domain::calendar::working_days_between;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::attestation::samples::{self, ControlView};
use cloudpa_workflows::attestation::verification;
use cloudpa_workflows::qualification::require;
use serde::Deserialize;
use std::collections::HashMap;

/// The states the page offers, in the order of a project.
const STATES: [CallApplicationState; 6] = [
    CallApplicationState::Financed,
    CallApplicationState::Contracted,
    CallApplicationState::Completed,
    CallApplicationState::Attested,
    CallApplicationState::Paid,
    CallApplicationState::Revoked,
];

/// Projects per page.
const PAGE: usize = 100;

/// A project and the name of its attestor organisation, if any.
struct ProjectRow {
    app: CallApplication,
    attestor: Option<String>,
}

/// A sample control as the office follows it.
struct ControlRow {
    application_id: String,
    ente_name: String,
    seed: i64,
    drawn_on: String,
    due_on: String,
    /// Working days left to answer, or (overdue) past the due date.
    working_days: i64,
    answered_on: Option<String>,
    overdue: bool,
}

#[derive(Template)]
#[template(path = "desk_att_office.html")]
struct OfficePage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    state: CallApplicationState,
    states: Vec<(CallApplicationState, &'static str)>,
    rows: Vec<ProjectRow>,
    total: usize,
    page: usize,
    pages: usize,
    /// Every attestor organisation: (id, name), by name.
    attestors: Vec<(String, String)>,
    can_decide: bool,
    controls: Vec<ControlRow>,
    /// A seed proposed for the next draw.
    seed: i64,
}

impl OfficePage {
    fn key(&self, app: &CallApplication) -> &'static str {
        state_key(app.state)
    }
}

/// Which projects the page lists: a state of [`STATES`] (completed when
/// not given) and a page.
#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    stato: String,
    #[serde(default)]
    pagina: String,
}

impl ListQuery {
    fn state(&self) -> Result<CallApplicationState, Problem> {
        match self.stato.as_str() {
            "" => Ok(CallApplicationState::Completed),
            code => CallApplicationState::parse(code)
                .filter(|s| STATES.contains(s))
                .ok_or_else(|| Problem::validation().field("stato", Message::new("att-not-a-financed-state"))),
        }
    }

    fn page(&self) -> usize {
        self.pagina.trim().parse().unwrap_or(1)
    }

    /// The page's address with this list.
    fn href(&self) -> String {
        let state = self.state().unwrap_or(CallApplicationState::Completed);
        format!("/programma/ufficio/asseverazioni?stato={}&pagina={}", state.code(), self.page())
    }
}

pub(crate) async fn show(v: Visit, Query(q): Query<ListQuery>) -> Result<Response, Problem> {
    render_page(&v, &q, None).await
}

/// The page, showing the problem of a form when there is one.
async fn render_page(v: &Visit, q: &ListQuery, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    require(user, Permission::ViewWorklist)?;
    let wanted = q.state()?;
    let attestors = attestor_organisations(v).await?;
    let mut assigned: HashMap<String, String> = HashMap::new();
    for (id, name) in &attestors {
        for app in state.store.projects_of_attestor(id).await? {
            assigned.insert(app.id, name.clone());
        }
    }
    let all = state.store.call_applications_in(&[wanted]).await?;
    let total = all.len();
    let pages = total.div_ceil(PAGE).max(1);
    let current = q.page().clamp(1, pages);
    let rows = all
        .into_iter()
        .skip((current - 1) * PAGE)
        .take(PAGE)
        .map(|app| ProjectRow { attestor: assigned.get(&app.id).cloned(), app })
        .collect();
    let controls = samples::list(state, user, v.now).await?.into_iter().map(|c| control_row(c, v)).collect();
    let status = status_of(&problem);
    let template = OfficePage {
        layout: v.page.layout("desk_att-office-title", &[("/programma/ufficio", "office-title")]),
        problem,
        csrf_token: user.csrf_token.clone(),
        state: wanted,
        states: STATES.iter().map(|s| (*s, state_key(*s))).collect(),
        rows,
        total,
        page: current,
        pages,
        attestors,
        can_decide: holds(user.organisation.kind, user.user.role, Permission::DecideApplications),
        controls,
        seed: v.now.ms,
    };
    Ok((status, render(&template)).into_response())
}

/// The attestor organisations, by name.
async fn attestor_organisations(v: &Visit) -> Result<Vec<(String, String)>, Problem> {
    let attestors = v.state.store.organisations_of_kind(OrganisationKind::Attestor).await?;
    Ok(attestors.into_iter().map(|o| (o.id, o.name)).collect())
}

fn control_row(view: ControlView, v: &Visit) -> ControlRow {
    let (c, today) = (view.control, v.now.today);
    let working_days =
        if view.overdue { working_days_between(c.due_on, today) } else { working_days_between(today, c.due_on) };
    ControlRow {
        seed: c.draw_seed,
        drawn_on: c.drawn_on.format("%d/%m/%Y").to_string(),
        due_on: c.due_on.format("%d/%m/%Y").to_string(),
        working_days,
        answered_on: c.answered_on.map(|d| d.format("%d/%m/%Y").to_string()),
        overdue: view.overdue,
        application_id: c.application_id,
        ente_name: c.ente_name,
    }
}

/// Back to the list the form was posted from, or the page again with the
/// problem shown.
async fn back<T>(v: &Visit, q: &ListQuery, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| q.href(), |problem| render_page(v, q, Some(problem))).await
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    attestor_id: String,
    #[serde(flatten)]
    list: ListQuery,
}

/// Assigns the project to an attestor organisation (replacing another).
pub(crate) async fn assign(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<AssignForm>,
) -> Result<Response, Problem> {
    let result = verification::assign(&v.state, &v.user, v.now, &id, &f.attestor_id).await;
    back(&v, &f.list, result).await
}

#[derive(Deserialize)]
pub(crate) struct DrawForm {
    #[serde(default)]
    percent: String,
    #[serde(default)]
    seed: String,
    #[serde(flatten)]
    list: ListQuery,
}

/// Draws sample controls among the paid projects not drawn before.
pub(crate) async fn draw(v: Visit, CsrfForm(f): CsrfForm<DrawForm>) -> Result<Response, Problem> {
    let result = async {
        let percent = f
            .percent
            .trim()
            .parse()
            .map_err(|_| Problem::validation().field("percent", Message::new("att-percent-range")))?;
        let seed = f
            .seed
            .trim()
            .parse()
            .map_err(|_| Problem::validation().field("seed", Message::new("att-answer-integer")))?;
        Ok::<_, Problem>(samples::draw(&v.state, &v.user, v.now, percent, seed).await?)
    }
    .await;
    back(&v, &f.list, result).await
}
