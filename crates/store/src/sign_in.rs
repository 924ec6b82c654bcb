//! Failed sign-ins, counted per subject (an account's e-mail, or a client's
//! address) so that the domain's throttle can refuse guessing. The store
//! records and reads; `cloudpa_domain::accounts::locked_until` decides.

use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use serde_json::json;
use sqlx::Row;

/// The subject that counts the failures of the account `email` (normalised;
/// whether or not an account has it).
pub fn account_subject(email: &str) -> String {
    format!("account:{email}")
}

/// The subject that counts the failures of a client address.
pub fn client_subject(address: &str) -> String {
    format!("client:{address}")
}

/// A subject that a failure locks, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lockout<'a> {
    pub subject: &'a str,
    pub until: Millis,
}

impl Store {
    /// The failed sign-ins of `subject` at or after `since`.
    pub async fn sign_in_failures(&self, subject: &str, since: Millis) -> Result<Vec<Millis>, StoreError> {
        let query = sqlx::query("SELECT at_ms FROM sign_in_failures WHERE subject = $1 AND at_ms >= $2")
            .bind(subject)
            .bind(since);
        self.read_all(query, "read failed sign-ins", |r| r.try_get("at_ms")).await
    }

    /// Records a failed sign-in of each of `subjects` at `at`, audited; the
    /// entry names the lockouts this failure starts.
    pub async fn record_sign_in_failure(
        &self,
        subjects: &[&str],
        lockouts: &[Lockout<'_>],
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for subject in subjects {
            sqlx::query("INSERT INTO sign_in_failures (subject, at_ms) VALUES ($1, $2)")
                .bind(*subject)
                .bind(at)
                .execute(tx.conn())
                .await
                .map_err(|e| StoreError::during("record a failed sign-in", e))?;
        }
        let locked: Vec<_> = lockouts.iter().map(|l| json!({ "subject": l.subject, "until_ms": l.until })).collect();
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: if lockouts.is_empty() { "sign_in.failure" } else { "sign_in.lockout" },
            subject: subjects.join(" "),
            details: json!({ "locked": locked }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }
}
