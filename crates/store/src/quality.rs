//! Data-quality findings of imported official records: each import replaces
//! the findings of the records it holds; the public page lists them, by rule
//! and one by one, and exports them all as CSV.

use crate::batch::{Existing, Value, upsert};
use crate::{Store, StoreError};
use cloudpa_domain::paging::Paging;
use cloudpa_domain::programme::quality::Finding;
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The dataset of the open data of financed applications.
pub const FINANCED_APPLICATIONS: &str = "candidature_finanziate";
/// The dataset of the catalogue files (`cloudpa import listings`): a
/// listing's record is its provider's VAT number and its name.
pub const CATALOGUE_LISTINGS: &str = "catalogo_servizi";
/// The dataset of the calls file (`cloudpa import calls`): a call's record
/// is its id, its title's slug.
pub const CALLS: &str = "avvisi";

/// A stored finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredFinding {
    pub dataset: String,
    /// The record's key in its dataset (for an application: IPA code and call).
    pub record: String,
    pub field: String,
    /// The rule's code ([`cloudpa_domain::programme::quality::Rule::code`]).
    pub rule: String,
    pub value: String,
    pub note: String,
    /// The file and line the record was last imported from.
    pub source: String,
    pub line: i64,
}

/// How many findings a dataset has for a field and rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingCount {
    pub dataset: String,
    pub field: String,
    pub rule: String,
    pub count: i64,
}

const COLUMNS: &[&str] = &["dataset", "record", "field", "rule", "value", "note", "source", "line", "found_at_ms"];
const KEY: &[&str] = &["dataset", "record", "field", "rule"];
const SELECT: &str = "SELECT dataset, record, field, rule, value, note, source, line FROM data_quality_findings";
const ORDER: &str = "ORDER BY dataset, source, line, field, rule";

fn finding_from_row(r: &sqlx::any::AnyRow) -> Result<StoredFinding, sqlx::Error> {
    Ok(StoredFinding {
        dataset: r.try_get("dataset")?,
        record: r.try_get("record")?,
        field: r.try_get("field")?,
        rule: r.try_get("rule")?,
        value: r.try_get("value")?,
        note: r.try_get("note")?,
        source: r.try_get("source")?,
        line: r.try_get("line")?,
    })
}

/// A finding of `record`, found on `line` of `source`.
pub(crate) struct Found<'a> {
    pub record: String,
    pub line: u64,
    pub finding: &'a Finding,
}

/// Within an import's transaction: the findings of the records of
/// `dataset` that the file holds (`in_file`) become `found` (a finding no
/// longer found goes). Returns whether any changed.
pub(crate) async fn replace(
    conn: &mut AnyConnection,
    dataset: &str,
    in_file: &dyn Fn(&str) -> bool,
    found: Vec<Found<'_>>,
    source: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    type Key = (String, String, String);
    let mut stored: HashMap<Key, (String, String, String, i64)> = HashMap::new();
    let existing =
        "SELECT record, field, rule, value, note, source, line FROM data_quality_findings WHERE dataset = $1";
    for r in sqlx::query(existing).bind(dataset).fetch_all(&mut *conn).await? {
        let record: String = r.try_get("record")?;
        if in_file(&record) {
            let found = (r.try_get("value")?, r.try_get("note")?, r.try_get("source")?, r.try_get("line")?);
            stored.insert((record, r.try_get("field")?, r.try_get("rule")?), found);
        }
    }
    let mut rows = Vec::new();
    for f in found {
        let key = (f.record, f.finding.field.to_owned(), f.finding.rule.code().to_owned());
        let line = i64::try_from(f.line).unwrap_or(i64::MAX);
        let same = stored.remove(&key).is_some_and(|(value, note, file, at)| {
            (value.as_str(), note.as_str(), file.as_str(), at) == (&f.finding.value, &f.finding.note, source, line)
        });
        if !same {
            rows.push(vec![
                Value::Text(dataset.to_owned()),
                Value::Text(key.0),
                Value::Text(key.1),
                Value::Text(key.2),
                Value::Text(f.finding.value.clone()),
                Value::Text(f.finding.note.clone()),
                Value::Text(source.to_owned()),
                Value::Int(line),
                Value::Int(at),
            ]);
        }
    }
    let changed = !rows.is_empty() || !stored.is_empty();
    for (record, field, rule) in stored.into_keys() {
        sqlx::query(
            "DELETE FROM data_quality_findings WHERE dataset = $1 AND record = $2 AND field = $3 AND rule = $4",
        )
        .bind(dataset)
        .bind(record)
        .bind(field)
        .bind(rule)
        .execute(&mut *conn)
        .await?;
    }
    upsert(conn, "data_quality_findings", COLUMNS, KEY, Existing::Replace, rows).await?;
    Ok(changed)
}

impl Store {
    /// The findings by dataset, field and rule, the most frequent first.
    pub async fn finding_counts(&self) -> Result<Vec<FindingCount>, StoreError> {
        let query = sqlx::query(
            "SELECT dataset, field, rule, COUNT(*) AS n FROM data_quality_findings \
             GROUP BY dataset, field, rule ORDER BY n DESC, dataset, field, rule",
        );
        self.read_all(query, "count the data-quality findings", |r| -> Result<_, sqlx::Error> {
            Ok(FindingCount {
                dataset: r.try_get("dataset")?,
                field: r.try_get("field")?,
                rule: r.try_get("rule")?,
                count: r.try_get("n")?,
            })
        })
        .await
    }

    /// A page of the findings, by file and line, and how many there are.
    pub async fn findings_page(&self, paging: Paging) -> Result<(Vec<StoredFinding>, usize), StoreError> {
        let sql = format!("{SELECT} {ORDER} LIMIT $1 OFFSET $2");
        let offset = i64::try_from(paging.offset()).unwrap_or(i64::MAX);
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(paging.size as i64).bind(offset);
        let page = self.read_all(query, "list a page of the data-quality findings", finding_from_row);
        let count = sqlx::query("SELECT COUNT(*) AS n FROM data_quality_findings");
        let count = self.read_one(count, "count the data-quality findings", |r| r.try_get::<i64, _>("n"));
        let (page, total) = tokio::try_join!(page, count)?;
        Ok((page, total.map_or(0, |n| usize::try_from(n).unwrap_or(0))))
    }

    /// Every finding, by file and line.
    pub async fn findings(&self) -> Result<Vec<StoredFinding>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} {ORDER}")));
        self.read_all(query, "list the data-quality findings", finding_from_row).await
    }
}

/// When each open dataset of the programme last changed (milliseconds since
/// the epoch), for its metadata.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenDataChanges {
    /// The latest import of the financed applications.
    pub applications: Option<i64>,
    /// The latest data-quality finding recorded.
    pub findings: Option<i64>,
    /// The latest load of the reference data (the platform's own start).
    pub reference: Option<i64>,
}

impl Store {
    pub async fn open_data_changes(&self) -> Result<OpenDataChanges, StoreError> {
        let query = sqlx::query(
            "SELECT (SELECT MAX(updated_at_ms) FROM financed_applications) AS applications, \
             (SELECT MAX(found_at_ms) FROM data_quality_findings) AS findings, \
             (SELECT MAX(loaded_at_ms) FROM reference_datasets) AS reference",
        );
        let found = self
            .read_one(query, "read when the open data changed", |r| -> Result<_, sqlx::Error> {
                Ok(OpenDataChanges {
                    applications: r.try_get("applications")?,
                    findings: r.try_get("findings")?,
                    reference: r.try_get("reference")?,
                })
            })
            .await?;
        Ok(found.unwrap_or_default())
    }
}
