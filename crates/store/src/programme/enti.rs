//! An ente's profile (kind and municipality) and the delegations it grants to
//! aggregators.

use crate::audit::AuditEntry;
use crate::read::optional_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::delegation::Delegation;
use cloudpa_domain::programme::open_data::EnteKind;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

/// Where an ente is: its kind and municipality (with the municipality's
/// population, which sets a Comune's class; none for a municipality made
/// after the 2011 census from part of another).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnteProfile {
    pub organisation_id: String,
    pub kind: EnteKind,
    pub istat_code: String,
    pub municipality: String,
    pub province: String,
    pub region: String,
    pub population: Option<u64>,
}

/// A municipality, as the profile form needs it: one that has ended says
/// when, and which municipality of today holds its territory (when known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Municipality {
    pub istat_code: String,
    pub name: String,
    pub ipa_code: Option<String>,
    pub ended_on: Option<String>,
    pub current_code: Option<String>,
}

/// A Comune as "il mio Comune" finds it: where it is, its population (which
/// sets its voucher's class) and, once it is an ente of the programme, the
/// IPA code of its public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comune {
    pub istat_code: String,
    pub name: String,
    pub province: String,
    pub region: String,
    pub population: Option<u64>,
    pub page: Option<String>,
}

/// A delegation with the names of both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredDelegation {
    pub id: String,
    pub ente_id: String,
    pub ente_name: String,
    pub aggregator_id: String,
    pub aggregator_name: String,
    #[serde(flatten)]
    pub period: Delegation,
}

const DELEGATION_COLUMNS: &str = "d.id, d.ente_id, e.name AS ente_name, d.aggregator_id, a.name AS aggregator_name, \
    d.valid_from, d.valid_until, d.revoked_on \
    FROM delegations d JOIN organisations e ON e.id = d.ente_id JOIN organisations a ON a.id = d.aggregator_id";

fn delegation_from_row(r: &AnyRow) -> Result<StoredDelegation, StoreError> {
    let during = |e| StoreError::during("read a delegation", e);
    let date = |column: &str| optional_date(r, column, during);
    Ok(StoredDelegation {
        id: r.try_get("id").map_err(during)?,
        ente_id: r.try_get("ente_id").map_err(during)?,
        ente_name: r.try_get("ente_name").map_err(during)?,
        aggregator_id: r.try_get("aggregator_id").map_err(during)?,
        aggregator_name: r.try_get("aggregator_name").map_err(during)?,
        period: Delegation {
            valid_from: date("valid_from")?.ok_or_else(|| crate::qualification::corrupt("valid_from", ""))?,
            valid_until: date("valid_until")?,
            revoked_on: date("revoked_on")?,
        },
    })
}

impl Store {
    /// The profile of `organisation_id`, if it is an ente of the programme.
    pub async fn ente_profile(&self, organisation_id: &str) -> Result<Option<EnteProfile>, StoreError> {
        let operation = "read an ente's profile";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query(
            "SELECT e.kind, e.istat_code, m.name AS municipality, m.province, m.region, m.population_2011 FROM enti e \
             JOIN municipalities m ON m.istat_code = e.istat_code WHERE e.organisation_id = $1",
        )
        .bind(organisation_id);
        self.read_one(query, operation, |r| -> Result<_, StoreError> {
            let kind: String = r.try_get("kind").map_err(during)?;
            Ok(EnteProfile {
                organisation_id: organisation_id.to_owned(),
                kind: EnteKind::parse(&kind).ok_or_else(|| crate::qualification::corrupt("ente kind", &kind))?,
                istat_code: r.try_get("istat_code").map_err(during)?,
                municipality: r.try_get("municipality").map_err(during)?,
                province: r.try_get("province").map_err(during)?,
                region: r.try_get("region").map_err(during)?,
                population: r.try_get::<Option<i64>, _>("population_2011").map_err(during)?.map(|n| n.max(0) as u64),
            })
        })
        .await
    }

    pub async fn municipality(&self, istat_code: &str) -> Result<Option<Municipality>, StoreError> {
        let query = sqlx::query(
            "SELECT istat_code, name, ipa_code, ended_on, current_code FROM municipalities WHERE istat_code = $1",
        );
        self.read_one(query.bind(istat_code), "read a municipality", |r| -> Result<_, sqlx::Error> {
            Ok(Municipality {
                istat_code: r.try_get("istat_code")?,
                name: r.try_get("name")?,
                ipa_code: r.try_get("ipa_code")?,
                ended_on: r.try_get("ended_on")?,
                current_code: r.try_get("current_code")?,
            })
        })
        .await
    }

