//! The listings' histories and facet values as small integers in one array,
//! built with each snapshot: the views of a day that queries walk
//! ([`crate::day`]) are made from it without hashing strings or chasing
//! pointers (profiling showed both dominating the walk).

use crate::Indexed;
use chrono::{Datelike, NaiveDate};
use cloudpa_domain::catalogue::ordering::compare_keys;
use cloudpa_domain::catalogue::query::Facet;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_domain::qualification::track::Track;
use std::collections::HashMap;
use std::sync::Arc;

/// What a listing showed during one interval of its history: for each facet
/// (in the order of `Facet::ALL`), the cell of its value in the counts of a
/// search ([`Table::cells`]; a data class's cell is that of the set of
/// classes it may host: its level's, under its infrastructure's ceiling).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    /// `[from, to)` in days from the common era; `to` is `i32::MAX` while open.
    pub from: i32,
    pub to: i32,
    pub cells: [u32; FACETS],
    /// The tantivy slot of the version shown (`u64::MAX` if not indexed).
    pub slot: u64,
}

/// The number of facets ([`Facet::ALL`]).
pub(crate) const FACETS: usize = Facet::ALL.len();

/// The number of sets of data classes (a set's id has bit `i` for
/// `DataClass::ALL[i]`).
pub(crate) const CLASS_SETS: usize = 1 << DataClass::ALL.len();

/// A listing: its entry (in the snapshot's entries), its place in the fair
/// order and where its history's steps are in [`Table::steps`].
pub(crate) struct Row {
    pub entry: u32,
    pub fair: u64,
    steps: std::ops::Range<u32>,
}

pub(crate) struct Table {
    /// One per entry, in the fair order (the key, then the id): the order
    /// of results that all score the same, so a search without words
    /// collects its results already ordered.
    pub rows: Vec<Row>,
    /// Every listing's steps, one listing after the other.
    steps: Vec<Step>,
    /// Each facet's values by id, in the order of `Facet::ALL` (a data
    /// class's id is its bit).
    pub values: [Vec<FacetValue>; FACETS],
    /// Each facet's cells in the counts of a search: one per value id (per
    /// set of classes for the data class), the facets one after the other.
    pub cells: [std::ops::Range<u32>; FACETS],
}

/// A value of a facet: its code, its label (the provider's name for a
/// provider, else the code), both as the JSON members of its count
/// (`"value":…,"label":…`, escaped once here rather than in every answer),
/// and its rank in the order of labels (then codes).
pub(crate) struct FacetValue {
    pub value: Arc<str>,
    pub label: Arc<str>,
    pub json: Arc<str>,
    pub rank: u32,
}

/// The values of a facet, from (code, label) pairs in id order.
fn facet_values(pairs: Vec<(Arc<str>, Arc<str>)>) -> Vec<FacetValue> {
    let mut by_label: Vec<usize> = (0..pairs.len()).collect();
    by_label.sort_by(|&a, &b| pairs[a].1.cmp(&pairs[b].1).then_with(|| pairs[a].0.cmp(&pairs[b].0)));
    let mut ranks = vec![0; pairs.len()];
    for (rank, id) in by_label.into_iter().enumerate() {
        ranks[id] = rank as u32;
    }
    pairs
        .into_iter()
        .zip(ranks)
        .map(|((value, label), rank)| {
            let json = serde_json::json!({ "value": &*value, "label": &*label }).to_string();
            FacetValue { json: Arc::from(&json[1..json.len() - 1]), value, label, rank }
        })
        .collect()
}

/// The values of the closed facets, in the order of `Facet::ALL` (the
/// provider's and the category's come from the listings).
fn closed_codes() -> [Vec<Arc<str>>; FACETS] {
    fn codes<T>(all: &[T], code: impl Fn(&T) -> &'static str) -> Vec<Arc<str>> {
        all.iter().map(|v| Arc::from(code(v))).collect()
    }
    [
        codes(&ServiceKind::ALL, |v| v.code()),
        codes(&Level::ALL, |v| v.code()),
        codes(&DataClass::ALL, |v| v.code()),
        Vec::new(),
        Vec::new(),
        codes(&DataLocation::ALL, |v| v.code()),
        codes(&ListingStatus::ALL, |v| v.code()),
        codes(&Regime::ALL, |v| v.code()),
        codes(&Track::ALL, |v| v.code()),
    ]
}

