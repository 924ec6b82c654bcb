use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use thiserror::Error;

/// A failure of the store. Domain validation happens before the store is
/// called; what remains are conflicts with existing rows and engine errors.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The record that holds the key already (the message names it).
    #[error("{} already exists", Lang::En.text(.0))]
    Conflict(Message),
    /// The record that is missing (the message names it).
    #[error("{} not found", Lang::En.text(.0))]
    NotFound(Message),
    /// A record that no longer takes this change (the message says why).
    #[error("{}", Lang::En.text(.0))]
    Frozen(Message),
    /// A change made to a version of a record that is no longer its latest.
    #[error("{} is at version {version}, changed by {changed_by}", Lang::En.text(what))]
    Stale { what: Message, version: i64, changed_by: String, changed_at_ms: i64 },
    #[error("reference data `{dataset}`, line {line}: {reason}")]
    Reference { dataset: &'static str, line: u64, reason: String },
    #[error("file storage: {0}")]
    Blob(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("password hashing failed: {0}")]
    Password(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("database error while trying to {operation}: {source}")]
    During {
        operation: &'static str,
        #[source]
        source: sqlx::Error,
    },
}

impl StoreError {
    /// A database error, with the operation that failed.
    pub(crate) fn during(operation: &'static str, source: sqlx::Error) -> StoreError {
        StoreError::During { operation, source }
    }

    /// Whether the database refused a row because a unique key already holds it.
    pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
        matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}
