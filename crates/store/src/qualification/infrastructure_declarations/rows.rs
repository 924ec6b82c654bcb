//! Reading declarations, decisions and status intervals from their rows.

use super::{Declaration, InfrastructureDecision};
use crate::StoreError;
use crate::qualification::corrupt;
use crate::read::{optional_date, parse_date};
use cloudpa_domain::qualification::history::{Interval, ListingStatus};
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::lifecycle::QualificationState;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The start of a query of [`declaration_from_row`]'s rows, before its
/// `WHERE`: each declaration with its infrastructure's and operator's names.
pub(super) const SELECT_DECLARATIONS: &str = "SELECT d.id, d.infrastructure_id, i.name AS infrastructure_name, \
    d.operator_id, o.name AS operator_name, d.level, d.requirement_version, d.answers, d.state, \
    d.integration_deadline, d.submitted_at_ms, d.created_at_ms, d.updated_at_ms, d.version \
    FROM infrastructure_declarations d JOIN infrastructures i ON i.id = d.infrastructure_id \
    JOIN organisations o ON o.id = d.operator_id";

pub(super) const DECISION_COLUMNS: &str =
    "id, declaration_id, infrastructure_id, kind, motivation, decided_on, decided_by, details";

fn level(code: &str) -> Result<InfrastructureLevel, StoreError> {
    InfrastructureLevel::parse(code).ok_or_else(|| corrupt("infrastructure level", code))
}

pub(super) fn declaration_from_row(r: &AnyRow) -> Result<Declaration, StoreError> {
    let during = |e| StoreError::during("read a declaration", e);
    let state: String = r.try_get("state").map_err(during)?;
    let answers: String = r.try_get("answers").map_err(during)?;
    Ok(Declaration {
        id: r.try_get("id").map_err(during)?,
        infrastructure_id: r.try_get("infrastructure_id").map_err(during)?,
        infrastructure_name: r.try_get("infrastructure_name").map_err(during)?,
        operator_id: r.try_get("operator_id").map_err(during)?,
        operator_name: r.try_get("operator_name").map_err(during)?,
        level: level(&r.try_get::<String, _>("level").map_err(during)?)?,
        requirement_version: r.try_get("requirement_version").map_err(during)?,
        answers: serde_json::from_str(&answers).map_err(|_| corrupt("answers", &answers))?,
        state: QualificationState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
        integration_deadline: optional_date(r, "integration_deadline", during)?,
        submitted_at_ms: r.try_get("submitted_at_ms").map_err(during)?,
        created_at_ms: r.try_get("created_at_ms").map_err(during)?,
        updated_at_ms: r.try_get("updated_at_ms").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
    })
}

pub(super) fn decision_from_row(r: &AnyRow) -> Result<InfrastructureDecision, StoreError> {
    let during = |e| StoreError::during("read an infrastructure's decision", e);
    let on: String = r.try_get("decided_on").map_err(during)?;
    let details: String = r.try_get("details").map_err(during)?;
    Ok(InfrastructureDecision {
        id: r.try_get("id").map_err(during)?,
        declaration_id: r.try_get("declaration_id").map_err(during)?,
        infrastructure_id: r.try_get("infrastructure_id").map_err(during)?,
        kind: r.try_get("kind").map_err(during)?,
        motivation: r.try_get("motivation").map_err(during)?,
        decided_on: parse_date(&on)?,
        decided_by: r.try_get("decided_by").map_err(during)?,
        details: serde_json::from_str(&details).map_err(|_| corrupt("details", &details))?,
    })
}

/// An interval of an infrastructure's history with the level it held.
pub(super) fn interval_from_row(r: &AnyRow) -> Result<(Interval, InfrastructureLevel), StoreError> {
    let during = |e| StoreError::during("read an infrastructure's history", e);
    let status: String = r.try_get("status").map_err(during)?;
    let from: String = r.try_get("valid_from").map_err(during)?;
    let interval = Interval {
        status: ListingStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        from: parse_date(&from)?,
        to: optional_date(r, "valid_to", during)?,
        decision: r.try_get("decision_id").map_err(during)?,
    };
    Ok((interval, level(&r.try_get::<String, _>("level").map_err(during)?)?))
}
