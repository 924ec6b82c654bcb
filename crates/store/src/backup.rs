//! Consistent copies of the database, for `cloudpa backup` and `restore`.
//!
//! SQLite: `VACUUM INTO` copies the database as one read transaction sees it
//! (<https://sqlite.org/lang_vacuum.html#vacuuminto>): in WAL mode writers go
//! on meanwhile, and the copy holds exactly the transactions committed before
//! it began. PostgreSQL: `pg_dump` reads a snapshot that this module exports
//! (`pg_export_snapshot`), in which it also reads the audit head, so the
//! backup's manifest names the head of exactly what was dumped.

use crate::engine::Engine;
use crate::{Store, StoreError};
use sqlx::{Any, Row, Transaction};
use std::path::Path;

/// The audit chain's length and last hash, as one snapshot sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub entries: i64,
    pub hash: String,
}

/// A PostgreSQL snapshot held open (a read-only repeatable-read transaction)
/// until dropped, for `pg_dump --snapshot`.
pub struct ExportedSnapshot {
    pub id: String,
    pub head: AuditHead,
    _transaction: Transaction<'static, Any>,
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `path`, which must
    /// not exist yet.
    pub async fn snapshot_into(&self, path: &Path) -> Result<(), StoreError> {
        self.require(Engine::Sqlite, "copy the database with VACUUM INTO")?;
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Unsupported(format!("the path {} is not valid UTF-8", path.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::during("copy the database (VACUUM INTO)", e))?;
        Ok(())
    }

    /// What SQLite's `PRAGMA integrity_check` finds wrong with the file (empty
    /// when it is sound). PostgreSQL checks its pages itself: always empty.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        if self.engine() != Engine::Sqlite {
            return Ok(Vec::new());
        }
        let rows = sqlx::query("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| StoreError::during("check the database file's integrity", e))?;
        let mut problems = Vec::new();
        for row in rows {
            let line: String = row.try_get(0).map_err(|e| StoreError::during("read the integrity check", e))?;
            if line != "ok" {
                problems.push(line);
            }
        }
        Ok(problems)
    }

    /// Opens a read-only snapshot of this PostgreSQL database, exports it for
    /// `pg_dump --snapshot`, and reads the audit head in it.
    pub async fn export_snapshot(&self) -> Result<ExportedSnapshot, StoreError> {
        self.require(Engine::Postgres, "export a snapshot")?;
        let during = |e| StoreError::during("export a snapshot for pg_dump", e);
        let mut transaction = self.pool.begin().await.map_err(during)?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *transaction)
            .await
            .map_err(during)?;
        let id: String = sqlx::query("SELECT pg_export_snapshot()")
            .fetch_one(&mut *transaction)
            .await
            .map_err(during)?
            .try_get(0)
            .map_err(during)?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *transaction)
            .await
            .map_err(during)?;
        let head =
            AuditHead { entries: head.try_get("seq").map_err(during)?, hash: head.try_get("hash").map_err(during)? };
        Ok(ExportedSnapshot { id, head, _transaction: transaction })
    }

    /// Whether the database holds no table yet (a restore's target must be
    /// empty).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let sql = match self.engine() {
            Engine::Sqlite => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'",
            Engine::Postgres => "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()",
        };
        let during = |e| StoreError::during("count the database's tables", e);
        let row = sqlx::query(sql).fetch_one(&self.pool).await.map_err(during)?;
        Ok(row.try_get::<i64, _>("n").map_err(during)? == 0)
    }

    fn require(&self, engine: Engine, what: &str) -> Result<(), StoreError> {
        if self.engine() == engine {
            return Ok(());
        }
        Err(StoreError::Unsupported(format!("cannot {what} on {}: only on {engine}", self.engine())))
    }
}
