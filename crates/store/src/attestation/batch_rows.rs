//! The asseverazione's records written in bulk (the national picture of
//! `cloudpa demo --scale national`): suppliers, announced ranges, contracts
//! and compliance forms as multi-row inserts in one transaction with one
//! audit entry; and the projects in some states with their services, read
//! in two queries. Every row was checked by the caller against the
//! domain's rules, as a user's would be.

use super::bulk::ProjectRecords;
use super::contracts::ContractFields;
use super::forms::ComplianceForm;
use super::suppliers::Supplier;
use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::programme::applications::{FIELDS, FROM, application_from_row};
use crate::qualification::sql_in_list;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::programme::application::CallApplicationState;
use sqlx::{AssertSqlSafe, Row};

/// A contract to record with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    pub id: String,
    pub application_id: String,
    pub fields: ContractFields,
}

/// A range an infrastructure announces from a day on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefixRow {
    pub infrastructure_id: String,
    pub prefix: String,
    pub valid_from: NaiveDate,
}

/// What one bulk write holds; `recorded_by` is the user (or `system`) the
/// rows are recorded by.
#[derive(Debug, Clone, Default)]
pub struct AttestationRows {
    pub suppliers: Vec<Supplier>,
    pub prefixes: Vec<PrefixRow>,
    pub contracts: Vec<ContractRow>,
    pub forms: Vec<ComplianceForm>,
    pub recorded_by: String,
}

const SUPPLIERS: &[&str] = &["id", "vat_number", "name", "pec", "mepa_enabled", "updated_at_ms", "created_at_ms"];
const PREFIXES: &[&str] = &["infrastructure_id", "prefix", "valid_from", "recorded_by", "recorded_at_ms"];
const CONTRACTS: &[&str] = &[
    "id",
    "application_id",
    "supplier_id",
    "signed_on",
    "object",
    "amount_cents",
    "document_sha256",
    "dnsh_sha256",
    "recognition_sha256",
    "created_by",
    "created_at_ms",
];
const FORMS: &[&str] = &[
    "application_id",
    "position",
    "contract_id",
    "listing_id",
    "listing_version",
    "form_id",
    "form_version",
    "answers",
    "state",
    "checks_failed",
    "updated_by",
    "updated_at_ms",
    "submitted_at_ms",
];

impl Store {
    /// How many contracts and compliance forms are stored.
    pub async fn attestation_record_counts(&self) -> Result<(i64, i64), StoreError> {
        let query = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM project_contracts) AS contracts, \
             (SELECT COUNT(*) FROM compliance_forms) AS forms",
        );
        let counts = self
            .read_one(query, "count the asseverazione's records", |r| -> Result<_, sqlx::Error> {
                Ok((r.try_get("contracts")?, r.try_get("forms")?))
            })
            .await?;
        Ok(counts.unwrap_or_default())
    }

    /// Every application in `states`, by id, with its IPA code and its
    /// services (its contracts and forms are left empty).
    pub async fn projects_in(&self, states: &[CallApplicationState]) -> Result<Vec<ProjectRecords>, StoreError> {
        let filter = format!("a.state IN ({})", sql_in_list(states.iter().map(|s| s.code())));
        let sql = format!("SELECT {FIELDS}, o.ipa_code {FROM} WHERE {filter} ORDER BY a.id");
        let apps = self
            .read_all(
                sqlx::query(AssertSqlSafe(sql)),
                "read the projects in some states",
                |r| -> Result<_, StoreError> {
                    let ipa_code = r.try_get("ipa_code").map_err(|e| StoreError::during("read an IPA code", e))?;
                    Ok((application_from_row(r)?, ipa_code))
                },
            )
            .await?;
        let mut choices = self.grouped_choices(&filter, None).await?;
        Ok(apps
            .into_iter()
            .map(|(application, ipa_code)| ProjectRecords {
                choices: choices.remove(&application.id).unwrap_or_default(),
                application,
                ipa_code,
                contracts: Vec::new(),
                forms: Vec::new(),
            })
            .collect())
    }

    /// Writes `rows` in one transaction with one audit entry (`action`,
    /// on `subject`, with `details`).
    pub async fn write_attestation_rows(
        &self,
        actor: &Actor,
        rows: AttestationRows,
        action: &str,
        subject: &str,
        details: serde_json::Value,
        at: Millis,
    ) -> Result<(), StoreError> {
        let during = |e| StoreError::during("write the asseverazione's records", e);
        let by = rows.recorded_by;
        let suppliers = rows.suppliers.into_iter().map(|s| {
            vec![
                Value::Text(s.id),
                Value::Text(s.vat_number),
                Value::Text(s.name),
                Value::Text(s.pec),
                Value::Int(i64::from(s.mepa_enabled)),
                Value::Int(at),
                Value::Int(at),
            ]
        });
        let prefixes = rows.prefixes.into_iter().map(|p| {
            vec![
                Value::Text(p.infrastructure_id),
                Value::Text(p.prefix),
                Value::Text(p.valid_from.to_string()),
                Value::Text(by.clone()),
                Value::Int(at),
            ]
        });
        let contracts = rows.contracts.into_iter().map(|c| {
            vec![
                Value::Text(c.id),
                Value::Text(c.application_id),
                Value::Text(c.fields.supplier_id),
                Value::Text(c.fields.signed_on.to_string()),
                Value::Text(c.fields.object),
                Value::Int(c.fields.amount.0),
                Value::Text(c.fields.document),
                Value::OptText(c.fields.dnsh),
                Value::OptText(c.fields.recognition),
                Value::Text(by.clone()),
                Value::Int(at),
            ]
        });
        let mut forms = Vec::with_capacity(rows.forms.len());
        for f in rows.forms {
            let answers = serde_json::to_string(&f.answers).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
            forms.push(vec![
                Value::Text(f.application_id),
                Value::Int(f.position),
                Value::OptText(f.contract_id),
                Value::OptText(f.listing_id),
                Value::OptInt(f.listing_version),
                Value::Text(f.form_id),
                Value::Text(f.form_version),
                Value::Text(answers),
                Value::Text(f.state.code().to_owned()),
                Value::Int(f.checks_failed),
                Value::Text(by.clone()),
                Value::Int(f.updated_at_ms),
                Value::OptInt(f.submitted_at_ms),
            ]);
        }
        let mut tx = self.begin_write().await?;
        insert(tx.conn(), "suppliers", SUPPLIERS, suppliers.collect()).await.map_err(during)?;
        insert(tx.conn(), "infrastructure_prefixes", PREFIXES, prefixes.collect()).await.map_err(during)?;
        insert(tx.conn(), "project_contracts", CONTRACTS, contracts.collect()).await.map_err(during)?;
        insert(tx.conn(), "compliance_forms", FORMS, forms).await.map_err(during)?;
        let entry = AuditEntry { actor, action, subject: subject.to_owned(), details };
        tx.commit(entry, at).await.map(|_| ())
    }
}
