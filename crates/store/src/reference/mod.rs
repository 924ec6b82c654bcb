//! Reference data shipped in the repository's `data/` and embedded in the
//! binary: loaded at start, idempotently, and versioned by the SHA-256 of
//! each file — a file that has not changed is not loaded again, a file that
//! has changed is upserted in one transaction with one audit entry.

use crate::audit::AuditEntry;
use crate::batch::{Value, upsert};
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::call::{COMUNI_1_2_TARIFF, Call, CallRow, SCUOLE_1_2_TARIFF};
use cloudpa_domain::programme::tariff::{Tariff, TariffClass};
use cloudpa_domain::qualification::requirements::RequirementSet;
use sha2::{Digest, Sha256};
use sqlx::Row;

macro_rules! data_file {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $path))
    };
}

/// A requirement set file, stored whole (one row per id and version).
macro_rules! requirement_set {
    ($path:literal) => {
        Dataset {
            name: concat!("requirement-set:", $path),
            file: $path,
            bytes: data_file!($path),
            parse: parse_requirement_set,
            table: "requirement_sets",
            columns: &["id", "version", "regime", "title", "content"],
            key: &["id", "version"],
        }
    };
}

mod programme;

/// Reads a dataset's bytes into rows of the dataset's columns.
type Parser = fn(&'static str, &[u8]) -> Result<Vec<Vec<Value>>, StoreError>;

/// One embedded reference file and the table it fills.
pub struct Dataset {
    pub name: &'static str,
    pub file: &'static str,
    bytes: &'static [u8],
    parse: Parser,
    table: &'static str,
    columns: &'static [&'static str],
    key: &'static [&'static str],
}

pub static DATASETS: &[Dataset] = &[
    Dataset {
        name: "municipalities",
        file: "comuni.csv",
        bytes: data_file!("comuni.csv"),
        parse: parse_municipalities,
        table: "municipalities",
        columns: &[
            "istat_code",
            "name",
            "cadastral_code",
            "ipa_code",
            "province_code",
            "province",
            "region_code",
            "region",
            "area",
            "population_2011",
        ],
        key: &["istat_code"],
    },
    Dataset {
        name: "tariff-avviso-1.2-comuni",
        file: "avviso_1_2_comuni_tariffa.csv",
        bytes: data_file!("avviso_1_2_comuni_tariffa.csv"),
        parse: |name, bytes| parse_tariff(name, bytes, COMUNI_1_2_TARIFF),
        table: "tariff_classes",
        columns: TARIFF_COLUMNS,
        key: &["tariff_code", "class"],
    },
    Dataset {
        name: "tariff-avviso-1.2-scuole",
        file: "avviso_1_2_scuole_tariffa.csv",
        bytes: data_file!("avviso_1_2_scuole_tariffa.csv"),
        parse: |name, bytes| parse_tariff(name, bytes, SCUOLE_1_2_TARIFF),
        table: "tariff_classes",
        columns: TARIFF_COLUMNS,
        key: &["tariff_code", "class"],
    },
    Dataset {
        name: "admissible-scenarios",
        file: "scenari_ammissibili.csv",
        bytes: data_file!("scenari_ammissibili.csv"),
        parse: parse_scenarios,
        table: "admissible_scenarios",
        columns: &["origin", "migration_type", "destination", "admissibility", "note"],
        key: &["origin", "migration_type", "destination"],
    },
    Dataset {
        name: "service-level-indicators",
        file: "agid_2018_indicatori_sli.csv",
        bytes: data_file!("agid_2018_indicatori_sli.csv"),
        parse: parse_indicators,
        table: "service_level_indicators",
        columns: &["code", "name", "description", "kind"],
        key: &["code"],
    },
    Dataset {
        name: "qualification-levels",
        file: "requirements/acn-2024-qc.toml",
        bytes: data_file!("requirements/acn-2024-qc.toml"),
        parse: parse_levels,
        table: "qualification_levels",
        columns: &["code", "admitted_data_classes"],
        key: &["code"],
    },
    requirement_set!("requirements/acn-2024-qc.toml"),
    requirement_set!("requirements/agid-2018-csp.toml"),
    requirement_set!("requirements/agid-2018-saas.toml"),
    Dataset {
        name: "calls",
        file: "padigitale2026_avvisi.csv",
        bytes: data_file!("padigitale2026_avvisi.csv"),
        parse: parse_calls,
        table: "calls",
        columns: crate::programme::calls::CALL_TABLE_COLUMNS,
        key: &["id"],
    },
    Dataset {
        name: "territorial-areas",
        file: "team_territoriali_aree.csv",
        bytes: data_file!("team_territoriali_aree.csv"),
        parse: programme::parse_areas,
        table: "territorial_areas",
        columns: &["region", "area"],
        key: &["region"],
    },
    Dataset {
        name: "pnrr-targets",
        file: "pnrr_target_1_2.csv",
        bytes: data_file!("pnrr_target_1_2.csv"),
        parse: programme::parse_targets,
        table: "programme_targets",
        columns: &["code", "description", "value", "due_on", "source", "confirmed"],
        key: &["code"],
    },
];

