//! The programme office's pages: the applications by state (the queue to
//! decide first), and the territorial teams — a member's worklist and, for
//! administrators, who is in which team.

use super::qualification::status_of;
use super::{Layout, Page, render};
use crate::AppState;
use crate::auth::csrf::CsrfForm;
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::i18n::state_key;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_domain::programme::teams::TeamRole;
use cloudpa_store::accounts::{SessionUser, User};
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_store::programme::teams::TeamMember;
use cloudpa_workflows::Now;
use cloudpa_workflows::programme::teams::{self, WorkItem};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;

/// The states the queue page offers, in the order of a project.
const STATES: [CallApplicationState; 8] = [
    CallApplicationState::Submitted,
    CallApplicationState::Financed,
    CallApplicationState::Contracted,
    CallApplicationState::Completed,
    CallApplicationState::Attested,
    CallApplicationState::Paid,
    CallApplicationState::NotAdmitted,
    CallApplicationState::Withdrawn,
];

/// Applications per page of the queue.
const PAGE: usize = 100;

#[derive(Template)]
#[template(path = "office.html")]
struct Queue {
    layout: Layout,
    state: CallApplicationState,
    states: Vec<(CallApplicationState, &'static str)>,
    items: Vec<CallApplication>,
    total: usize,
    page: usize,
    pages: usize,
}

impl Queue {
    fn key(&self, a: &CallApplication) -> &'static str {
        state_key(a.state)
    }

    fn submitted(&self, a: &CallApplication) -> String {
        a.submitted_at.map(|t| t.format("%d/%m/%Y").to_string()).unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    stato: String,
    #[serde(default)]
    pagina: Option<usize>,
}

pub(crate) async fn queue(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(user): CurrentUser,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let wanted = match q.stato.as_str() {
        "" => CallApplicationState::Submitted,
        code => CallApplicationState::parse(code)
            .filter(|s| STATES.contains(s))
            .ok_or_else(|| Problem::validation().field("stato", "is not a state of the queue"))?,
    };
    let all = state.store.call_applications_in(&[wanted]).await?;
    let total = all.len();
    let pages = total.div_ceil(PAGE).max(1);
    let current = q.pagina.unwrap_or(1).clamp(1, pages);
    let items = all.into_iter().skip((current - 1) * PAGE).take(PAGE).collect();
    Ok(render(&Queue {
        layout: page.layout("office.title", &[("/programma", "programme.title")]),
        state: wanted,
        states: STATES.iter().map(|s| (*s, state_key(*s))).collect(),
        items,
        total,
        page: current,
        pages,
    }))
}

#[derive(Template)]
#[template(path = "team.html")]
struct Team {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    /// The signed-in member and their worklist (none when not in a team).
    member: Option<TeamMember>,
    items: Vec<WorkItem>,
    /// For administrators: every member, the office's users and the areas.
    manage: bool,
    members: Vec<TeamMember>,
    colleagues: Vec<User>,
    areas: Vec<(String, Vec<String>)>,
}

impl Team {
    fn key(&self, i: &WorkItem) -> &'static str {
        state_key(i.project.application.state)
    }

    fn deadline(&self, kind: &DeadlineKind) -> &'static str {
        match kind {
            DeadlineKind::Cup => "deadline.cup",
            DeadlineKind::Contract => "deadline.contract",
            DeadlineKind::Completion => "deadline.completion",
        }
    }

    fn roles(&self) -> [TeamRole; 3] {
        TeamRole::ALL
    }

    fn abs(&self, n: &i64) -> i64 {
        n.abs()
    }
}

pub(crate) async fn team(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
) -> Result<Response, Problem> {
    team_page(&state, &page, &user, now, None).await
}

async fn team_page(
    state: &AppState,
    page: &Page,
    user: &SessionUser,
    now: Now,
    problem: Option<Problem>,
) -> Result<Response, Problem> {
    require(user, Permission::ViewWorklist)?;
    let (member, items) = match teams::worklist(state, user, now).await {
        Ok((member, items)) => (Some(member), items),
        Err(p) if p.kind == cloudpa_workflows::ErrorKind::NotFound => (None, Vec::new()),
        Err(p) => return Err(p.into()),
    };
    let manage = holds(user.organisation.kind, user.user.role, Permission::ManageTeams);
    let (members, colleagues, areas) = if manage {
        (
            state.store.team_members().await?,
            state.store.list_users(&user.organisation.id).await?,
            state.store.territorial_areas().await?.into_iter().collect(),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let status = status_of(&problem);
    let template = Team {
        layout: page.layout("team.title", &[("/programma", "programme.title")]),
        problem,
        csrf_token: user.csrf_token.clone(),
        member,
        items,
        manage,
        members,
        colleagues,
        areas,
    };
    Ok((status, render(&template)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct MemberForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    role: String,
}

pub(crate) async fn assign(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    CsrfForm(f): CsrfForm<MemberForm>,
) -> Result<Response, Problem> {
    match teams::assign(&state, &user, now, &f.user_id, &f.area, &f.role).await {
        Ok(_) => Ok(Redirect::to("/team").into_response()),
        Err(problem) => team_page(&state, &page, &user, now, Some(problem.into())).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct Empty {}

pub(crate) async fn remove(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path(member_id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    match teams::remove(&state, &user, now, &member_id).await {
        Ok(()) => Ok(Redirect::to("/team").into_response()),
        Err(problem) => team_page(&state, &page, &user, now, Some(problem.into())).await,
    }
}
