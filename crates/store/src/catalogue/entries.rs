//! Every listing that has ever been public, read in four queries: what the
//! search index is built from, and what exports and pages show.

use crate::qualification::corrupt;
use crate::qualification::listings::{ListingDetails, SELECT_VERSIONS, interval_from_row, version_from_row};
use crate::read::Query;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::qualification::history::{History, Interval};
use cloudpa_domain::qualification::infrastructure::{InfrastructureLevel, hosted_classes};
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::track::{OperatorNature, Track, track_for};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderSummary {
    pub id: String,
    pub name: String,
    pub vat_number: Option<String>,
    /// Qualification for a provider, adeguamento for a public body
    /// (Regolamento ACN art. 15 c. 1).
    pub track: Track,
}

/// The infrastructure (or IaaS listing) a service runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunsOn {
    pub id: String,
    pub name: String,
    /// `infrastructure` or `listing`.
    pub kind: &'static str,
    /// The data classes it admits — its level's, for an infrastructure with
    /// a declared level or an IaaS listing — which its services cannot pass
    /// ([`cloudpa_domain::qualification::infrastructure::hosted_classes`]).
    #[serde(skip)]
    pub ceiling: Option<Vec<DataClass>>,
}

/// One version of a public listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryVersion {
    pub version: i64,
    pub details: ListingDetails,
    pub runs_on: Option<RunsOn>,
}

impl EntryVersion {
    /// The data classes the version may host: those its level admits and
    /// what it runs on admits.
    pub fn hosted_classes(&self) -> Vec<DataClass> {
        let ceiling = self.runs_on.as_ref().and_then(|r| r.ceiling.as_deref());
        hosted_classes(self.details.terms.level, ceiling)
    }
}

/// A public listing: its provider, its history, and the versions the history
/// refers to (plus the current one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub listing_id: String,
    pub provider: ProviderSummary,
    pub current_version: i64,
    pub history: History,
    /// The listing version each interval of `history` showed.
    pub interval_versions: Vec<i64>,
    /// The regime each interval of `history` was granted under
    /// ([`History::regimes`]).
    pub regimes: Vec<Regime>,
    /// Those versions and the current one, oldest first. (A `Vec`: a
    /// `BTreeMap` allocates a node of eleven versions for each listing.)
    pub versions: Vec<EntryVersion>,
}

/// What the catalogue showed of a listing on a date.
#[derive(Debug, Clone, Copy)]
pub struct EntryAt<'a> {
    pub entry: &'a CatalogueEntry,
    pub interval: &'a Interval,
    pub version: &'a EntryVersion,
    pub regime: Regime,
}

impl CatalogueEntry {
    /// The listing as the catalogue showed it on `date`; `None` before it was
    /// first qualified.
    pub fn at(&self, date: NaiveDate) -> Option<EntryAt<'_>> {
        let intervals = self.history.intervals();
        let k = self.history.index_at(date)?;
        let version = self.version(self.shown_version(k))?;
        let regime = *self.regimes.get(k)?;
        Some(EntryAt { entry: self, interval: &intervals[k], version, regime })
    }

    /// The version the catalogue shows during interval `k`: the one the
    /// interval recorded, except in the last interval, which shows the
    /// current version — so a change of details published without a new
    /// review (description, pricing) shows at once.
    pub fn shown_version(&self, k: usize) -> i64 {
        if k + 1 == self.interval_versions.len() { self.current_version } else { self.interval_versions[k] }
    }

    /// Every version the catalogue has shown, oldest first.
    pub fn shown_versions(&self) -> Vec<i64> {
        let mut shown: Vec<i64> = (0..self.interval_versions.len()).map(|k| self.shown_version(k)).collect();
        shown.sort_unstable();
        shown.dedup();
        shown
    }

    pub fn version(&self, version: i64) -> Option<&EntryVersion> {
        self.versions.iter().find(|v| v.version == version)
    }
}

