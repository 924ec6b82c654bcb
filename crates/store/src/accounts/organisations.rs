//! The register of organisations: a new one onboarded from the pages with its
//! first administrator, all or nothing, and the list the agency and the
//! programme office read.

use super::members::NO_PASSWORD;
use super::{ORG_COLUMNS, Organisation, User, organisation_from_row};
use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::access::{OrganisationKind, Role};
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

/// A new organisation and its first administrator, already checked by the
/// domain; the IPA code in lower case.
#[derive(Debug, Clone)]
pub struct Onboarding<'a> {
    pub kind: OrganisationKind,
    pub name: &'a str,
    pub ipa_code: Option<&'a str>,
    pub admin_email: &'a str,
    pub admin_display_name: &'a str,
    pub admin_fiscal_code: &'a str,
}

/// Why an onboarding wrote nothing: a key another record already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// The IPA code, by the organisation named.
    IpaCode(String),
    /// The administrator's e-mail address, by another user.
    Email,
}

impl Store {
    /// Creates the organisation and invites its first administrator (who
    /// signs in through SPID or CIE with the fiscal code) in one transaction
    /// with one audit entry: a key already taken leaves nothing written.
    pub async fn onboard_organisation(
        &self,
        actor: &Actor,
        new: &Onboarding<'_>,
        at: Millis,
    ) -> Result<Result<(Organisation, User), Taken>, StoreError> {
        let during = |e| StoreError::during("onboard an organisation", e);
        let mut tx = self.begin_write().await?;
        if let Some(code) = new.ipa_code {
            let holder = sqlx::query("SELECT name FROM organisations WHERE LOWER(ipa_code) = $1")
                .bind(code)
                .fetch_optional(tx.conn())
                .await
                .map_err(during)?;
            if let Some(row) = holder {
                return Ok(Err(Taken::IpaCode(row.try_get("name").map_err(during)?)));
            }
        }
        let email_taken = sqlx::query("SELECT 1 AS taken FROM users WHERE email = $1")
            .bind(new.admin_email)
            .fetch_optional(tx.conn())
            .await
            .map_err(during)?;
        if email_taken.is_some() {
            return Ok(Err(Taken::Email));
        }
        let organisation_id = uuid::Uuid::now_v7().to_string();
        let inserted = sqlx::query(
            "INSERT INTO organisations (id, kind, name, ipa_code, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&organisation_id)
        .bind(new.kind.code())
        .bind(new.name)
        .bind(new.ipa_code)
        .bind(at)
        .execute(tx.conn())
        .await;
        match inserted {
            Err(e) if StoreError::is_unique_violation(&e) => {
                return Ok(Err(Taken::IpaCode(new.ipa_code.unwrap_or_default().to_owned())));
            }
            other => other.map_err(during)?,
        };
        let user_id = uuid::Uuid::now_v7().to_string();
        let invited = sqlx::query(
            "INSERT INTO users (id, organisation_id, email, display_name, password_hash, role, created_at_ms, fiscal_code) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&user_id)
        .bind(&organisation_id)
        .bind(new.admin_email)
        .bind(new.admin_display_name)
        .bind(NO_PASSWORD)
        .bind(Role::Admin.code())
        .bind(at)
        .bind(new.admin_fiscal_code)
        .execute(tx.conn())
        .await;
        match invited {
            Err(e) if StoreError::is_unique_violation(&e) => return Ok(Err(Taken::Email)),
            other => other.map_err(during)?,
        };
        let entry = AuditEntry {
            actor,
            action: "organisation.onboard",
            subject: format!("organisation:{organisation_id}"),
            details: json!({
                "kind": new.kind.code(),
                "name": new.name,
                "ipa_code": new.ipa_code,
                "admin": { "user": user_id, "email": new.admin_email, "fiscal_code": new.admin_fiscal_code },
            }),
        };
        tx.commit(entry, at).await?;
        let organisation = Organisation {
            id: organisation_id.clone(),
            kind: new.kind,
            name: new.name.to_owned(),
            ipa_code: new.ipa_code.map(str::to_owned),
        };
        let admin = User {
            id: user_id,
            organisation_id,
            email: new.admin_email.to_owned(),
            display_name: new.admin_display_name.to_owned(),
            role: Role::Admin,
            fiscal_code: Some(new.admin_fiscal_code.to_owned()),
            language: "it".to_owned(),
        };
        Ok(Ok((organisation, admin)))
    }

    /// A page of the organisations (of `kind`, when given), by name, and
    /// how many there are in all.
    pub async fn organisations_page(
        &self,
        kind: Option<OrganisationKind>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Organisation>, usize), StoreError> {
        let operation = "list the organisations";
        let (filter, first) = if kind.is_some() { ("WHERE o.kind = $1", 2) } else { ("", 1) };
        let count = AssertSqlSafe(format!("SELECT COUNT(*) AS n FROM organisations o {filter}"));
        let sql = AssertSqlSafe(format!(
            "SELECT {ORG_COLUMNS} FROM organisations o {filter} ORDER BY o.name, o.id LIMIT ${first} OFFSET ${}",
            first + 1
        ));
        let (mut count, mut query) = (sqlx::query(count), sqlx::query(sql));
        if let Some(kind) = kind {
            (count, query) = (count.bind(kind.code()), query.bind(kind.code()));
        }
        let total: i64 = count
            .fetch_one(&self.pool)
            .await
            .and_then(|r| r.try_get("n"))
            .map_err(|e| StoreError::during(operation, e))?;
        let query = query.bind(limit as i64).bind(offset as i64);
        let page = self.read_all(query, operation, organisation_from_row).await?;
        Ok((page, total.max(0) as usize))
    }
}
