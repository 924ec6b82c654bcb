//! Financed applications from the PA digitale 2026 open data, imported in
//! one transaction: every row imported, updated, unchanged or rejected with
//! its line and reason, and the fields kept as published recorded as
//! data-quality findings. Enti are matched (or created) by IPA code, placed
//! in today's territory by ISTAT code (of any year since 2011); a re-import
//! of the same file changes nothing.

use crate::audit::AuditEntry;
use crate::batch::{Value, insert, update};
use crate::csv_rows::read_rows;
use crate::qualification::sql_text;
use crate::quality::{FINANCED_APPLICATIONS, Found, replace};
use crate::reference::Rejection;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::open_data::{FinancedApplication, FundingStatus, OpenDataRow};
use cloudpa_i18n::Lang;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use std::collections::{HashMap, HashSet};

/// An ente of the programme, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ente {
    pub ipa_code: String,
    pub name: String,
    pub kind: String,
    pub municipality: String,
    pub province: String,
    pub region: String,
}

/// One of an ente's financed applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredApplication {
    pub call: String,
    pub measure: String,
    pub amount_cents: i64,
    /// A, R or E; none before the decree (applications made on cloudpa).
    pub status: Option<String>,
    /// The project's state (`financed`, `paid`, …: `CallApplicationState` codes).
    pub state: String,
    pub submitted_at: Option<String>,
    pub financed_on: Option<String>,
    pub cup: Option<String>,
    pub window: Option<i64>,
}

/// An ente from the columns `ipa_code`, `ente_name`, `kind`, `municipality`,
/// `province` and `region` of `r`.
pub(crate) fn ente_from_row(r: &sqlx::any::AnyRow) -> Result<Ente, StoreError> {
    let during = |e| StoreError::during("read an ente", e);
    Ok(Ente {
        ipa_code: r.try_get("ipa_code").map_err(during)?,
        name: r.try_get("ente_name").map_err(during)?,
        kind: r.try_get("kind").map_err(during)?,
        municipality: r.try_get("municipality").map_err(during)?,
        province: r.try_get("province").map_err(during)?,
        region: r.try_get("region").map_err(during)?,
    })
}

/// An application from the columns `call_title`, `measure`, `amount_cents`,
/// `status`, `submitted_at`, `financed_on`, `cup`, `time_window` and `state`
/// of `r`.
pub(crate) fn application_from_row(r: &sqlx::any::AnyRow) -> Result<StoredApplication, StoreError> {
    let during = |e| StoreError::during("read a financed application", e);
    Ok(StoredApplication {
        call: r.try_get("call_title").map_err(during)?,
        measure: r.try_get("measure").map_err(during)?,
        amount_cents: r.try_get("amount_cents").map_err(during)?,
        status: r.try_get("status").map_err(during)?,
        submitted_at: r.try_get("submitted_at").map_err(during)?,
        financed_on: r.try_get("financed_on").map_err(during)?,
        cup: r.try_get("cup").map_err(during)?,
        window: r.try_get("time_window").map_err(during)?,
        state: r.try_get("state").map_err(during)?,
    })
}

/// `CASE status WHEN 'A' THEN 'financed' … END`: the state of an open-data
/// application from its `status` column, as [`FundingStatus::state`] maps
/// it. Migration 0006's `programme_applications` view holds a copy of this
/// mapping, checked against the domain by a test.
pub(crate) fn state_of_status(status: &str) -> String {
    let arms: String = FundingStatus::ALL
        .into_iter()
        .map(|s| format!(" WHEN {} THEN {}", sql_text(s.code()), sql_text(s.state().code())))
        .collect();
    format!("CASE {status}{arms} END")
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Enti created (matched by IPA code otherwise).
    pub enti_created: usize,
    /// Data-quality findings of the rows taken (fields kept as published).
    pub findings: usize,
    pub rejected: Vec<Rejection>,
}

