//! Reference data shipped in the repository's `data/` and embedded in the
//! binary: loaded at start, idempotently, and versioned by the SHA-256 of
//! each file — a file that has not changed is not loaded again, a file that
//! has changed is upserted in one transaction with one audit entry.

use crate::audit::AuditEntry;
use crate::batch::{Existing, Value, upsert};
use crate::{Actor, Millis, Store, StoreError};
use calls::parse_calls;
use cloudpa_domain::programme::call::{COMUNI_1_2_TARIFF, SCUOLE_1_2_TARIFF};
use cloudpa_domain::programme::tariff::Tariff;
use parse::{
    parse_indicators, parse_levels, parse_municipalities, parse_municipality_changes, parse_requirement_set,
    parse_scenarios, parse_tariff, read_tariff_classes,
};
use records::invalid;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::HashMap;

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

/// A tariff file, the classes of the tariff `code`: a macro, as
/// `requirement_set!`, because `include_bytes!` takes its path only as a literal.
macro_rules! tariff {
    ($name:literal, $path:literal, $code:expr) => {
        Dataset {
            name: $name,
            file: $path,
            bytes: data_file!($path),
            parse: |name, bytes| parse_tariff(name, bytes, $code),
            table: "tariff_classes",
            columns: TARIFF_COLUMNS,
            key: &["tariff_code", "class"],
        }
    };
}

mod calls;
mod parse;
mod programme;
mod records;

pub use calls::{ReadCall, read_calls};

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
            "established_on",
            "ended_on",
            "current_code",
        ],
        key: &["istat_code"],
    },
    Dataset {
        name: "municipality-changes",
        file: "comuni_variazioni.csv",
        bytes: data_file!("comuni_variazioni.csv"),
        parse: parse_municipality_changes,
        table: "municipality_changes",
        columns: &[
            "effective_on",
            "kind",
            "istat_code",
            "name",
            "province_code",
            "new_istat_code",
            "new_name",
            "new_province_code",
            "note",
        ],
        key: &["effective_on", "kind", "istat_code", "new_istat_code"],
    },
    tariff!("tariff-avviso-1.2-comuni", "avviso_1_2_comuni_tariffa.csv", COMUNI_1_2_TARIFF),
    tariff!("tariff-avviso-1.2-scuole", "avviso_1_2_scuole_tariffa.csv", SCUOLE_1_2_TARIFF),
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
    requirement_set!("requirements/acn-2024-ac.toml"),
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

impl Dataset {
    /// How many rows this dataset's parser reads from `bytes` instead of the
    /// embedded file: for the hostile-input tests only.
    #[doc(hidden)]
    pub fn parse_rows(&self, bytes: &[u8]) -> Result<usize, StoreError> {
        (self.parse)(self.name, bytes).map(|rows| rows.len())
    }
}

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
    /// Loads every dataset whose embedded file differs from the stored
    /// version. The stored versions are read at once, and a file that has
    /// not changed is neither parsed nor written: every command opens the
    /// store through here.
    pub async fn load_reference_data(&self, at: Millis) -> Result<Vec<LoadReport>, StoreError> {
        let operation = "read the reference data's versions";
        let query = sqlx::query("SELECT name, sha256, row_count FROM reference_datasets");
        let stored: HashMap<String, (String, i64)> = self
            .read_all(query, operation, |r| -> Result<_, sqlx::Error> {
                Ok((r.try_get("name")?, (r.try_get("sha256")?, r.try_get("row_count")?)))
            })
            .await?
            .into_iter()
            .collect();
        let mut reports = Vec::with_capacity(DATASETS.len());
        for dataset in DATASETS {
            let sha256 = hex::encode(Sha256::digest(dataset.bytes));
            match stored.get(dataset.name) {
                Some((stored, rows)) if *stored == sha256 => {
                    let rows = usize::try_from(*rows).unwrap_or(0);
                    reports.push(LoadReport { name: dataset.name, rows, loaded: false });
                }
                _ => reports.push(self.load_dataset(dataset, sha256, at).await?),
            }
        }
        Ok(reports)
    }

    /// Loads `dataset`, whose file's digest is `sha256`, unless another
    /// process loaded that version since it was read.
    async fn load_dataset(&self, dataset: &Dataset, sha256: String, at: Millis) -> Result<LoadReport, StoreError> {
        let rows = (dataset.parse)(dataset.name, dataset.bytes)?;
        let count = rows.len();
        let during = |e| StoreError::during("load a reference dataset", e);
        let mut tx = self.begin_write().await?;
        let stored: Option<String> = sqlx::query("SELECT sha256 FROM reference_datasets WHERE name = $1")
            .bind(dataset.name)
            .fetch_optional(tx.conn())
            .await
            .map_err(during)?
            .map(|r| r.try_get("sha256"))
            .transpose()
            .map_err(during)?;
        if stored.as_deref() == Some(sha256.as_str()) {
            return Ok(LoadReport { name: dataset.name, rows: count, loaded: false });
        }
        upsert(tx.conn(), dataset.table, dataset.columns, dataset.key, Existing::Replace, rows)
            .await
            .map_err(during)?;
        upsert(
            tx.conn(),
            "reference_datasets",
            &["name", "sha256", "row_count", "loaded_at_ms"],
            &["name"],
            Existing::Replace,
            vec![vec![
                Value::Text(dataset.name.into()),
                Value::Text(sha256.clone()),
                Value::Int(count as i64),
                Value::Int(at),
            ]],
        )
        .await
        .map_err(during)?;
        // An ente in a municipality that has since ended moves to the one
        // that holds its territory today (a change of province or region, a
        // merger), so that it counts where it is now.
        let moved = match dataset.table {
            "municipalities" => sqlx::query(
                "UPDATE enti SET istat_code = (SELECT m.current_code FROM municipalities m \
                 WHERE m.istat_code = enti.istat_code) \
                 WHERE istat_code IN (SELECT istat_code FROM municipalities WHERE current_code IS NOT NULL)",
            )
            .execute(tx.conn())
            .await
            .map_err(during)?
            .rows_affected(),
            _ => 0,
        };
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "reference.load",
            subject: format!("dataset:{}", dataset.name),
            details: serde_json::json!({ "file": dataset.file, "sha256": sha256, "rows": count, "enti_moved": moved }),
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

/// A row of an imported file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub reason: String,
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
        let query = sqlx::query("SELECT code, admitted_data_classes FROM qualification_levels ORDER BY code");
        self.read_all(query, "read the qualification levels", |r| -> Result<_, sqlx::Error> {
            Ok((r.try_get("code")?, r.try_get("admitted_data_classes")?))
        })
        .await
    }

    /// The indicators in code order (SLI1, SLI2, …, SLI10, …).
    pub async fn service_level_indicators(&self) -> Result<Vec<Indicator>, StoreError> {
        let query = sqlx::query("SELECT code, name, description, kind FROM service_level_indicators");
        let mut list = self
            .read_all(query, "read the service-level indicators", |r| -> Result<_, sqlx::Error> {
                Ok(Indicator {
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                    description: r.try_get("description")?,
                    kind: r.try_get("kind")?,
                })
            })
            .await?;
        list.sort_by_key(|i| i.code.trim_start_matches("SLI").parse::<u32>().unwrap_or(u32::MAX));
        Ok(list)
    }
}