/// The place of `facet` in `Facet::ALL`.
pub(crate) fn facet_index(facet: Facet) -> usize {
    Facet::ALL.iter().position(|f| *f == facet).unwrap_or_default()
}

pub(crate) fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

fn position<T: PartialEq>(all: &[T], value: &T) -> u32 {
    all.iter().position(|v| v == value).unwrap_or(0) as u32
}

/// The number of `key` among `names` (code and label), added when new.
fn number(numbers: &mut HashMap<String, u32>, names: &mut Vec<(Arc<str>, Arc<str>)>, key: &str, label: &str) -> u32 {
    if let Some(n) = numbers.get(key) {
        return *n;
    }
    names.push((Arc::from(key), Arc::from(label)));
    let n = names.len() as u32 - 1;
    numbers.insert(key.to_owned(), n);
    n
}

impl Table {
    /// The steps of `row`'s history.
    pub fn steps(&self, row: &Row) -> &[Step] {
        self.steps.get(row.steps.start as usize..row.steps.end as usize).unwrap_or_default()
    }

    /// The step `row` shows on `day` (days from the common era), if public then.
    pub fn at(&self, row: &Row, day: i32) -> Option<&Step> {
        self.steps(row).iter().rev().find(|s| s.from <= day && day < s.to)
    }

    pub fn build(entries: &[Arc<Indexed>]) -> Table {
        let (mut rows, mut all_steps) = (Vec::with_capacity(entries.len()), Vec::new());
        let (mut providers, mut provider_numbers) = (Vec::new(), HashMap::new());
        let (mut categories, mut category_numbers) = (Vec::new(), HashMap::new());
        let mut fair_order: Vec<u32> = (0..entries.len() as u32).collect();
        fair_order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&entries[a as usize], &entries[b as usize]);
            compare_keys((0.0, a.fair), (0.0, b.fair), || (&a.entry.listing_id, &b.entry.listing_id))
        });
        for at in fair_order {
            let indexed = &entries[at as usize];
            let entry = &indexed.entry;
            let provider = number(&mut provider_numbers, &mut providers, &entry.provider.id, &entry.provider.name);
            let mut steps = Vec::with_capacity(entry.interval_versions.len());
            for (k, interval) in entry.history.intervals().iter().enumerate() {
                let version = &entry.shown_version(k);
                let (Some(shown), Some(regime)) = (entry.version(*version), entry.regimes.get(k)) else { continue };
                let terms = &shown.details.terms;
                let hosted = shown.hosted_classes();
                let classes = DataClass::ALL
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| hosted.contains(c))
                    .fold(0u32, |bits, (i, _)| bits | 1 << i);
                let category = &shown.details.category;
                steps.push(Step {
                    from: day(interval.from),
                    to: interval.to.map_or(i32::MAX, day),
                    // Value ids for now, in the order of Facet::ALL; cells below.
                    cells: [
                        position(&ServiceKind::ALL, &terms.kind),
                        position(&Level::ALL, &terms.level),
                        classes,
                        provider,
                        number(&mut category_numbers, &mut categories, category, category),
                        position(&DataLocation::ALL, &terms.location),
                        position(&ListingStatus::ALL, &interval.status),
                        position(&Regime::ALL, regime),
                        position(&Track::ALL, &entry.provider.track),
                    ],
                    slot: indexed.slots.iter().find(|(_, v)| v == version).map_or(u64::MAX, |(s, _)| *s),
                });
            }
            let first = all_steps.len() as u32;
            all_steps.extend(steps);
            rows.push(Row { entry: at, fair: indexed.fair, steps: first..all_steps.len() as u32 });
        }
        let mut values = closed_codes().map(|codes| codes.into_iter().map(|c| (c.clone(), c)).collect::<Vec<_>>());
        values[facet_index(Facet::Provider)] = providers;
        values[facet_index(Facet::Category)] = categories;
        let values = values.map(facet_values);
        let mut end = 0;
        let cells: [std::ops::Range<u32>; FACETS] = std::array::from_fn(|f| {
            let start = end;
            end += if f == facet_index(Facet::DataClass) { CLASS_SETS } else { values[f].len() } as u32;
            start..end
        });
        for step in &mut all_steps {
            for (cell, range) in step.cells.iter_mut().zip(&cells) {
                *cell += range.start;
            }
        }
        Table { rows, steps: all_steps, values, cells }
    }
}
