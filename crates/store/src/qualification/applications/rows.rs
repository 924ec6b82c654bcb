//! Reading applications, queue rows and decision records from their rows.

use super::{Application, Decision, QueueItem};
use crate::StoreError;
use crate::qualification::corrupt;
use crate::read::{optional_date, parse_date};
use cloudpa_domain::qualification::lifecycle::QualificationState;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The columns [`application_from_row`] reads, from `applications a`.
pub(super) const APP_COLUMNS: &str = "a.id, a.listing_id, a.listing_version, a.provider_id, a.requirement_set, \
    a.requirement_version, a.state, a.triage, a.assigned_to, a.integration_deadline, a.renewal_of, \
    a.submitted_at_ms, a.created_at_ms, a.updated_at_ms, a.version";

/// The columns [`decision_from_row`] reads, from `decisions`.
pub(super) const DECISION_COLUMNS: &str =
    "id, application_id, listing_id, kind, motivation, decided_on, decided_by, details";

pub(super) fn application_from_row(r: &AnyRow) -> Result<Application, StoreError> {
    let during = |e| StoreError::during("read an application", e);
    let state: String = r.try_get("state").map_err(during)?;
    let triage: Option<String> = r.try_get("triage").map_err(during)?;
    Ok(Application {
        id: r.try_get("id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        listing_version: r.try_get("listing_version").map_err(during)?,
        provider_id: r.try_get("provider_id").map_err(during)?,
        requirement_set: r.try_get("requirement_set").map_err(during)?,
        requirement_version: r.try_get("requirement_version").map_err(during)?,
        state: QualificationState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
        triage: triage.map(|t| serde_json::from_str(&t).map_err(|_| corrupt("triage", &t))).transpose()?,
        assigned_to: r.try_get("assigned_to").map_err(during)?,
        integration_deadline: optional_date(r, "integration_deadline", during)?,
        renewal_of: r.try_get("renewal_of").map_err(during)?,
        submitted_at_ms: r.try_get("submitted_at_ms").map_err(during)?,
        created_at_ms: r.try_get("created_at_ms").map_err(during)?,
        updated_at_ms: r.try_get("updated_at_ms").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
    })
}

/// The start of a query of [`queue_item_from_row`]'s rows, before its `WHERE`:
/// each application with its listing version's and its provider's names.
pub(super) fn select_queue_items() -> String {
    format!(
        "SELECT {APP_COLUMNS}, v.name AS listing_name, o.name AS provider_name FROM applications a \
         JOIN listing_versions v ON v.listing_id = a.listing_id AND v.version = a.listing_version \
         JOIN organisations o ON o.id = a.provider_id"
    )
}

/// A row of [`APP_COLUMNS`] with the listing's and the provider's names
/// (`listing_name`, `provider_name`).
pub(super) fn queue_item_from_row(r: &AnyRow) -> Result<QueueItem, StoreError> {
    let during = |e| StoreError::during("read a queued application", e);
    Ok(QueueItem {
        application: application_from_row(r)?,
        listing_name: r.try_get("listing_name").map_err(during)?,
        provider_name: r.try_get("provider_name").map_err(during)?,
    })
}

pub(super) fn decision_from_row(r: &AnyRow) -> Result<Decision, StoreError> {
    let during = |e| StoreError::during("read a decision", e);
    let on: String = r.try_get("decided_on").map_err(during)?;
    let details: String = r.try_get("details").map_err(during)?;
    Ok(Decision {
        id: r.try_get("id").map_err(during)?,
        application_id: r.try_get("application_id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        kind: r.try_get("kind").map_err(during)?,
        motivation: r.try_get("motivation").map_err(during)?,
        decided_on: parse_date(&on)?,
        decided_by: r.try_get("decided_by").map_err(during)?,
        details: serde_json::from_str(&details).map_err(|_| corrupt("details", &details))?,
    })
}
