//! Signing in and server-side sessions: Argon2id password hashes, the
//! check of a password, and session tokens of which only the SHA-256 is stored.

use super::{NewSession, ORG_COLUMNS, SessionUser, USER_COLUMNS, User, organisation_from_row, user_from_row};
use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cloudpa_domain::message::Message;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a federated sign-in is kept unfinished before the purge drops it
/// (the callback itself refuses one older than the identity settings allow).
const UNFINISHED_SIGN_IN_MS: Millis = 60 * 60 * 1000;

impl Store {
    /// The user whose e-mail and password match. An unknown address costs the
    /// same hashing work as a wrong password, so timing does not reveal which
    /// addresses have accounts.
    pub async fn authenticate(&self, email: &str, password: &str) -> Result<Option<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1 AND u.removed_at_ms IS NULL"
        ));
        let during = |e| StoreError::during("authenticate a user", e);
        let row = sqlx::query(sql).bind(email).fetch_optional(&self.pool).await.map_err(during)?;
        let found = match &row {
            Some(r) => Some((user_from_row(r)?, r.try_get::<String, _>("password_hash").map_err(during)?)),
            None => None,
        };
        // A member who signs in only through SPID/CIE has no password hash: it
        // costs the same as an unknown address, and never matches.
        let (user, stored) = match found {
            Some((user, stored)) if PasswordHash::new(&stored).is_ok() => (Some(user), stored),
            _ => (None, self.dummy_hash().await?),
        };
        let matches = verify_password(password.to_owned(), stored).await?;
        Ok(user.filter(|_| matches))
    }

    /// Opens a session for `user` until `expires_at`, signed in with a password.
    pub async fn create_session(&self, user: &User, at: Millis, expires_at: Millis) -> Result<NewSession, StoreError> {
        self.open_session(user, at, expires_at, json!({ "expires_at_ms": expires_at, "method": "password" })).await
    }

    /// Opens a session for `user` until `expires_at`, signed in through the
    /// identity provider `issuer` at the assurance level `acr`.
    pub async fn create_federated_session(
        &self,
        user: &User,
        at: Millis,
        expires_at: Millis,
        issuer: &str,
        acr: &str,
    ) -> Result<NewSession, StoreError> {
        let details = json!({ "expires_at_ms": expires_at, "method": "oidc", "issuer": issuer, "acr": acr });
        self.open_session(user, at, expires_at, details).await
    }

    async fn open_session(
        &self,
        user: &User,
        at: Millis,
        expires_at: Millis,
        details: serde_json::Value,
    ) -> Result<NewSession, StoreError> {
        let session = NewSession { token: random_token()?, csrf_token: random_token()? };
        let during = |e| StoreError::during("create a session", e);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at_ms, expires_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_digest(&session.token))
        .bind(&user.id)
        .bind(&session.csrf_token)
        .bind(at)
        .bind(expires_at)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1")
            .bind(crate::sign_in::account_subject(&user.email))
            .execute(tx.conn())
            .await
            .map_err(during)?;
        let entry = AuditEntry {
            actor: &Actor::user(&user.id),
            action: "session.create",
            subject: format!("user:{}", user.id),
            details,
        };
        tx.commit(entry, at).await?;
        Ok(session)
    }

    /// The user of a live session, if `token` names one that has not expired.
    pub async fn session_user(&self, token: &str, at: Millis) -> Result<Option<SessionUser>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, {ORG_COLUMNS}, s.csrf_token, s.expires_at_ms FROM sessions s \
             JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id \
             WHERE s.token_sha256 = $1 AND s.expires_at_ms > $2 AND u.removed_at_ms IS NULL"
        ));
        let operation = "read a session";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query(sql).bind(token_digest(token)).bind(at);
        self.read_one(query, operation, |r| -> Result<_, StoreError> {
            Ok(SessionUser {
                user: user_from_row(r)?,
                organisation: organisation_from_row(r)?,
                csrf_token: r.try_get("csrf_token").map_err(during)?,
                expires_at_ms: r.try_get("expires_at_ms").map_err(during)?,
                token: None,
            })
        })
        .await
    }

    /// Ends the session named by `token` (sign-out).
    pub async fn end_session(&self, token: &str, user: &User, at: Millis) -> Result<(), StoreError> {
        let statement = sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1 AND user_id = $2")
            .bind(token_digest(token))
            .bind(&user.id);
        let failed = |e| StoreError::during("end a session", e);
        let unchanged = || StoreError::NotFound(Message::new("store-session"));
        let entry = AuditEntry {
            actor: &Actor::user(&user.id),
            action: "session.end",
            subject: format!("user:{}", user.id),
            details: json!({}),
        };
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// Deletes the sessions that expired before `at`, the failed sign-ins
    /// older than `failures_before` (no throttle counts them any more) and
    /// the federated sign-ins left unfinished for an hour; one audit entry
    /// records how many, when there were any.
    pub async fn purge_expired_sessions(&self, at: Millis, failures_before: Millis) -> Result<u64, StoreError> {
        let during = |e| StoreError::during("purge expired sessions", e);
        let mut tx = self.begin_write().await?;
        let purged = sqlx::query("DELETE FROM sessions WHERE expires_at_ms <= $1")
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?
            .rows_affected();
        let failures = sqlx::query("DELETE FROM sign_in_failures WHERE at_ms < $1")
            .bind(failures_before)
            .execute(tx.conn())
            .await
            .map_err(during)?
            .rows_affected();
        let unfinished = sqlx::query("DELETE FROM federated_logins WHERE created_at_ms < $1")
            .bind(at - UNFINISHED_SIGN_IN_MS)
            .execute(tx.conn())
            .await
            .map_err(during)?
            .rows_affected();
        if purged == 0 && failures == 0 && unfinished == 0 {
            return Ok(0);
        }
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "session.purge",
            subject: "sessions".into(),
            details: json!({ "expired": purged, "sign_in_failures": failures, "unfinished_federated": unfinished }),
        };
        tx.commit(entry, at).await?;
        Ok(purged)
    }

    async fn dummy_hash(&self) -> Result<String, StoreError> {
        let hash = self.dummy_hash.get_or_try_init(|| self.hash_password("not-a-password-of-anyone")).await?;
        Ok(hash.clone())
    }

    pub(super) async fn hash_password(&self, password: &str) -> Result<String, StoreError> {
        let params = self.password_params.clone();
        let password = password.to_owned();
        let salt = {
            let mut bytes = [0u8; 16];
            getrandom::fill(&mut bytes).map_err(|e| StoreError::Password(e.to_string()))?;
            SaltString::encode_b64(&bytes).map_err(|e| StoreError::Password(e.to_string()))?
        };
        tokio::task::spawn_blocking(move || {
            argon2(params)
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| StoreError::Password(e.to_string()))
        })
        .await
        .map_err(|e| StoreError::Password(e.to_string()))?
    }
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a password against a stored PHC string, with the parameters the
/// string records (so raising the defaults does not lock anyone out).
async fn verify_password(password: String, stored: String) -> Result<bool, StoreError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| StoreError::Password(e.to_string()))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| StoreError::Password(e.to_string()))?
}

pub(super) fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Password(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

pub(super) fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
