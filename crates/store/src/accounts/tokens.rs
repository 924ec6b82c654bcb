//! API tokens: the secret is shown once to the administrator who makes it;
//! the store keeps its SHA-256 (a 256-bit random value needs no slow hash),
//! its scopes, its expiry, when it was revoked and when it was last used.

use super::sessions::{random_token, token_digest};
use super::{ORG_COLUMNS, SessionUser, TokenGrant, USER_COLUMNS, organisation_from_row, user_from_row};
use crate::audit::AuditEntry;
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::api_tokens::{NewToken, Scope};
use cloudpa_domain::message::Message;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

/// What every token's secret starts with, so that a leaked one is easy to
/// recognise (and to find with a secret scanner).
pub const TOKEN_PREFIX: &str = "cpa_";
/// How often the last use of a token is written, at most.
const LAST_USE_RESOLUTION_MS: Millis = 60_000;

/// A token as its organisation's administrators see it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: String,
    pub organisation_id: String,
    pub created_by: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The secret's first characters.
    pub prefix: String,
    pub created_at_ms: Millis,
    /// The first day the token no longer works.
    pub expires_on: NaiveDate,
    pub revoked_at_ms: Option<Millis>,
    pub last_used_at_ms: Option<Millis>,
}

/// A token found by its secret, with the organisation it acts for.
#[derive(Debug, Clone)]
pub struct TokenHolder {
    pub token: ApiToken,
    pub user: SessionUser,
}

const TOKEN_COLUMNS: &str = "t.id AS token_id, t.organisation_id AS token_org, t.created_by, t.name AS token_name, \
     t.scopes, t.prefix, t.created_at_ms AS token_created, t.expires_on, t.revoked_at_ms, t.last_used_at_ms";

impl Store {
    /// Makes a token for `organisation_id`; returns it with its secret,
    /// which is not kept.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        organisation_id: &str,
        created_by: &str,
        new: &NewToken,
        at: Millis,
    ) -> Result<(ApiToken, String), StoreError> {
        let secret = format!("{TOKEN_PREFIX}{}", random_token()?);
        let token = ApiToken {
            id: uuid::Uuid::now_v7().to_string(),
            organisation_id: organisation_id.to_owned(),
            created_by: created_by.to_owned(),
            name: new.name.clone(),
            scopes: new.scopes.clone(),
            prefix: secret.chars().take(12).collect(),
            created_at_ms: at,
            expires_on: new.expires_on,
            revoked_at_ms: None,
            last_used_at_ms: None,
        };
        let statement = sqlx::query(
            "INSERT INTO api_tokens (id, organisation_id, created_by, name, scopes, token_sha256, prefix, \
             created_at_ms, expires_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&token.id)
        .bind(organisation_id)
        .bind(created_by)
        .bind(&token.name)
        .bind(scope_codes(&token.scopes))
        .bind(token_digest(&secret))
        .bind(&token.prefix)
        .bind(at)
        .bind(token.expires_on.to_string());
        let entry = AuditEntry {
            actor,
            action: "api_token.create",
            subject: format!("api_token:{}", token.id),
            details: json!({
                "organisation_id": organisation_id,
                "name": token.name,
                "scopes": scope_codes(&token.scopes),
                "expires_on": token.expires_on,
            }),
        };
        self.write_one(statement, |e| StoreError::during("create an API token", e), entry, at).await?;
        Ok((token, secret))
    }

    /// The tokens of an organisation, newest first.
    pub async fn api_tokens(&self, organisation_id: &str) -> Result<Vec<ApiToken>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.organisation_id = $1 ORDER BY t.created_at_ms DESC, t.id"
        ));
        self.read_all(sqlx::query(sql).bind(organisation_id), "list API tokens", token_from_row).await
    }

    /// Revokes a token of `organisation_id`; a token of another organisation
    /// is not found, and one revoked already stays as it was.
    pub async fn revoke_api_token(
        &self,
        actor: &Actor,
        organisation_id: &str,
        token_id: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE api_tokens SET revoked_at_ms = $1 WHERE id = $2 AND organisation_id = $3 AND revoked_at_ms IS NULL",
        )
        .bind(at)
        .bind(token_id)
        .bind(organisation_id);
        let entry = AuditEntry {
            actor,
            action: "api_token.revoke",
            subject: format!("api_token:{token_id}"),
            details: json!({ "organisation_id": organisation_id }),
        };
        let failed = |e| StoreError::during("revoke an API token", e);
        let unchanged = || StoreError::NotFound(Message::new("store-token").arg("id", token_id));
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// The token whose secret is `secret`, whatever its state (the caller
    /// decides whether it is still valid), with its organisation.
    pub async fn api_token_holder(&self, secret: &str) -> Result<Option<TokenHolder>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS}, {USER_COLUMNS}, {ORG_COLUMNS} FROM api_tokens t \
             JOIN organisations o ON o.id = t.organisation_id JOIN users u ON u.id = t.created_by \
             WHERE t.token_sha256 = $1"
        ));
        self.read_one(sqlx::query(sql).bind(token_digest(secret)), "find an API token", |r| {
            let token = token_from_row(r)?;
            let grant = TokenGrant { id: token.id.clone(), scopes: token.scopes.clone() };
            let user = SessionUser {
                user: user_from_row(r)?,
                organisation: organisation_from_row(r)?,
                csrf_token: String::new(),
                expires_at_ms: 0,
                token: Some(grant),
            };
            Ok::<_, StoreError>(TokenHolder { token, user })
        })
        .await
    }

    /// Records that a token was used at `at`, at most once a minute (a
    /// timestamp, not a change of anything the token may do: not audited).
    pub async fn touch_api_token(&self, token_id: &str, at: Millis) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE api_tokens SET last_used_at_ms = $1 WHERE id = $2 \
             AND (last_used_at_ms IS NULL OR last_used_at_ms <= $3)",
        )
        .bind(at)
        .bind(token_id)
        .bind(at - LAST_USE_RESOLUTION_MS)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("record an API token's use", e))?;
        Ok(())
    }
}

fn scope_codes(scopes: &[Scope]) -> String {
    scopes.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ")
}

fn token_from_row(r: &AnyRow) -> Result<ApiToken, StoreError> {
    let during = |e| StoreError::during("read an API token", e);
    let scopes: String = r.try_get("scopes").map_err(during)?;
    let scopes = scopes
        .split_whitespace()
        .map(|code| code.parse::<Scope>().map_err(|_| crate::qualification::corrupt("token scope", code)))
        .collect::<Result<_, _>>()?;
    Ok(ApiToken {
        id: r.try_get("token_id").map_err(during)?,
        organisation_id: r.try_get("token_org").map_err(during)?,
        created_by: r.try_get("created_by").map_err(during)?,
        name: r.try_get("token_name").map_err(during)?,
        scopes,
        prefix: r.try_get("prefix").map_err(during)?,
        created_at_ms: r.try_get("token_created").map_err(during)?,
        expires_on: parse_date(&r.try_get::<String, _>("expires_on").map_err(during)?)?,
        revoked_at_ms: r.try_get("revoked_at_ms").map_err(during)?,
        last_used_at_ms: r.try_get("last_used_at_ms").map_err(during)?,
    })
}