const TARIFF_COLUMNS: &[&str] = &[
    "tariff_code",
    "class",
    "population_min",
    "population_max",
    "fee_cents",
    "rehost_cents",
    "upgrade_cents",
    "services_min",
    "services_max",
];

/// What loading one dataset did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub name: &'static str,
    pub rows: usize,
    /// `false` when the stored version already matched the embedded file.
    pub loaded: bool,
}

impl Store {
    /// Loads every dataset whose embedded file differs from the stored version.
    pub async fn load_reference_data(&self, at: Millis) -> Result<Vec<LoadReport>, StoreError> {
        let mut reports = Vec::with_capacity(DATASETS.len());
        for dataset in DATASETS {
            reports.push(self.load_dataset(dataset, at).await?);
        }
        Ok(reports)
    }

    async fn load_dataset(&self, dataset: &Dataset, at: Millis) -> Result<LoadReport, StoreError> {
        let sha256 = hex::encode(Sha256::digest(dataset.bytes));
        let rows = (dataset.parse)(dataset.name, dataset.bytes)?;
        let count = rows.len();
        let mut tx = self.begin_write().await?;
        let stored: Option<String> = sqlx::query("SELECT sha256 FROM reference_datasets WHERE name = $1")
            .bind(dataset.name)
            .fetch_optional(tx.conn())
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        if stored.as_deref() == Some(sha256.as_str()) {
            return Ok(LoadReport { name: dataset.name, rows: count, loaded: false });
        }
        upsert(tx.conn(), dataset.table, dataset.columns, dataset.key, rows).await?;
        upsert(
            tx.conn(),
            "reference_datasets",
            &["name", "sha256", "row_count", "loaded_at_ms"],
            &["name"],
            vec![vec![
                Value::Text(dataset.name.into()),
                Value::Text(sha256.clone()),
                Value::Int(count as i64),
                Value::Int(at),
            ]],
        )
        .await?;
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "reference.load",
            subject: format!("dataset:{}", dataset.name),
            details: serde_json::json!({ "file": dataset.file, "sha256": sha256, "rows": count }),
        };
        tx.commit(entry, at).await?;
        Ok(LoadReport { name: dataset.name, rows: count, loaded: true })
    }
}

/// The Avviso 1.2 Comuni tariff as embedded in the binary, for computations
/// that need no database (the `voucher` command).
pub fn embedded_comuni_tariff() -> Result<Tariff, StoreError> {
    let name = "tariff-avviso-1.2-comuni";
    let classes = read_tariff_classes(name, data_file!("avviso_1_2_comuni_tariffa.csv"))?;
    Tariff::new(COMUNI_1_2_TARIFF, classes).map_err(|e| invalid(name, 1, e.to_string()))
}

/// A CSV file read by column name, each record with its line number.
struct Records<'a> {
    dataset: &'static str,
    bytes: &'a [u8],
    headers: csv::StringRecord,
    reader: csv::Reader<&'a [u8]>,
}

struct Record<'r> {
    dataset: &'static str,
    line: u64,
    headers: &'r csv::StringRecord,
    record: csv::StringRecord,
}

impl<'a> Records<'a> {
    fn new(dataset: &'static str, bytes: &'a [u8]) -> Result<Self, StoreError> {
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader.headers().map_err(|e| invalid(dataset, 1, e.to_string()))?.clone();
        Ok(Records { dataset, bytes, headers, reader })
    }

