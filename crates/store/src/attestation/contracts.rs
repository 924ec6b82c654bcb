//! A project's supplier contracts (step 3 of the project): date, object,
//! supplier, amount, the signed document and the DNSH self-declaration, and
//! an *atto ricognitivo* where the dates are inconsistent.

use crate::audit::AuditEntry;
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    pub id: String,
    pub application_id: String,
    pub supplier_name: String,
    pub supplier_vat: String,
    pub fields: ContractFields,
}

/// What an ente declares of a contract; the files are ids of its uploads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractFields {
    pub supplier_id: String,
    pub signed_on: NaiveDate,
    pub object: String,
    pub amount: Cents,
    /// The signed contract's file id.
    pub document: String,
    /// The DNSH self-declaration's file id.
    pub dnsh: Option<String>,
    /// The *atto ricognitivo*'s file id.
    pub recognition: Option<String>,
}

pub(crate) const COLUMNS: &str = "SELECT c.id, c.application_id, c.supplier_id, s.name AS supplier_name, \
    s.vat_number AS supplier_vat, c.signed_on, c.object, c.amount_cents, c.document_sha256, c.dnsh_sha256, \
    c.recognition_sha256 FROM project_contracts c JOIN suppliers s ON s.id = c.supplier_id";

pub(crate) fn contract_from_row(r: &sqlx::any::AnyRow) -> Result<Contract, StoreError> {
    let during = |e| StoreError::during("read a contract", e);
    let signed_on: String = r.try_get("signed_on").map_err(during)?;
    Ok(Contract {
        id: r.try_get("id").map_err(during)?,
        application_id: r.try_get("application_id").map_err(during)?,
        supplier_name: r.try_get("supplier_name").map_err(during)?,
        supplier_vat: r.try_get("supplier_vat").map_err(during)?,
        fields: ContractFields {
            supplier_id: r.try_get("supplier_id").map_err(during)?,
            signed_on: parse_date(&signed_on)?,
            object: r.try_get("object").map_err(during)?,
            amount: Cents(r.try_get("amount_cents").map_err(during)?),
            document: r.try_get("document_sha256").map_err(during)?,
            dnsh: r.try_get("dnsh_sha256").map_err(during)?,
            recognition: r.try_get("recognition_sha256").map_err(during)?,
        },
    })
}

impl Store {
    /// The contracts of an application, oldest first.
    pub async fn contracts(&self, application_id: &str) -> Result<Vec<Contract>, StoreError> {
        let sql = format!("{COLUMNS} WHERE c.application_id = $1 ORDER BY c.signed_on, c.id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(application_id);
        self.read_all(query, "list a project's contracts", contract_from_row).await
    }

    pub async fn contract(&self, id: &str) -> Result<Option<Contract>, StoreError> {
        let sql = format!("{COLUMNS} WHERE c.id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(id), "read a contract", contract_from_row).await
    }

    /// Records a contract of `application_id` (checked by the caller);
    /// returns it.
    pub async fn add_contract(
        &self,
        actor: &Actor,
        application_id: &str,
        new: &ContractFields,
        created_by: &str,
        at: Millis,
    ) -> Result<Contract, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO project_contracts (id, application_id, supplier_id, signed_on, object, amount_cents, \
             document_sha256, dnsh_sha256, recognition_sha256, created_by, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(application_id)
        .bind(&new.supplier_id)
        .bind(new.signed_on.to_string())
        .bind(new.object.trim())
        .bind(new.amount.0)
        .bind(&new.document)
        .bind(&new.dnsh)
        .bind(&new.recognition)
        .bind(created_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "contract.add",
            subject: format!("call_application:{application_id}"),
            details: json!({ "contract": id, "supplier": new.supplier_id, "signed_on": new.signed_on,
                             "amount_cents": new.amount.0, "document": new.document, "dnsh": new.dnsh }),
        };
        self.write_one(statement, |e| StoreError::during("record a contract", e), entry, at).await?;
        self.contract(&id)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-contract").arg("id", id.as_str())))
    }
}
