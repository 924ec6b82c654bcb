//! Territorial teams: the areas, their members and a member's worklist.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_domain::programme::teams::TeamRole;
use cloudpa_store::programme::teams::TeamMember;
use cloudpa_workflows::programme::teams::{self, WorkItem};
use cloudpa_workflows::qualification::require;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The territorial areas and the members of their teams.
#[derive(Serialize, ToSchema)]
pub(crate) struct TerritorialTeams {
    /// Each of the six areas with the names of its regions.
    areas: BTreeMap<String, Vec<String>>,
    members: Vec<TeamMemberRecord>,
}

/// A member of a territorial team.
#[derive(Serialize, ToSchema)]
pub(crate) struct TeamMemberRecord {
    user_id: String,
    display_name: String,
    email: String,
    /// One of the six areas.
    area: String,
    /// account_manager, technical_implementation_manager or operation_assistant.
    #[schema(value_type = String)]
    role: TeamRole,
}

impl From<TeamMember> for TeamMemberRecord {
    fn from(m: TeamMember) -> Self {
        TeamMemberRecord {
            user_id: m.user_id,
            display_name: m.display_name,
            email: m.email,
            area: m.area,
            role: m.role,
        }
    }
}

/// The six areas with their regions, and every team member.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams",
    responses((status = 200, body = TerritorialTeams), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<TerritorialTeams>, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let areas = state.store.territorial_areas().await?;
    let members = state.store.team_members().await?.into_iter().map(TeamMemberRecord::from).collect();
    Ok(Json(TerritorialTeams { areas, members }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MemberBody {
    /// One of the six areas.
    area: String,
    /// account_manager, technical_implementation_manager or operation_assistant.
    role: String,
}

/// Puts a user of the programme office in an area's team (administrators).
#[utoipa::path(put, path = "/api/v1/teams/members/{user_id}", tag = "teams", request_body = MemberBody,
    params(("user_id" = String, Path)),
    responses((status = 200, body = TeamMemberRecord), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn assign(
    Write { state, now, user }: Write,
    Path(user_id): Path<String>,
    ApiJson(body): ApiJson<MemberBody>,
) -> Result<Json<TeamMemberRecord>, Problem> {
    Ok(Json(teams::assign(&state, &user, now, &user_id, &body.area, &body.role).await?.into()))
}

/// Takes a user out of the teams (administrators).
#[utoipa::path(delete, path = "/api/v1/teams/members/{user_id}", tag = "teams",
    params(("user_id" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn remove(
    Write { state, now, user }: Write,
    Path(user_id): Path<String>,
) -> Result<StatusCode, Problem> {
    teams::remove(&state, &user, now, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member's worklist on a day.
#[derive(Serialize, ToSchema)]
pub(crate) struct Worklist {
    member: TeamMemberRecord,
    /// The day the deadlines are counted from.
    as_of: NaiveDate,
    /// The most overdue deadline first, then the nearest.
    items: Vec<WorkEntry>,
}

/// A project of an ente of the member's area and its next open deadline.
#[derive(Serialize, ToSchema)]
pub(crate) struct WorkEntry {
    application_id: String,
    ente: WorkEnte,
    municipality: String,
    province: String,
    region: String,
    /// The call's title.
    call: String,
    /// The application's state (submitted, financed, contracted, …).
    #[schema(value_type = String)]
    state: CallApplicationState,
    /// None once every deadline is met.
    next_deadline: Option<NextDeadline>,
    overdue: bool,
    /// Days to the next deadline (negative once overdue).
    days_left: Option<i64>,
}

impl From<WorkItem> for WorkEntry {
    fn from(i: WorkItem) -> Self {
        let project = i.project;
        let a = project.application;
        WorkEntry {
            application_id: a.id,
            ente: WorkEnte { id: a.organisation_id, name: a.ente_name, ipa_code: project.ipa_code },
            municipality: project.municipality,
            province: project.province,
            region: project.region,
            call: a.call_title,
            state: a.state,
            next_deadline: i.next.map(|d| NextDeadline { kind: d.deadline.kind, due_on: d.deadline.due_on }),
            overdue: i.overdue,
            days_left: i.days,
        }
    }
}

/// The ente of a project.
#[derive(Serialize, ToSchema)]
pub(crate) struct WorkEnte {
    /// The ente's organisation id.
    id: String,
    name: String,
    ipa_code: Option<String>,
}

/// A project's next open deadline.
#[derive(Serialize, ToSchema)]
pub(crate) struct NextDeadline {
    /// cup, contract or completion.
    #[schema(value_type = String)]
    kind: DeadlineKind,
    due_on: NaiveDate,
}

/// The signed-in member's worklist: the projects of the area's enti, the
/// most overdue deadline first, then the nearest.
#[utoipa::path(get, path = "/api/v1/teams/worklist", tag = "teams",
    responses((status = 200, body = Worklist), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "The user is not in a team")))]
pub(crate) async fn worklist(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Worklist>, Problem> {
    let (member, items) = teams::worklist(&state, &user, now).await?;
    Ok(Json(Worklist {
        member: member.into(),
        as_of: now.today,
        items: items.into_iter().map(WorkEntry::from).collect(),
    }))
}
