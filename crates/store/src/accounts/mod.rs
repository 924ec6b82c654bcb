//! Organisations, users and server-side sessions.
//!
//! Passwords are stored as Argon2id PHC strings; session tokens are random
//! 256-bit values of which only the SHA-256 is stored, so a copy of the
//! database does not let anyone sign in.

mod federated;
mod members;
mod organisations;
mod sessions;
mod tokens;

pub use federated::{FederatedLogin, VerifiedLogin};
pub use members::NewMember;
pub use organisations::{Onboarding, Taken};
pub use tokens::{ApiToken, TOKEN_PREFIX, TokenHolder};

use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::message::Message;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

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
    /// The fiscal code a member signs in with through SPID or CIE.
    pub fiscal_code: Option<String>,
    /// The code of the language the member reads e-mails and documents in.
    pub language: String,
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

/// The signed-in user behind a session cookie, or the organisation an API
/// token acts for (`token` set; `user` is then the administrator who made
/// it, and `user.role` the role a token acts with).
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub organisation: Organisation,
    pub csrf_token: String,
    pub expires_at_ms: Millis,
    pub token: Option<TokenGrant>,
}

/// What an API token grants: its id (the audit log's actor) and scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    pub id: String,
    pub scopes: Vec<cloudpa_domain::api_tokens::Scope>,
}

impl SessionUser {
    /// Who the audit log names for a change this identity makes: the user,
    /// or the token (whose record names the administrator who made it).
    pub fn actor(&self) -> Actor {
        match &self.token {
            Some(grant) => Actor::token(&grant.id),
            None => Actor::user(&self.user.id),
        }
    }
}

/// A new session: the token goes in the cookie, and is never stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

/// The columns [`user_from_row`] reads; the ids are aliased, so that a row
/// can hold a user and an organisation.
const USER_COLUMNS: &str =
    "u.id AS user_id, u.organisation_id, u.email, u.display_name, u.role, u.fiscal_code, u.language";
