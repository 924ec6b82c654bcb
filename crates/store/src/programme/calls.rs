//! Calls (avvisi) and the tariffs they use.

use crate::audit::AuditEntry;
use crate::batch::{Existing, Value, update, upsert};
use crate::quality::{CALLS, Found, replace};
use crate::reference::ReadCall;
use crate::write::last_number;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::tariff::{Tariff, TariffClass};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashSet;

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
        Value::OptText(call.opens_on.map(|d| d.to_string())),
        Value::OptText(call.closes_on.map(|d| d.to_string())),
        Value::Text(call.status.clone()),
        Value::OptInt(call.budget.map(|c| c.0)),
        Value::OptInt(call.measure_budget.map(|c| c.0)),
        Value::Text(call.targets.join(";")),
    ]
}

impl Store {
    /// Inserts or updates the calls of a calls file (by id) and replaces
    /// their data-quality findings, in one transaction with one audit entry.
    /// Returns how many findings the calls have.
    pub async fn import_calls(
        &self,
        actor: &Actor,
        calls: &[ReadCall],
        source: &str,
        at: Millis,
    ) -> Result<usize, StoreError> {
        let during = |e| StoreError::during("import calls", e);
        let mut tx = self.begin_write().await?;
        let rows = calls.iter().map(|read| call_values(&read.call)).collect();
        upsert(tx.conn(), "calls", CALL_TABLE_COLUMNS, &["id"], Existing::Replace, rows).await.map_err(during)?;
        let found: Vec<Found> = calls
            .iter()
            .flat_map(|read| {
                read.findings.iter().map(|finding| Found { record: read.call.id.clone(), line: read.line, finding })
            })
            .collect();
        let findings = found.len();
        let ids: HashSet<&str> = calls.iter().map(|read| read.call.id.as_str()).collect();
        let in_file = |record: &str| ids.contains(record);
        replace(tx.conn(), CALLS, &in_file, found, source, at).await.map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "calls.import",
            subject: format!("file:{source}"),
            details: serde_json::json!({
                "calls": calls.iter().map(|read| &read.call.id).collect::<Vec<_>>(),
                "findings": findings,
            }),
        };
        tx.commit(entry, at).await?;
        Ok(findings)
    }

    /// Creates a call (the programme office), version 1.
    pub async fn create_call(&self, actor: &Actor, call: &Call, by: &str, at: Millis) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        crate::batch::insert(tx.conn(), "calls", CALL_TABLE_COLUMNS, vec![call_values(call)]).await.map_err(|e| {
            crate::accounts::conflict(e, "create a call", Message::new("store-call-id").arg("id", call.id.as_str()))
        })?;
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

    /// Saves a new version of a call's fields; returns the version. With
    /// `expected` (the version the change was made to, 0 for a call never
    /// edited since its import), fails with `Stale` when another change came
    /// first; the row written first locks the call until the end, so two
    /// changes at once cannot both pass the check.
    pub async fn update_call(
        &self,
        actor: &Actor,
        call: &Call,
        by: &str,
        expected: Option<i64>,
        at: Millis,
    ) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("update a call", e);
        let mut tx = self.begin_write().await?;
        if update(tx.conn(), "calls", CALL_TABLE_COLUMNS, &["id"], call_values(call)).await.map_err(during)? == 0 {
            return Err(StoreError::NotFound(Message::new("store-call").arg("id", call.id.as_str())));
        }
        let last =
            last_number(tx.conn(), "call_versions", "version", "call_id", &call.id).await.map_err(during)?.unwrap_or(0);
        if expected.is_some_and(|expected| expected != last) {
            let subject = format!("call:{}", call.id);
            return Err(crate::audit::stale(
                tx.conn(),
                Message::new("store-call").arg("id", call.id.as_str()),
                last,
                &subject,
            )
            .await);
        }
        let version = last + 1;
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
        let operation = "read a call's versions";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query(
            "SELECT version, fields, changed_by, created_at_ms FROM call_versions WHERE call_id = $1 ORDER BY version",
        )
        .bind(id);
        self.read_all(query, operation, |r| -> Result<_, StoreError> {
            let text: String = r.try_get("fields").map_err(during)?;
            let fields =
                serde_json::from_str(&text).map_err(|_| crate::qualification::corrupt("call version", &text))?;
            Ok((
                r.try_get("version").map_err(during)?,
                fields,
                r.try_get("changed_by").map_err(during)?,
                r.try_get("created_at_ms").map_err(during)?,
            ))
        })
        .await
    }

    /// Every call, newest first; those whose opening day is unknown last
    /// (written out: the engines sort NULL on opposite ends).
    pub async fn list_calls(&self) -> Result<Vec<Call>, StoreError> {
        let query = sqlx::query(const_format(CALL_COLUMNS, "ORDER BY opens_on IS NULL, opens_on DESC, id"));
        self.read_all(query, "list the calls", call_from_row).await
    }

    pub async fn find_call(&self, id: &str) -> Result<Option<Call>, StoreError> {
        let query = sqlx::query(const_format(CALL_COLUMNS, "WHERE id = $1")).bind(id);
        self.read_one(query, "read a call", call_from_row).await
    }

    /// The tariff stored under `code`, if any.
    pub async fn tariff(&self, code: &str) -> Result<Option<Tariff>, StoreError> {
        let query = sqlx::query(
            "SELECT class, population_min, population_max, fee_cents, rehost_cents, upgrade_cents, \
             services_min, services_max FROM tariff_classes WHERE tariff_code = $1 ORDER BY class",
        )
        .bind(code);
        let classes = self.read_all(query, "read a tariff", tariff_class_from_row).await?;
        if classes.is_empty() {
            return Ok(None);
        }
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
    let during = |e| StoreError::during("record a call's version", e);
    let fields = serde_json::to_string(call).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
    sqlx::query(
        "INSERT INTO call_versions (call_id, version, fields, changed_by, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&call.id)
    .bind(version)
    .bind(fields)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await
    .map_err(during)?;
    Ok(())
}

fn const_format(columns: &str, tail: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("SELECT {columns} FROM calls {tail}"))
}