impl Store {
    /// Every public listing, or only `listing_id`'s, by id.
    pub async fn catalogue_entries(&self, listing_id: Option<&str>) -> Result<Vec<CatalogueEntry>, StoreError> {
        let operation = "read the catalogue";
        let during = |e| StoreError::during(operation, e);
        let only = if listing_id.is_some() { "WHERE listing_id = $1" } else { "" };
        let sql = format!(
            "SELECT listing_id, status, valid_from, valid_to, decision_id, listing_version \
             FROM listing_status_intervals {only} ORDER BY listing_id, seq"
        );
        let query = bind_opt(sqlx::query(sqlx::AssertSqlSafe(sql)), listing_id);
        let rows = self
            .read_all(query, operation, |r| -> Result<(String, Interval, i64), StoreError> {
                let interval = interval_from_row(r, during)?;
                Ok((r.try_get("listing_id").map_err(during)?, interval, r.try_get("listing_version").map_err(during)?))
            })
            .await?;
        let mut intervals: BTreeMap<String, Vec<(Interval, i64)>> = BTreeMap::new();
        for (listing, interval, version) in rows {
            intervals.entry(listing).or_default().push((interval, version));
        }
        let only = if listing_id.is_some() { "AND v.listing_id = $1" } else { "" };
        let sql = format!(
            "{SELECT_VERSIONS} WHERE EXISTS \
             (SELECT 1 FROM listing_status_intervals i WHERE i.listing_id = v.listing_id) {only}"
        );
        let query = bind_opt(sqlx::query(sqlx::AssertSqlSafe(sql)), listing_id);
        let versions = self.read_all(query, operation, version_from_row).await?;
        let provider = versions.first().map(|v| v.provider_id.clone()).filter(|_| listing_id.is_some());
        let providers = self.provider_summaries(provider.as_deref()).await?;
        let names = self.runs_on_names(&versions, listing_id.is_some()).await?;
        let decided = self.decision_regimes(listing_id).await?;
        let mut by_listing: HashMap<String, Vec<_>> = HashMap::new();
        for v in versions {
            by_listing.entry(v.listing_id.clone()).or_default().push(v);
        }
        let mut entries = Vec::with_capacity(intervals.len());
        for (id, steps) in intervals {
            let listing_versions = by_listing.remove(&id).unwrap_or_default();
            let Some(first) = listing_versions.first() else { return Err(corrupt("listing without versions", &id)) };
            let (provider_id, current_version) = (first.provider_id.clone(), first.current_version);
            let interval_versions: Vec<i64> = steps.iter().map(|(_, v)| *v).collect();
            let history = History::from_intervals(steps.into_iter().map(|(i, _)| i).collect())
                .map_err(|e| corrupt("history", &e.to_string()))?;
            let regimes = history.regimes(|decision| decided.get(decision).copied());
            let mut versions: Vec<EntryVersion> = listing_versions
                .into_iter()
                .filter(|v| v.version == current_version || interval_versions.contains(&v.version))
                .map(|v| {
                    let runs_on = v.details.terms.runs_on.as_ref().and_then(|r| names.get(r).cloned());
                    EntryVersion { version: v.version, details: v.details, runs_on }
                })
                .collect();
            versions.sort_by_key(|v| v.version);
            let provider = providers.get(&provider_id).cloned().ok_or_else(|| corrupt("provider", &provider_id))?;
            entries.push(CatalogueEntry {
                listing_id: id,
                provider,
                current_version,
                history,
                interval_versions,
                regimes,
                versions,
            });
        }
        Ok(entries)
    }

    /// What the infrastructure or IaaS listing `runs_on` admits: its
    /// level's data classes (`None` for an infrastructure whose level is not
    /// declared, or an id that is neither).
    pub async fn ceiling_of(&self, runs_on: &str) -> Result<Option<Vec<DataClass>>, StoreError> {
        let during = |e| StoreError::during("read what a service runs on", e);
        let infrastructure = sqlx::query("SELECT level FROM infrastructures WHERE id = $1")
            .bind(runs_on)
            .fetch_optional(&self.pool)
            .await
            .map_err(during)?;
        Ok(match infrastructure {
            Some(r) => infrastructure_ceiling(r.try_get("level").map_err(during)?),
            None => self.current_listing(runs_on).await?.map(|l| l.details.terms.level.admitted_classes()),
        })
    }

