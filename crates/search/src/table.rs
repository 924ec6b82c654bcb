//! The listings' histories and facet values as small integers in one array,
//! built with each snapshot: a query walks it without hashing strings or
//! chasing pointers (profiling showed both dominating the walk).

use crate::Indexed;
use chrono::{Datelike, NaiveDate};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::requirements::ServiceKind;
use std::collections::HashMap;
use std::sync::Arc;

/// What a listing showed during one interval of its history, as ids.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    /// `[from, to)` in days from the common era; `to` is `i32::MAX` while open.
    pub from: i32,
    pub to: i32,
    pub status: u8,
    pub kind: u8,
    pub level: u8,
    /// Bit `i` set when the level admits `DataClass::ALL[i]`.
    pub classes: u8,
    pub location: u8,
    pub category: u32,
    /// The tantivy slot of the version shown (`u64::MAX` if not indexed).
    pub slot: u64,
}

/// A listing: its provider's number, its place in the fair order and where
/// its history's steps are in [`Table::steps`].
pub(crate) struct Row {
    pub provider: u32,
    pub fair: u64,
    steps: std::ops::Range<u32>,
}

pub(crate) struct Table {
    /// Per entry (same order as the snapshot's entries).
    pub rows: Vec<Row>,
    /// Every listing's steps, one listing after the other: a walk over the
    /// listings reads memory in order.
    steps: Vec<Step>,
    /// The row of each tantivy slot that a step shows (`u32::MAX`: none).
    pub slot_rows: Vec<u32>,
    /// Provider ids and names by provider number.
    /// Provider ids and names by provider number.
    pub providers: Vec<(Arc<str>, Arc<str>)>,
    pub provider_numbers: HashMap<String, u32>,
    pub categories: Vec<Arc<str>>,
    pub category_numbers: HashMap<String, u32>,
    /// The codes of the closed facets' values, by facet (in the order of
    /// `Facet::ALL`; the provider's and the category's are empty) and id.
    pub codes: [Vec<Arc<str>>; 7],
}

/// The codes of the values of the closed facets, in the order of `Facet::ALL`.
fn closed_codes() -> [Vec<Arc<str>>; 7] {
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
    ]
}

pub(crate) fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

fn position<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|v| v == value).unwrap_or(0) as u8
}

fn number(numbers: &mut HashMap<String, u32>, names: &mut Vec<Arc<str>>, value: &str) -> u32 {
    *numbers.entry(value.to_owned()).or_insert_with(|| {
        names.push(Arc::from(value));
        names.len() as u32 - 1
    })
}

impl Table {
    /// The step `row` shows on `day` (days from the common era), if public then.
    pub fn at(&self, row: &Row, day: i32) -> Option<&Step> {
        let steps = self.steps.get(row.steps.start as usize..row.steps.end as usize)?;
        steps.iter().rev().find(|s| s.from <= day && day < s.to)
    }

    pub fn build(entries: &[Arc<Indexed>]) -> Table {
        let mut table = Table {
            rows: Vec::with_capacity(entries.len()),
            steps: Vec::new(),
            slot_rows: Vec::new(),
            providers: Vec::new(),
            provider_numbers: HashMap::new(),
            categories: Vec::new(),
            category_numbers: HashMap::new(),
            codes: closed_codes(),
        };
        for indexed in entries {
            let entry = &indexed.entry;
            let provider = match table.provider_numbers.get(&entry.provider.id) {
                Some(n) => *n,
                None => {
                    table
                        .providers
                        .push((Arc::from(entry.provider.id.as_str()), Arc::from(entry.provider.name.as_str())));
                    let n = table.providers.len() as u32 - 1;
                    table.provider_numbers.insert(entry.provider.id.clone(), n);
                    n
                }
            };
            let mut steps = Vec::with_capacity(entry.interval_versions.len());
            for (k, interval) in entry.history.intervals().iter().enumerate() {
                let version = &entry.shown_version(k);
                let Some(shown) = entry.version(*version) else { continue };
                let terms = &shown.details.terms;
                let classes = DataClass::ALL
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| terms.level.admits(**c))
                    .fold(0u8, |bits, (i, _)| bits | 1 << i);
                steps.push(Step {
                    from: day(interval.from),
                    to: interval.to.map_or(i32::MAX, day),
                    status: position(&ListingStatus::ALL, &interval.status),
                    kind: position(&ServiceKind::ALL, &terms.kind),
                    level: position(&Level::ALL, &terms.level),
                    classes,
                    location: position(&DataLocation::ALL, &terms.location),
                    category: number(&mut table.category_numbers, &mut table.categories, &shown.details.category),
                    slot: indexed.slots.iter().find(|(_, v)| v == version).map_or(u64::MAX, |(s, _)| *s),
                });
            }
            for step in steps.iter().filter(|s| s.slot != u64::MAX) {
                let at = step.slot as usize;
                if table.slot_rows.len() <= at {
                    table.slot_rows.resize(at + 1, u32::MAX);
                }
                table.slot_rows[at] = table.rows.len() as u32;
            }
            let first = table.steps.len() as u32;
            table.steps.extend(steps);
            table.rows.push(Row { provider, fair: indexed.fair, steps: first..table.steps.len() as u32 });
        }
        table
    }
}
