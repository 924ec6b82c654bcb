//! Classification communications: each a whole version of an
//! administration's classified services and edge infrastructures, numbered
//! per administration in the transaction that writes it.

use crate::audit::AuditEntry;
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::classification::{ClassifiedService, EdgeInfrastructure};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Communication {
    pub id: String,
    pub organisation_id: String,
    pub version: i64,
    pub submitted_on: NaiveDate,
    pub submitted_by: String,
    pub services: Vec<ClassifiedService>,
    pub edge: Vec<EdgeInfrastructure>,
}

const COLUMNS: &str = "id, organisation_id, version, submitted_on, submitted_by, services, edge";

impl Store {
    /// Records the next version of `organisation_id`'s communication. Two
    /// submitted at once cannot take the same number: the second is refused
    /// as a conflict, and nothing of it is written.
    pub async fn submit_classification(
        &self,
        actor: &Actor,
        organisation_id: &str,
        (services, edge): (&[ClassifiedService], &[EdgeInfrastructure]),
        (on, by): (NaiveDate, &str),
        at: Millis,
    ) -> Result<Communication, StoreError> {
        let during = |e| StoreError::during("record a classification communication", e);
        let encode = |e: serde_json::Error| during(sqlx::Error::Encode(e.into()));
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        let version: i64 = sqlx::query(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM classification_communications WHERE organisation_id = $1",
        )
        .bind(organisation_id)
        .fetch_one(tx.conn())
        .await
        .map_err(during)?
        .try_get(0)
        .map_err(during)?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO classification_communications ({COLUMNS}, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )))
        .bind(&id)
        .bind(organisation_id)
        .bind(version)
        .bind(on.to_string())
        .bind(by)
        .bind(serde_json::to_string(services).map_err(encode)?)
        .bind(serde_json::to_string(edge).map_err(encode)?)
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(|e| {
            crate::accounts::conflict(e, "record a classification communication", Message::new("cls-rule-version"))
        })?;
        let entry = AuditEntry {
            actor,
            action: "classification.submit",
            subject: format!("organisation:{organisation_id}"),
            details: json!({ "communication": id, "version": version, "services": services.len(),
                "edge": edge.len(), "on": on }),
        };
        tx.commit(entry, at).await?;
        Ok(Communication {
            id,
            organisation_id: organisation_id.into(),
            version,
            submitted_on: on,
            submitted_by: by.into(),
            services: services.to_vec(),
            edge: edge.to_vec(),
        })
    }

    /// Every version of an administration's communication, the latest first.
    pub async fn classifications_of(&self, organisation_id: &str) -> Result<Vec<Communication>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM classification_communications WHERE organisation_id = $1 ORDER BY version DESC"
        )))
        .bind(organisation_id);
        self.read_all(query, "list an administration's classifications", communication_from_row).await
    }

    /// The latest version of every administration's communication.
    pub async fn latest_classifications(&self) -> Result<Vec<Communication>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM classification_communications c WHERE version = \
             (SELECT MAX(version) FROM classification_communications l WHERE l.organisation_id = c.organisation_id) \
             ORDER BY organisation_id"
        )));
        self.read_all(query, "list the latest classifications", communication_from_row).await
    }
}

fn communication_from_row(r: &AnyRow) -> Result<Communication, StoreError> {
    let during = |e| StoreError::during("read a classification communication", e);
    let decode = |e: serde_json::Error| during(sqlx::Error::Decode(e.into()));
    Ok(Communication {
        id: r.try_get("id").map_err(during)?,
        organisation_id: r.try_get("organisation_id").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
        submitted_on: parse_date(&r.try_get::<String, _>("submitted_on").map_err(during)?)?,
        submitted_by: r.try_get("submitted_by").map_err(during)?,
        services: serde_json::from_str(&r.try_get::<String, _>("services").map_err(during)?).map_err(decode)?,
        edge: serde_json::from_str(&r.try_get::<String, _>("edge").map_err(during)?).map_err(decode)?,
    })
}
