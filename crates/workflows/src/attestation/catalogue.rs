//! What the pre-checks and the destination finder read of the catalogue:
//! the public listings with their history, and the address ranges in force
//! for the providers' infrastructures.

use crate::Error;
use chrono::NaiveDate;
use cloudpa_domain::attestation::addresses::Prefix;
use cloudpa_domain::attestation::destinations::Candidate;
use cloudpa_store::Store;
use cloudpa_store::catalogue::entries::{CatalogueEntry, EntryVersion};
use std::collections::{BTreeMap, HashMap};

/// Public listings by id, and the ranges in force today by infrastructure
/// and by provider.
pub struct CatalogueFacts {
    entries: HashMap<String, CatalogueEntry>,
    by_infrastructure: BTreeMap<String, Vec<Prefix>>,
    by_provider: BTreeMap<String, Vec<Prefix>>,
}

/// How many listings a service may run on through before its
/// infrastructure (a SaaS on an IaaS listing on an infrastructure).
const RUNS_ON_HOPS: usize = 3;

impl CatalogueFacts {
    /// Every public listing and every range in force on `today`.
    pub async fn all(store: &Store, today: NaiveDate) -> Result<CatalogueFacts, Error> {
        let mut facts = CatalogueFacts::empty();
        facts.entries = store.catalogue_entries(None).await?.into_iter().map(|e| (e.listing_id.clone(), e)).collect();
        facts.add_prefixes(store.prefixes_in_force(None, today).await?);
        Ok(facts)
    }

    /// The listing `listing_id` with the listings it runs on, and the ranges
    /// in force on `today` of their providers.
    pub async fn of_listing(store: &Store, listing_id: &str, today: NaiveDate) -> Result<CatalogueFacts, Error> {
        CatalogueFacts::of_listings(store, &[listing_id.to_owned()], today).await
    }

    /// [`CatalogueFacts::of_listing`] for each of `listing_ids` (the
    /// destinations of one project's forms): a few reads, not the catalogue.
    pub async fn of_listings(store: &Store, listing_ids: &[String], today: NaiveDate) -> Result<CatalogueFacts, Error> {
        let mut facts = CatalogueFacts::empty();
        for listing_id in listing_ids {
            let mut next = Some(listing_id.clone()).filter(|id| !facts.entries.contains_key(id));
            for _ in 0..RUNS_ON_HOPS {
                let Some(id) = next.take() else { break };
                let Some(entry) = store.catalogue_entries(Some(&id)).await?.into_iter().next() else { break };
                if !facts.by_provider.contains_key(&entry.provider.id) {
                    facts.add_prefixes(store.prefixes_in_force(Some(&entry.provider.id), today).await?);
                }
                next = current(&entry)
                    .and_then(|v| v.runs_on.as_ref())
                    .filter(|r| r.kind == "listing" && !facts.entries.contains_key(&r.id))
                    .map(|r| r.id.clone());
                facts.entries.insert(id, entry);
            }
        }
        Ok(facts)
    }

    fn empty() -> CatalogueFacts {
        CatalogueFacts { entries: HashMap::new(), by_infrastructure: BTreeMap::new(), by_provider: BTreeMap::new() }
    }

    /// Adds ranges in force, (infrastructure, provider, range): those
    /// stored, each checked when announced, or those about to be (the
    /// national picture's, checked by its generator).
    pub fn add_prefixes(&mut self, rows: Vec<(String, String, String)>) {
        for (infrastructure, provider, text) in rows {
            let Ok(prefix) = text.parse::<Prefix>() else { continue };
            self.by_infrastructure.entry(infrastructure).or_default().push(prefix);
            self.by_provider.entry(provider).or_default().push(prefix);
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = &CatalogueEntry> {
        self.entries.values()
    }

    /// The listing as the finder and the checks weigh it for a contract
    /// signed on `contract_on`, with the version in force that day (the
    /// current one when it was not public then).
    pub fn candidate(&self, listing_id: &str, contract_on: NaiveDate, today: NaiveDate) -> Option<(Candidate, i64)> {
        let entry = self.entries.get(listing_id)?;
        let then = entry.at(contract_on);
        let version = then.map_or_else(|| current(entry), |at| Some(at.version))?;
        let terms = &version.details.terms;
        let candidate = Candidate {
            kind: terms.kind,
            level: terms.level,
            status_on_contract: then.map(|at| at.interval.status),
            status_today: entry.at(today).map(|at| at.interval.status),
        };
        Some((candidate, version.version))
    }

    /// The ranges a service on `listing_id` may answer from: those of the
    /// infrastructure it runs on (through the listings it runs on); for a
    /// listing that names none, those of every infrastructure of the
    /// provider that runs it.
    pub fn prefixes(&self, listing_id: &str) -> Vec<Prefix> {
        let mut id = listing_id;
        for _ in 0..RUNS_ON_HOPS {
            let Some(entry) = self.entries.get(id) else { break };
            match current(entry).and_then(|v| v.runs_on.as_ref()) {
                Some(r) if r.kind == "listing" => id = &r.id,
                Some(r) => return self.by_infrastructure.get(&r.id).cloned().unwrap_or_default(),
                None => return self.by_provider.get(&entry.provider.id).cloned().unwrap_or_default(),
            }
        }
        Vec::new()
    }
}

fn current(entry: &CatalogueEntry) -> Option<&EntryVersion> {
    entry.version(entry.current_version)
}
