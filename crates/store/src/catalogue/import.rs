//! Loading a catalogue in bulk — a catalogue file or a synthetic catalogue —
//! in one transaction: every row is imported, found already present, or
//! refused with its reason, and nothing is written if the write fails. The
//! fields a row keeps as published are recorded as data-quality findings
//! (ADR 0013), replaced at each import of the rows' listings.

use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::catalogue::changes::{CatalogueChange, ChangeKind};
use crate::csv_rows::read_rows;
use crate::outbox::CATALOGUE_TOPIC;
use crate::quality::{CATALOGUE_LISTINGS, Found, replace};
use crate::reference::Rejection;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::record::{CatalogueRecord, RawRecord};
use cloudpa_domain::programme::quality::{Finding, Rule};
use cloudpa_i18n::Lang;
use serde_json::json;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Reads a catalogue file (CSV, UTF-8, with a header; columns as in
/// [`cloudpa_domain::catalogue::record::RawRecord`]): the rows that pass the
/// catalogue's rules with their line, and every other row with its line and
/// reason (in English). `as_of` is the date of the import. A row taken
/// carries the findings of the fields it keeps as published.
pub fn read_catalogue_file(bytes: &[u8], as_of: NaiveDate) -> (Vec<(u64, CatalogueRecord)>, Vec<Rejection>) {
    let validate =
        |row: RawRecord| row.validate(as_of).map_err(|e| format!("{}: {}", e.column, Lang::En.text(&e.rule)));
    read_rows(bytes, validate, |_| {})
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// With the number of the row's data-quality findings.
    Imported {
        listing_id: String,
        findings: usize,
    },
    /// The provider already lists a service of that name: left as it is.
    Present {
        listing_id: String,
        findings: usize,
    },
    Rejected {
        reason: String,
    },
}

#[derive(Default)]
struct Rows {
    organisations: Vec<Vec<Value>>,
    profiles: Vec<Vec<Value>>,
    infrastructures: Vec<Vec<Value>>,
    listings: Vec<Vec<Value>>,
    versions: Vec<Vec<Value>>,
    intervals: Vec<Vec<Value>>,
    changes: Vec<Vec<Value>>,
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Store {
    /// Imports `records` (each with its line in the source). Providers are
    /// matched by VAT number, infrastructures by provider and name, services
    /// by provider and name. Imported history carries no decision records:
    /// the decisions were taken outside cloudpa. The findings of the
    /// listings of the rows taken replace those stored for them.
    pub async fn import_catalogue(
        &self,
        actor: &Actor,
        source: &str,
        records: &[(u64, CatalogueRecord)],
        at: Millis,
    ) -> Result<Vec<(u64, RowOutcome)>, StoreError> {
        let indicators: HashSet<String> = self.service_level_indicators().await?.into_iter().map(|i| i.code).collect();
        let during = |e| StoreError::during("import a catalogue", e);
        let mut tx = self.begin_write().await?;
        let conn = tx.conn();
        let mut providers: HashMap<String, (String, String)> = HashMap::new();
        for r in sqlx::query(
            "SELECT p.vat_number, p.organisation_id, o.name FROM provider_profiles p \
             JOIN organisations o ON o.id = p.organisation_id",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(during)?
        {
            let provider = (r.try_get("organisation_id").map_err(during)?, r.try_get("name").map_err(during)?);
            providers.insert(r.try_get("vat_number").map_err(during)?, provider);
        }
        let mut infrastructures: HashMap<(String, String), String> = HashMap::new();
        let infrastructure_rows = sqlx::query("SELECT provider_id, name, id FROM infrastructures")
            .fetch_all(&mut *conn)
            .await
            .map_err(during)?;
        for r in infrastructure_rows {
            let key = (r.try_get("provider_id").map_err(during)?, r.try_get("name").map_err(during)?);
            infrastructures.insert(key, r.try_get("id").map_err(during)?);
        }
        let mut services: HashMap<(String, String), (String, Option<u64>)> = HashMap::new();
        let current = "SELECT l.provider_id, v.name, l.id FROM listings l \
                       JOIN listing_versions v ON v.listing_id = l.id AND v.version = l.current_version";
        for r in sqlx::query(current).fetch_all(&mut *conn).await.map_err(during)? {
            let key = (r.try_get("provider_id").map_err(during)?, r.try_get("name").map_err(during)?);
            services.insert(key, (r.try_get("id").map_err(during)?, None));
        }

        let mut rows = Rows::default();
        let mut outcomes = Vec::with_capacity(records.len());
        let (mut found, mut taken) = (Vec::new(), HashSet::new());
        for (line, record) in records {
            let (levels, findings) = check(record, &indicators, &providers);
            let provider_id = match providers.get(&record.provider_vat) {
                Some((id, _)) => id.clone(),
                None => {
                    let id = new_id();
                    rows.add_provider(&id, record, at);
                    providers.insert(record.provider_vat.clone(), (id.clone(), record.provider_name.clone()));
                    id
                }
            };
            let outcome = match services.get(&(provider_id.clone(), record.name.clone())) {
                Some((_, Some(first))) => {
                    let reason = format!("name: the provider's service `{}` is on line {first} too", record.name);
                    outcomes.push((*line, RowOutcome::Rejected { reason }));
                    continue;
                }
                Some((listing_id, None)) => {
                    RowOutcome::Present { listing_id: listing_id.clone(), findings: findings.len() }
                }
                None => {
                    let key = (provider_id.clone(), record.infrastructure.clone());
                    let infrastructure = infrastructures
                        .entry(key)
                        .or_insert_with(|| {
                            let id = new_id();
                            rows.add_infrastructure(&id, &provider_id, record, at);
                            id
                        })
                        .clone();
                    let listing_id = new_id();
                    rows.add_listing(&listing_id, &provider_id, &infrastructure, record, &levels, at)?;
                    services.insert((provider_id, record.name.clone()), (listing_id.clone(), Some(*line)));
                    RowOutcome::Imported { listing_id, findings: findings.len() }
                }
            };
            let key = record_key(record);
            found.extend(findings.into_iter().map(|finding| (key.clone(), *line, finding)));
            taken.insert(key);
            outcomes.push((*line, outcome));
        }
        let found: Vec<Found> = found
            .iter()
            .map(|(record, line, finding)| Found { record: record.clone(), line: *line, finding })
            .collect();
        let findings = found.len();
        let in_file = |record: &str| taken.contains(record);
        let changed = replace(tx.conn(), CATALOGUE_LISTINGS, &in_file, found, source, at).await.map_err(during)?;
        let imported = outcomes.iter().filter(|(_, o)| matches!(o, RowOutcome::Imported { .. })).count();
        if imported == 0 && !changed {
            return Ok(outcomes);
        }
        rows.write(tx.conn()).await.map_err(during)?;
        let present = outcomes.iter().filter(|(_, o)| matches!(o, RowOutcome::Present { .. })).count();
        let entry = AuditEntry {
            actor,
            action: "catalogue.import",
            subject: "catalogue".into(),
            details: json!({ "source": source, "imported": imported, "present": present, "findings": findings,
                             "rejected": outcomes.len() - imported - present }),
        };
        tx.commit(entry, at).await?;
        Ok(outcomes)
    }
}

/// The key of a listing in the data-quality findings: its provider's VAT
/// number and its name.
fn record_key(record: &CatalogueRecord) -> String {
    format!("{} · {}", record.provider_vat, record.name)
}

/// The rules a row can only break against the database or the rest of the
/// file: the service levels of indicators of the AgID SLI table (the others
/// left out), and the findings of the fields kept as published (the row's
/// own; a level of another code; a provider's name that is not the one of
/// its VAT number).
fn check(
    record: &CatalogueRecord,
    indicators: &HashSet<String>,
    providers: &HashMap<String, (String, String)>,
) -> (BTreeMap<String, String>, Vec<Finding>) {
    let (levels, others): (BTreeMap<_, _>, BTreeMap<_, _>) =
        record.service_levels.clone().into_iter().partition(|(code, _)| indicators.contains(code));
    let mut findings = record.findings.clone();
    findings.extend(others.iter().map(|(code, objective)| {
        Finding::new("service_levels", Rule::ServiceLevel, &format!("{code}={objective}"), "")
    }));
    if let Some((_, name)) = providers.get(&record.provider_vat).filter(|(_, name)| name != &record.provider_name) {
        findings.push(Finding::new("provider_name", Rule::ProviderName, &record.provider_name, name.clone()));
    }
    (levels, findings)
}

impl Rows {
    fn add_provider(&mut self, id: &str, r: &CatalogueRecord, at: Millis) {
        self.organisations.push(vec![
            Value::Text(id.into()),
            Value::Text("provider".into()),
            Value::Text(r.provider_name.clone()),
            Value::Int(at),
        ]);
        self.profiles.push(vec![
            Value::Text(id.into()),
            Value::Text(r.provider_vat.clone()),
            Value::Text(r.provider_pec.clone()),
            Value::Text(String::new()),
            Value::Int(at),
        ]);
    }

    fn add_infrastructure(&mut self, id: &str, provider_id: &str, r: &CatalogueRecord, at: Millis) {
        self.infrastructures.push(vec![
            Value::Text(id.into()),
            Value::Text(provider_id.into()),
            Value::Text(r.infrastructure.clone()),
            Value::Text(r.infrastructure_location.code().into()),
            Value::Text(String::new()),
            Value::Int(at),
        ]);
    }

    fn add_listing(
        &mut self,
        id: &str,
        provider_id: &str,
        infrastructure: &str,
        r: &CatalogueRecord,
        levels: &BTreeMap<String, String>,
        at: Millis,
    ) -> Result<(), StoreError> {
        self.listings.push(vec![
            Value::Text(id.into()),
            Value::Text(provider_id.into()),
            Value::Int(1),
            Value::Int(at),
        ]);
        self.versions.push(vec![
            Value::Text(id.into()),
            Value::Int(1),
            Value::Text(r.name.clone()),
            Value::Text(r.description.clone()),
            Value::Text(r.category.clone()),
            Value::Text(r.kind.code().into()),
            Value::Text(r.level.code().into()),
            Value::OptText(Some(infrastructure.into())),
            Value::Text(r.data_location.code().into()),
            Value::Text(r.pricing_model.clone()),
            Value::Text(r.procurement_channel.clone()),
            Value::Text(json!(levels).to_string()),
            Value::Int(at),
        ]);
        for (k, (status, from)) in r.history.iter().enumerate() {
            let to = r.history.get(k + 1).map(|(_, next)| next.to_string());
            self.intervals.push(vec![
                Value::Text(id.into()),
                Value::Int(k as i64 + 1),
                Value::Text(status.code().into()),
                Value::Text(from.to_string()),
                Value::OptText(to),
                Value::Int(1),
            ]);
            let change = CatalogueChange {
                listing_id: id.into(),
                change: ChangeKind::Status,
                status: Some(*status),
                on: Some(*from),
                decision_id: None,
                version: 1,
            };
            let payload = serde_json::to_string(&change)
                .map_err(|e| StoreError::during("import a catalogue", sqlx::Error::Encode(e.into())))?;
            self.changes.push(vec![
                Value::Text(CATALOGUE_TOPIC.into()),
                Value::Text(payload),
                Value::Int(at),
                Value::Int(at),
            ]);
        }
        Ok(())
    }

    async fn write(self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        insert(conn, "organisations", &["id", "kind", "name", "created_at_ms"], self.organisations).await?;
        let profile = &["organisation_id", "vat_number", "pec", "address", "updated_at_ms"];
        insert(conn, "provider_profiles", profile, self.profiles).await?;
        let infrastructure = &["id", "provider_id", "name", "location", "sites", "created_at_ms"];
        insert(conn, "infrastructures", infrastructure, self.infrastructures).await?;
        insert(conn, "listings", &["id", "provider_id", "current_version", "created_at_ms"], self.listings).await?;
        let version = &[
            "listing_id",
            "version",
            "name",
            "description",
            "category",
            "kind",
            "level",
            "runs_on",
            "location",
            "pricing_model",
            "procurement_channel",
            "service_levels",
            "created_at_ms",
        ];
        insert(conn, "listing_versions", version, self.versions).await?;
        let interval = &["listing_id", "seq", "status", "valid_from", "valid_to", "listing_version"];
        insert(conn, "listing_status_intervals", interval, self.intervals).await?;
        let change = &["topic", "payload", "created_at_ms", "processed_at_ms"];
        insert(conn, "outbox", change, self.changes).await?;
        Ok(())
    }
}
