//! Live verifications of SaaS migrations: booked and recorded by the
//! attestor, listed in its calendar, shown to the ente.

use super::verification_answers::{LiveList, VerificationBody};
use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDateTime;
use cloudpa_domain::attestation::live::{LiveMode, LiveOutcome};
use cloudpa_domain::message::Message;
use cloudpa_store::attestation::live::NewLive;
use cloudpa_workflows::attestation::live;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScheduleBody {
    /// The service's position (a service migrated to a SaaS).
    position: i64,
    /// Wall-clock time in Rome, `YYYY-MM-DDTHH:MM:SS`, in the future.
    starts_at: NaiveDateTime,
    /// videocall or on_site.
    mode: String,
    /// The call's link, or the visit's address.
    details: String,
}

/// Books a live verification of a SaaS service of a completed project.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/verification/live", tag = "attestation",
    request_body = ScheduleBody, params(("id" = String, Path)),
    responses((status = 200, body = VerificationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn schedule(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ScheduleBody>,
) -> Result<Json<VerificationBody>, Problem> {
    let mode =
        LiveMode::parse(&body.mode).ok_or_else(|| Problem::invalid([("mode", Message::new("att-live-mode-code"))]))?;
    let new = NewLive { position: body.position, starts_at: body.starts_at, mode, details: &body.details };
    Ok(Json(live::schedule(&w.state, &w.user, w.now, &id, &new).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LiveOutcomeBody {
    /// confirmed, not_confirmed or not_held.
    outcome: String,
    #[serde(default)]
    notes: String,
}

/// Records what a live verification found, once its slot has begun.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/verification/live/{live_id}", tag = "attestation",
    request_body = LiveOutcomeBody, params(("id" = String, Path), ("live_id" = String, Path)),
    responses((status = 200, body = VerificationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn record(
    w: Write,
    Path((id, live_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<LiveOutcomeBody>,
) -> Result<Json<VerificationBody>, Problem> {
    let outcome = LiveOutcome::parse(&body.outcome)
        .ok_or_else(|| Problem::invalid([("outcome", Message::new("att-live-outcome-code"))]))?;
    Ok(Json(live::record(&w.state, &w.user, w.now, &id, &live_id, outcome, &body.notes).await?.into()))
}

/// The slots still to record across the attestor's projects, by time.
#[utoipa::path(get, path = "/api/v1/attestor/calendar", tag = "attestation",
    responses((status = 200, body = LiveList), (status = 403, body = Problem)))]
pub(crate) async fn calendar(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<LiveList>, Problem> {
    Ok(Json(LiveList::of(live::calendar(&state, &user).await?)))
}

/// The project's live verifications: the ente's side.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/live-verifications", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = LiveList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn for_ente(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<LiveList>, Problem> {
    Ok(Json(LiveList::of(live::for_ente(&state, &user, now, &id).await?)))
}