    /// Creates or replaces the profile of an ente (checked by the caller).
    pub async fn save_ente_profile(
        &self,
        actor: &Actor,
        organisation_id: &str,
        kind: EnteKind,
        istat_code: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "INSERT INTO enti (organisation_id, kind, istat_code) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id) DO UPDATE SET kind = excluded.kind, istat_code = excluded.istat_code",
        )
        .bind(organisation_id)
        .bind(kind.code())
        .bind(istat_code);
        let entry = AuditEntry {
            actor,
            action: "ente.profile",
            subject: format!("organisation:{organisation_id}"),
            details: json!({ "kind": kind.code(), "istat_code": istat_code }),
        };
        self.write_one(statement, |e| StoreError::during("save an ente's profile", e), entry, at).await
    }

    /// Records a delegation (checked by the caller); returns its id.
    pub async fn grant_delegation(
        &self,
        actor: &Actor,
        ente_id: &str,
        aggregator_id: &str,
        period: &Delegation,
        granted_by: &str,
        at: Millis,
    ) -> Result<String, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO delegations (id, ente_id, aggregator_id, valid_from, valid_until, granted_by, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(ente_id)
        .bind(aggregator_id)
        .bind(period.valid_from.to_string())
        .bind(period.valid_until.map(|d| d.to_string()))
        .bind(granted_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "delegation.grant",
            subject: format!("delegation:{id}"),
            details: json!({ "ente": ente_id, "aggregator": aggregator_id, "valid_from": period.valid_from,
                             "valid_until": period.valid_until }),
        };
        self.write_one(statement, |e| StoreError::during("grant a delegation", e), entry, at).await?;
        Ok(id)
    }

    /// Revokes a delegation from `on` (checked by the caller).
    pub async fn revoke_delegation(
        &self,
        actor: &Actor,
        id: &str,
        on: NaiveDate,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query("UPDATE delegations SET revoked_on = $1 WHERE id = $2 AND revoked_on IS NULL")
            .bind(on.to_string())
            .bind(id);
        let failed = |e| StoreError::during("revoke a delegation", e);
        let unchanged = || StoreError::NotFound(Message::new("store-delegation").arg("id", id));
        let entry = AuditEntry {
            actor,
            action: "delegation.revoke",
            subject: format!("delegation:{id}"),
            details: json!({ "revoked_on": on }),
        };
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// The delegations an ente granted, newest first.
    pub async fn delegations_of_ente(&self, ente_id: &str) -> Result<Vec<StoredDelegation>, StoreError> {
        let sql = format!("SELECT {DELEGATION_COLUMNS} WHERE d.ente_id = $1 ORDER BY d.created_at_ms DESC, d.id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(ente_id);
        self.read_all(query, "list an ente's delegations", delegation_from_row).await
    }

    /// The delegations an aggregator received, by ente name.
    pub async fn delegations_to(&self, aggregator_id: &str) -> Result<Vec<StoredDelegation>, StoreError> {
        let sql = format!("SELECT {DELEGATION_COLUMNS} WHERE d.aggregator_id = $1 ORDER BY e.name, d.id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(aggregator_id);
        self.read_all(query, "list an aggregator's delegations", delegation_from_row).await
    }

    pub async fn delegation(&self, id: &str) -> Result<Option<StoredDelegation>, StoreError> {
        let sql = format!("SELECT {DELEGATION_COLUMNS} WHERE d.id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(id), "read a delegation", delegation_from_row).await
    }

    /// The regions of today, by name.
    pub async fn regions(&self) -> Result<Vec<String>, StoreError> {
        let query = sqlx::query("SELECT DISTINCT region FROM municipalities WHERE ended_on IS NULL");
        let mut regions = self.read_all(query, "list the regions", |r| r.try_get::<String, _>("region")).await?;
        regions.sort_unstable();
        Ok(regions)
    }

    /// Every municipality of today by name, each once, with the IPA code of
    /// the ente of kind Comune in it (the one whose code the reference data
    /// gives, when there are several).
    pub async fn comuni(&self) -> Result<Vec<Comune>, StoreError> {
        let query = sqlx::query(
            "SELECT m.istat_code, m.name, m.province, m.region, m.population_2011, o.ipa_code AS page \
             FROM municipalities m LEFT JOIN enti e ON e.istat_code = m.istat_code AND e.kind = $1 \
             LEFT JOIN organisations o ON o.id = e.organisation_id WHERE m.ended_on IS NULL \
             ORDER BY m.name, m.istat_code, CASE WHEN o.ipa_code = lower(m.ipa_code) THEN 0 ELSE 1 END, o.ipa_code",
        )
        .bind(EnteKind::Comune.code());
        let mut comuni = self
            .read_all(query, "list the municipalities", |r| -> Result<_, sqlx::Error> {
                Ok(Comune {
                    istat_code: r.try_get("istat_code")?,
                    name: r.try_get("name")?,
                    province: r.try_get("province")?,
                    region: r.try_get("region")?,
                    population: r.try_get::<Option<i64>, _>("population_2011")?.map(|n| n.max(0) as u64),
                    page: r.try_get("page")?,
                })
            })
            .await?;
        comuni.dedup_by(|later, first| later.istat_code == first.istat_code);
        Ok(comuni)
    }
}
