//! The programme office's pages: the applications by state (the queue to
//! decide first), and the territorial teams — a member's worklist and, for
//! administrators, who is in which team.

use super::qualification::status_of;
use super::{Layout, Visit, redirect_or, render};
use crate::auth::csrf::{CsrfForm, Empty};
use crate::extract::{Path, Query};
use crate::i18n::{deadline_key, state_key};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_domain::programme::teams::TeamRole;
use cloudpa_store::accounts::User;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_store::programme::teams::TeamMember;
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
    /// Whether the user may manage the calls (the office's administrators).
    manage_calls: bool,
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
    Visit { state, page, user, .. }: Visit,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let wanted = match q.stato.as_str() {
        "" => CallApplicationState::Submitted,
        code => CallApplicationState::parse(code)
            .filter(|s| STATES.contains(s))
            .ok_or_else(|| Problem::validation().field("stato", Message::new("prog-queue-state")))?,
    };
    let all = state.store.call_applications_in(&[wanted]).await?;
    let total = all.len();
    let pages = total.div_ceil(PAGE).max(1);
    let current = q.pagina.unwrap_or(1).clamp(1, pages);
    let items = all.into_iter().skip((current - 1) * PAGE).take(PAGE).collect();
    Ok(render(&Queue {
        layout: page.layout("office-title", &[("/programma", "programme-title")]),
        state: wanted,
        states: STATES.iter().map(|s| (*s, state_key(*s))).collect(),
        items,
        total,
        page: current,
        pages,
        manage_calls: holds(user.organisation.kind, user.user.role, Permission::ManageCalls),
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
        deadline_key(*kind)
    }

    fn roles(&self) -> [TeamRole; 3] {
        TeamRole::ALL
    }

    fn abs(&self, n: &i64) -> i64 {
        n.abs()
    }
}

pub(crate) async fn team(v: Visit) -> Result<Response, Problem> {
    team_page(&v, None).await
}

/// The team page, showing the problem of a form when there is one.
async fn team_page(v: &Visit, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user, now) = (&v.state, &v.user, v.now);
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
        layout: v.page.layout("team-title", &[("/programma", "programme-title")]),
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

pub(crate) async fn assign(v: Visit, CsrfForm(f): CsrfForm<MemberForm>) -> Result<Response, Problem> {
    let result = teams::assign(&v.state, &v.user, v.now, &f.user_id, &f.area, &f.role).await;
    back(&v, result).await
}

pub(crate) async fn remove(
    v: Visit,
    Path(member_id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    let result = teams::remove(&v.state, &v.user, v.now, &member_id).await;
    back(&v, result).await
}

/// Back to the team page, or the page again with the problem shown.
async fn back<T>(v: &Visit, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| "/team".to_owned(), |problem| team_page(v, Some(problem))).await
}