    /// Every provider, or only `only`.
    async fn provider_summaries(&self, only: Option<&str>) -> Result<HashMap<String, ProviderSummary>, StoreError> {
        let operation = "read the providers of the catalogue";
        let filter = if only.is_some() { "AND o.id = $1" } else { "" };
        let sql = format!(
            "SELECT o.id, o.name, o.kind, p.vat_number, p.operator_nature FROM organisations o \
             LEFT JOIN provider_profiles p ON p.organisation_id = o.id \
             WHERE o.kind IN ('provider', 'public_body') {filter}"
        );
        let query = bind_opt(sqlx::query(sqlx::AssertSqlSafe(sql)), only);
        let summaries = self
            .read_all(query, operation, |r| -> Result<_, sqlx::Error> {
                let kind: String = r.try_get("kind")?;
                let nature: Option<String> = r.try_get("operator_nature")?;
                let kind =
                    if kind == "public_body" { OrganisationKind::PublicBody } else { OrganisationKind::Provider };
                Ok(ProviderSummary {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    vat_number: r.try_get("vat_number")?,
                    track: track_for(kind, nature.as_deref().and_then(OperatorNature::parse)),
                })
            })
            .await?;
        Ok(summaries.into_iter().map(|s| (s.id.clone(), s)).collect())
    }

    /// Names of the infrastructures and IaaS listings that `versions` run
    /// on: looked up one by one for a `few` versions, else all at once.
    async fn runs_on_names(
        &self,
        versions: &[crate::qualification::listings::ListingVersion],
        few: bool,
    ) -> Result<HashMap<String, RunsOn>, StoreError> {
        let during = |e| StoreError::during("read what the catalogue's services run on", e);
        let mut names = HashMap::new();
        if versions.iter().all(|v| v.details.terms.runs_on.is_none()) {
            return Ok(names);
        }
        if few {
            for id in versions.iter().filter_map(|v| v.details.terms.runs_on.as_deref()) {
                let infrastructure = sqlx::query("SELECT name, level FROM infrastructures WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(during)?;
                let found = match infrastructure {
                    Some(r) => Some(RunsOn {
                        id: id.to_owned(),
                        name: r.try_get("name").map_err(during)?,
                        kind: "infrastructure",
                        ceiling: infrastructure_ceiling(r.try_get("level").map_err(during)?),
                    }),
                    None => self.current_listing(id).await?.map(|l| RunsOn {
                        id: id.to_owned(),
                        ceiling: Some(l.details.terms.level.admitted_classes()),
                        name: l.details.name,
                        kind: "listing",
                    }),
                };
                names.extend(found.map(|r| (id.to_owned(), r)));
            }
            return Ok(names);
        }
        let infrastructures = sqlx::query("SELECT id, name, level FROM infrastructures");
        for r in infrastructures.fetch_all(&self.pool).await.map_err(during)? {
            let id: String = r.try_get("id").map_err(during)?;
            let (name, level) = (r.try_get("name").map_err(during)?, r.try_get("level").map_err(during)?);
            names.insert(
                id.clone(),
                RunsOn { id, name, kind: "infrastructure", ceiling: infrastructure_ceiling(level) },
            );
        }
        let current = "SELECT v.listing_id, v.name, v.level FROM listing_versions v JOIN listings l \
                       ON l.id = v.listing_id AND v.version = l.current_version WHERE v.kind = 'IaaS'";
        for r in sqlx::query(current).fetch_all(&self.pool).await.map_err(during)? {
            let id: String = r.try_get("listing_id").map_err(during)?;
            let level: String = r.try_get("level").map_err(during)?;
            let ceiling = Level::ALL.into_iter().find(|l| l.code() == level).map(Level::admitted_classes);
            names.insert(id.clone(), RunsOn { id, name: r.try_get("name").map_err(during)?, kind: "listing", ceiling });
        }
        Ok(names)
    }
}

/// The data classes an infrastructure of the stored `level` admits; `None`
/// when its level is not declared.
fn infrastructure_ceiling(level: Option<String>) -> Option<Vec<DataClass>> {
    level.as_deref().and_then(InfrastructureLevel::parse).map(InfrastructureLevel::admitted_classes)
}

fn bind_opt<'q>(query: Query<'q>, value: Option<&'q str>) -> Query<'q> {
    match value {
        Some(v) => query.bind(v),
        None => query,
    }
}
