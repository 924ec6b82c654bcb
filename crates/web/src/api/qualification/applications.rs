//! Applications for qualification: the provider's side (open, answer,
//! submit, withdraw) and the agency's (queue, assign, review, request
//! integration, decide; suspend, reinstate and revoke a listing).

use crate::AppState;
use crate::api::etag::{self, IfMatch};
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::application_answers::{ApplicationFile, DecisionOutcome, QueueEntry, ReviewQueue};
use crate::api::qualification::records::{DecisionRecord, QualificationApplication, RequirementAnswer};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::lifecycle::{QualificationEvent, QualificationState};
use cloudpa_domain::qualification::track::Track;
use cloudpa_domain::qualification::triage::Answer;
use cloudpa_domain::time::days_since;
use cloudpa_workflows::qualification::applications::{self as flow, load};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OpenQualificationApplication {
    listing_id: String,
    /// Default `acn-2024-qc`; also `agid-2018-csp`, `agid-2018-saas`.
    requirement_set: Option<String>,
}

/// Opens a draft application for a listing (a renewal when it was qualified).
#[utoipa::path(post, path = "/api/v1/applications", tag = "qualification", request_body = OpenQualificationApplication,
    responses((status = 201, body = QualificationApplication), (status = 404, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem)))]
pub(crate) async fn open(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<OpenQualificationApplication>,
) -> Result<(StatusCode, Json<QualificationApplication>), Problem> {
    let app = flow::open(&state, &user, now, &body.listing_id, body.requirement_set.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(app.into())))
}

/// An application with its form (the applicable requirements and their
/// answers), the reviewers' verdicts and the listing's decisions; `ETag`
/// is the application's version, for `If-Match` on its next step.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "qualification", params(("id" = String, Path)),
    responses((status = 200, body = ApplicationFile, headers(("ETag" = String, description = "the application's version, e.g. \"2\""))),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let (app, _) = load(&state, &user, &id).await?;
    let version = etag::of(app.version);
    Ok(([(axum::http::header::ETAG, version)], Json(ApplicationFile::load(&state, app).await?)).into_response())
}

