//! The members of an organisation beyond local accounts: a person invited by
//! fiscal code signs in through SPID or CIE; an administrator changes a
//! member's role or removes them. A removed member keeps its row (the
//! records it made name it) but no longer signs in, and its sessions end.

use super::{ORG_COLUMNS, Organisation, USER_COLUMNS, User, conflict, organisation_from_row, user_from_row};
use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::access::Role;
use cloudpa_domain::message::Message;
use serde_json::json;
use sqlx::AssertSqlSafe;

/// What a password hash column holds for a member without a password: no
/// PHC string, so no password ever matches it.
pub(super) const NO_PASSWORD: &str = "!";

/// A member invited by fiscal code, already checked by the domain.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub organisation_id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub fiscal_code: &'a str,
    pub role: Role,
}

impl Store {
    /// Adds a member who signs in through SPID or CIE with `fiscal_code`.
    pub async fn invite_member(&self, actor: &Actor, new: NewMember<'_>, at: Millis) -> Result<User, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO users (id, organisation_id, email, display_name, password_hash, role, created_at_ms, fiscal_code) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(new.organisation_id)
        .bind(new.email)
        .bind(new.display_name)
        .bind(NO_PASSWORD)
        .bind(new.role.code())
        .bind(at)
        .bind(new.fiscal_code);
        let what = Message::new("store-member-exists").arg("email", new.email);
        let failed = |e| conflict(e, "invite a member", what);
        let entry = AuditEntry {
            actor,
            action: "user.invite",
            subject: format!("user:{id}"),
            details: json!({
                "organisation_id": new.organisation_id,
                "email": new.email,
                "fiscal_code": new.fiscal_code,
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
            fiscal_code: Some(new.fiscal_code.to_owned()),
            language: "it".to_owned(),
        })
    }

    /// The memberships (not removed) of the person with `fiscal_code`, by
    /// organisation name.
    pub async fn members_by_fiscal_code(&self, fiscal_code: &str) -> Result<Vec<(User, Organisation)>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, {ORG_COLUMNS} FROM users u JOIN organisations o ON o.id = u.organisation_id \
             WHERE u.fiscal_code = $1 AND u.removed_at_ms IS NULL ORDER BY o.name, u.id"
        ));
        self.read_all(sqlx::query(sql).bind(fiscal_code), "find the memberships of a fiscal code", |r| {
            Ok::<_, StoreError>((user_from_row(r)?, organisation_from_row(r)?))
        })
        .await
    }

    /// Gives a member of `organisation_id` the role `role`.
    pub async fn change_role(
        &self,
        actor: &Actor,
        organisation_id: &str,
        user_id: &str,
        role: Role,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement =
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND organisation_id = $3 AND removed_at_ms IS NULL")
                .bind(role.code())
                .bind(user_id)
                .bind(organisation_id);
        let entry = AuditEntry {
            actor,
            action: "user.role",
            subject: format!("user:{user_id}"),
            details: json!({ "organisation_id": organisation_id, "role": role.code() }),
        };
        let failed = |e| StoreError::during("change a member's role", e);
        let unchanged = || StoreError::NotFound(Message::new("store-member").arg("id", user_id));
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// Sets the language `user_id` reads e-mails and documents in.
    pub async fn set_language(
        &self,
        actor: &Actor,
        user_id: &str,
        language: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query("UPDATE users SET language = $1 WHERE id = $2 AND removed_at_ms IS NULL")
            .bind(language)
            .bind(user_id);
        let entry = AuditEntry {
            actor,
            action: "user.language",
            subject: format!("user:{user_id}"),
            details: json!({ "language": language }),
        };
        let failed = |e| StoreError::during("set a member's language", e);
        let unchanged = || StoreError::NotFound(Message::new("store-member").arg("id", user_id));
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// Removes a member of `organisation_id` and ends its sessions.
    pub async fn remove_member(
        &self,
        actor: &Actor,
        organisation_id: &str,
        user_id: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let during = |e| StoreError::during("remove a member", e);
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE users SET removed_at_ms = $1 WHERE id = $2 AND organisation_id = $3 AND removed_at_ms IS NULL",
        )
        .bind(at)
        .bind(user_id)
        .bind(organisation_id)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(Message::new("store-member").arg("id", user_id)));
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "user.remove",
            subject: format!("user:{user_id}"),
            details: json!({ "organisation_id": organisation_id }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }
}
