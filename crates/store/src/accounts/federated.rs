//! Sign-ins through the identity provider in flight: from the redirect to
//! the callback (the nonce and PKCE verifier the callback needs, keyed by
//! the SHA-256 of the `state` sent), and, for a person who is a member of
//! several organisations, from the callback to their choice (the verified
//! fiscal code, keyed by the SHA-256 of a random value in their form). Each
//! is taken once; rows older than the purge's cut-off are deleted.

use super::sessions::token_digest;
use crate::{Millis, Store, StoreError};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A sign-in between the redirect to the provider and the callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederatedLogin {
    pub nonce: String,
    pub code_verifier: String,
    pub next_path: String,
    pub created_at_ms: Millis,
}

/// A person the provider vouched for, choosing among their organisations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedLogin {
    pub fiscal_code: String,
    pub acr: String,
    pub next_path: String,
    pub created_at_ms: Millis,
}

impl Store {
    /// Keeps a sign-in under its `state` until the callback.
    pub async fn save_federated_login(&self, state: &str, login: &FederatedLogin) -> Result<(), StoreError> {
        self.insert_login(state, &login.nonce, &login.code_verifier, &login.next_path, None, login.created_at_ms).await
    }

    /// The sign-in sent with `state`, removed so that it serves once.
    pub async fn take_federated_login(&self, state: &str) -> Result<Option<FederatedLogin>, StoreError> {
        let row = self.take_login(state, "fiscal_code IS NULL").await?;
        row.as_ref()
            .map(|r| -> Result<_, sqlx::Error> {
                Ok(FederatedLogin {
                    nonce: r.try_get("nonce")?,
                    code_verifier: r.try_get("code_verifier")?,
                    next_path: r.try_get("next_path")?,
                    created_at_ms: r.try_get("created_at_ms")?,
                })
            })
            .transpose()
            .map_err(|e| StoreError::during("read a federated sign-in", e))
    }

    /// Keeps a verified person under `key` until they choose an organisation.
    pub async fn save_verified_login(&self, key: &str, login: &VerifiedLogin) -> Result<(), StoreError> {
        let verified = Some((login.fiscal_code.as_str(), login.acr.as_str()));
        self.insert_login(key, "", "", &login.next_path, verified, login.created_at_ms).await
    }

    /// The verified person kept under `key`, removed so that it serves once.
    pub async fn take_verified_login(&self, key: &str) -> Result<Option<VerifiedLogin>, StoreError> {
        let row = self.take_login(key, "fiscal_code IS NOT NULL").await?;
        row.as_ref()
            .map(|r| -> Result<_, sqlx::Error> {
                Ok(VerifiedLogin {
                    fiscal_code: r.try_get("fiscal_code")?,
                    acr: r.try_get("acr")?,
                    next_path: r.try_get("next_path")?,
                    created_at_ms: r.try_get("created_at_ms")?,
                })
            })
            .transpose()
            .map_err(|e| StoreError::during("read a verified sign-in", e))
    }

    async fn insert_login(
        &self,
        key: &str,
        nonce: &str,
        code_verifier: &str,
        next_path: &str,
        verified: Option<(&str, &str)>,
        at: Millis,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO federated_logins (key_sha256, nonce, code_verifier, next_path, fiscal_code, acr, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_digest(key))
        .bind(nonce)
        .bind(code_verifier)
        .bind(next_path)
        .bind(verified.map(|v| v.0))
        .bind(verified.map(|v| v.1))
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("keep a federated sign-in", e))?;
        Ok(())
    }

    async fn take_login(&self, key: &str, which: &'static str) -> Result<Option<AnyRow>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "DELETE FROM federated_logins WHERE key_sha256 = $1 AND {which} \
             RETURNING nonce, code_verifier, next_path, fiscal_code, acr, created_at_ms"
        ));
        sqlx::query(sql)
            .bind(token_digest(key))
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| StoreError::during("take a federated sign-in", e))
    }
}
