//! The answers of the monitoring operations: a service's certificates,
//! requirements, alerts, notified changes, checks and what is due.

use crate::api::qualification::codes::{
    ChangeTriageCode, CheckKindCode, CheckOutcomeCode, ListingStatusCode, NotifiedChangeKindCode, StandardCode,
};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::monitoring::certificates::Standard;
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use cloudpa_store::qualification::monitoring::{Alert, Check, NotifiedChange, StoredCertificate};
use cloudpa_workflows::qualification::monitoring::{Due, Monitoring};
use serde::Serialize;
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

pub(crate) fn due_record(listing_id: &str, service: &str, due: Due) -> DueRecord {
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
