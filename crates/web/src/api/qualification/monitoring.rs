//! Monitoring of qualified services for their 36 months: a listing's
//! certificates and what they leave unmet, the changes its provider
//! notifies, the agency's checks; the agency's desk and a provider's list of
//! what is due.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::{
    ChangeTriageCode, CheckKindCode, CheckOutcomeCode, ListingStatusCode, NotifiedChangeKindCode, StandardCode,
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
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::monitoring::certificates::{CertificateForm, Standard};
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use cloudpa_store::qualification::monitoring::{Alert, Check, NotifiedChange, StoredCertificate};
use cloudpa_workflows::qualification::monitoring::reviews::{self, CheckOpening};
use cloudpa_workflows::qualification::monitoring::{self as flow, Due, Monitoring, certificates, desk};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A certificate a qualified service holds.
#[derive(Serialize, ToSchema)]
pub(crate) struct CertificateRecord {
    id: String,
    listing_id: String,
    #[schema(value_type = StandardCode)]
    standard: Standard,
    /// The issuing (certification) body.
    issuer: String,
    /// The body that accredited the issuer (e.g. ACCREDIA).
    accreditation: String,
    number: String,
    valid_from: NaiveDate,
    /// Its last day of validity, included.
    valid_until: NaiveDate,
}

impl From<StoredCertificate> for CertificateRecord {
    fn from(c: StoredCertificate) -> Self {
        CertificateRecord {
            id: c.id,
            listing_id: c.listing_id,
            standard: c.standard,
            issuer: c.issuer,
            accreditation: c.accreditation,
            number: c.number,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
        }
    }
}

/// One requirement of the listing's level and whether its certificates meet
/// it on the day asked.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementRecord {
    /// The paragraph of the Regolamento that states it.
    reference: String,
    /// Met by any one of these alternatives, each by every standard it lists.
    #[schema(value_type = Vec<Vec<StandardCode>>)]
    any_of: Vec<Vec<String>>,
    met: bool,
}

/// An alert to the agency: a requirement of the level left unmet.
#[derive(Serialize, ToSchema)]
pub(crate) struct AlertRecord {
    id: String,
    listing_id: String,
    level: String,
    /// The requirement's alternatives' codes (`A+B|C`).
    requirement: String,
    reference: String,
    opened_on: NaiveDate,
    /// Null while open.
    closed_on: Option<NaiveDate>,
}

impl From<Alert> for AlertRecord {
    fn from(a: Alert) -> Self {
        AlertRecord {
            id: a.id,
            listing_id: a.listing_id,
            level: a.level,
            requirement: a.requirement,
            reference: a.reference,
            opened_on: a.opened_on,
            closed_on: a.closed_on,
        }
    }
}

/// A change the provider notified, and the agency's triage of it.
#[derive(Serialize, ToSchema)]
pub(crate) struct ChangeRecord {
    id: String,
    listing_id: String,
    #[schema(value_type = NotifiedChangeKindCode)]
    kind: ChangeKind,
    summary: String,
    notified_on: NaiveDate,
    effective_on: NaiveDate,
    /// Days from the notice to the day it takes effect (negative: notified
    /// after the fact).
    notice_days: i64,
    /// Null until the agency triages it.
    #[schema(value_type = Option<ChangeTriageCode>)]
    triage: Option<ChangeTriage>,
    triage_motivation: Option<String>,
    triaged_on: Option<NaiveDate>,
}

impl From<NotifiedChange> for ChangeRecord {
    fn from(c: NotifiedChange) -> Self {
        use cloudpa_domain::qualification::monitoring::changes::notice_days;
        ChangeRecord {
            notice_days: notice_days(c.notified_on, c.effective_on),
            id: c.id,
            listing_id: c.listing_id,
            kind: c.kind,
            summary: c.summary,
            notified_on: c.notified_on,
            effective_on: c.effective_on,
            triage: c.triage,
            triage_motivation: c.triage_motivation,
            triaged_on: c.triaged_on,
        }
    }
}

