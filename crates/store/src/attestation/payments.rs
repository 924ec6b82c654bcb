//! The payment requests of attested projects: the CRE and its date, the
//! request document and the amount asked, as the ente last sent them. The
//! formal checks are the domain's (`cloudpa_domain::attestation::payment`).

use crate::audit::AuditEntry;
use crate::batch::{Existing, Value, upsert};
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::money::Cents;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredPaymentRequest {
    pub application_id: String,
    pub cre_file: String,
    pub cre_on: NaiveDate,
    pub request_file: String,
    pub requested: Cents,
    pub submitted_on: NaiveDate,
    pub submitted_by: String,
}

const COLUMNS: &[&str] = &[
    "application_id",
    "cre_file",
    "cre_on",
    "request_file",
    "requested_cents",
    "submitted_on",
    "submitted_by",
    "submitted_at_ms",
];

fn request_from_row(r: &sqlx::any::AnyRow) -> Result<StoredPaymentRequest, StoreError> {
    let during = |e| StoreError::during("read a payment request", e);
    let date = |column: &str| -> Result<NaiveDate, StoreError> {
        parse_date(&r.try_get::<String, _>(column).map_err(during)?)
    };
    Ok(StoredPaymentRequest {
        application_id: r.try_get("application_id").map_err(during)?,
        cre_file: r.try_get("cre_file").map_err(during)?,
        cre_on: date("cre_on")?,
        request_file: r.try_get("request_file").map_err(during)?,
        requested: Cents(r.try_get("requested_cents").map_err(during)?),
        submitted_on: date("submitted_on")?,
        submitted_by: r.try_get("submitted_by").map_err(during)?,
    })
}

const SELECT: &str = "SELECT application_id, cre_file, cre_on, request_file, requested_cents, submitted_on, \
    submitted_by FROM payment_requests";

impl Store {
    pub async fn payment_request(&self, application_id: &str) -> Result<Option<StoredPaymentRequest>, StoreError> {
        let sql = format!("{SELECT} WHERE application_id = $1");
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(application_id);
        self.read_one(query, "read a payment request", request_from_row).await
    }

    /// The requests of every project, for the office's payments page.
    pub async fn payment_requests(&self) -> Result<Vec<StoredPaymentRequest>, StoreError> {
        let sql = format!("{SELECT} ORDER BY submitted_on, application_id");
        self.read_all(sqlx::query(sqlx::AssertSqlSafe(sql)), "list the payment requests", request_from_row).await
    }

    /// Records the ente's request, replacing one it sent before.
    pub async fn save_payment_request(
        &self,
        actor: &Actor,
        request: &StoredPaymentRequest,
        at: Millis,
    ) -> Result<(), StoreError> {
        let r = request;
        let row = vec![
            Value::Text(r.application_id.clone()),
            Value::Text(r.cre_file.clone()),
            Value::Text(r.cre_on.to_string()),
            Value::Text(r.request_file.clone()),
            Value::Int(r.requested.0),
            Value::Text(r.submitted_on.to_string()),
            Value::Text(r.submitted_by.clone()),
            Value::Int(at),
        ];
        let mut tx = self.begin_write().await?;
        upsert(tx.conn(), "payment_requests", COLUMNS, &["application_id"], Existing::Replace, vec![row])
            .await
            .map_err(|e| StoreError::during("save a payment request", e))?;
        let entry = AuditEntry {
            actor,
            action: "attestation.payment_request",
            subject: format!("call_application:{}", r.application_id),
            details: json!({
                "cre_file": r.cre_file,
                "cre_on": r.cre_on,
                "request_file": r.request_file,
                "requested_cents": r.requested.0,
            }),
        };
        tx.commit(entry, at).await.map(|_| ())
    }
}
