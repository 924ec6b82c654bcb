//! The catalogue's listings as the national forms pin them: by type, in a
//! fixed order (provider, then name), each weighed for a contract by the
//! domain's `exclusions`; and the infrastructures without announced ranges.

use super::directory::{Rng, generator};
use crate::Error;
use crate::attestation::catalogue::CatalogueFacts;
use chrono::NaiveDate;
use cloudpa_domain::attestation::destinations::{Exclusion, exclusions, kind_of};
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_domain::qualification::requirements::ServiceKind;
use std::collections::{BTreeMap, HashMap};

/// What a form is to pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    /// A listing the service may land on.
    Admissible,
    /// One qualified on the contract date and not today (suspended,
    /// revoked or expired since).
    LapsedAfter,
    /// One qualified, of the right type, of a level too low for the data.
    LevelTooLow,
}

/// An infrastructure without ranges, with its provider and the day its
/// first listing was qualified.
pub(super) struct Bare {
    pub(super) id: String,
    pub(super) provider: String,
    pub(super) first_qualified: NaiveDate,
}

pub(super) struct Pool {
    by_kind: BTreeMap<ServiceKind, Vec<String>>,
    provider_names: HashMap<String, String>,
    pub(super) bare: Vec<Bare>,
}

/// Random listings weighed before the pool is searched in order.
const TRIES: usize = 400;
/// How often a project lands a service where its previous one of the same
/// type landed, per thousand.
const SAME_AS_BEFORE: u64 = 700;

impl Pool {
    pub(super) fn new(catalogue: &CatalogueFacts) -> Pool {
        let mut entries: Vec<_> = catalogue
            .entries()
            .filter_map(|e| {
                e.version(e.current_version).map(|v| (e.provider.name.as_str(), v.details.name.as_str(), e, v))
            })
            .collect();
        entries.sort_by(|a, b| (a.0, a.1, &a.2.listing_id).cmp(&(b.0, b.1, &b.2.listing_id)));
        let mut pool = Pool { by_kind: BTreeMap::new(), provider_names: HashMap::new(), bare: Vec::new() };
        for (provider, _, entry, version) in entries {
            let id = entry.listing_id.clone();
            pool.by_kind.entry(version.details.terms.kind).or_default().push(id.clone());
            pool.provider_names.insert(id.clone(), provider.to_owned());
            let Some(runs_on) = version.runs_on.as_ref().filter(|r| r.kind == "infrastructure") else { continue };
            let Some(first) = entry.history.intervals().first().map(|i| i.from) else { continue };
            if !catalogue.prefixes(&id).is_empty() {
                continue;
            }
            match pool.bare.iter_mut().find(|b| b.id == runs_on.id) {
                Some(b) => b.first_qualified = b.first_qualified.min(first),
                None => pool.bare.push(Bare {
                    id: runs_on.id.clone(),
                    provider: entry.provider.id.clone(),
                    first_qualified: first,
                }),
            }
        }
        pool
    }

    /// The provider that runs an infrastructure without ranges.
    pub(super) fn provider_of(&self, infrastructure: &str) -> String {
        self.bare.iter().find(|b| b.id == infrastructure).map(|b| b.provider.clone()).unwrap_or_default()
    }

    pub(super) fn provider_name(&self, listing: &str) -> &str {
        self.provider_names.get(listing).map_or("", String::as_str)
    }

    /// A listing for a service landing on `service.0` with `service.1`
    /// data under a contract signed on `on.0`, weighed as of `on.1`: what
    /// `want` asks when the catalogue has one, else an admissible one;
    /// with the version in force on the contract date and what it is.
    pub(super) fn pick(
        &self,
        rng: &mut Rng,
        catalogue: &CatalogueFacts,
        pinned: &mut BTreeMap<ServiceKind, String>,
        service: (Destination, DataClass),
        on: (NaiveDate, NaiveDate),
        want: Want,
    ) -> Result<(String, i64, Want), Error> {
        let ((destination, data_class), (signed_on, today)) = (service, on);
        let kind = kind_of(destination);
        let ids = self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or_default();
        let fits = |id: &str, want: Want| -> Option<i64> {
            let (candidate, version) = catalogue.candidate(id, signed_on, today)?;
            let found = exclusions(&candidate, destination, data_class, signed_on);
            let fits = match want {
                Want::Admissible => found.is_empty(),
                Want::LapsedAfter => found == [Exclusion::NotQualifiedToday { status: candidate.status_today }],
                Want::LevelTooLow => matches!(found.as_slice(), [Exclusion::LevelTooLow { .. }]),
            };
            fits.then_some(version)
        };
        if want == Want::Admissible
            && rng.per_mille(SAME_AS_BEFORE)
            && let Some((id, version)) = pinned.get(&kind).and_then(|id| fits(id, want).map(|v| (id.clone(), v)))
        {
            return Ok((id, version, want));
        }
        if !ids.is_empty() {
            for wanted in [want, Want::Admissible] {
                for _ in 0..TRIES {
                    let id = rng.pick(ids);
                    if let Some(version) = fits(id, wanted) {
                        if wanted == Want::Admissible {
                            pinned.insert(kind, id.clone());
                        }
                        return Ok((id.clone(), version, wanted));
                    }
                }
            }
        }
        let first = ids.iter().find_map(|id| fits(id, Want::Admissible).map(|v| (id.clone(), v)));
        let (id, version) = first.ok_or_else(|| {
            generator(format!("no admissible {kind} listing for {} data on {signed_on}", data_class.code()))
        })?;
        Ok((id, version, Want::Admissible))
    }
}
