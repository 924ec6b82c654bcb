//! The IPA lookup from the official data the platform holds. IndicePA itself
//! is not reachable from where cloudpa runs and no package ships it, so a code
//! is looked up in the municipalities' list (`data/comuni.csv`, which gives
//! most Comuni their IPA code) and then among the enti the PA digitale 2026
//! open data named (imported with their code, name and kind). Codes compare
//! in any case: the open data writes `C_A050` where the list writes `c_a050`.

use crate::{Store, StoreError};
use cloudpa_domain::programme::open_data::EnteKind;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// Where an entry of the lookup comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IpaSource {
    /// The municipalities' list (`data/comuni.csv`).
    Municipalities,
    /// An ente of the imported open data of financed applications.
    OpenData,
}

impl IpaSource {
    pub fn code(self) -> &'static str {
        match self {
            IpaSource::Municipalities => "municipalities",
            IpaSource::OpenData => "open-data",
        }
    }
}

/// The municipality of today that holds an ended one's territory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Successor {
    pub istat_code: String,
    pub name: String,
    pub ipa_code: Option<String>,
}

/// What the official data says of an IPA code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpaEntry {
    /// The code as the data writes it.
    pub ipa_code: String,
    pub name: String,
    pub kind: EnteKind,
    pub province: String,
    pub region: String,
    /// For a municipality that has ended (merged, absorbed), the day.
    pub ended_on: Option<String>,
    /// And the municipality that holds its territory today, when the
    /// sources name it.
    pub successor: Option<Successor>,
    pub source: IpaSource,
}

impl Store {
    /// The entry of `code` (any case) in the official data held, if any.
    pub async fn ipa_entry(&self, code: &str) -> Result<Option<IpaEntry>, StoreError> {
        let code = code.trim().to_lowercase();
        let municipality = sqlx::query(
            "SELECT m.ipa_code, m.name, m.province, m.region, m.ended_on, m.current_code, \
             s.name AS successor_name, s.ipa_code AS successor_ipa FROM municipalities m \
             LEFT JOIN municipalities s ON s.istat_code = m.current_code WHERE LOWER(m.ipa_code) = $1",
        )
        .bind(code.clone());
        let found =
            self.read_one(municipality, "look up an IPA code among the municipalities", from_municipality).await?;
        if found.is_some() {
            return Ok(found);
        }
        let ente = sqlx::query(
            "SELECT o.ipa_code, o.name, e.kind, m.province, m.region FROM organisations o \
             JOIN enti e ON e.organisation_id = o.id JOIN municipalities m ON m.istat_code = e.istat_code \
             WHERE LOWER(o.ipa_code) = $1",
        )
        .bind(code);
        self.read_one(ente, "look up an IPA code among the enti", from_ente).await
    }

    /// How many distinct IPA codes [`Store::ipa_entry`] finds.
    pub async fn ipa_codes_known(&self) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("count the IPA codes known", e);
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM (SELECT LOWER(ipa_code) AS code FROM municipalities WHERE ipa_code IS NOT NULL \
             UNION SELECT LOWER(o.ipa_code) FROM organisations o JOIN enti e ON e.organisation_id = o.id \
             WHERE o.ipa_code IS NOT NULL) AS codes",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(during)?;
        row.try_get("n").map_err(during)
    }
}

fn from_municipality(r: &AnyRow) -> Result<IpaEntry, sqlx::Error> {
    let current: Option<String> = r.try_get("current_code")?;
    let successor_name: Option<String> = r.try_get("successor_name")?;
    let successor = match (current, successor_name) {
        (Some(istat_code), Some(name)) => Some(Successor { istat_code, name, ipa_code: r.try_get("successor_ipa")? }),
        _ => None,
    };
    Ok(IpaEntry {
        ipa_code: r.try_get("ipa_code")?,
        name: r.try_get("name")?,
        kind: EnteKind::Comune,
        province: r.try_get("province")?,
        region: r.try_get("region")?,
        ended_on: r.try_get("ended_on")?,
        successor,
        source: IpaSource::Municipalities,
    })
}

fn from_ente(r: &AnyRow) -> Result<IpaEntry, StoreError> {
    let during = |e| StoreError::during("read an ente's IPA entry", e);
    let kind: String = r.try_get("kind").map_err(during)?;
    Ok(IpaEntry {
        ipa_code: r.try_get("ipa_code").map_err(during)?,
        name: r.try_get("name").map_err(during)?,
        kind: EnteKind::parse(&kind).ok_or_else(|| crate::qualification::corrupt("ente kind", &kind))?,
        province: r.try_get("province").map_err(during)?,
        region: r.try_get("region").map_err(during)?,
        ended_on: None,
        successor: None,
        source: IpaSource::OpenData,
    })
}