/// The columns [`organisation_from_row`] reads.
const ORG_COLUMNS: &str = "o.id AS org_id, o.kind, o.name, o.ipa_code";

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
        let statement = sqlx::query(
            "INSERT INTO organisations (id, kind, name, ipa_code, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(kind.code())
        .bind(name)
        .bind(ipa_code)
        .bind(at);
        let failed = |e| {
            let what = Message::new("store-organisation-ipa").arg("ipa", ipa_code.unwrap_or("-"));
            conflict(e, "create an organisation", what)
        };
        let entry = AuditEntry {
            actor,
            action: "organisation.create",
            subject: format!("organisation:{id}"),
            details: json!({ "kind": kind.code(), "name": name, "ipa_code": ipa_code }),
        };
        self.write_one(statement, failed, entry, at).await?;
        Ok(Organisation { id, kind, name: name.to_owned(), ipa_code: ipa_code.map(str::to_owned) })
    }

    pub async fn find_organisation_by_name(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE o.name = $1"));
        self.read_one(sqlx::query(sql).bind(name), "find an organisation by name", organisation_from_row).await
    }

    /// The organisation with IPA code `ipa_code` (any case).
    pub async fn find_organisation_by_ipa(&self, ipa_code: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE LOWER(o.ipa_code) = $1"));
        let query = sqlx::query(sql).bind(ipa_code.trim().to_lowercase());
        self.read_one(query, "find an organisation by IPA code", organisation_from_row).await
    }

    pub async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id = $1"));
        self.read_one(sqlx::query(sql).bind(id), "read an organisation", organisation_from_row).await
    }

    /// The organisations of `kind`, by name.
    pub async fn organisations_of_kind(&self, kind: OrganisationKind) -> Result<Vec<Organisation>, StoreError> {
        let sql =
            AssertSqlSafe(format!("SELECT {ORG_COLUMNS} FROM organisations o WHERE o.kind = $1 ORDER BY o.name, o.id"));
        self.read_all(sqlx::query(sql).bind(kind.code()), "list the organisations of a kind", organisation_from_row)
            .await
    }

    pub async fn count_organisations(&self) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("count the organisations", e);
        let row = sqlx::query("SELECT COUNT(*) AS n FROM organisations").fetch_one(&self.pool).await.map_err(during)?;
        row.try_get("n").map_err(during)
    }

    /// Creates a user; the e-mail address must not be taken.
    pub async fn create_user(&self, actor: &Actor, new: NewUser<'_>, at: Millis) -> Result<User, StoreError> {
        let password_hash = self.hash_password(new.password).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO users (id, organisation_id, email, display_name, password_hash, role, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(new.organisation_id)
        .bind(new.email)
        .bind(new.display_name)
        .bind(&password_hash)
        .bind(new.role.code())
        .bind(at);
        let failed = |e| conflict(e, "create a user", Message::new("store-user-email").arg("email", new.email));
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
        self.write_one(statement, failed, entry, at).await?;
        Ok(User {
            id,
            organisation_id: new.organisation_id.to_owned(),
            email: new.email.to_owned(),
            display_name: new.display_name.to_owned(),
            role: new.role,
            fiscal_code: None,
            language: "it".to_owned(),
        })
    }

    pub async fn user(&self, id: &str) -> Result<Option<User>, StoreError> {
        let sql = AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"));
        self.read_one(sqlx::query(sql).bind(id), "read a user", user_from_row).await
    }

    /// The users of every organisation of `kind`, by e-mail.
    pub async fn users_of_kind(&self, kind: OrganisationKind) -> Result<Vec<User>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN organisations o ON o.id = u.organisation_id \
             WHERE o.kind = $1 AND u.removed_at_ms IS NULL ORDER BY u.email"
        ));
        let query = sqlx::query(sql).bind(kind.code());
        self.read_all(query, "list the users of a kind of organisation", user_from_row).await
    }

    /// The members of one organisation (not those removed), by e-mail.
    pub async fn list_users(&self, organisation_id: &str) -> Result<Vec<User>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.organisation_id = $1 AND u.removed_at_ms IS NULL ORDER BY u.email"
        ));
        let query = sqlx::query(sql).bind(organisation_id);
        self.read_all(query, "list the users of an organisation", user_from_row).await
    }
}

/// `Conflict` with `what` when the database refused a row because a unique
/// key already holds it; any other failure of `operation`, as it is.
pub(crate) fn conflict(err: sqlx::Error, operation: &'static str, what: Message) -> StoreError {
    if StoreError::is_unique_violation(&err) { StoreError::Conflict(what) } else { StoreError::during(operation, err) }
}

/// A user from the [`USER_COLUMNS`] of `row`.
fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    let during = |e| StoreError::during("read a user", e);
    let role: String = row.try_get("role").map_err(during)?;
    Ok(User {
        id: row.try_get("user_id").map_err(during)?,
        organisation_id: row.try_get("organisation_id").map_err(during)?,
        email: row.try_get("email").map_err(during)?,
        display_name: row.try_get("display_name").map_err(during)?,
        role: role
            .parse()
            .map_err(|e: cloudpa_domain::message::Message| during(sqlx::Error::Decode(e.to_string().into())))?,
        fiscal_code: row.try_get("fiscal_code").map_err(during)?,
        language: row.try_get("language").map_err(during)?,
    })
}

/// An organisation from the [`ORG_COLUMNS`] of `row`.
fn organisation_from_row(row: &AnyRow) -> Result<Organisation, StoreError> {
    let during = |e| StoreError::during("read an organisation", e);
    let kind: String = row.try_get("kind").map_err(during)?;
    Ok(Organisation {
        id: row.try_get("org_id").map_err(during)?,
        kind: kind
            .parse()
            .map_err(|e: cloudpa_domain::message::Message| during(sqlx::Error::Decode(e.to_string().into())))?,
        name: row.try_get("name").map_err(during)?,
        ipa_code: row.try_get("ipa_code").map_err(during)?,
    })
}
