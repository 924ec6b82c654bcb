//! Applications of enti to calls: the ente's steps (draft, services,
//! submission, CUP, contract, migration, completion, withdrawal) and the
//! programme office's decisions (decree, refusal, asseverazione, payment).

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::programme::application_answers::{CallApplicationBody, CallApplicationList, CallApplicationQueue};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{AttestationOutcome, CallApplicationState, Side};
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::programme::acting_for;
use cloudpa_workflows::programme::applications::{self as workflow, ChoiceInput, Decision, EnteStep};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// The application as the side that acted on it sees it.
async fn answer(w: &Write, app: CallApplication, side: Side) -> Result<Json<CallApplicationBody>, Problem> {
    Ok(Json(CallApplicationBody::from(&workflow::view_of(&w.state, w.now, app, side).await?)))
}

/// An ente's applications, newest first.
#[utoipa::path(get, path = "/api/v1/enti/{ente_id}/applications", tag = "applications",
    params(("ente_id" = String, Path)),
    responses((status = 200, body = CallApplicationList), (status = 403, body = Problem)))]
pub(crate) async fn list_of_ente(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(ente_id): Path<String>,
) -> Result<Json<CallApplicationList>, Problem> {
    let acting = acting_for(&state, &user, now, &ente_id, Permission::ViewOwnProgramme).await?;
    Ok(Json(CallApplicationList::of(&state.store.call_applications_of(&acting.ente_id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OpenCallApplication {
    /// The call's id, from `/api/v1/calls`.
    call_id: String,
}

/// Opens a draft application of the ente to a call it is admitted to.
#[utoipa::path(post, path = "/api/v1/enti/{ente_id}/applications", tag = "applications", request_body = OpenCallApplication,
    params(("ente_id" = String, Path)),
    responses((status = 201, body = CallApplicationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn open(
    w: Write,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<OpenCallApplication>,
) -> Result<(StatusCode, Json<CallApplicationBody>), Problem> {
    let app = workflow::open(&w.state, &w.user, w.now, &ente_id, &body.call_id).await?;
    Ok((StatusCode::CREATED, answer(&w, app, Side::Ente).await?))
}

/// The programme office's list of applications in a state (default
/// `submitted`: the queue to decide).
#[utoipa::path(get, path = "/api/v1/call-applications", tag = "applications",
    params(("state" = Option<String>, Query, description = "submitted (default), financed, contracted, completed, …")),
    responses((status = 200, body = CallApplicationQueue), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn office_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<CallApplicationQueue>, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let wanted = match q.get("state").map(String::as_str) {
        None | Some("") => CallApplicationState::Submitted,
        Some(code) => CallApplicationState::parse(code)
            .filter(|s| *s != CallApplicationState::Draft)
            .ok_or_else(|| Problem::validation().field("state", Message::new("prog-state-not-draft")))?,
    };
    Ok(Json(CallApplicationQueue::of(wanted, &state.store.call_applications_in(&[wanted]).await?)))
}

/// An application with its services, voucher breakdown, deadlines (each
/// met or not, overdue or not), the CUP countdown, and — for a draft — what
/// still keeps it from being submitted.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CallApplicationBody>, Problem> {
    Ok(Json(CallApplicationBody::from(&workflow::view(&state, &user, now, &id).await?)))
}

/// Deletes a draft (a submitted application is withdrawn instead).
#[utoipa::path(delete, path = "/api/v1/call-applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn delete(w: Write, Path(id): Path<String>) -> Result<StatusCode, Problem> {
    workflow::delete_draft(&w.state, &w.user, w.now, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ServicesBody {
    /// `[{service_code, ente_service_id, destination: iaas|paas|saas, earlier_move?}]`
    #[schema(value_type = Vec<Object>)]
    services: Vec<ChoiceInput>,
}

/// Replaces the services of a draft. Each must be on the call's list and
/// one of the ente's classified services, moving along an admissible
/// scenario (`earlier_move` for IaaS qualificato → SaaS); the voucher is
/// recomputed. The count is checked against the class at submission.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/services", tag = "applications", request_body = ServicesBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "Not a draft: the services are frozen")))]
pub(crate) async fn save_services(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ServicesBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::save_services(&w.state, &w.user, w.now, &id, &body.services).await?;
    answer(&w, app, Side::Ente).await
}

/// Submits a draft in an open window of its call.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/submit", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn submit(w: Write, Path(id): Path<String>) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::submit(&w.state, &w.user, w.now, &id).await?;
    answer(&w, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CupBody {
    /// 15 characters (Codice Unico di Progetto).
    cup: String,
}

/// Gives the project's CUP (due within 5 days of the decree).
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/cup", tag = "applications", request_body = CupBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 400, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn cup(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CupBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::give_cup(&w.state, &w.user, w.now, &id, &body.cup).await?;
    answer(&w, app, Side::Ente).await
}

/// A step's date, YYYY-MM-DD; today when omitted.
#[derive(Deserialize, ToSchema, Default)]
pub(crate) struct DateBody {
    #[serde(default)]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    on: Option<String>,
}

/// A dated step of the ente, answered as the ente sees the application.
async fn step(w: Write, id: &str, step: EnteStep, body: DateBody) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::ente_step(&w.state, &w.user, w.now, id, step, body.on.as_deref()).await?;
    answer(&w, app, Side::Ente).await
}

/// Records the activation of the supplier contract (the CUP first).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/contract", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn contract(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    step(w, &id, EnteStep::ActivateContract, body).await
}

/// Declares the project complete: every service migrated.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/complete", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn complete(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    step(w, &id, EnteStep::Complete, body).await
}

/// Renounces the application or the financing (rinuncia).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/withdraw", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn withdraw(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    step(w, &id, EnteStep::Withdraw, body).await
}

/// Marks a service (by position, from 1) migrated, while the contract runs.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/services/{position}/migrated", tag = "applications",
    request_body = DateBody, params(("id" = String, Path), ("position" = usize, Path, minimum = 0, maximum = 2147483647)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn migrated(
    w: Write,
    Path((id, position)): Path<(String, usize)>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::mark_migrated(&w.state, &w.user, w.now, &id, position, body.on.as_deref()).await?;
    answer(&w, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImprovementBody {
    /// paas or saas.
    destination: String,
}

/// Declares the improved migration of a service declared A: it moves to B
/// (PaaS or SaaS) instead; the amount decreed does not change.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/services/{position}/improvement", tag = "applications",
    request_body = ImprovementBody, params(("id" = String, Path), ("position" = usize, Path, minimum = 0, maximum = 2147483647)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 400, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn improvement(
    w: Write,
    Path((id, position)): Path<(String, usize)>,
    ApiJson(body): ApiJson<ImprovementBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::improve(&w.state, &w.user, w.now, &id, position, &body.destination).await?;
    answer(&w, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecreeBody {
    /// The decree's date (today when omitted).
    #[serde(default)]
    decree_on: Option<String>,
    /// The amount financed, in cents: the voucher asked for when omitted, never more.
    #[serde(default)]
    amount_cents: Option<i64>,
}

/// Admits and finances a submitted application by decree (programme office).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/decree", tag = "applications", request_body = DecreeBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn decree(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecreeBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    decide(w, &id, Decision::Decree { on: body.decree_on, amount_cents: body.amount_cents }).await
}

/// A decision of the programme office, answered as the office sees the application.
async fn decide(w: Write, id: &str, decision: Decision) -> Result<Json<CallApplicationBody>, Problem> {
    let app = workflow::decide(&w.state, &w.user, w.now, id, decision).await?;
    answer(&w, app, Side::Office).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RefusalBody {
    motivation: String,
}

/// Refuses a submitted application, with a motivation (programme office).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/refusal", tag = "applications", request_body = RefusalBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn refusal(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RefusalBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    decide(w, &id, Decision::Refuse { motivation: body.motivation }).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttestationBody {
    /// positive, partially_positive or negative.
    #[schema(value_type = String)]
    outcome: AttestationOutcome,
    #[serde(default)]
    attested_on: Option<String>,
}

/// Records the outcome of the asseverazione of a completed project:
/// positive (→ payment), partially positive (back to work), negative
/// (financing revoked).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/attestation", tag = "applications",
    request_body = AttestationBody, params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn attestation(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AttestationBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    decide(w, &id, Decision::Attestation { outcome: body.outcome, on: body.attested_on }).await
}

/// Records the payment of an attested project.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/payment", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 404, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn payment(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    decide(w, &id, Decision::Pay { on: body.on }).await
}
