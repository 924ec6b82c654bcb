//! The sequences the store's changes share: a change that is one statement,
//! committed with its audit entry, a change guarded by the version it was
//! made to, and the next number of a versioned record.

use crate::audit::AuditEntry;
use crate::read::Query;
use crate::{Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

impl Store {
    /// Runs `statement` alone in a write transaction and commits it with
    /// `entry`; `failed` maps a failure of the statement (a conflict, say).
    pub(crate) async fn write_one(
        &self,
        statement: Query<'_>,
        failed: impl FnOnce(sqlx::Error) -> StoreError,
        entry: AuditEntry<'_>,
        at: Millis,
    ) -> Result<(), StoreError> {
        self.write(statement, failed, None::<fn() -> StoreError>, entry, at).await
    }

    /// [`Store::write_one`] for a statement that must change a row: when it
    /// changes none (the row is gone, or has moved on since it was read),
    /// nothing is committed and the error is `unchanged`'s.
    pub(crate) async fn write_one_changing(
        &self,
        statement: Query<'_>,
        failed: impl FnOnce(sqlx::Error) -> StoreError,
        unchanged: impl FnOnce() -> StoreError,
        entry: AuditEntry<'_>,
        at: Millis,
    ) -> Result<(), StoreError> {
        self.write(statement, failed, Some(unchanged), entry, at).await
    }

    async fn write(
        &self,
        statement: Query<'_>,
        failed: impl FnOnce(sqlx::Error) -> StoreError,
        unchanged: Option<impl FnOnce() -> StoreError>,
        entry: AuditEntry<'_>,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = statement.execute(tx.conn()).await.map_err(failed)?;
        if let Some(unchanged) = unchanged
            && done.rows_affected() == 0
        {
            return Err(unchanged());
        }
        tx.commit(entry, at).await?;
        Ok(())
    }
}

/// Why a versioned write was held back, read from the row as it stands by
/// `query`, whose columns are `frozen` (1: the row no longer takes changes
/// of this kind), `version`, `changed_by` (a name) and `changed_at_ms`.
pub(crate) struct Refusal<'q> {
    pub query: Query<'q>,
    /// The record, as the 409 names it.
    pub what: Message,
    /// What a frozen row answers.
    pub frozen: cloudpa_domain::message::Message,
}

impl Store {
    /// Runs `statement`, an upsert ending `… RETURNING version` whose guard
    /// holds the write back when the row moved on since it was read, and
    /// commits it with `entry`: the new version; or, when held back, nothing
    /// committed and the refusal `refused` reads (who changed it, and when).
    pub(crate) async fn write_versioned(
        &self,
        statement: Query<'_>,
        failed: impl Fn(sqlx::Error) -> StoreError,
        refused: Refusal<'_>,
        entry: AuditEntry<'_>,
        at: Millis,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(row) = statement.fetch_optional(tx.conn()).await.map_err(&failed)? else {
            let row = refused.query.fetch_optional(tx.conn()).await.map_err(&failed)?;
            return Err(refusal(row, refused.what, refused.frozen).map_err(failed)?);
        };
        let version: i64 = row.try_get("version").map_err(&failed)?;
        tx.commit(entry, at).await?;
        Ok(version)
    }
}

fn refusal(
    row: Option<sqlx::any::AnyRow>,
    what: Message,
    frozen: cloudpa_domain::message::Message,
) -> Result<StoreError, sqlx::Error> {
    let Some(row) = row else { return Ok(StoreError::NotFound(what)) };
    if row.try_get::<i64, _>("frozen")? == 1 {
        return Ok(StoreError::Frozen(frozen));
    }
    Ok(StoreError::Stale {
        what,
        version: row.try_get("version")?,
        changed_by: row.try_get("changed_by")?,
        changed_at_ms: row.try_get("changed_at_ms")?,
    })
}

/// The highest `number` (a version, a sequence) of the rows of `table` whose
/// `key` column holds `value`, read in the writer's transaction; `None` when
/// there is no such row. Names are the caller's constants.
pub(crate) async fn last_number(
    conn: &mut AnyConnection,
    table: &'static str,
    number: &'static str,
    key: &'static str,
    value: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = format!("SELECT MAX({number}) AS last_number FROM {table} WHERE {key} = $1");
    sqlx::query(AssertSqlSafe(sql)).bind(value).fetch_one(conn).await?.try_get("last_number")
}