/// Reads an open-data file: the rows that pass the rules with their line, and
/// every other row with its line and reason (in English). `progress` is
/// called per row.
pub fn read_open_data(bytes: &[u8], progress: impl FnMut(u64)) -> (Vec<(u64, FinancedApplication)>, Vec<Rejection>) {
    read_rows(bytes, |row: OpenDataRow| row.validate().map_err(|e| Lang::En.text(&e.message())), progress)
}

/// The key of an application in the data-quality findings: the ente's IPA
/// code and the call.
fn record_key(ipa: &str, call: &str) -> String {
    format!("{ipa} · {call}")
}

/// The columns compared to tell an update from an unchanged row.
fn fingerprint(a: &FinancedApplication) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        a.measure,
        a.amount.0,
        a.status.code(),
        a.submitted_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        a.financed_on.map(|d| d.to_string()).unwrap_or_default(),
        a.cup.as_deref().unwrap_or_default(),
        a.window.map(|w| w.to_string()).unwrap_or_default(),
        a.protocol.as_deref().unwrap_or_default(),
        published_kind(a).unwrap_or_default(),
    )
}

/// `tipologia_ente` as published when it is not the term the export writes
/// for the kind anyway (`Comune`, `Scuole`): most rows store nothing.
fn published_kind(a: &FinancedApplication) -> Option<&str> {
    Some(a.kind_as_published.as_str()).filter(|k| *k != a.kind.published())
}

fn values(organisation_id: &str, a: &FinancedApplication, source: &str, at: Millis) -> Vec<Value> {
    vec![
        Value::Text(organisation_id.into()),
        Value::Text(a.call.clone()),
        Value::Text(a.measure.clone()),
        Value::Int(a.amount.0),
        Value::Text(a.status.code().into()),
        Value::OptText(a.submitted_at.map(|t| t.to_rfc3339())),
        Value::OptText(a.financed_on.map(|d| d.to_string())),
        Value::OptText(a.cup.clone()),
        Value::OptInt(a.window.map(i64::from)),
        Value::OptText(a.protocol.clone()),
        Value::OptText(published_kind(a).map(str::to_owned)),
        Value::Text(source.into()),
        Value::Int(at),
    ]
}

const COLUMNS: &[&str] = &[
    "organisation_id",
    "call_title",
    "measure",
    "amount_cents",
    "status",
    "submitted_at",
    "financed_on",
    "cup",
    "time_window",
    "protocol",
    "published_kind",
    "source",
    "updated_at_ms",
];

impl Store {
    /// An ente (by IPA code, any case), its organisation's id and its
    /// applications, oldest call first.
    pub async fn ente_applications(
        &self,
        ipa_code: &str,
    ) -> Result<Option<(Ente, String, Vec<StoredApplication>)>, StoreError> {
        let operation = "read an ente's applications";
        let query = sqlx::query(
            "SELECT o.ipa_code, o.name AS ente_name, e.kind, m.name AS municipality, m.province, m.region, \
             o.id AS organisation_id FROM organisations o \
             JOIN enti e ON e.organisation_id = o.id JOIN municipalities m ON m.istat_code = e.istat_code \
             WHERE o.ipa_code = $1",
        )
        .bind(ipa_code.to_lowercase());
        let found = self
            .read_one(query, operation, |r| -> Result<(Ente, String), StoreError> {
                Ok((ente_from_row(r)?, r.try_get("organisation_id").map_err(|e| StoreError::during(operation, e))?))
            })
            .await?;
        let Some((ente, organisation_id)) = found else { return Ok(None) };
        let query = sqlx::query(
            "SELECT call_title, measure, amount_cents, status, submitted_at, financed_on, cup, time_window, state \
             FROM programme_applications WHERE organisation_id = $1 ORDER BY submitted_at, call_title",
        )
        .bind(&organisation_id);
        let applications = self.read_all(query, operation, application_from_row).await?;
        Ok(Some((ente, organisation_id, applications)))
    }

