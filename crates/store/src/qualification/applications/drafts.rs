//! What a provider fills in: the requirement sets, the draft application
//! of a listing version and its answers.

use super::rows::{APP_COLUMNS, application_from_row};
use super::{Application, NewApplication};
use crate::audit::AuditEntry;
use crate::qualification::corrupt;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::lifecycle::QualificationState;
use cloudpa_domain::qualification::requirements::RequirementSet;
use cloudpa_domain::qualification::triage::Answer;
use serde_json::json;
use sqlx::Row;
use std::collections::BTreeMap;

impl Store {
    /// The newest version of a requirement set (versions are ISO dates).
    pub async fn requirement_set(&self, id: &str, version: Option<&str>) -> Result<Option<RequirementSet>, StoreError> {
        let query = match version {
            Some(v) => {
                sqlx::query("SELECT content FROM requirement_sets WHERE id = $1 AND version = $2").bind(id).bind(v)
            }
            None => {
                sqlx::query("SELECT content FROM requirement_sets WHERE id = $1 ORDER BY version DESC LIMIT 1").bind(id)
            }
        };
        let content: Option<String> = self.read_one(query, "read a requirement set", |r| r.try_get("content")).await?;
        content.map(|c| RequirementSet::parse(&c).map_err(|e| corrupt("requirement set", &e.to_string()))).transpose()
    }

    /// Every requirement set, newest version of each.
    pub async fn requirement_sets(&self) -> Result<Vec<RequirementSet>, StoreError> {
        let query = sqlx::query("SELECT DISTINCT id FROM requirement_sets ORDER BY id");
        let ids: Vec<String> = self.read_all(query, "list the requirement sets", |r| r.try_get("id")).await?;
        let mut sets = Vec::with_capacity(ids.len());
        for id in &ids {
            sets.extend(self.requirement_set(id, None).await?);
        }
        Ok(sets)
    }

    /// Opens a draft application for a listing version; a renewal or a
    /// re-review starts from the answers of `prefill_from`.
    pub async fn create_application(
        &self,
        actor: &Actor,
        new: &NewApplication<'_>,
        at: Millis,
    ) -> Result<Application, StoreError> {
        let NewApplication { listing_id, listing_version, provider_id, set, renewal_of, prefill_from } = *new;
        let during = |e| StoreError::during("create an application", e);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO applications (id, listing_id, listing_version, provider_id, requirement_set, \
             requirement_version, state, renewal_of, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(listing_id)
        .bind(listing_version)
        .bind(provider_id)
        .bind(&set.id)
        .bind(&set.version)
        .bind(QualificationState::Draft.code())
        .bind(renewal_of)
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        if let Some(source) = prefill_from {
            sqlx::query(
                "INSERT INTO answers (application_id, requirement_id, answer, updated_at_ms) \
                 SELECT $1, requirement_id, answer, $2 FROM answers WHERE application_id = $3",
            )
            .bind(&id)
            .bind(at)
            .bind(source)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        }
        let entry = AuditEntry {
            actor,
            action: "application.create",
            subject: format!("application:{id}"),
            details: json!({ "listing_id": listing_id, "listing_version": listing_version,
                             "requirement_set": set.id, "requirement_version": set.version,
                             "renewal_of": renewal_of, "prefilled_from": prefill_from }),
        };
        tx.commit(entry, at).await?;
        self.application(&id)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-application").arg("id", id.as_str())))
    }

    pub async fn application(&self, id: &str) -> Result<Option<Application>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {APP_COLUMNS} FROM applications a WHERE a.id = $1"));
        self.read_one(sqlx::query(sql).bind(id), "read an application", application_from_row).await
    }

    /// A listing's applications, newest first.
    pub async fn listing_applications(&self, listing_id: &str) -> Result<Vec<Application>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS} FROM applications a WHERE a.listing_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC"
        ));
        self.read_all(sqlx::query(sql).bind(listing_id), "list a listing's applications", application_from_row).await
    }

    pub async fn answers(&self, application_id: &str) -> Result<BTreeMap<String, Answer>, StoreError> {
        let operation = "read an application's answers";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query("SELECT requirement_id, answer FROM answers WHERE application_id = $1");
        let answers = self
            .read_all(query.bind(application_id), operation, |r| -> Result<_, StoreError> {
                let id: String = r.try_get("requirement_id").map_err(during)?;
                let text: String = r.try_get("answer").map_err(during)?;
                Ok((id, serde_json::from_str(&text).map_err(|_| corrupt("answer", &text))?))
            })
            .await?;
        Ok(answers.into_iter().collect())
    }

    /// Stores (or replaces) one answer, checked by the domain beforehand.
    pub async fn save_answer(
        &self,
        actor: &Actor,
        application_id: &str,
        requirement_id: &str,
        answer: &Answer,
        at: Millis,
    ) -> Result<(), StoreError> {
        let during = |e| StoreError::during("save an answer", e);
        let text = serde_json::to_string(answer).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
        let statement = sqlx::query(
            "INSERT INTO answers (application_id, requirement_id, answer, updated_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (application_id, requirement_id) DO UPDATE SET answer = excluded.answer, \
             updated_at_ms = excluded.updated_at_ms",
        )
        .bind(application_id)
        .bind(requirement_id)
        .bind(&text)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "application.answer",
            subject: format!("application:{application_id}"),
            details: json!({ "requirement_id": requirement_id, "answer": answer }),
        };
        self.write_one(statement, during, entry, at).await
    }
}
