//! Organisations, users and server-side sessions.
//!
//! Passwords are stored as Argon2id PHC strings; session tokens are random
//! 256-bit values of which only the SHA-256 is stored, so a copy of the
//! database does not let anyone sign in.

use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cloudpa_domain::access::{OrganisationKind, Role};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: String,
    pub kind: OrganisationKind,
    pub name: String,
    pub ipa_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub organisation_id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// A user that is already validated by the domain (`accounts` rules).
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub organisation_id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
}

/// The signed-in user behind a session cookie.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub organisation: Organisation,
    pub csrf_token: String,
    pub expires_at_ms: Millis,
}

/// A new session: the token goes in the cookie, and is never stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

const USER_COLUMNS: &str = "u.id, u.organisation_id, u.email, u.display_name, u.role";
const ORG_COLUMNS: &str = "o.id, o.kind, o.name, o.ipa_code";

impl Store {
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        kind: OrganisationKind,
        name: &str,
        ipa_code: Option<&str>,
        at: Millis,
    ) -> Result<Organisation, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO organisations (id, kind, name, ipa_code, created_at_ms) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(kind.code())
            .bind(name)
            .bind(ipa_code)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(|e| conflict(e, format!("an organisation with IPA code {}", ipa_code.unwrap_or("-"))))?;
        let entry = AuditEntry {
            actor,
            action: "organisation.create",
            subject: format!("organisation:{id}"),
            details: json!({ "kind": kind.code(), "name": name, "ipa_code": ipa_code }),
        };
        tx.commit(entry, at).await?;
        Ok(Organisation { id, kind, name: name.to_owned(), ipa_code: ipa_code.map(str::to_owned) })
    }

    pub async fn find_organisation_by_name(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE o.name = $1"));
        let row = sqlx::query(sql).bind(name).fetch_optional(&self.pool).await?;
        row.as_ref().map(|r| organisation_from_row(r, 0)).transpose()
    }

    /// The organisation with IPA code `ipa_code` (any case).
    pub async fn find_organisation_by_ipa(&self, ipa_code: &str) -> Result<Option<Organisation>, StoreError> {
        let sql =
            sqlx::AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE LOWER(o.ipa_code) = $1"));
        let row = sqlx::query(sql).bind(ipa_code.trim().to_lowercase()).fetch_optional(&self.pool).await?;
        row.as_ref().map(|r| organisation_from_row(r, 0)).transpose()
    }

    pub async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id = $1"));
        let row = sqlx::query(sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(|r| organisation_from_row(r, 0)).transpose()
    }

    pub async fn count_organisations(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM organisations").fetch_one(&self.pool).await?.try_get(0)?)
    }

    /// Creates a user; the e-mail address must not be taken.
    pub async fn create_user(&self, actor: &Actor, new: NewUser<'_>, at: Millis) -> Result<User, StoreError> {
        let password_hash = self.hash_password(new.password).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO users (id, organisation_id, email, display_name, password_hash, role, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(new.organisation_id)
        .bind(new.email)
        .bind(new.display_name)
        .bind(&password_hash)
        .bind(new.role.code())
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(|e| conflict(e, format!("a user with e-mail {}", new.email)))?;
        let entry = AuditEntry {
            actor,
            action: "user.create",
            subject: format!("user:{id}"),
            details: json!({
                "organisation_id": new.organisation_id,
                "email": new.email,
                "role": new.role.code(),
            }),
        };
        tx.commit(entry, at).await?;
        Ok(User {
            id,
            organisation_id: new.organisation_id.to_owned(),
            email: new.email.to_owned(),
            display_name: new.display_name.to_owned(),
            role: new.role,
        })
    }

    pub async fn user(&self, id: &str) -> Result<Option<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"));
        let row = sqlx::query(sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(|r| user_from_row(r, 0)).transpose()
    }

    /// The users of every organisation of `kind`, by e-mail.
    pub async fn users_of_kind(&self, kind: OrganisationKind) -> Result<Vec<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN organisations o ON o.id = u.organisation_id \
             WHERE o.kind = $1 ORDER BY u.email"
        ));
        let rows = sqlx::query(sql).bind(kind.code()).fetch_all(&self.pool).await?;
        rows.iter().map(|r| user_from_row(r, 0)).collect()
    }

    /// The users of one organisation, by e-mail.
    pub async fn list_users(&self, organisation_id: &str) -> Result<Vec<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.organisation_id = $1 ORDER BY u.email"
        ));
        let rows = sqlx::query(sql).bind(organisation_id).fetch_all(&self.pool).await?;
        rows.iter().map(|r| user_from_row(r, 0)).collect()
    }

    /// The user whose e-mail and password match. An unknown address costs the
    /// same hashing work as a wrong password, so timing does not reveal which
    /// addresses have accounts.
    pub async fn authenticate(&self, email: &str, password: &str) -> Result<Option<User>, StoreError> {
        let sql =
            sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1"));
        let row = sqlx::query(sql).bind(email).fetch_optional(&self.pool).await?;
        let (user, stored) = match &row {
            Some(r) => (Some(user_from_row(r, 0)?), r.try_get::<String, _>(5)?),
            None => (None, self.dummy_hash().await?),
        };
        let matches = verify_password(password.to_owned(), stored).await?;
        Ok(user.filter(|_| matches))
    }

    /// Opens a session for `user` until `expires_at`.
    pub async fn create_session(&self, user: &User, at: Millis, expires_at: Millis) -> Result<NewSession, StoreError> {
        let session = NewSession { token: random_token()?, csrf_token: random_token()? };
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
        .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1")
            .bind(crate::sign_in::account_subject(&user.email))
            .execute(tx.conn())
            .await?;
        let entry = AuditEntry {
            actor: &Actor::user(&user.id),
            action: "session.create",
            subject: format!("user:{}", user.id),
            details: json!({ "expires_at_ms": expires_at }),
        };
        tx.commit(entry, at).await?;
        Ok(session)
    }

    /// The user of a live session, if `token` names one that has not expired.
    pub async fn session_user(&self, token: &str, at: Millis) -> Result<Option<SessionUser>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, {ORG_COLUMNS}, s.csrf_token, s.expires_at_ms FROM sessions s \
             JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id \
             WHERE s.token_sha256 = $1 AND s.expires_at_ms > $2"
        ));
        let row = sqlx::query(sql).bind(token_digest(token)).bind(at).fetch_optional(&self.pool).await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(SessionUser {
            user: user_from_row(&r, 0)?,
            organisation: organisation_from_row(&r, 5)?,
            csrf_token: r.try_get(9)?,
            expires_at_ms: r.try_get(10)?,
        }))
    }

    /// Ends the session named by `token` (sign-out).
    pub async fn end_session(&self, token: &str, user: &User, at: Millis) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1 AND user_id = $2")
            .bind(token_digest(token))
            .bind(&user.id)
            .execute(tx.conn())
            .await?
            .rows_affected();
        if ended == 0 {
            return Err(StoreError::NotFound("session".into()));
        }
        let entry = AuditEntry {
            actor: &Actor::user(&user.id),
            action: "session.end",
            subject: format!("user:{}", user.id),
            details: json!({}),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    /// Deletes the sessions that expired before `at`, and the failed
    /// sign-ins older than `failures_before` (no throttle counts them any
    /// more); one audit entry records how many, when there were any.
    pub async fn purge_expired_sessions(&self, at: Millis, failures_before: Millis) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let purged = sqlx::query("DELETE FROM sessions WHERE expires_at_ms <= $1")
            .bind(at)
            .execute(tx.conn())
            .await?
            .rows_affected();
        let failures = sqlx::query("DELETE FROM sign_in_failures WHERE at_ms < $1")
            .bind(failures_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        if purged == 0 && failures == 0 {
            return Ok(0);
        }
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "session.purge",
            subject: "sessions".into(),
            details: json!({ "expired": purged, "sign_in_failures": failures }),
        };
        tx.commit(entry, at).await?;
        Ok(purged)
    }

    async fn dummy_hash(&self) -> Result<String, StoreError> {
        let hash = self.dummy_hash.get_or_try_init(|| self.hash_password("not-a-password-of-anyone")).await?;
        Ok(hash.clone())
    }

    async fn hash_password(&self, password: &str) -> Result<String, StoreError> {
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

fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Password(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn conflict(err: sqlx::Error, what: String) -> StoreError {
    if StoreError::is_unique_violation(&err) { StoreError::Conflict(what) } else { StoreError::Database(err) }
}

fn user_from_row(row: &AnyRow, at: usize) -> Result<User, StoreError> {
    let role: String = row.try_get(at + 4)?;
    Ok(User {
        id: row.try_get(at)?,
        organisation_id: row.try_get(at + 1)?,
        email: row.try_get(at + 2)?,
        display_name: row.try_get(at + 3)?,
        role: role.parse().map_err(|e: String| StoreError::Database(sqlx::Error::Decode(e.into())))?,
    })
}

fn organisation_from_row(row: &AnyRow, at: usize) -> Result<Organisation, StoreError> {
    let kind: String = row.try_get(at + 1)?;
    Ok(Organisation {
        id: row.try_get(at)?,
        kind: kind.parse().map_err(|e: String| StoreError::Database(sqlx::Error::Decode(e.into())))?,
        name: row.try_get(at + 2)?,
        ipa_code: row.try_get(at + 3)?,
    })
}