/// A check of the agency.
#[derive(Serialize, ToSchema)]
pub(crate) struct CheckRecord {
    id: String,
    listing_id: String,
    #[schema(value_type = CheckKindCode)]
    kind: CheckKind,
    subject: String,
    alert_id: Option<String>,
    opened_on: NaiveDate,
    /// The day the provider must answer by.
    respond_by: NaiveDate,
    /// Null while open.
    #[schema(value_type = Option<CheckOutcomeCode>)]
    outcome: Option<CheckOutcome>,
    findings: Option<String>,
    closed_on: Option<NaiveDate>,
    /// The planned end of the suspension the check led to, if any.
    suspended_until: Option<NaiveDate>,
}

impl From<Check> for CheckRecord {
    fn from(c: Check) -> Self {
        CheckRecord {
            id: c.id,
            listing_id: c.listing_id,
            kind: c.kind,
            subject: c.subject,
            alert_id: c.alert_id,
            opened_on: c.opened_on,
            respond_by: c.respond_by,
            outcome: c.outcome,
            findings: c.findings,
            closed_on: c.closed_on,
            suspended_until: c.suspended_until,
        }
    }
}

/// Something due, and by when.
#[derive(Serialize, ToSchema)]
pub(crate) struct DueRecord {
    listing_id: String,
    service: String,
    /// `certificate_ends`, `check_answer` or `requirement_unmet` (since `on`).
    #[schema(pattern = "^(certificate_ends|check_answer|requirement_unmet)$")]
    what: String,
    on: NaiveDate,
    /// The certificate's standard, the check's subject or the requirement.
    about: String,
}

fn due_record(listing_id: &str, service: &str, due: Due) -> DueRecord {
    let on = due.on();
    let (what, about) = match due {
        Due::CertificateEnds { standard, .. } => ("certificate_ends", standard),
        Due::CheckAnswer { subject, .. } => ("check_answer", subject),
        Due::RequirementUnmet { requirement, .. } => ("requirement_unmet", requirement),
    };
    DueRecord { listing_id: listing_id.into(), service: service.into(), what: what.into(), on, about }
}

/// The monitoring of one qualified service on a day.
#[derive(Serialize, ToSchema)]
pub(crate) struct MonitoringRecord {
    listing_id: String,
    service: String,
    level: String,
    #[schema(value_type = Option<ListingStatusCode>)]
    status: Option<ListingStatus>,
    as_of: NaiveDate,
    /// False: which certificates each level needs is read from a secondary
    /// source (docs/regolamento-notes.md §3).
    rules_confirmed: bool,
    requirements: Vec<RequirementRecord>,
    certificates: Vec<CertificateRecord>,
    alerts: Vec<AlertRecord>,
    changes: Vec<ChangeRecord>,
    checks: Vec<CheckRecord>,
    due: Vec<DueRecord>,
}

impl From<Monitoring> for MonitoringRecord {
    fn from(m: Monitoring) -> Self {
        let (id, service) = (m.listing.listing_id.clone(), m.listing.details.name.clone());
        MonitoringRecord {
            level: m.listing.details.terms.level.code().into(),
            status: m.status,
            as_of: m.as_of,
            rules_confirmed: m.rules_confirmed,
            requirements: m
                .requirements
                .into_iter()
                .map(|r| RequirementRecord { reference: r.reference, any_of: r.any_of, met: r.met })
                .collect(),
            certificates: m.certificates.into_iter().map(Into::into).collect(),
            alerts: m.alerts.into_iter().map(Into::into).collect(),
            changes: m.changes.into_iter().map(Into::into).collect(),
            checks: m.checks.into_iter().map(Into::into).collect(),
            due: m.due.into_iter().map(|d| due_record(&id, &service, d)).collect(),
            listing_id: id,
            service,
        }
    }
}

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

/// What the provider owes across its services in force, and by when, the
/// earliest first.
#[utoipa::path(get, path = "/api/v1/provider/monitoring", tag = "monitoring",
    responses((status = 200, body = Vec<DueRecord>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn provider_due(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<DueRecord>>, Problem> {
    let owed = desk::provider(&state, &user, now).await?;
    Ok(Json(owed.into_iter().map(|o| due_record(&o.listing_id, &o.service, o.due)).collect()))
}
