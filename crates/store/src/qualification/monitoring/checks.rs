//! The agency's checks of a qualified service: opened with a subject and the
//! day the provider must answer by, closed once with findings and an
//! outcome (and, for a service found not compliant, the end of the
//! suspension that followed).

use crate::audit::AuditEntry;
use crate::outbox::enqueue;
use crate::qualification::corrupt;
use crate::read::{optional_date, parse_date};
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The topic of a check opened or closed.
pub const CHECK_TOPIC: &str = "monitoring.check";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: String,
    pub listing_id: String,
    pub kind: CheckKind,
    pub subject: String,
    /// The alert it answers, if any.
    pub alert_id: Option<String>,
    pub opened_on: NaiveDate,
    pub respond_by: NaiveDate,
    pub opened_by: String,
    pub outcome: Option<CheckOutcome>,
    pub findings: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub closed_by: Option<String>,
    pub suspended_until: Option<NaiveDate>,
}

/// A check to open.
#[derive(Debug, Clone, Copy)]
pub struct NewCheck<'a> {
    pub listing_id: &'a str,
    pub provider_id: &'a str,
    pub kind: CheckKind,
    pub subject: &'a str,
    pub alert_id: Option<&'a str>,
    pub opened_on: NaiveDate,
    pub respond_by: NaiveDate,
    pub opened_by: &'a str,
}

/// How a check closes.
#[derive(Debug, Clone, Copy)]
pub struct CheckClosing<'a> {
    pub outcome: CheckOutcome,
    pub findings: &'a str,
    pub suspended_until: Option<NaiveDate>,
    pub closed_by: &'a str,
    pub closed_on: NaiveDate,
}

const COLUMNS: &str = "id, listing_id, kind, subject, alert_id, opened_on, respond_by, opened_by, outcome, \
                       findings, closed_on, closed_by, suspended_until";

impl Store {
    pub async fn open_check(&self, actor: &Actor, new: NewCheck<'_>, at: Millis) -> Result<Check, StoreError> {
        let during = |e| StoreError::during("open a check", e);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO monitoring_checks (id, listing_id, kind, subject, alert_id, opened_on, respond_by, \
             opened_by, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(new.listing_id)
        .bind(new.kind.code())
        .bind(new.subject)
        .bind(new.alert_id)
        .bind(new.opened_on.to_string())
        .bind(new.respond_by.to_string())
        .bind(new.opened_by)
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        let payload = json!({ "check_id": id, "listing_id": new.listing_id, "provider_id": new.provider_id,
            "kind": new.kind.code(), "subject": new.subject, "respond_by": new.respond_by, "step": "opened" });
        enqueue(tx.conn(), CHECK_TOPIC, &payload, at).await?;
        let entry = AuditEntry {
            actor,
            action: "monitoring.check.open",
            subject: format!("listing:{}", new.listing_id),
            details: json!({ "check": id, "kind": new.kind.code(), "subject": new.subject,
                "alert": new.alert_id, "respond_by": new.respond_by }),
        };
        tx.commit(entry, at).await?;
        self.check(&id).await?.ok_or_else(|| StoreError::NotFound(Message::new("mon-no-check")))
    }

    /// Closes `check`, once (a second closing is refused as frozen), with
    /// the provider's notification.
    pub async fn close_check(
        &self,
        actor: &Actor,
        (check, provider_id): (&Check, &str),
        c: CheckClosing<'_>,
        at: Millis,
    ) -> Result<Check, StoreError> {
        let during = |e| StoreError::during("close a check", e);
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE monitoring_checks SET outcome = $1, findings = $2, closed_on = $3, closed_by = $4, \
             suspended_until = $5 WHERE id = $6 AND outcome IS NULL",
        )
        .bind(c.outcome.code())
        .bind(c.findings)
        .bind(c.closed_on.to_string())
        .bind(c.closed_by)
        .bind(c.suspended_until.map(|d| d.to_string()))
        .bind(&check.id)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Frozen(Message::new("mon-check-closed")));
        }
        let payload = json!({ "check_id": check.id, "listing_id": check.listing_id, "provider_id": provider_id,
            "kind": check.kind.code(), "subject": check.subject, "outcome": c.outcome.code(), "step": "closed" });
        enqueue(tx.conn(), CHECK_TOPIC, &payload, at).await?;
        let entry = AuditEntry {
            actor,
            action: "monitoring.check.close",
            subject: format!("listing:{}", check.listing_id),
            details: json!({ "check": check.id, "outcome": c.outcome.code(), "findings": c.findings,
                "suspended_until": c.suspended_until }),
        };
        tx.commit(entry, at).await?;
        self.check(&check.id).await?.ok_or_else(|| StoreError::NotFound(Message::new("mon-no-check")))
    }

    pub async fn check(&self, id: &str) -> Result<Option<Check>, StoreError> {
        let query =
            sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM monitoring_checks WHERE id = $1"))).bind(id);
        self.read_one(query, "read a check", check_from_row).await
    }

    /// The checks of a listing, the latest first.
    pub async fn listing_checks(&self, listing_id: &str) -> Result<Vec<Check>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_checks WHERE listing_id = $1 ORDER BY opened_on DESC, id DESC"
        )))
        .bind(listing_id);
        self.read_all(query, "list a listing's checks", check_from_row).await
    }

    /// The checks not closed yet, the answer due soonest first.
    pub async fn open_checks(&self) -> Result<Vec<Check>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_checks WHERE outcome IS NULL ORDER BY respond_by, id"
        )));
        self.read_all(query, "list the open checks", check_from_row).await
    }
}

fn check_from_row(r: &AnyRow) -> Result<Check, StoreError> {
    let during = |e| StoreError::during("read a check", e);
    let kind: String = r.try_get("kind").map_err(during)?;
    let outcome: Option<String> = r.try_get("outcome").map_err(during)?;
    Ok(Check {
        id: r.try_get("id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        kind: CheckKind::parse(&kind).ok_or_else(|| corrupt("check kind", &kind))?,
        subject: r.try_get("subject").map_err(during)?,
        alert_id: r.try_get("alert_id").map_err(during)?,
        opened_on: parse_date(&r.try_get::<String, _>("opened_on").map_err(during)?)?,
        respond_by: parse_date(&r.try_get::<String, _>("respond_by").map_err(during)?)?,
        opened_by: r.try_get("opened_by").map_err(during)?,
        outcome: outcome.map(|o| CheckOutcome::parse(&o).ok_or_else(|| corrupt("check outcome", &o))).transpose()?,
        findings: r.try_get("findings").map_err(during)?,
        closed_on: optional_date(r, "closed_on", during)?,
        closed_by: r.try_get("closed_by").map_err(during)?,
        suspended_until: optional_date(r, "suspended_until", during)?,
    })
}
