//! What the pre-checks of every form at once read, in a few queries: the
//! applications that have forms, their services, their contracts, and the
//! IPA codes of their enti.

use crate::attestation::contracts::{COLUMNS as CONTRACT_COLUMNS, Contract, contract_from_row};
use crate::programme::applications::{CallApplication, Choice, FIELDS, FROM, application_from_row, choice_from_row};
use crate::{Store, StoreError};
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

/// An application with forms, and what its checks need.
#[derive(Debug, Clone)]
pub struct ProjectRecords {
    pub application: CallApplication,
    pub ipa_code: Option<String>,
    /// Its services, in order (position 1 first).
    pub choices: Vec<Choice>,
    pub contracts: Vec<Contract>,
}

const WITH_FORMS: &str = "EXISTS (SELECT 1 FROM compliance_forms f WHERE f.application_id = a.id)";

impl Store {
    /// Every application that has a compliance form (of `call_id` only,
    /// when given), by id.
    pub async fn projects_with_forms(&self, call_id: Option<&str>) -> Result<Vec<ProjectRecords>, StoreError> {
        let only = if call_id.is_some() { "AND a.call_id = $1" } else { "" };
        let bind = |sql: String| {
            let query = sqlx::query(AssertSqlSafe(sql));
            match call_id {
                Some(id) => query.bind(id.to_owned()),
                None => query,
            }
        };
        let sql = format!("SELECT {FIELDS}, o.ipa_code {FROM} WHERE {WITH_FORMS} {only} ORDER BY a.id");
        let apps = self
            .read_all(bind(sql), "read the projects with forms", |r| -> Result<_, StoreError> {
                let ipa: Option<String> =
                    r.try_get("ipa_code").map_err(|e| StoreError::during("read an IPA code", e))?;
                Ok((application_from_row(r)?, ipa))
            })
            .await?;
        let sql = format!(
            "SELECT s.application_id, s.service_code, s.service_name, s.ente_service_id, s.data_class, s.origin, \
             s.destination, s.earlier_move, s.improved_to, s.migrated_on \
             FROM call_application_services s JOIN call_applications a ON a.id = s.application_id \
             WHERE {WITH_FORMS} {only} ORDER BY s.application_id, s.position"
        );
        let choices = self
            .read_all(bind(sql), "read the services of the projects with forms", |r| -> Result<_, StoreError> {
                let id: String = r.try_get("application_id").map_err(|e| StoreError::during("read a service", e))?;
                Ok((id, choice_from_row(r)?))
            })
            .await?;
        let sql = format!(
            "{CONTRACT_COLUMNS} JOIN call_applications a ON a.id = c.application_id WHERE {WITH_FORMS} {only} \
             ORDER BY c.signed_on, c.id"
        );
        let contracts =
            self.read_all(bind(sql), "read the contracts of the projects with forms", contract_from_row).await?;
        let mut by_app: HashMap<String, ProjectRecords> = apps
            .into_iter()
            .map(|(application, ipa_code)| {
                let records = ProjectRecords { application, ipa_code, choices: Vec::new(), contracts: Vec::new() };
                (records.application.id.clone(), records)
            })
            .collect();
        for (id, choice) in choices {
            if let Some(p) = by_app.get_mut(&id) {
                p.choices.push(choice);
            }
        }
        for contract in contracts {
            if let Some(p) = by_app.get_mut(&contract.application_id) {
                p.contracts.push(contract);
            }
        }
        let mut projects: Vec<ProjectRecords> = by_app.into_values().collect();
        projects.sort_by(|a, b| a.application.id.cmp(&b.application.id));
        Ok(projects)
    }
}
