//! The attestor's verification of a project, the ente's answers to its
//! requests, and the sample controls after payment.

use super::verification_answers::{AssignedProjects, ControlBody, ControlList, RequestList, VerificationBody};
use crate::AppState;
use crate::api::etag::IfMatch;
use crate::api::guard::{ApiJson, Write};
use crate::api::programme::application_answers::CallApplicationBody;
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use cloudpa_domain::attestation::verification::Verdict;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{AttestationOutcome, Side};
use cloudpa_store::attestation::verification::{GivenVerdict, NewRequest};
use cloudpa_workflows::attestation::{requests, samples, verification};
use cloudpa_workflows::programme::applications::view_of;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssignBody {
    /// An attestor organisation's id.
    attestor_id: String,
}

/// Assigns a financed project to an attestor organisation (replacing
/// another); the programme office.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/attestor", tag = "attestation", request_body = AssignBody,
    params(("id" = String, Path)),
    responses((status = 200, body = VerificationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn assign(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AssignBody>,
) -> Result<Json<VerificationBody>, Problem> {
    verification::assign(&w.state, &w.user, w.now, &id, &body.attestor_id).await?;
    Ok(Json(verification::view(&w.state, &w.user, &id).await?.into()))
}

/// The projects assigned to the user's attestor organisation.
#[utoipa::path(get, path = "/api/v1/attestor/projects", tag = "attestation",
    responses((status = 200, body = AssignedProjects), (status = 403, body = Problem)))]
pub(crate) async fn worklist(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<AssignedProjects>, Problem> {
    Ok(Json(AssignedProjects::of(verification::worklist(&state, &user).await?)))
}

/// A project's checklist, verdicts and requests: its attestor or the
/// programme office; to any other attestor it does not exist.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/verification", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = VerificationBody), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<VerificationBody>, Problem> {
    Ok(Json(verification::view(&state, &user, &id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerdictBody {
    /// 0 for the project's checks, else the service's position.
    position: i64,
    /// An item of the checklist at that position.
    item: String,
    /// pass, fail or request_documents.
    verdict: String,
    /// Required unless the item passes.
    #[serde(default)]
    note: String,
}

/// The attestor's verdict on one item of a completed project. With
/// `If-Match` (the item's `version` in the checklist, "0" before the first
/// verdict), a colleague's verdict given in between is not overwritten: 409
/// naming the current version, who gave it and when.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/verification/verdicts", tag = "attestation",
    request_body = VerdictBody, params(("id" = String, Path),
        ("If-Match" = Option<IfMatch>, Header, description = "the version of the item's verdict, e.g. \"2\"")),
    responses((status = 200, body = VerificationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn verdict(
    w: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<VerdictBody>,
) -> Result<Json<VerificationBody>, Problem> {
    let verdict = Verdict::parse(&body.verdict)
        .ok_or_else(|| Problem::invalid([("verdict", Message::new("att-verdict-code"))]))?;
    let given = GivenVerdict { position: body.position, item: &body.item, verdict, note: &body.note };
    Ok(Json(verification::give_verdict(&w.state, &w.user, w.now, &id, (&given, expected)).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentRequestBody {
    /// 0 for the project, else the service's position.
    position: i64,
    text: String,
    due_on: NaiveDate,
}

/// The attestor asks the ente for documents, by a date.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/verification/requests", tag = "attestation",
    request_body = DocumentRequestBody, params(("id" = String, Path)),
    responses((status = 200, body = VerificationBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn request_documents(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DocumentRequestBody>,
) -> Result<Json<VerificationBody>, Problem> {
    let request = NewRequest { position: body.position, text: &body.text, due_on: body.due_on };
    Ok(Json(verification::request_documents(&w.state, &w.user, w.now, &id, &request).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutcomeBody {
    /// positive, partially_positive or negative.
    #[schema(value_type = String)]
    outcome: AttestationOutcome,
    /// Required unless positive.
    #[serde(default)]
    motivation: String,
}

/// The attestor's outcome, once every form is submitted and every item
/// decided: positive → attested (the payment request follows), partially
/// positive → back to the ente, negative → revoked.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/verification/outcome", tag = "attestation",
    request_body = OutcomeBody, params(("id" = String, Path)),
    responses((status = 200, body = CallApplicationBody), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn outcome(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OutcomeBody>,
) -> Result<Json<CallApplicationBody>, Problem> {
    let app = verification::decide(&w.state, &w.user, w.now, &id, body.outcome, &body.motivation).await?;
    Ok(Json(CallApplicationBody::from(&view_of(&w.state, w.now, app, Side::Attestor).await?)))
}

/// The attestor's requests on the project: the ente's side.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/requests", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = RequestList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn ente_requests(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<RequestList>, Problem> {
    Ok(Json(RequestList::of(requests::list(&state, &user, now, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerBody {
    #[serde(default)]
    answer: String,
    /// Ids of files the ente uploaded.
    #[serde(default)]
    files: Vec<String>,
}

/// The ente answers a request of its attestor, once.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/requests/{request_id}/answer", tag = "attestation",
    request_body = AnswerBody, params(("id" = String, Path), ("request_id" = String, Path)),
    responses((status = 200, body = RequestList), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn answer_request(
    w: Write,
    Path((id, request_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<RequestList>, Problem> {
    let answered = requests::answer(&w.state, &w.user, w.now, &id, &request_id, &body.answer, &body.files).await?;
    Ok(Json(RequestList::of(answered)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DrawBody {
    /// The share of paid projects not drawn before, 1–100.
    percent: u8,
    /// The draw's seed: anyone with it and the list can repeat the draw.
    seed: u64,
}

/// Draws sample controls among the paid projects; the programme office.
#[utoipa::path(post, path = "/api/v1/sample-controls", tag = "attestation", request_body = DrawBody,
    responses((status = 200, body = ControlList), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn draw(w: Write, ApiJson(body): ApiJson<DrawBody>) -> Result<Json<ControlList>, Problem> {
    Ok(Json(ControlList::of(samples::draw(&w.state, &w.user, w.now, body.percent, body.seed).await?)))
}

/// Every sample control, the earliest due first, with those overdue.
#[utoipa::path(get, path = "/api/v1/sample-controls", tag = "attestation",
    responses((status = 200, body = ControlList), (status = 403, body = Problem)))]
pub(crate) async fn controls(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<ControlList>, Problem> {
    Ok(Json(ControlList::of(samples::list(&state, &user, now).await?)))
}

/// The ente answers its project's sample control, once.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/sample-control/answer", tag = "attestation",
    request_body = AnswerBody, params(("id" = String, Path)),
    responses((status = 200, body = ControlBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn answer_control(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<ControlBody>, Problem> {
    Ok(Json(samples::answer(&w.state, &w.user, w.now, &id, &body.answer, &body.files).await?.into()))
}

/// The attestor's report of the project's last outcome, a PDF/A: its
/// attestor, the programme office, or the ente.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/verification/report.pdf", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, description = "The report", content_type = "application/pdf"), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn report(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<axum::response::Response, Problem> {
    use axum::response::IntoResponse;
    let pdf = verification::report(&state, &user, now, &id).await?;
    let disposition = format!("inline; filename=\"asseverazione-{id}.pdf\"");
    let headers = [
        (axum::http::header::CONTENT_TYPE, "application/pdf".to_owned()),
        (axum::http::header::CONTENT_DISPOSITION, disposition),
    ];
    Ok((headers, pdf).into_response())
}
