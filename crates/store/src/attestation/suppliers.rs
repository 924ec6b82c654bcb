//! Suppliers of migration services (*soggetti realizzatori*): each declares
//! its VAT number, PEC and its enablement on MEPA for the ICT services
//! category, so an ente picks a known supplier and the pre-checks can use it.

use crate::audit::AuditEntry;
use crate::batch::{Value, insert, update};
use crate::csv_rows::read_rows;
use crate::reference::Rejection;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::attestation::suppliers::{SupplierFields, check_supplier};
use cloudpa_i18n::Lang;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Supplier {
    pub id: String,
    pub vat_number: String,
    pub name: String,
    pub pec: String,
    /// Enabled on MEPA for the ICT services category.
    pub mepa_enabled: bool,
}

/// A row of a directory file: `partita_iva,denominazione,pec,abilitato_mepa`.
#[derive(Debug, Deserialize)]
struct SupplierRow {
    partita_iva: String,
    denominazione: String,
    pec: String,
    abilitato_mepa: String,
}

/// Reads a directory file, each row checked by the domain's rule; a VAT
/// number given twice is rejected on its second line.
pub fn read_supplier_file(bytes: &[u8]) -> (Vec<(u64, SupplierFields)>, Vec<Rejection>) {
    let (rows, mut rejected) = read_rows(
        bytes,
        |r: SupplierRow| {
            check_supplier(&r.partita_iva, &r.denominazione, &r.pec, &r.abilitato_mepa).map_err(|errors| {
                errors
                    .into_iter()
                    .map(|(field, rule)| format!("{field}: {}", Lang::En.text(&rule)))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        },
        |_| {},
    );
    let mut first_line = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        match first_line.get(&row.vat_number) {
            Some(first) => rejected.push(Rejection { line, reason: format!("partita_iva: already on line {first}") }),
            None => {
                first_line.insert(row.vat_number.clone(), line);
                kept.push((line, row));
            }
        }
    }
    rejected.sort_by_key(|r| r.line);
    (kept, rejected)
}

const COLUMNS: &str = "SELECT id, vat_number, name, pec, mepa_enabled FROM suppliers";
const NEW: &[&str] = &["id", "vat_number", "name", "pec", "mepa_enabled", "updated_at_ms", "created_at_ms"];
const CHANGED: &[&str] = &["id", "vat_number", "name", "pec", "mepa_enabled", "updated_at_ms"];

fn supplier_from_row(r: &sqlx::any::AnyRow) -> Result<Supplier, sqlx::Error> {
    Ok(Supplier {
        id: r.try_get("id")?,
        vat_number: r.try_get("vat_number")?,
        name: r.try_get("name")?,
        pec: r.try_get("pec")?,
        mepa_enabled: r.try_get::<i64, _>("mepa_enabled")? == 1,
    })
}

impl Store {
    /// Every supplier, by name.
    pub async fn suppliers(&self) -> Result<Vec<Supplier>, StoreError> {
        let sql = format!("{COLUMNS} ORDER BY name, vat_number");
        self.read_all(sqlx::query(AssertSqlSafe(sql)), "list the suppliers", supplier_from_row).await
    }

    pub async fn supplier(&self, id: &str) -> Result<Option<Supplier>, StoreError> {
        let sql = format!("{COLUMNS} WHERE id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(id), "read a supplier", supplier_from_row).await
    }

    pub async fn supplier_by_vat(&self, vat_number: &str) -> Result<Option<Supplier>, StoreError> {
        let sql = format!("{COLUMNS} WHERE vat_number = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(vat_number), "read a supplier", supplier_from_row).await
    }

    /// Adds the suppliers, or updates those whose VAT number is known, in
    /// one transaction with one audit entry; returns how many were written.
    pub async fn save_suppliers(
        &self,
        actor: &Actor,
        entries: &[SupplierFields],
        at: Millis,
    ) -> Result<usize, StoreError> {
        let during = |e| StoreError::during("save suppliers", e);
        let mut tx = self.begin_write().await?;
        let mut new = Vec::new();
        for e in entries {
            let known: Option<String> = sqlx::query("SELECT id FROM suppliers WHERE vat_number = $1")
                .bind(&e.vat_number)
                .fetch_optional(tx.conn())
                .await
                .map_err(during)?
                .map(|r| r.try_get("id"))
                .transpose()
                .map_err(during)?;
            let mut row = vec![
                Value::Text(known.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string())),
                Value::Text(e.vat_number.clone()),
                Value::Text(e.name.clone()),
                Value::Text(e.pec.clone()),
                Value::Int(i64::from(e.mepa_enabled)),
                Value::Int(at),
            ];
            if known.is_some() {
                update(tx.conn(), "suppliers", CHANGED, &["id"], row).await.map_err(during)?;
            } else {
                row.push(Value::Int(at));
                new.push(row);
            }
        }
        insert(tx.conn(), "suppliers", NEW, new).await.map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "supplier.save",
            subject: "suppliers".into(),
            details: json!({ "vat_numbers": entries.iter().map(|e| &e.vat_number).collect::<Vec<_>>() }),
        };
        tx.commit(entry, at).await?;
        Ok(entries.len())
    }
}