/// Answers one requirement of a draft (or of an application sent back for
/// integration). The body is the answer, e.g. `{"type": "yes_no", "value": true}`
/// or `{"type": "certificate", "expires_on": "2027-06-30", "document": FILE_ID}`.
#[utoipa::path(put, path = "/api/v1/applications/{id}/answers/{requirement_id}", tag = "qualification",
    params(("id" = String, Path), ("requirement_id" = String, Path)),
    request_body = RequirementAnswer,
    responses((status = 204), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn answer(
    Write { state, now, user }: Write,
    Path((id, requirement_id)): Path<(String, String)>,
    ApiJson(answer): ApiJson<RequirementAnswer>,
) -> Result<StatusCode, Problem> {
    flow::answer(&state, &user, now, &id, &requirement_id, &Answer::from(answer)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submits (or resubmits) after the automatic triage; 422 names each
/// requirement that makes it a definite fail.
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "qualification", params(("id" = String, Path)),
    responses((status = 200, body = QualificationApplication), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub(crate) async fn submit(w: Write, Path(id): Path<String>) -> Result<Json<QualificationApplication>, Problem> {
    Ok(Json(flow::submit(&w.state, &w.user, w.now, &id).await?.into()))
}

/// Withdraws an application that is not yet in review.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "qualification",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the application's version the step is made to, e.g. \"2\"")),
    responses((status = 200, body = QualificationApplication), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn withdraw(
    w: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
) -> Result<Json<QualificationApplication>, Problem> {
    act(w, (&id, expected), QualificationEvent::Withdraw).await
}

/// A step of the application's lifecycle, answered with the application.
async fn act(
    w: Write,
    made_to: (&str, Option<i64>),
    event: QualificationEvent,
) -> Result<Json<QualificationApplication>, Problem> {
    Ok(Json(flow::act(&w.state, &w.user, w.now, made_to, event).await?.0.into()))
}

/// The agency's queue: applications waiting, oldest submission first, with
/// their age in days. `state` narrows it (default: every open state).
#[utoipa::path(get, path = "/api/v1/review/queue", tag = "qualification",
    params(("state" = Option<String>, Query), ("assigned" = Option<String>, Query, description = "`me` or `none`")),
    responses((status = 200, body = ReviewQueue), (status = 403, body = Problem)))]
pub(crate) async fn queue(
    State(state): State<AppState>,
    Clock(clock): Clock,
    CurrentUser(user): CurrentUser,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ReviewQueue>, Problem> {
    require(&user, Permission::ReviewApplications)?;
    let states = match q.get("state") {
        Some(code) => {
            vec![
                QualificationState::parse(code)
                    .ok_or_else(|| Problem::validation().field("state", Message::new("qual-not-a-state")))?,
            ]
        }
        None => vec![
            QualificationState::Submitted,
            QualificationState::InReview,
            QualificationState::IntegrationRequested,
            QualificationState::Resubmitted,
        ],
    };
    let items = state
        .store
        .review_queue(&states)
        .await?
        .into_iter()
        .filter(|i| match q.get("assigned").map(String::as_str) {
            Some("me") => i.application.assigned_to.as_deref() == Some(user.user.id.as_str()),
            Some("none") => i.application.assigned_to.is_none(),
            _ => true,
        })
        .map(|i| {
            let age_days = i.application.submitted_at_ms.map(|s| days_since(s, clock.today));
            QueueEntry::new(i, age_days)
        })
        .collect();
    Ok(Json(ReviewQueue { items }))
}

/// Assigns the application to the calling reviewer.
#[utoipa::path(post, path = "/api/v1/applications/{id}/assign", tag = "qualification", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn assign(w: Write, Path(id): Path<String>) -> Result<StatusCode, Problem> {
    flow::assign(&w.state, &w.user, w.now, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a submitted application into review.
#[utoipa::path(post, path = "/api/v1/applications/{id}/start-review", tag = "qualification",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the application's version the step is made to, e.g. \"2\"")),
    responses((status = 200, body = QualificationApplication), (status = 404, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem)))]
pub(crate) async fn start_review(
    w: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
) -> Result<Json<QualificationApplication>, Problem> {
    act(w, (&id, expected), QualificationEvent::StartReview).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewBody {
    /// met, not_met or unclear.
    verdict: String,
    note: String,
}

/// Records the reviewer's verdict and note on one requirement.
#[utoipa::path(put, path = "/api/v1/applications/{id}/reviews/{requirement_id}", tag = "qualification",
    params(("id" = String, Path), ("requirement_id" = String, Path)), request_body = ReviewBody,
    responses((status = 204), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn review(
    Write { state, now, user }: Write,
    Path((id, requirement_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReviewBody>,
) -> Result<StatusCode, Problem> {
    flow::review(&state, &user, now, &id, &requirement_id, &body.verdict, &body.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntegrationBody {
    /// The date by which the provider must integrate (after today).
    deadline: NaiveDate,
}

/// Sends the application back to the provider for integration.
#[utoipa::path(post, path = "/api/v1/applications/{id}/request-integration", tag = "qualification",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the application's version the step is made to, e.g. \"2\"")), request_body = IntegrationBody,
    responses((status = 200, body = QualificationApplication), (status = 404, body = Problem), (status = 400, body = Problem),
              (status = 409, body = Problem)))]
pub(crate) async fn request_integration(
    w: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<IntegrationBody>,
) -> Result<Json<QualificationApplication>, Problem> {
    act(w, (&id, expected), QualificationEvent::RequestIntegration { deadline: body.deadline }).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionBody {
    /// qualified or rejected.
    outcome: String,
    /// The written motivation of the decision.
    motivation: String,
}

/// Decides an application; the answer includes the decision record's id.
/// Of two reviewers deciding at once, one wins; the other is answered 409
/// naming who decided, when, and the application's version now.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "qualification",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the application's version the step is made to, e.g. \"2\"")), request_body = DecisionBody,
    responses((status = 200, body = DecisionOutcome), (status = 404, body = Problem), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem)))]
pub(crate) async fn decide(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<DecisionOutcome>, Problem> {
    let event = match body.outcome.as_str() {
        "qualified" => QualificationEvent::Qualify { motivation: body.motivation },
        "rejected" => QualificationEvent::Reject { motivation: body.motivation },
        _ => return Err(Problem::validation().field("outcome", Message::new("qual-outcome"))),
    };
    Ok(Json(flow::act(&state, &user, now, (&id, expected), event).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuspendBody {
    reason: String,
    planned_end: NaiveDate,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MotivationBody {
    motivation: String,
}

/// Suspends a qualified listing, with a reason and a planned end.
#[utoipa::path(post, path = "/api/v1/listings/{id}/suspend", tag = "qualification", params(("id" = String, Path)),
    request_body = SuspendBody, responses((status = 200, body = DecisionOutcome), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn suspend(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SuspendBody>,
) -> Result<Json<DecisionOutcome>, Problem> {
    listing_decision(w, &id, QualificationEvent::Suspend { reason: body.reason, planned_end: body.planned_end }).await
}

/// Reinstates a suspended listing.
#[utoipa::path(post, path = "/api/v1/listings/{id}/reinstate", tag = "qualification", params(("id" = String, Path)),
    request_body = MotivationBody, responses((status = 200, body = DecisionOutcome), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn reinstate(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MotivationBody>,
) -> Result<Json<DecisionOutcome>, Problem> {
    listing_decision(w, &id, QualificationEvent::Reinstate { motivation: body.motivation }).await
}

/// Revokes a qualified or suspended listing.
#[utoipa::path(post, path = "/api/v1/listings/{id}/revoke", tag = "qualification", params(("id" = String, Path)),
    request_body = MotivationBody, responses((status = 200, body = DecisionOutcome), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn revoke(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MotivationBody>,
) -> Result<Json<DecisionOutcome>, Problem> {
    listing_decision(w, &id, QualificationEvent::Revoke { motivation: body.motivation }).await
}

/// A decision on a qualified listing, answered with the decision.
async fn listing_decision(w: Write, id: &str, event: QualificationEvent) -> Result<Json<DecisionOutcome>, Problem> {
    Ok(Json(flow::act_on_listing(&w.state, &w.user, w.now, id, event).await?.into()))
}

/// A decision record (public: decisions on qualifications are public acts).
#[utoipa::path(get, path = "/api/v1/decisions/{id}", tag = "qualification", params(("id" = String, Path)),
    responses((status = 200, body = DecisionRecord), (status = 404, body = Problem)))]
pub(crate) async fn decision(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DecisionRecord>, Problem> {
    let d = state
        .store
        .decision(&id)
        .await?
        .ok_or_else(|| Problem::not_found(Message::new("qual-no-decision").arg("id", &id)))?;
    Ok(Json(d.into()))
}

/// The certificate of a qualification decision: PDF/A-2b with the permalink
/// to the listing's live status and its QR code.
#[utoipa::path(get, path = "/api/v1/decisions/{id}/certificate.pdf", tag = "qualification", params(("id" = String, Path)),
    responses((status = 200, description = "The certificate", content_type = "application/pdf"),
              (status = 404, body = Problem)))]
pub(crate) async fn certificate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::i18n::Reader(lang): crate::i18n::Reader,
) -> Result<Response, Problem> {
    let d = state
        .store
        .decision(&id)
        .await?
        .ok_or_else(|| Problem::not_found(Message::new("qual-no-decision").arg("id", &id)))?;
    if d.kind != "qualification" {
        return Err(Problem::not_found(Message::new("qual-no-certificate")));
    }
    let listing = state.store.current_listing(&d.listing_id).await?.ok_or_else(Problem::internal)?;
    let provider = state.store.organisation(&listing.provider_id).await?.ok_or_else(Problem::internal)?;
    let text = |key: &str| d.details[key].as_str().unwrap_or_default().to_owned();
    let classes: Vec<String> = d.details["data_classes"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let valid_until =
        text("valid_until").parse::<NaiveDate>().map(|v| v.format("%d/%m/%Y").to_string()).unwrap_or_default();
    let permalink = format!("{}/qualificazioni/{}", state.config.public_url.trim_end_matches('/'), d.listing_id);
    // The track the decision was taken on is its requirement set's: an
    // adeguamento names its level AC2 and its operator, not "QC2" and a
    // provider.
    let set = state.store.requirement_set(&text("requirement_set"), Some(&text("requirement_version"))).await?;
    let track = set.map(|s| s.track).unwrap_or_default();
    let level = text("level").parse::<Level>().map_or_else(|_| text("level"), |l| track.level_code(l));
    let certificate = cloudpa_documents::certificate::Certificate {
        adeguamento: track == Track::Adeguamento,
        decision_id: &d.id,
        provider: &provider.name,
        service: &text("service"),
        kind: &text("kind"),
        level: &level,
        data_classes: &classes.iter().map(|c| lang.named("data_class", c)).collect::<Vec<_>>().join(", "),
        location: &text("location"),
        decided_on: d.decided_on,
        valid_until: &valid_until,
        motivation: &d.motivation,
        permalink: &permalink,
    };
    let pdf = cloudpa_documents::certificate::render(&certificate, lang).map_err(|e| {
        tracing::error!(error = %e, "certificate rendering failed");
        Problem::internal()
    })?;
    let disposition = format!("inline; filename=\"certificato-{}.pdf\"", d.id);
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/pdf".to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response())
}
