//! The bulk pre-check as a background job of the programme office: start a
//! run, follow its progress, download its CSV report (`/api/v1/files/{id}`).

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cloudpa_store::attestation::runs::PrecheckRun;
use cloudpa_workflows::attestation::runs;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct StartBody {
    /// Only the projects of this call; every project with forms when absent.
    #[serde(default)]
    call_id: Option<String>,
}

/// A run: `queued`, `running`, `failed` (its job tries again) or `done`.
#[derive(Serialize, ToSchema)]
pub(crate) struct RunBody {
    id: String,
    call_id: Option<String>,
    state: String,
    requested_at_ms: i64,
    projects_done: i64,
    projects_total: Option<i64>,
    forms: Option<i64>,
    rows_total: Option<i64>,
    rows_failed: Option<i64>,
    /// The CSV report's file id, once done.
    result_file: Option<String>,
    error: Option<String>,
    finished_at_ms: Option<i64>,
}

/// A run's state as its page and the API name it.
pub(crate) fn state_of(run: &PrecheckRun) -> &'static str {
    match (run.finished_at_ms, &run.error, run.started_at_ms) {
        (Some(_), _, _) => "done",
        (None, Some(_), _) => "failed",
        (None, None, Some(_)) => "running",
        (None, None, None) => "queued",
    }
}

impl From<PrecheckRun> for RunBody {
    fn from(r: PrecheckRun) -> Self {
        RunBody {
            state: state_of(&r).to_owned(),
            id: r.id,
            call_id: r.call_id,
            requested_at_ms: r.requested_at_ms,
            projects_done: r.projects_done,
            projects_total: r.projects_total,
            forms: r.forms,
            rows_total: r.rows_total,
            rows_failed: r.rows_failed,
            result_file: r.result_file,
            error: r.error,
            finished_at_ms: r.finished_at_ms,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RunList {
    items: Vec<RunBody>,
}

/// Starts a bulk pre-check run (one at a time); a worker performs it.
#[utoipa::path(post, path = "/api/v1/precheck-runs", tag = "attestation", request_body = StartBody,
    responses((status = 202, body = RunBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn start(w: Write, ApiJson(body): ApiJson<StartBody>) -> Result<(StatusCode, Json<RunBody>), Problem> {
    let run = runs::start(&w.state, &w.user, w.now, body.call_id.as_deref()).await?;
    Ok((StatusCode::ACCEPTED, Json(run.into())))
}

/// The latest runs, newest first.
#[utoipa::path(get, path = "/api/v1/precheck-runs", tag = "attestation",
    responses((status = 200, body = RunList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<RunList>, Problem> {
    Ok(Json(RunList { items: runs::list(&state, &user).await?.into_iter().map(RunBody::from).collect() }))
}

/// One run, with its progress.
#[utoipa::path(get, path = "/api/v1/precheck-runs/{id}", tag = "attestation", params(("id" = String, Path)),
    responses((status = 200, body = RunBody), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<RunBody>, Problem> {
    Ok(Json(runs::show(&state, &user, &id).await?.into()))
}
