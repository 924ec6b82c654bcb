//! The audit log: append-only and hash-chained.
//!
//! Entry `n` stores the SHA-256 of its own fields and of entry `n-1`'s hash,
//! and the single-row `audit_head` holds the last sequence number and hash.
//! Altering any field of any entry, removing an entry (from the middle or the
//! tail) or reordering entries breaks the chain, and [`verify`] names the first
//! entry where it breaks.

use crate::engine::Engine;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AssertSqlSafe, Row};

/// The hash that precedes the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, to be recorded with the change that made it happen.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub actor: &'a Actor,
    /// A dotted verb such as `user.create` or `reference.load`.
    pub action: &'a str,
    /// What the action was about, such as `user:<id>` or `dataset:comuni`.
    pub subject: String,
    /// The facts of the change (never a secret such as a password or token).
    pub details: serde_json::Value,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub seq: i64,
    pub at_ms: Millis,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The outcome of re-computing the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    /// The hash of the last entry verified: record it outside the database.
    pub head_hash: String,
    pub first_bad: Option<BadEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEntry {
    pub seq: i64,
    pub reason: String,
}

/// The digest of an entry: every field length-prefixed, so that no two
/// different entries can serialise to the same bytes.
pub fn digest(seq: i64, at_ms: Millis, actor: &str, action: &str, subject: &str, details: &str, prev: &str) -> String {
    let mut h = Sha256::new();
    h.update(seq.to_be_bytes());
    h.update(at_ms.to_be_bytes());
    for field in [actor, action, subject, details, prev] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The refusal of a change made to `version`-less-than-latest of `what`:
/// names who made the latest change of `subject` and when (from the audit
/// log, read in the writer's transaction), by the user's name when a user
/// made it.
pub(crate) async fn stale(conn: &mut AnyConnection, what: Message, version: i64, subject: &str) -> StoreError {
    let last = sqlx::query(
        "SELECT COALESCE(u.display_name, a.actor) AS changed_by, a.at_ms FROM audit_log a \
         LEFT JOIN users u ON a.actor = 'user:' || u.id WHERE a.subject = $1 ORDER BY a.seq DESC LIMIT 1",
    )
    .bind(subject)
    .fetch_optional(&mut *conn)
    .await;
    match last {
        Ok(Some(row)) => StoreError::Stale {
            what,
            version,
            changed_by: row.try_get("changed_by").unwrap_or_default(),
            changed_at_ms: row.try_get("at_ms").unwrap_or_default(),
        },
        Ok(None) => StoreError::Stale { what, version, changed_by: String::new(), changed_at_ms: 0 },
        Err(e) => StoreError::during("read who changed a record", e),
    }
}

/// The changes that cannot move the programme's figures (applications to
/// calls and the open data, enti and their sites, municipalities, tariffs,
/// targets), by the start of their audit action. Any other action — and
/// any added later — moves them: a figure is then computed again without
/// need, never shown stale.
const LEAVES_FIGURES: &[&str] = &[
    "session.",
    "sign_in.",
    "api_token.",
    "file.",
    "application.",
    "listing.",
    "infrastructure.",
    "provider.",
    "catalogue.",
    "user.",
    "delegation.",
    "team.",
    "supplier.",
    "compliance_form.",
    "ente.service.",
    "attestation.answer",
    "attestation.assign",
    "attestation.sample",
    "attestation.precheck_run",
    "attestation.live_",
    "programme.reminders",
];

/// Whether a change recorded as `action` can move the programme's figures.
fn moves_figures(action: &str) -> bool {
    !LEAVES_FIGURES.iter().any(|prefix| action.starts_with(prefix))
}

pub(crate) async fn append(
    conn: &mut AnyConnection,
    engine: Engine,
    entry: AuditEntry<'_>,
    at: Millis,
) -> Result<i64, StoreError> {
    let during = |e| StoreError::during("append to the audit log", e);
    let head = sqlx::query(engine.audit_head_query()).fetch_one(&mut *conn).await.map_err(during)?;
    let (last_seq, prev): (i64, String) = (head.try_get("seq").map_err(during)?, head.try_get("hash").map_err(during)?);
    let seq = last_seq + 1;
    let details = entry.details.to_string();
    let hash = digest(seq, at, entry.actor.as_str(), entry.action, &entry.subject, &details, &prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at_ms, actor, action, subject, details, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(at)
    .bind(entry.actor.as_str())
    .bind(entry.action)
    .bind(&entry.subject)
    .bind(&details)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await
    .map_err(during)?;
    let figures = if moves_figures(entry.action) { "$1" } else { "figures_seq" };
    sqlx::query(AssertSqlSafe(format!(
        "UPDATE audit_head SET seq = $1, hash = $2, figures_seq = {figures} WHERE id = 1"
    )))
    .bind(seq)
    .bind(&hash)
    .execute(&mut *conn)
    .await
    .map_err(during)?;
    Ok(seq)
}

impl Store {
    /// The audit sequence number of the last change that can move the
    /// programme's figures, by any process: it keys the kept dashboards.
    pub async fn figures_version(&self) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("read the figures' version", e);
        let head = sqlx::query("SELECT figures_seq FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(during)?;
        head.try_get("figures_seq").map_err(during)
    }

    /// The number of changes ever recorded (the audit chain's length): it
    /// grows with every change, by any process, so it keys caches of derived
    /// figures.
    pub async fn data_version(&self) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("read the length of the audit log", e);
        let head =
            sqlx::query("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&self.pool).await.map_err(during)?;
        head.try_get("seq").map_err(during)
    }
}

impl Store {
    /// Re-computes the whole chain, streaming the entries in order.
    pub async fn verify_audit(&self) -> Result<Verification, StoreError> {
        let during = |e| StoreError::during("verify the audit log", e);
        let mut rows = sqlx::query(
            "SELECT seq, at_ms, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq",
        )
        .fetch(&self.pool);
        let mut expected_seq = 1;
        let mut prev = GENESIS.to_owned();
        let mut entries = 0;
        let bad = |entries, head_hash: &str, seq, reason: String| {
            Ok(Verification { entries, head_hash: head_hash.to_owned(), first_bad: Some(BadEntry { seq, reason }) })
        };
        while let Some(row) = rows.try_next().await.map_err(during)? {
            let e = stored_entry(&row).map_err(during)?;
            if e.seq != expected_seq {
                return bad(
                    entries,
                    &prev,
                    expected_seq,
                    format!("entry {expected_seq} is missing (next entry is {})", e.seq),
                );
            }
            if e.prev_hash != prev {
                return bad(entries, &prev, e.seq, "its previous-hash does not match the entry before it".into());
            }
            let recomputed = digest(e.seq, e.at_ms, &e.actor, &e.action, &e.subject, &e.details, &e.prev_hash);
            if recomputed != e.hash {
                return bad(entries, &prev, e.seq, "its content does not match its hash (the row was altered)".into());
            }
            entries += 1;
            expected_seq += 1;
            prev = e.hash;
        }
        drop(rows);
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(during)?;
        let Some(head) = head else {
            return bad(entries, &prev, expected_seq, "the chain head is missing".into());
        };
        let (head_seq, head_hash): (i64, String) =
            (head.try_get("seq").map_err(during)?, head.try_get("hash").map_err(during)?);
        if head_seq != entries {
            return bad(
                entries,
                &prev,
                entries + 1,
                format!("the chain head records {head_seq} entries but {entries} remain"),
            );
        }
        if head_hash != prev {
            return bad(entries, &prev, entries, "the chain head's hash does not match the last entry".into());
        }
        Ok(Verification { entries, head_hash: prev, first_bad: None })
    }

    /// The most recent entries, newest first.
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<StoredEntry>, StoreError> {
        let query = sqlx::query(
            "SELECT seq, at_ms, actor, action, subject, details, prev_hash, hash FROM audit_log \
             ORDER BY seq DESC LIMIT $1",
        )
        .bind(limit);
        self.read_all(query, "read the recent audit entries", stored_entry).await
    }
}

fn stored_entry(row: &sqlx::any::AnyRow) -> Result<StoredEntry, sqlx::Error> {
    Ok(StoredEntry {
        seq: row.try_get("seq")?,
        at_ms: row.try_get("at_ms")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        subject: row.try_get("subject")?,
        details: row.try_get("details")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_separates_fields() {
        let a = digest(1, 0, "ab", "c", "s", "{}", GENESIS);
        let b = digest(1, 0, "a", "bc", "s", "{}", GENESIS);
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn figures_move_with_the_programme_not_with_the_rest() {
        for action in [
            "call_application.submit",
            "programme.import_financed",
            "ente.profile",
            "ente.site.create",
            "reference.load",
            "contract.add",
            "attestation.verdict",
            "attestation.payment_request",
            "a.new_action",
        ] {
            assert!(moves_figures(action), "{action}");
        }
        for action in [
            "ente.service.create",
            "listing.create",
            "session.create",
            "sign_in.failure",
            "file.upload",
            "application.transition",
            "compliance_form.save",
            "attestation.sample_answer",
            "programme.reminders",
        ] {
            assert!(!moves_figures(action), "{action}");
        }
    }
}