    fn for_each(mut self, mut f: impl FnMut(&Record<'_>) -> Result<(), StoreError>) -> Result<(), StoreError> {
        for (i, result) in self.reader.records().enumerate() {
            let record = result.map_err(|e| invalid(self.dataset, i as u64 + 2, e.to_string()))?;
            let line = record.position().map_or(i as u64 + 2, |p| crate::csv_rows::start_line(self.bytes, p));
            f(&Record { dataset: self.dataset, line, headers: &self.headers, record })?;
        }
        Ok(())
    }
}

impl Records<'_> {
    /// Like `for_each`, but hands every row's outcome (including a row the
    /// CSV reader cannot read) to `sink` instead of stopping at the first error.
    fn for_each_lenient<T>(
        mut self,
        mut parse: impl FnMut(&Record<'_>) -> Result<T, StoreError>,
        mut sink: impl FnMut(Result<T, StoreError>),
    ) {
        for (i, result) in self.reader.records().enumerate() {
            let outcome = match result {
                Ok(record) => {
                    let line = record.position().map_or(i as u64 + 2, |p| crate::csv_rows::start_line(self.bytes, p));
                    parse(&Record { dataset: self.dataset, line, headers: &self.headers, record })
                }
                Err(e) => {
                    let line = e.position().map_or(i as u64 + 2, |p| crate::csv_rows::start_line(self.bytes, p));
                    Err(invalid(self.dataset, line, e.to_string()))
                }
            };
            sink(outcome);
        }
    }
}

impl Record<'_> {
    fn get(&self, column: &str) -> Result<&str, StoreError> {
        let index = self.headers.iter().position(|h| h == column);
        let cell = index
            .and_then(|i| self.record.get(i))
            .map(str::trim)
            .ok_or_else(|| self.error(format!("column `{column}` is missing")))?;
        let layout = cloudpa_domain::text::layout_of(column);
        cloudpa_domain::text::check(cell, layout).map_err(|rule| self.error(format!("column `{column}` {rule}")))?;
        Ok(cell)
    }

    fn int(&self, column: &str) -> Result<i64, StoreError> {
        let text = self.get(column)?;
        text.parse().map_err(|_| self.error(format!("column `{column}`: `{text}` is not an integer")))
    }

    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        if self.get(column)?.is_empty() { Ok(None) } else { self.int(column).map(Some) }
    }

    fn text(&self, column: &str) -> Result<Value, StoreError> {
        self.get(column).map(|s| Value::Text(s.to_owned()))
    }

    fn error(&self, reason: String) -> StoreError {
        invalid(self.dataset, self.line, reason)
    }
}

fn invalid(dataset: &'static str, line: u64, reason: String) -> StoreError {
    StoreError::Reference { dataset, line, reason }
}

fn parse_municipalities(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::with_capacity(8_000);
    Records::new(name, bytes)?.for_each(|r| {
        let ipa = r.get("codice_ipa")?;
        rows.push(vec![
            r.text("codice_istat")?,
            r.text("denominazione")?,
            r.text("codice_catastale")?,
            Value::OptText((!ipa.is_empty()).then(|| ipa.to_owned())),
            r.text("sigla_provincia")?,
            r.text("provincia")?,
            r.text("codice_regione")?,
            r.text("regione")?,
            r.text("ripartizione")?,
            Value::Int(r.int("popolazione_censimento_2011")?),
        ]);
        Ok(())
    })?;
    Ok(rows)
}

fn read_tariff_classes(name: &'static str, bytes: &[u8]) -> Result<Vec<TariffClass>, StoreError> {
    let mut classes = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let non_negative = |column: &str| {
            let v = r.int(column)?;
            u64::try_from(v).map_err(|_| r.error(format!("column `{column}` is negative")))
        };
        let euros = |column: &str| r.int(column).map(Cents::from_euros);
        classes.push(TariffClass {
            class: u8::try_from(r.int("classe")?).map_err(|_| r.error("column `classe` is out of range".into()))?,
            population_min: non_negative("popolazione_min")?,
            population_max: match r.opt_int("popolazione_max")? {
                Some(v) => Some(u64::try_from(v).map_err(|_| r.error("popolazione_max is negative".into()))?),
                None => None,
            },
            fee: euros("canone_primo_anno_eur")?,
            rehost: euros("importo_servizio_a_eur")?,
            upgrade: euros("importo_servizio_b_eur")?,
            services_min: non_negative("servizi_min")? as u32,
            services_max: non_negative("servizi_max")? as u32,
        });
        Ok(())
    })?;
    Ok(classes)
}

fn parse_tariff(name: &'static str, bytes: &[u8], code: &str) -> Result<Vec<Vec<Value>>, StoreError> {
    let classes = read_tariff_classes(name, bytes)?;
    let tariff = Tariff::new(code, classes).map_err(|e| invalid(name, 1, e.to_string()))?;
    Ok(tariff
        .classes()
        .iter()
        .map(|c| {
            vec![
                Value::Text(tariff.code().to_owned()),
                Value::Int(c.class.into()),
                Value::Int(c.population_min as i64),
                Value::OptInt(c.population_max.map(|m| m as i64)),
                Value::Int(c.fee.0),
                Value::Int(c.rehost.0),
                Value::Int(c.upgrade.0),
                Value::Int(c.services_min.into()),
                Value::Int(c.services_max.into()),
            ]
        })
        .collect())
}

fn parse_scenarios(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        let admissibility = r.get("ammissibile")?;
        if !["SI", "NO", "CONDIZIONATO"].contains(&admissibility) {
            return Err(r.error(format!("`ammissibile` is `{admissibility}`, not SI, NO or CONDIZIONATO")));
        }
        rows.push(vec![
            r.text("origine")?,
            r.text("tipo_migrazione")?,
            r.text("destinazione")?,
            Value::Text(admissibility.to_owned()),
            r.text("nota_testuale_FAQ")?,
        ]);
        Ok(())
    })?;
    Ok(rows)
}

