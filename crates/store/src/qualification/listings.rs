//! Listings (a provider's service in the catalogue) and their immutable
//! versions; the dated status intervals of each listing.

use super::corrupt;
use crate::audit::AuditEntry;
use crate::catalogue::changes::{CatalogueChange, ChangeKind};
use crate::outbox::record_change;
use crate::read::{optional_date, parse_date};
use crate::write::last_number;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::history::{History, Interval, ListingStatus};
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::ServiceKind;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

/// The descriptive fields of a listing version, as the provider gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingDetails {
    pub name: String,
    pub description: String,
    pub category: String,
    pub terms: Terms,
    pub pricing_model: String,
    pub procurement_channel: String,
    /// Declared objectives per service-level indicator, as JSON (`{"SLI1": "99.9%"}`).
    pub service_levels: String,
}

/// One immutable version of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingVersion {
    pub listing_id: String,
    pub version: i64,
    pub provider_id: String,
    /// The version the catalogue shows.
    pub current_version: i64,
    pub details: ListingDetails,
    pub created_at_ms: Millis,
}

/// The columns [`version_from_row`] reads, from each version joined with its
/// listing (`v`, `l`): a query's start, before its `WHERE`.
pub(crate) const SELECT_VERSIONS: &str = "SELECT v.listing_id, v.version, l.provider_id, l.current_version, v.name, \
    v.description, v.category, v.kind, v.level, v.runs_on, v.location, v.pricing_model, v.procurement_channel, \
    v.service_levels, v.created_at_ms FROM listing_versions v JOIN listings l ON l.id = v.listing_id";

impl Store {
    /// Creates a listing with its first version.
    pub async fn create_listing(
        &self,
        actor: &Actor,
        provider_id: &str,
        details: &ListingDetails,
        at: Millis,
    ) -> Result<ListingVersion, StoreError> {
        let during = |e| StoreError::during("create a listing", e);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO listings (id, provider_id, current_version, created_at_ms) VALUES ($1, $2, 1, $3)")
            .bind(&id)
            .bind(provider_id)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        insert_version(tx.conn(), &id, 1, details, at).await.map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "listing.create",
            subject: format!("listing:{id}"),
            details: json!({ "provider_id": provider_id, "version": 1, "details": details }),
        };
        tx.commit(entry, at).await?;
        self.listing_version(&id, 1)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-listing").arg("id", id.as_str())))
    }

    /// Writes a new version; it becomes current at once when `publish`,
    /// otherwise (a substantive change of a public listing) when qualified.
    /// With `expected` (the version the change was made to), fails with
    /// `Stale` when another change came first.
    pub async fn add_listing_version(
        &self,
        actor: &Actor,
        listing_id: &str,
        details: &ListingDetails,
        (publish, expected): (bool, Option<i64>),
        at: Millis,
    ) -> Result<ListingVersion, StoreError> {
        let during = |e| StoreError::during("add a listing version", e);
        let mut tx = self.begin_write().await?;
        // Locks the listing's row until the end (on PostgreSQL; SQLite's write
        // transaction holds the whole database): two changes at once then
        // number their versions one after the other instead of both taking
        // the same number.
        sqlx::query("UPDATE listings SET id = id WHERE id = $1")
            .bind(listing_id)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        let last = last_number(tx.conn(), "listing_versions", "version", "listing_id", listing_id)
            .await
            .map_err(during)?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-listing").arg("id", listing_id)))?;
        if expected.is_some_and(|expected| expected != last) {
            let subject = format!("listing:{listing_id}");
            return Err(crate::audit::stale(
                tx.conn(),
                Message::new("store-listing").arg("id", listing_id),
                last,
                &subject,
            )
            .await);
        }
        let version = last + 1;
        insert_version(tx.conn(), listing_id, version, details, at).await.map_err(during)?;
        if publish {
            sqlx::query("UPDATE listings SET current_version = $1 WHERE id = $2")
                .bind(version)
                .bind(listing_id)
                .execute(tx.conn())
                .await
                .map_err(during)?;
            let public: i64 = sqlx::query("SELECT COUNT(*) AS n FROM listing_status_intervals WHERE listing_id = $1")
                .bind(listing_id)
                .fetch_one(tx.conn())
                .await
                .map_err(during)?
                .try_get("n")
                .map_err(during)?;
            if public > 0 {
                let change = CatalogueChange {
                    listing_id: listing_id.to_owned(),
                    change: ChangeKind::Details,
                    status: None,
                    on: None,
                    decision_id: None,
                    version,
                };
                record_change(tx.conn(), &change, at).await?;
            }
        }
        let entry = AuditEntry {
            actor,
            action: "listing.version",
            subject: format!("listing:{listing_id}"),
            details: json!({ "version": version, "published": publish, "details": details }),
        };
        tx.commit(entry, at).await?;
        self.listing_version(listing_id, version)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-listing").arg("id", listing_id)))
    }

    pub async fn listing_version(&self, listing_id: &str, version: i64) -> Result<Option<ListingVersion>, StoreError> {
        let sql = AssertSqlSafe(format!("{SELECT_VERSIONS} WHERE v.listing_id = $1 AND v.version = $2"));
        let query = sqlx::query(sql).bind(listing_id).bind(version);
        self.read_one(query, "read a listing version", version_from_row).await
    }

    /// The version the catalogue shows.
    pub async fn current_listing(&self, listing_id: &str) -> Result<Option<ListingVersion>, StoreError> {
        let sql = AssertSqlSafe(format!("{SELECT_VERSIONS} WHERE v.listing_id = $1 AND v.version = l.current_version"));
        let query = sqlx::query(sql).bind(listing_id);
        self.read_one(query, "read a listing's current version", version_from_row).await
    }

    /// A provider's listings, current versions, by name.
    pub async fn provider_listings(&self, provider_id: &str) -> Result<Vec<ListingVersion>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "{SELECT_VERSIONS} WHERE l.provider_id = $1 AND v.version = l.current_version ORDER BY v.name"
        ));
        self.read_all(sqlx::query(sql).bind(provider_id), "list a provider's listings", version_from_row).await
    }

    /// The listing's public status history.
    pub async fn listing_history(&self, listing_id: &str) -> Result<History, StoreError> {
        let operation = "read a listing's history";
        let query = sqlx::query(
            "SELECT status, valid_from, valid_to, decision_id FROM listing_status_intervals \
             WHERE listing_id = $1 ORDER BY seq",
        )
        .bind(listing_id);
        let intervals =
            self.read_all(query, operation, |r| interval_from_row(r, |e| StoreError::during(operation, e))).await?;
        History::from_intervals(intervals).map_err(|e| corrupt("history", &e.to_string()))
    }

    /// The regime of the requirement set behind each decision on
    /// `listing_id`'s applications (every listing's for `None`), by decision
    /// id: what [`History::regimes`] reads a grant decided here from.
    pub async fn decision_regimes(&self, listing_id: Option<&str>) -> Result<HashMap<String, Regime>, StoreError> {
        let only = if listing_id.is_some() { "WHERE d.listing_id = $1" } else { "" };
        let sql = format!(
            "SELECT d.id, s.regime FROM decisions d JOIN applications a ON a.id = d.application_id \
             JOIN requirement_sets s ON s.id = a.requirement_set AND s.version = a.requirement_version {only}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        if let Some(id) = listing_id {
            query = query.bind(id);
        }
        let rows = self
            .read_all(query, "read the regimes of decisions", |r| -> Result<(String, String), sqlx::Error> {
                Ok((r.try_get("id")?, r.try_get("regime")?))
            })
            .await?;
        Ok(rows.into_iter().filter_map(|(id, code)| Regime::parse(&code).map(|r| (id, r))).collect())
    }
}

