//! The one module that knows which engine it talks to: transaction start and
//! row locking differ between SQLite and PostgreSQL; everything else is
//! portable SQL with `$1` placeholders.

use crate::audit::{self, AuditEntry};
use crate::{Millis, Store, StoreError};
use sqlx::{Any, Transaction};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Option<Engine> {
        let scheme = url.split_once(':')?.0;
        match scheme {
            "sqlite" => Some(Engine::Sqlite),
            "postgres" | "postgresql" => Some(Engine::Postgres),
            _ => None,
        }
    }

    pub(crate) fn pool_size(self) -> u32 {
        match self {
            Engine::Sqlite => 8,
            Engine::Postgres => 16,
        }
    }

    /// SQLite takes the write lock at `BEGIN IMMEDIATE`, so two writers queue
    /// on `busy_timeout` instead of failing with SQLITE_BUSY at commit.
    fn begin_write(self) -> &'static str {
        match self {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        }
    }

    /// Reads the head of the audit chain, locked until the transaction ends
    /// (SQLite's transaction already holds the database's write lock).
    pub(crate) fn audit_head_query(self) -> &'static str {
        match self {
            Engine::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
            Engine::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
        }
    }

    /// Every value of the text expression `column` over `table` in one
    /// text, a line each: one row to read instead of one per value (sqlx's
    /// SQLite driver hands each row over a channel to the async side, about
    /// 4 µs a row). The values must be single lines.
    pub(crate) fn joined_column_query(self, table: &str, column: &str) -> String {
        match self {
            Engine::Sqlite => format!("SELECT group_concat({column}, char(10)) AS joined FROM {table}"),
            Engine::Postgres => format!("SELECT string_agg({column}, chr(10)) AS joined FROM {table}"),
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        })
    }
}

/// A write transaction that must record exactly one audit entry before it
/// commits: [`WriteTx::commit`] takes the entry, so a change cannot be
/// committed without one.
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    engine: Engine,
}

impl Store {
    pub async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        let tx = self
            .pool
            .begin_with(self.engine().begin_write())
            .await
            .map_err(|e| StoreError::during("start a write transaction", e))?;
        Ok(WriteTx { tx, engine: self.engine() })
    }
}

impl WriteTx {
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    /// Appends `entry` to the audit chain and commits everything together.
    pub async fn commit(mut self, entry: AuditEntry<'_>, at: Millis) -> Result<i64, StoreError> {
        let seq = audit::append(&mut self.tx, self.engine, entry, at).await?;
        self.tx.commit().await.map_err(|e| StoreError::during("commit a change", e))?;
        Ok(seq)
    }
}