fn parse_indicators(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut rows = Vec::new();
    Records::new(name, bytes)?.for_each(|r| {
        rows.push(vec![r.text("codice_sli")?, r.text("indicatore")?, r.text("descrizione")?, r.text("tipo")?]);
        Ok(())
    })?;
    Ok(rows)
}

fn requirement_set_file(name: &'static str, bytes: &[u8]) -> Result<(RequirementSet, String), StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| invalid(name, 1, e.to_string()))?;
    let set = RequirementSet::parse(text).map_err(|e| invalid(name, 1, e.to_string()))?;
    Ok((set, text.to_owned()))
}

/// The data classes each level admits, as the ACN set states them (checked
/// against Art. 17 c.4 when the set is parsed).
fn parse_levels(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (set, _) = requirement_set_file(name, bytes)?;
    Ok(set
        .levels
        .iter()
        .map(|l| {
            let classes: Vec<&str> = l.data_classes.iter().map(|c| c.code()).collect();
            vec![Value::Text(l.code.to_string()), Value::Text(classes.join(";"))]
        })
        .collect())
}

fn parse_requirement_set(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (set, text) = requirement_set_file(name, bytes)?;
    Ok(vec![vec![
        Value::Text(set.id),
        Value::Text(set.version),
        Value::Text(set.regime),
        Value::Text(set.title),
        Value::Text(text),
    ]])
}

/// A row of an imported file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub reason: String,
}

/// Reads a calls file in the PA digitale 2026 open-data format: every data
/// row becomes a call or a rejection with its line number. A file that is
/// not CSV at all, or lacks a column, is one error.
pub fn read_calls(bytes: &[u8]) -> Result<(Vec<Call>, Vec<Rejection>), StoreError> {
    let mut calls = Vec::new();
    let mut rejections = Vec::new();
    let records = Records::new("calls", bytes)?;
    for column in CALL_COLUMNS {
        if !records.headers.iter().any(|h| h == *column) {
            return Err(invalid("calls", 1, format!("column `{column}` is missing")));
        }
    }
    records.for_each_lenient(
        |r| {
            let row = CallRow {
                title: r.get("titolo")?,
                measure: r.get("misura")?,
                opens_on: r.get("data_inizio_bando")?,
                closes_on: r.get("data_fine_bando")?,
                status: r.get("stato")?,
                budget: r.get("totale_importo_stanziato")?,
                measure_budget: r.get("totale_importo_misura")?,
                targets: r.get("soggetti_destinatari")?,
            };
            Call::from_row(&row).map_err(|e| r.error(e.to_string()))
        },
        |result| match result {
            Ok(call) => calls.push(call),
            Err(StoreError::Reference { line, reason, .. }) => rejections.push(Rejection { line, reason }),
            Err(other) => rejections.push(Rejection { line: 0, reason: other.to_string() }),
        },
    );
    Ok((calls, rejections))
}

const CALL_COLUMNS: &[&str] = &[
    "titolo",
    "misura",
    "data_inizio_bando",
    "data_fine_bando",
    "stato",
    "totale_importo_stanziato",
    "totale_importo_misura",
    "soggetti_destinatari",
];

fn parse_calls(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (calls, rejections) = read_calls(bytes)?;
    if let Some(first) = rejections.into_iter().next() {
        return Err(invalid(name, first.line, first.reason));
    }
    Ok(calls.iter().map(crate::programme::calls::call_values).collect())
}

/// A service-level indicator of Circolare AgID 2/2018.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    pub description: String,
    pub kind: String,
}

impl Store {
    /// Each qualification level with the data classes it admits (`;`-separated).
    pub async fn qualification_levels(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query("SELECT code, admitted_data_classes FROM qualification_levels ORDER BY code")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, sqlx::Error>>()?)
    }

    /// The indicators in code order (SLI1, SLI2, …, SLI10, …).
    pub async fn service_level_indicators(&self) -> Result<Vec<Indicator>, StoreError> {
        let rows = sqlx::query("SELECT code, name, description, kind FROM service_level_indicators")
            .fetch_all(&self.pool)
            .await?;
        let mut list = rows
            .iter()
            .map(|r| {
                Ok(Indicator {
                    code: r.try_get(0)?,
                    name: r.try_get(1)?,
                    description: r.try_get(2)?,
                    kind: r.try_get(3)?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        list.sort_by_key(|i| i.code.trim_start_matches("SLI").parse::<u32>().unwrap_or(u32::MAX));
        Ok(list)
    }
}