/// A status interval from the columns `status`, `valid_from`, `valid_to` and
/// `decision_id` of `r`; `during` names a failed read.
pub(crate) fn interval_from_row(
    r: &AnyRow,
    during: impl Fn(sqlx::Error) -> StoreError + Copy,
) -> Result<Interval, StoreError> {
    let status: String = r.try_get("status").map_err(during)?;
    let from: String = r.try_get("valid_from").map_err(during)?;
    Ok(Interval {
        status: ListingStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        from: parse_date(&from)?,
        to: optional_date(r, "valid_to", during)?,
        decision: r.try_get("decision_id").map_err(during)?,
    })
}

async fn insert_version(
    conn: &mut sqlx::AnyConnection,
    listing_id: &str,
    version: i64,
    d: &ListingDetails,
    at: Millis,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO listing_versions (listing_id, version, name, description, category, kind, level, runs_on, \
         location, pricing_model, procurement_channel, service_levels, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(listing_id)
    .bind(version)
    .bind(&d.name)
    .bind(&d.description)
    .bind(&d.category)
    .bind(d.terms.kind.to_string())
    .bind(d.terms.level.to_string())
    .bind(d.terms.runs_on.as_deref())
    .bind(d.terms.location.code())
    .bind(&d.pricing_model)
    .bind(&d.procurement_channel)
    .bind(&d.service_levels)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A listing version from the columns of [`SELECT_VERSIONS`] of `r`.
pub(crate) fn version_from_row(r: &AnyRow) -> Result<ListingVersion, StoreError> {
    let during = |e| StoreError::during("read a listing version", e);
    let kind: String = r.try_get("kind").map_err(during)?;
    let level: String = r.try_get("level").map_err(during)?;
    let location: String = r.try_get("location").map_err(during)?;
    let terms = Terms {
        kind: ServiceKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        level: level.parse().map_err(|_| corrupt("level", &level))?,
        runs_on: r.try_get("runs_on").map_err(during)?,
        location: DataLocation::parse(&location).ok_or_else(|| corrupt("location", &location))?,
    };
    Ok(ListingVersion {
        listing_id: r.try_get("listing_id").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
        provider_id: r.try_get("provider_id").map_err(during)?,
        current_version: r.try_get("current_version").map_err(during)?,
        details: ListingDetails {
            name: r.try_get("name").map_err(during)?,
            description: r.try_get("description").map_err(during)?,
            category: r.try_get("category").map_err(during)?,
            terms,
            pricing_model: r.try_get("pricing_model").map_err(during)?,
            procurement_channel: r.try_get("procurement_channel").map_err(during)?,
            service_levels: r.try_get("service_levels").map_err(during)?,
        },
        created_at_ms: r.try_get("created_at_ms").map_err(during)?,
    })
}
