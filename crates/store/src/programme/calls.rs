//! Calls (avvisi) and the tariffs they use.

use crate::audit::AuditEntry;
use crate::batch::{Value, upsert};
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::tariff::{Tariff, TariffClass};
use sqlx::Row;
use sqlx::any::AnyRow;

const CALL_COLUMNS: &str =
    "id, title, measure, opens_on, closes_on, status, budget_cents, measure_budget_cents, targets";

/// The `calls` columns written by [`call_values`], in order.
pub(crate) const CALL_TABLE_COLUMNS: &[&str] =
    &["id", "title", "measure", "opens_on", "closes_on", "status", "budget_cents", "measure_budget_cents", "targets"];

pub(crate) fn call_values(call: &Call) -> Vec<Value> {
    vec![
        Value::Text(call.id.clone()),
        Value::Text(call.title.clone()),
        Value::Text(call.measure.clone()),
        Value::Text(call.opens_on.to_string()),
        Value::Text(call.closes_on.to_string()),
        Value::Text(call.status.clone()),
        Value::Int(call.budget.0),
        Value::Int(call.measure_budget.0),
        Value::Text(call.targets.join(";")),
    ]
}

impl Store {
    /// Inserts or updates `calls` (by id) in one transaction with one audit entry.
    pub async fn import_calls(
        &self,
        actor: &Actor,
        calls: &[Call],
        source: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        upsert(tx.conn(), "calls", CALL_TABLE_COLUMNS, &["id"], calls.iter().map(call_values).collect()).await?;
        let entry = AuditEntry {
            actor,
            action: "calls.import",
            subject: format!("file:{source}"),
            details: serde_json::json!({ "calls": calls.iter().map(|c| &c.id).collect::<Vec<_>>() }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    /// Creates a call (the programme office), version 1.
    pub async fn create_call(&self, actor: &Actor, call: &Call, by: &str, at: Millis) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        crate::batch::insert(tx.conn(), "calls", CALL_TABLE_COLUMNS, vec![call_values(call)])
            .await
            .map_err(|e| crate::accounts::conflict(e, format!("a call with id `{}`", call.id)))?;
        record_version(tx.conn(), call, by, 1, at).await?;
        let entry = AuditEntry {
            actor,
            action: "call.create",
            subject: format!("call:{}", call.id),
            details: serde_json::json!({ "version": 1, "call": call }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    /// Saves a new version of a call's fields; returns the version.
    pub async fn update_call(&self, actor: &Actor, call: &Call, by: &str, at: Millis) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let sets: Vec<String> =
            CALL_TABLE_COLUMNS[1..].iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
        let sql = format!("UPDATE calls SET {} WHERE id = ${}", sets.join(", "), CALL_TABLE_COLUMNS.len());
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in call_values(call).into_iter().skip(1).chain([Value::Text(call.id.clone())]) {
            query = match value {
                Value::Text(v) => query.bind(v),
                Value::Int(v) => query.bind(v),
                Value::OptText(v) => query.bind(v),
                Value::OptInt(v) => query.bind(v),
            };
        }
        if query.execute(tx.conn()).await?.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("call {}", call.id)));
        }
        let last: Option<i64> = sqlx::query("SELECT MAX(version) FROM call_versions WHERE call_id = $1")
            .bind(&call.id)
            .fetch_one(tx.conn())
            .await?
            .try_get(0)?;
        let version = last.unwrap_or(0) + 1;
        record_version(tx.conn(), call, by, version, at).await?;
        let entry = AuditEntry {
            actor,
            action: "call.update",
            subject: format!("call:{}", call.id),
            details: serde_json::json!({ "version": version, "call": call }),
        };
        tx.commit(entry, at).await?;
        Ok(version)
    }

    /// The versions of a call written by the programme office, oldest first:
    /// (version, fields, changed by, at).
    pub async fn call_versions(&self, id: &str) -> Result<Vec<(i64, serde_json::Value, String, Millis)>, StoreError> {
        let rows = sqlx::query(
            "SELECT version, fields, changed_by, created_at_ms FROM call_versions WHERE call_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let text: String = r.try_get(1)?;
                let fields =
                    serde_json::from_str(&text).map_err(|_| crate::qualification::corrupt("call version", &text))?;
                Ok((r.try_get(0)?, fields, r.try_get(2)?, r.try_get(3)?))
            })
            .collect()
    }

    /// Every call, newest first.
    pub async fn list_calls(&self) -> Result<Vec<Call>, StoreError> {
        let rows = sqlx::query(const_format(CALL_COLUMNS, "ORDER BY opens_on DESC, id")).fetch_all(&self.pool).await?;
        rows.iter().map(call_from_row).collect()
    }

    pub async fn find_call(&self, id: &str) -> Result<Option<Call>, StoreError> {
        let row = sqlx::query(const_format(CALL_COLUMNS, "WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(call_from_row).transpose()
    }

    /// The tariff stored under `code`, if any.
    pub async fn tariff(&self, code: &str) -> Result<Option<Tariff>, StoreError> {
        let rows = sqlx::query(
            "SELECT class, population_min, population_max, fee_cents, rehost_cents, upgrade_cents, \
             services_min, services_max FROM tariff_classes WHERE tariff_code = $1 ORDER BY class",
        )
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let classes = rows.iter().map(tariff_class_from_row).collect::<Result<Vec<_>, sqlx::Error>>()?;
        Tariff::new(code, classes).map(Some).map_err(|e| StoreError::Reference {
            dataset: "tariff_classes",
            line: 0,
            reason: e.to_string(),
        })
    }
}

async fn record_version(
    conn: &mut sqlx::AnyConnection,
    call: &Call,
    by: &str,
    version: i64,
    at: Millis,
) -> Result<(), StoreError> {
    let fields = serde_json::to_string(call).map_err(|e| StoreError::Database(sqlx::Error::Encode(e.into())))?;
    sqlx::query(
        "INSERT INTO call_versions (call_id, version, fields, changed_by, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&call.id)
    .bind(version)
    .bind(fields)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

fn const_format(columns: &str, tail: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("SELECT {columns} FROM calls {tail}"))
}

fn call_from_row(row: &AnyRow) -> Result<Call, StoreError> {
    let date = |i: usize| -> Result<chrono::NaiveDate, StoreError> {
        let text: String = row.try_get(i)?;
        text.parse().map_err(|_| StoreError::Reference {
            dataset: "calls",
            line: 0,
            reason: format!("bad date `{text}`"),
        })
    };
    let targets: String = row.try_get(8)?;
    Ok(Call {
        id: row.try_get(0)?,
        title: row.try_get(1)?,
        measure: row.try_get(2)?,
        opens_on: date(3)?,
        closes_on: date(4)?,
        status: row.try_get(5)?,
        budget: Cents(row.try_get(6)?),
        measure_budget: Cents(row.try_get(7)?),
        targets: targets.split(';').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
    })
}

fn tariff_class_from_row(row: &AnyRow) -> Result<TariffClass, sqlx::Error> {
    let int = |i: usize| row.try_get::<i64, _>(i);
    Ok(TariffClass {
        class: int(0)? as u8,
        population_min: int(1)? as u64,
        population_max: row.try_get::<Option<i64>, _>(2)?.map(|v| v as u64),
        fee: Cents(int(3)?),
        rehost: Cents(int(4)?),
        upgrade: Cents(int(5)?),
        services_min: int(6)? as u32,
        services_max: int(7)? as u32,
    })
}
