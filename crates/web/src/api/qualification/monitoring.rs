//! Monitoring of qualified services for their 36 months: a listing's
//! certificates and what they leave unmet, the changes its provider
//! notifies, the agency's checks; the agency's desk and a provider's list of
//! what is due.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::{
    ChangeTriageCode, CheckKindCode, CheckOutcomeCode, NotifiedChangeKindCode, StandardCode,
};
use crate::api::qualification::monitoring_records::{
    AlertRecord, CertificateRecord, ChangeRecord, CheckRecord, DueRecord, MonitoringRecord, due_record,
};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::monitoring::certificates::CertificateForm;
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use cloudpa_workflows::qualification::monitoring::reviews::{self, CheckOpening};
use cloudpa_workflows::qualification::monitoring::{self as flow, certificates, desk};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The monitoring of a qualified service: its level's requirements and
/// whether its certificates meet them today, its alerts, notified changes,
/// checks and what is due. For its provider and the agency.
#[utoipa::path(get, path = "/api/v1/listings/{id}/monitoring", tag = "monitoring", params(("id" = String, Path)),
    responses((status = 200, body = MonitoringRecord), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MonitoringRecord>, Problem> {
    Ok(Json(flow::of_listing(&state, &user, now, &id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CertificateBody {
    #[schema(value_type = StandardCode)]
    standard: String,
    issuer: String,
    accreditation: String,
    number: String,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

/// Records a certificate of one of the provider's services; the service's
/// alerts are brought up to date at once.
#[utoipa::path(post, path = "/api/v1/listings/{id}/certificates", tag = "monitoring", params(("id" = String, Path)),
    request_body = CertificateBody,
    responses((status = 201, body = CertificateRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn add_certificate(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CertificateBody>,
) -> Result<(StatusCode, Json<CertificateRecord>), Problem> {
    let form = CertificateForm {
        standard: b.standard,
        issuer: b.issuer,
        accreditation: b.accreditation,
        number: b.number,
        valid_from: Some(b.valid_from),
        valid_until: Some(b.valid_until),
    };
    let stored = certificates::add(&state, &user, now, &id, &form).await?;
    Ok((StatusCode::CREATED, Json(stored.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChangeBody {
    #[schema(value_type = NotifiedChangeKindCode)]
    kind: String,
    summary: String,
    /// The day the change takes effect.
    effective_on: NaiveDate,
}

/// The provider notifies a change to one of its qualified services (art. 16
/// c. 7, as quoted by a secondary source); the agency is told.
#[utoipa::path(post, path = "/api/v1/listings/{id}/changes", tag = "monitoring", params(("id" = String, Path)),
    request_body = ChangeBody,
    responses((status = 201, body = ChangeRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn notify_change(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ChangeBody>,
) -> Result<(StatusCode, Json<ChangeRecord>), Problem> {
    let kind = ChangeKind::parse(&b.kind)
        .ok_or_else(|| Problem::validation().field("kind", Message::new("mon-rule-change-kind")))?;
    let change = reviews::notify(&state, &user, now, &id, (kind, &b.summary, b.effective_on)).await?;
    Ok((StatusCode::CREATED, Json(change.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriageBody {
    #[schema(value_type = ChangeTriageCode)]
    triage: String,
    motivation: String,
}

/// The agency triages a notified change, once.
#[utoipa::path(post, path = "/api/v1/monitoring/changes/{id}/triage", tag = "monitoring", params(("id" = String, Path)),
    request_body = TriageBody,
    responses((status = 200, body = ChangeRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn triage(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TriageBody>,
) -> Result<Json<ChangeRecord>, Problem> {
    let triage = ChangeTriage::parse(&b.triage)
        .ok_or_else(|| Problem::validation().field("triage", Message::new("mon-rule-triage")))?;
    Ok(Json(reviews::triage(&state, &user, now, &id, (triage, &b.motivation)).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckBody {
    #[schema(value_type = CheckKindCode)]
    kind: String,
    subject: String,
    /// The day the provider must answer by (after today).
    respond_by: NaiveDate,
    /// The alert the check answers, if any (one of this service's).
    #[serde(default)]
    alert_id: Option<String>,
}

/// The agency opens a check (documentary or on site) of a qualified service.
#[utoipa::path(post, path = "/api/v1/listings/{id}/checks", tag = "monitoring", params(("id" = String, Path)),
    request_body = CheckBody,
    responses((status = 201, body = CheckRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn open_check(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CheckBody>,
) -> Result<(StatusCode, Json<CheckRecord>), Problem> {
    let kind = CheckKind::parse(&b.kind)
        .ok_or_else(|| Problem::validation().field("kind", Message::new("mon-rule-check-kind")))?;
    let opening = CheckOpening { kind, subject: &b.subject, respond_by: b.respond_by, alert_id: b.alert_id.as_deref() };
    let check = reviews::open_check(&state, &user, now, &id, opening).await?;
    Ok((StatusCode::CREATED, Json(check.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CloseCheckBody {
    #[schema(value_type = CheckOutcomeCode)]
    outcome: String,
    findings: String,
    /// For a service found not compliant: suspend it until this day (a
    /// decision record, like `POST /listings/{id}/suspend`).
    #[serde(default)]
    suspend_until: Option<NaiveDate>,
}

/// The agency closes a check with its findings and outcome, once; a service
/// found not compliant may be suspended in the same step.
#[utoipa::path(post, path = "/api/v1/monitoring/checks/{id}/close", tag = "monitoring", params(("id" = String, Path)),
    request_body = CloseCheckBody,
    responses((status = 200, body = CheckRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn close_check(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CloseCheckBody>,
) -> Result<Json<CheckRecord>, Problem> {
    let outcome = CheckOutcome::parse(&b.outcome)
        .ok_or_else(|| Problem::validation().field("outcome", Message::new("mon-rule-check-outcome")))?;
    Ok(Json(reviews::close_check(&state, &user, now, &id, (outcome, &b.findings, b.suspend_until)).await?.into()))
}

/// The agency's desk.
#[derive(Serialize, ToSchema)]
pub(crate) struct DeskRecord {
    /// Open alerts, the oldest first.
    alerts: Vec<AlertRecord>,
    /// Changes not triaged yet, the oldest first.
    changes: Vec<ChangeRecord>,
    /// Open checks, the answer due soonest first.
    checks: Vec<CheckRecord>,
}

/// The agency's desk of monitoring: open alerts, changes to triage, open
/// checks, across every service.
#[utoipa::path(get, path = "/api/v1/monitoring", tag = "monitoring",
    responses((status = 200, body = DeskRecord), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn agency_desk(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<DeskRecord>, Problem> {
    let d = desk::agency(&state, &user).await?;
    Ok(Json(DeskRecord {
        alerts: d.alerts.into_iter().map(|n| n.item.into()).collect(),
        changes: d.changes.into_iter().map(|n| n.item.into()).collect(),
        checks: d.checks.into_iter().map(|n| n.item.into()).collect(),
    }))
}

/// What a provider owes.
#[derive(Serialize, ToSchema)]
pub(crate) struct DueList {
    /// The earliest first.
    items: Vec<DueRecord>,
}

/// What the provider owes across its services in force, and by when, the
/// earliest first.
#[utoipa::path(get, path = "/api/v1/provider/monitoring", tag = "monitoring",
    responses((status = 200, body = DueList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn provider_due(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<DueList>, Problem> {
    let owed = desk::provider(&state, &user, now).await?;
    Ok(Json(DueList { items: owed.into_iter().map(|o| due_record(&o.listing_id, &o.service, o.due)).collect() }))
}
