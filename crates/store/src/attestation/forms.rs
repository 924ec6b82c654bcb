//! One compliance form per migrated service: the definition it answers (id
//! and version), the contract and the catalogue listing version it pins,
//! the answers as JSON, and how many pre-checks failed at the last save.

use crate::audit::AuditEntry;
use crate::qualification::sql_in_list_where;
use crate::write::Refusal;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::attestation::form::Answers;
use cloudpa_domain::attestation::holds_funding;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};
use std::collections::BTreeSet;

/// Where a form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormState {
    Draft,
    Submitted,
}

impl FormState {
    pub fn code(self) -> &'static str {
        match self {
            FormState::Draft => "draft",
            FormState::Submitted => "submitted",
        }
    }

    pub(crate) fn parse(code: &str) -> Option<FormState> {
        [FormState::Draft, FormState::Submitted].into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceForm {
    pub application_id: String,
    /// The service's position in the application, from 1.
    pub position: i64,
    pub contract_id: Option<String>,
    pub listing_id: Option<String>,
    /// The listing's version in force on the contract date.
    pub listing_version: Option<i64>,
    pub form_id: String,
    pub form_version: String,
    pub answers: Answers,
    pub state: FormState,
    pub checks_failed: i64,
    pub updated_at_ms: Millis,
    pub submitted_at_ms: Option<Millis>,
    /// 1 at the first save, one more at each save after.
    pub version: i64,
}

const COLUMNS: &str = "SELECT application_id, position, contract_id, listing_id, listing_version, form_id, \
    form_version, answers, state, checks_failed, updated_at_ms, submitted_at_ms, version FROM compliance_forms";

fn form_from_row(r: &sqlx::any::AnyRow) -> Result<ComplianceForm, StoreError> {
    let during = |e| StoreError::during("read a compliance form", e);
    let answers: String = r.try_get("answers").map_err(during)?;
    let state: String = r.try_get("state").map_err(during)?;
    Ok(ComplianceForm {
        application_id: r.try_get("application_id").map_err(during)?,
        position: r.try_get("position").map_err(during)?,
        contract_id: r.try_get("contract_id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        listing_version: r.try_get("listing_version").map_err(during)?,
        form_id: r.try_get("form_id").map_err(during)?,
        form_version: r.try_get("form_version").map_err(during)?,
        answers: serde_json::from_str(&answers).map_err(|_| crate::qualification::corrupt("form answers", &answers))?,
        state: FormState::parse(&state).ok_or_else(|| crate::qualification::corrupt("form state", &state))?,
        checks_failed: r.try_get("checks_failed").map_err(during)?,
        updated_at_ms: r.try_get("updated_at_ms").map_err(during)?,
        submitted_at_ms: r.try_get("submitted_at_ms").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
    })
}

impl Store {
    /// The forms of an application, by position.
    pub async fn compliance_forms(&self, application_id: &str) -> Result<Vec<ComplianceForm>, StoreError> {
        let sql = format!("{COLUMNS} WHERE application_id = $1 ORDER BY position");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(application_id);
        self.read_all(query, "list a project's compliance forms", form_from_row).await
    }

    pub async fn compliance_form(
        &self,
        application_id: &str,
        position: i64,
    ) -> Result<Option<ComplianceForm>, StoreError> {
        let sql = format!("{COLUMNS} WHERE application_id = $1 AND position = $2");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(application_id).bind(position);
        self.read_one(query, "read a compliance form", form_from_row).await
    }

    /// The (application, ente service) pairs of `application_id`, or of
    /// every application, whose ente service another application holding
    /// funding also holds: double funding.
    pub async fn funded_elsewhere(
        &self,
        application_id: Option<&str>,
    ) -> Result<BTreeSet<(String, String)>, StoreError> {
        let funded = sql_in_list_where(&CallApplicationState::ALL, holds_funding, CallApplicationState::code);
        // Over every application, only the ente services in two or more
        // are weighed: 0.04 s instead of 0.2–0.5 s on the 152,588 services of
        // the national picture.
        let only = match application_id {
            Some(_) => "AND s.application_id = $1",
            None => {
                "AND s.ente_service_id IN (SELECT ente_service_id FROM call_application_services \
                 GROUP BY ente_service_id HAVING COUNT(*) > 1)"
            }
        };
        let sql = format!(
            "SELECT s.application_id, s.ente_service_id FROM call_application_services s WHERE EXISTS \
             (SELECT 1 FROM call_application_services o JOIN call_applications a ON a.id = o.application_id \
             WHERE o.ente_service_id = s.ente_service_id AND o.application_id <> s.application_id \
             AND a.state IN ({funded})) {only}"
        );
        let query = sqlx::query(AssertSqlSafe(sql));
        let query = match application_id {
            Some(id) => query.bind(id.to_owned()),
            None => query,
        };
        let pairs = self
            .read_all(query, "find services funded twice", |r| -> Result<(String, String), sqlx::Error> {
                Ok((r.try_get("application_id")?, r.try_get("ente_service_id")?))
            })
            .await?;
        Ok(pairs.into_iter().collect())
    }

    /// Saves `form` (a draft, or its submission), replacing the one stored,
    /// and answers its new version. A submitted one is replaced only when
    /// `over_submitted` (the caller asked the domain), else the save is a
    /// conflict; with `expected` (the version the save was made to, 0 before
    /// the first), it fails with `Stale` when another save came first.
    pub async fn save_compliance_form(
        &self,
        actor: &Actor,
        form: &ComplianceForm,
        (over_submitted, expected): (bool, Option<i64>),
        user_id: &str,
        at: Millis,
    ) -> Result<i64, StoreError> {
        let answers = serde_json::to_string(&form.answers)
            .map_err(|e| StoreError::during("save a compliance form", sqlx::Error::Encode(e.into())))?;
        let over_submitted = i64::from(over_submitted);
        let statement = sqlx::query(
            "INSERT INTO compliance_forms (application_id, position, contract_id, listing_id, listing_version, \
             form_id, form_version, answers, state, checks_failed, updated_by, updated_at_ms, submitted_at_ms, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1) \
             ON CONFLICT (application_id, position) DO UPDATE SET contract_id = excluded.contract_id, \
             listing_id = excluded.listing_id, listing_version = excluded.listing_version, form_id = excluded.form_id, \
             form_version = excluded.form_version, answers = excluded.answers, state = excluded.state, \
             checks_failed = excluded.checks_failed, updated_by = excluded.updated_by, \
             updated_at_ms = excluded.updated_at_ms, submitted_at_ms = excluded.submitted_at_ms, \
             version = compliance_forms.version + 1 \
             WHERE (compliance_forms.state = 'draft' OR $14 = 1) AND ($15 < 0 OR compliance_forms.version = $15) \
             RETURNING version",
        )
        .bind(&form.application_id)
        .bind(form.position)
        .bind(&form.contract_id)
        .bind(&form.listing_id)
        .bind(form.listing_version)
        .bind(&form.form_id)
        .bind(&form.form_version)
        .bind(answers)
        .bind(form.state.code())
        .bind(form.checks_failed)
        .bind(user_id)
        .bind(at)
        .bind(form.submitted_at_ms)
        .bind(over_submitted)
        .bind(expected.unwrap_or(-1));
        let entry = AuditEntry {
            actor,
            action: if form.state == FormState::Submitted { "compliance_form.submit" } else { "compliance_form.save" },
            subject: format!("call_application:{}", form.application_id),
            details: json!({ "position": form.position, "listing": form.listing_id, "listing_version": form.listing_version,
                             "checks_failed": form.checks_failed }),
        };
        let current = sqlx::query(
            "SELECT CAST(CASE WHEN f.state = 'submitted' AND $3 = 0 THEN 1 ELSE 0 END AS BIGINT) AS frozen, f.version, \
             COALESCE(u.display_name, f.updated_by) AS changed_by, f.updated_at_ms AS changed_at_ms \
             FROM compliance_forms f LEFT JOIN users u ON u.id = f.updated_by \
             WHERE f.application_id = $1 AND f.position = $2",
        )
        .bind(&form.application_id)
        .bind(form.position)
        .bind(over_submitted);
        let refused = Refusal {
            query: current,
            what: Message::new("store-form").arg("position", form.position),
            frozen: Message::new("error-form-submitted").arg("position", form.position),
        };
        self.write_versioned(statement, |e| StoreError::during("save a compliance form", e), refused, entry, at).await
    }
}
