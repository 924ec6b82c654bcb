//! The address ranges a provider announces for an infrastructure, with
//! their history: a range is in force from the day it is announced until
//! the day it is withdrawn, so the pre-checks ask what was announced.

use crate::audit::AuditEntry;
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnouncedPrefix {
    pub prefix: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

fn prefix_from_row(r: &sqlx::any::AnyRow) -> Result<AnnouncedPrefix, StoreError> {
    let during = |e| StoreError::during("read an announced prefix", e);
    let from: String = r.try_get("valid_from").map_err(during)?;
    let to: Option<String> = r.try_get("valid_to").map_err(during)?;
    Ok(AnnouncedPrefix {
        prefix: r.try_get("prefix").map_err(during)?,
        valid_from: parse_date(&from)?,
        valid_to: to.as_deref().map(parse_date).transpose()?,
    })
}

impl Store {
    /// Every range ever announced for the infrastructure, newest first.
    pub async fn prefix_history(&self, infrastructure_id: &str) -> Result<Vec<AnnouncedPrefix>, StoreError> {
        let query = sqlx::query(
            "SELECT prefix, valid_from, valid_to FROM infrastructure_prefixes WHERE infrastructure_id = $1 \
             ORDER BY valid_from DESC, prefix",
        )
        .bind(infrastructure_id);
        self.read_all(query, "read an infrastructure's prefixes", prefix_from_row).await
    }

    /// The ranges in force on `on` of the infrastructures of one provider,
    /// or of all: (infrastructure, provider, range), by infrastructure.
    pub async fn prefixes_in_force(
        &self,
        provider_id: Option<&str>,
        on: NaiveDate,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let only = if provider_id.is_some() { "AND i.provider_id = $2" } else { "" };
        let sql = format!(
            "SELECT p.infrastructure_id, i.provider_id, p.prefix FROM infrastructure_prefixes p \
             JOIN infrastructures i ON i.id = p.infrastructure_id \
             WHERE p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1) {only} \
             ORDER BY p.infrastructure_id, p.prefix"
        );
        let query = sqlx::query(AssertSqlSafe(sql)).bind(on.to_string());
        let query = match provider_id {
            Some(id) => query.bind(id.to_owned()),
            None => query,
        };
        self.read_all(query, "read the prefixes in force", |r| -> Result<_, sqlx::Error> {
            Ok((r.try_get("infrastructure_id")?, r.try_get("provider_id")?, r.try_get("prefix")?))
        })
        .await
    }

    /// Replaces the ranges in force from `on`: those no longer listed end
    /// the day before, new ones start on `on`, those kept stay as they are.
    pub async fn announce_prefixes(
        &self,
        actor: &Actor,
        infrastructure_id: &str,
        prefixes: &[String],
        on: NaiveDate,
        user_id: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let during = |e| StoreError::during("announce an infrastructure's prefixes", e);
        let mut tx = self.begin_write().await?;
        let open: Vec<String> =
            sqlx::query("SELECT prefix FROM infrastructure_prefixes WHERE infrastructure_id = $1 AND valid_to IS NULL")
                .bind(infrastructure_id)
                .fetch_all(tx.conn())
                .await
                .map_err(during)?
                .iter()
                .map(|r| r.try_get("prefix"))
                .collect::<Result<_, _>>()
                .map_err(during)?;
        let day_before = on.pred_opt().unwrap_or(on).to_string();
        for gone in open.iter().filter(|p| !prefixes.contains(p)) {
            sqlx::query(
                "UPDATE infrastructure_prefixes SET valid_to = $1 \
                 WHERE infrastructure_id = $2 AND prefix = $3 AND valid_to IS NULL",
            )
            .bind(&day_before)
            .bind(infrastructure_id)
            .bind(gone)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        }
        for added in prefixes.iter().filter(|p| !open.contains(p)) {
            sqlx::query(
                "INSERT INTO infrastructure_prefixes (infrastructure_id, prefix, valid_from, recorded_by, recorded_at_ms) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(infrastructure_id)
            .bind(added)
            .bind(on.to_string())
            .bind(user_id)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        }
        let entry = AuditEntry {
            actor,
            action: "infrastructure.prefixes",
            subject: format!("infrastructure:{infrastructure_id}"),
            details: json!({ "prefixes": prefixes, "on": on }),
        };
        tx.commit(entry, at).await.map(|_| ())
    }
}
