//! Territorial teams: the areas, their members and a member's worklist.

use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::today;
use crate::extract::Path;
use crate::problem::Problem;
use crate::programme::teams::{self, WorkItem};
use crate::qualification::require;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cloudpa_domain::access::Permission;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// The six areas with their regions, and every team member.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams",
    responses((status = 200, body = Object, description = "`{areas:{area:[regions]}, members:[…]}`"),
        (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let areas = state.store.territorial_areas().await?;
    let members = state.store.team_members().await?;
    Ok(Json(json!({ "areas": areas, "members": members })))
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
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn assign(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(user_id): Path<String>,
    ApiJson(body): ApiJson<MemberBody>,
) -> Result<Json<Value>, Problem> {
    let member = teams::assign(&state, &user, &user_id, &body.area, &body.role).await?;
    Ok(Json(json!(member)))
}

/// Takes a user out of the teams (administrators).
#[utoipa::path(delete, path = "/api/v1/teams/members/{user_id}", tag = "teams",
    params(("user_id" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn remove(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(user_id): Path<String>,
) -> Result<StatusCode, Problem> {
    teams::remove(&state, &user, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) fn item(i: &WorkItem) -> Value {
    let a = &i.project.application;
    json!({
        "application_id": a.id,
        "ente": { "id": a.organisation_id, "name": a.ente_name, "ipa_code": i.project.ipa_code },
        "municipality": i.project.municipality,
        "province": i.project.province,
        "region": i.project.region,
        "call": a.call_title,
        "state": a.state,
        "next_deadline": i.next.as_ref().map(|d| json!({ "kind": d.deadline.kind, "due_on": d.deadline.due_on })),
        "overdue": i.overdue,
        "days_left": i.days,
    })
}

/// The signed-in member's worklist: the projects of the area's enti, the
/// most overdue deadline first, then the nearest.
#[utoipa::path(get, path = "/api/v1/teams/worklist", tag = "teams",
    responses((status = 200, body = Object, description = "`{member, as_of, items:[…]}`"), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "The user is not in a team")))]
pub(crate) async fn worklist(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, Problem> {
    let (member, items) = teams::worklist(&state, &user).await?;
    Ok(Json(json!({ "member": member, "as_of": today(), "items": items.iter().map(item).collect::<Vec<_>>() })))
}