    /// Imports `rows` (each with its line in `source`); `rejected` are the
    /// rows already refused while reading, reported with the others.
    pub async fn import_financed_applications(
        &self,
        actor: &Actor,
        source: &str,
        rows: &[(u64, FinancedApplication)],
        rejected: Vec<Rejection>,
        at: Millis,
    ) -> Result<ImportSummary, StoreError> {
        let mut summary = ImportSummary { rejected, ..ImportSummary::default() };
        let during = |e| StoreError::during("import financed applications", e);
        let mut tx = self.begin_write().await?;
        let conn = tx.conn();
        let territory = crate::programme::territory::load(&mut *conn, self.engine()).await.map_err(during)?;
        // Each organisation with an IPA code, and its municipality once it has an ente's profile.
        let mut enti: HashMap<String, (String, Option<String>)> = HashMap::new();
        let known = "SELECT o.ipa_code, o.id, e.istat_code FROM organisations o \
                     LEFT JOIN enti e ON e.organisation_id = o.id WHERE o.ipa_code IS NOT NULL";
        for r in sqlx::query(known).fetch_all(&mut *conn).await.map_err(during)? {
            let ipa: String = r.try_get("ipa_code").map_err(during)?;
            let istat: Option<String> = r.try_get("istat_code").map_err(during)?;
            enti.insert(ipa.to_lowercase(), (r.try_get("id").map_err(during)?, istat));
        }
        // Keyed by organisation, then call: looked up without building a key.
        let mut existing: HashMap<String, HashMap<String, String>> = HashMap::new();
        let stored =
            format!("SELECT organisation_id, call_title, {} FROM financed_applications", COLUMNS[2..11].join(", "));
        for r in sqlx::query(sqlx::AssertSqlSafe(stored)).fetch_all(&mut *conn).await.map_err(during)? {
            let text = |column: &str| r.try_get::<Option<String>, _>(column).map(Option::unwrap_or_default);
            let number = |column: &str| {
                r.try_get::<Option<i64>, _>(column).map(|n| n.map(|n| n.to_string()).unwrap_or_default())
            };
            let print = [
                text("measure"),
                number("amount_cents"),
                text("status"),
                text("submitted_at"),
                text("financed_on"),
                text("cup"),
                number("time_window"),
                text("protocol"),
                text("published_kind"),
            ]
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(during)?
            .join("|");
            let organisation: String = r.try_get("organisation_id").map_err(during)?;
            existing.entry(organisation).or_default().insert(r.try_get("call_title").map_err(during)?, print);
        }

        let (mut organisations, mut profiles, mut inserts, mut updates) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut made_here: HashMap<String, HashSet<String>> = HashMap::new();
        let made_rows = sqlx::query("SELECT organisation_id, call_title FROM call_applications")
            .fetch_all(&mut *conn)
            .await
            .map_err(during)?;
        for r in made_rows {
            let organisation: String = r.try_get("organisation_id").map_err(during)?;
            made_here.entry(organisation).or_default().insert(r.try_get("call_title").map_err(during)?);
        }
        let lowered: Vec<String> = rows.iter().map(|(_, a)| a.ipa_code.to_lowercase()).collect();
        let mut seen: HashMap<(&str, &str), u64> = HashMap::new();
        let (mut found, mut moved) = (Vec::new(), Vec::new());
        for ((line, a), ipa) in rows.iter().zip(&lowered) {
            let known = enti.get(ipa.as_str()).and_then(|(_, istat)| istat.as_deref());
            let (istat_code, territorial) = match territory.place(&a.istat_code, known) {
                Ok(placed) => placed,
                Err(reason) => {
                    summary.rejected.push(Rejection { line: *line, reason });
                    continue;
                }
            };
            if let Some(first) = seen.insert((ipa, &a.call), *line) {
                let reason = Message::new("prog-import-repeated").arg("ipa", ipa).arg("first", first);
                let reason = Lang::En.text(&reason);
                summary.rejected.push(Rejection { line: *line, reason });
                continue;
            }
            if let Some((id, _)) = enti.get(ipa)
                && made_here.get(id).is_some_and(|calls| calls.contains(&a.call))
            {
                let reason = Lang::En.text(&Message::new("prog-import-made-here").arg("ipa", ipa));
                summary.rejected.push(Rejection { line: *line, reason });
                continue;
            }
            let organisation_id = match enti.get_mut(ipa) {
                Some((id, profile)) => {
                    if profile.is_none() {
                        profiles.push(vec![
                            Value::Text(id.clone()),
                            Value::Text(a.kind.code().into()),
                            Value::Text(istat_code.clone()),
                        ]);
                        *profile = Some(istat_code.clone());
                    }
                    id.clone()
                }
                None => {
                    let id = uuid::Uuid::now_v7().to_string();
                    organisations.push(vec![
                        Value::Text(id.clone()),
                        Value::Text("public_body".into()),
                        Value::Text(a.ente.clone()),
                        Value::Text(ipa.to_owned()),
                        Value::Int(at),
                    ]);
                    profiles.push(vec![
                        Value::Text(id.clone()),
                        Value::Text(a.kind.code().into()),
                        Value::Text(istat_code.clone()),
                    ]);
                    enti.insert(ipa.to_owned(), (id.clone(), Some(istat_code.clone())));
                    summary.enti_created += 1;
                    id
                }
            };
            if !a.findings.is_empty() || territorial.is_some() {
                let record = record_key(ipa, &a.call);
                found.extend(a.findings.iter().map(|finding| Found { record: record.clone(), line: *line, finding }));
                if let Some(finding) = territorial {
                    moved.push((record, *line, finding));
                }
            }
            match existing.get(&organisation_id).and_then(|calls| calls.get(&a.call)) {
                None => {
                    inserts.push(values(&organisation_id, a, source, at));
                    summary.imported += 1;
                }
                Some(print) if *print == fingerprint(a) => summary.unchanged += 1,
                Some(_) => {
                    updates.push((organisation_id, a));
                    summary.updated += 1;
                }
            }
        }
        summary.rejected.sort_by_key(|r| r.line);
        found.extend(moved.iter().map(|(record, line, finding)| Found {
            record: record.clone(),
            line: *line,
            finding,
        }));
        summary.findings = found.len();
        // A record of this file whose findings are stored: they are replaced.
        let in_file = |record: &str| record.split_once(" · ").is_some_and(|key| seen.contains_key(&key));
        let changed = replace(tx.conn(), FINANCED_APPLICATIONS, &in_file, found, source, at).await.map_err(during)?;
        if summary.imported + summary.updated == 0 && !changed {
            return Ok(summary);
        }
        insert(tx.conn(), "organisations", &["id", "kind", "name", "ipa_code", "created_at_ms"], organisations)
            .await
            .map_err(during)?;
        insert(tx.conn(), "enti", &["organisation_id", "kind", "istat_code"], profiles).await.map_err(during)?;
        insert(tx.conn(), "financed_applications", COLUMNS, inserts).await.map_err(during)?;
        for (organisation_id, a) in updates {
            let row = values(&organisation_id, a, source, at);
            update(tx.conn(), "financed_applications", COLUMNS, &COLUMNS[..2], row).await.map_err(during)?;
        }
        let entry = AuditEntry {
            actor,
            action: "programme.import_financed",
            subject: "programme".into(),
            details: json!({ "source": source, "imported": summary.imported, "updated": summary.updated,
                             "unchanged": summary.unchanged, "enti_created": summary.enti_created,
                             "findings": summary.findings, "rejected": summary.rejected.len() }),
        };
        tx.commit(entry, at).await?;
        Ok(summary)
    }
}
