//! The sequences the store's changes share: a change that is one statement,
//! committed with its audit entry, and the next number of a versioned record.

use crate::audit::AuditEntry;
use crate::read::Query;
use crate::{Millis, Store, StoreError};
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