fn call_from_row(row: &AnyRow) -> Result<Call, StoreError> {
    let during = |e| StoreError::during("read a call", e);
    let date = |column: &str| -> Result<Option<chrono::NaiveDate>, StoreError> {
        let text: Option<String> = row.try_get(column).map_err(during)?;
        text.map(|text| {
            text.parse().map_err(|_| StoreError::Reference {
                dataset: "calls",
                line: 0,
                reason: format!("bad date `{text}`"),
            })
        })
        .transpose()
    };
    let cents = |column: &str| row.try_get::<Option<i64>, _>(column).map(|c| c.map(Cents)).map_err(during);
    let targets: String = row.try_get("targets").map_err(during)?;
    Ok(Call {
        id: row.try_get("id").map_err(during)?,
        title: row.try_get("title").map_err(during)?,
        measure: row.try_get("measure").map_err(during)?,
        opens_on: date("opens_on")?,
        closes_on: date("closes_on")?,
        status: row.try_get("status").map_err(during)?,
        budget: cents("budget_cents")?,
        measure_budget: cents("measure_budget_cents")?,
        targets: targets.split(';').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
    })
}

fn tariff_class_from_row(row: &AnyRow) -> Result<TariffClass, sqlx::Error> {
    let int = |column: &str| row.try_get::<i64, _>(column);
    Ok(TariffClass {
        class: int("class")? as u8,
        population_min: int("population_min")? as u64,
        population_max: row.try_get::<Option<i64>, _>("population_max")?.map(|v| v as u64),
        fee: Cents(int("fee_cents")?),
        rehost: Cents(int("rehost_cents")?),
        upgrade: Cents(int("upgrade_cents")?),
        services_min: int("services_min")? as u32,
        services_max: int("services_max")? as u32,
    })
}
