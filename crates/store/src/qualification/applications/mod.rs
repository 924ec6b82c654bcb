//! Applications for qualification: answers, reviews, transitions with their
//! decision records and listing status intervals, and the reviewers' queue.

mod drafts;
mod reviews;
mod rows;
mod transitions;

use crate::Millis;
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
use cloudpa_domain::qualification::requirements::RequirementSet;
use cloudpa_domain::qualification::triage::Triage;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: String,
    pub listing_id: String,
    pub listing_version: i64,
    pub provider_id: String,
    pub requirement_set: String,
    pub requirement_version: String,
    pub state: QualificationState,
    /// The automatic triage at the last submission, as JSON.
    pub triage: Option<serde_json::Value>,
    pub assigned_to: Option<String>,
    pub integration_deadline: Option<NaiveDate>,
    pub renewal_of: Option<String>,
    pub submitted_at_ms: Option<Millis>,
    pub created_at_ms: Millis,
    pub updated_at_ms: Millis,
    /// Moved by each change of state: a change is made to the version it
    /// was read at, and refused when another came first.
    pub version: i64,
}

/// A reviewer's verdict on one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub requirement_id: String,
    pub verdict: String,
    pub note: String,
    pub reviewer_id: String,
    pub at_ms: Millis,
}

/// A decision record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub id: String,
    pub application_id: String,
    pub listing_id: String,
    pub kind: String,
    pub motivation: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub details: serde_json::Value,
}

/// A decision to record with a transition.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub kind: DecisionKind,
    pub motivation: &'a str,
    pub decided_by: &'a str,
    pub details: serde_json::Value,
}

/// What a transition the domain allowed writes, all in one transaction.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub to: QualificationState,
    /// A past participle for the audit log (`submitted`, `qualified`, …).
    pub event: &'a str,
    pub on: NaiveDate,
    pub triage: Option<&'a Triage>,
    pub integration_deadline: Option<NaiveDate>,
    pub decision: Option<NewDecision<'a>>,
    pub listing_status: Option<ListingStatus>,
    /// The application this one replaces at the head of the listing (a
    /// renewal or re-review being qualified), moved to `superseded`.
    pub supersedes: Option<&'a str>,
    /// The reviewer the application is assigned to with this change (the
    /// one who takes it into review), in the same write.
    pub reviewer: Option<&'a str>,
}

/// A draft application for a listing version.
#[derive(Debug, Clone, Copy)]
pub struct NewApplication<'a> {
    pub listing_id: &'a str,
    pub listing_version: i64,
    pub provider_id: &'a str,
    pub set: &'a RequirementSet,
    /// The qualified application this one renews.
    pub renewal_of: Option<&'a str>,
    /// The application whose answers this one starts from.
    pub prefill_from: Option<&'a str>,
}

/// A row of the reviewers' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueItem {
    pub application: Application,
    pub listing_name: String,
    pub provider_name: String,
}
