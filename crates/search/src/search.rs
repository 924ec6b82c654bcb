//! Running a query: text scores from tantivy, then each public listing as it
//! was on `as_of`, filtered (AND across facets, OR within one), counted per
//! facet value, ordered by score and then by the fair key, and paged.

use crate::analyzer::italian;
use crate::scores::SlotScores;
use crate::table::{Row, Step, Table, day};
use crate::{Indexed, Snapshot};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::compare_keys;
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::catalogue::entries::EntryAt;
use std::sync::Arc;

/// A result: the listing and its relevance.
#[derive(Clone)]
pub struct Hit {
    pub indexed: Arc<Indexed>,
    pub score: f32,
}

impl Hit {
    /// The listing as the catalogue showed it on `as_of`.
    pub fn at(&self, as_of: NaiveDate) -> Option<EntryAt<'_>> {
        self.indexed.entry.at(as_of)
    }
}

/// How many results have a facet value, given the other facets' filters.
/// Its texts are shared with the index (a query copies no string).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    #[serde(serialize_with = "text")]
    pub value: Arc<str>,
    /// What to show: the provider's name for a provider, else the value.
    #[serde(serialize_with = "text")]
    pub label: Arc<str>,
    pub count: usize,
    pub selected: bool,
}

fn text<S: serde::Serializer>(value: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value)
}

pub struct SearchResult {
    pub as_of: NaiveDate,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    /// The page (or, for exports, every result).
    pub hits: Vec<Hit>,
    pub facets: Vec<(Facet, Vec<FacetCount>)>,
}

/// The slots the words of `text` match, with their scores; `None` when
/// the query has no searchable words.
fn matches(snapshot: &Snapshot, text: &str) -> Option<Vec<(u64, f32)>> {
    let mut analyzer = italian();
    let mut stream = analyzer.token_stream(text);
    if !stream.advance() {
        return None;
    }
    let (query, _) = snapshot.parser.parse_query_lenient(text);
    Some(snapshot.searcher.search(&query, &SlotScores).unwrap_or_default())
}

/// How many ids each facet has (a data class id is a bit mask of 3 bits).
fn domain(table: &Table, facet: Facet) -> usize {
    match facet {
        Facet::Type => ServiceKind::ALL.len(),
        Facet::Level => Level::ALL.len(),
        Facet::DataClass => DataClass::ALL.len(),
        Facet::Provider => table.providers.len(),
        Facet::Category => table.categories.len(),
        Facet::Location => DataLocation::ALL.len(),
        Facet::Status => ListingStatus::ALL.len(),
    }
}

/// The code and the label of a facet's id (the provider's name for a
/// provider, else the code).
fn value(table: &Table, facet: Facet, id: usize) -> (&Arc<str>, &Arc<str>) {
    match facet {
        Facet::Provider => (&table.providers[id].0, &table.providers[id].1),
        Facet::Category => (&table.categories[id], &table.categories[id]),
        closed => {
            let at = Facet::ALL.iter().position(|f| *f == closed).unwrap_or_default();
            let code = &table.codes[at][id];
            (code, code)
        }
    }
}

/// Each facet's filter as "id accepted?" (`None`: no filter).
fn filters(table: &Table, query: &Query) -> [Option<Vec<bool>>; 7] {
    Facet::ALL.map(|facet| {
        let wanted = query.filters.get(&facet)?;
        Some((0..domain(table, facet)).map(|id| wanted.contains(&**value(table, facet, id).0)).collect())
    })
}

fn passes(filter: &Option<Vec<bool>>, facet: Facet, id: u32) -> bool {
    match filter {
        None => true,
        Some(accepted) if facet == Facet::DataClass => {
            accepted.iter().enumerate().any(|(bit, yes)| *yes && id & (1 << bit) != 0)
        }
        Some(accepted) => accepted.get(id as usize).copied().unwrap_or(false),
    }
}

fn count(counts: &mut [Vec<usize>; 7], facet: usize, id: u32) {
    if Facet::ALL[facet] == Facet::DataClass {
        for (bit, n) in counts[facet].iter_mut().enumerate() {
            *n += usize::from(id & (1 << bit) != 0);
        }
    } else if let Some(n) = counts[facet].get_mut(id as usize) {
        *n += 1;
    }
}

/// What the walk over the listings keeps: each facet's counts and the
/// passing listings as (score, fair key, entry).
struct Tally<'a> {
    filters: &'a [Option<Vec<bool>>; 7],
    /// The facets that have a filter (most queries have none or one).
    filtered: Vec<usize>,
    counts: [Vec<usize>; 7],
    passing: Vec<(f32, u64, usize)>,
}

impl Tally<'_> {
    /// Counts listing `i`, showing `step`, and keeps it when every filter
    /// passes.
    fn consider(&mut self, i: usize, row: &Row, step: &Step, score: f32) {
        // In the order of Facet::ALL.
        let ids = [
            u32::from(step.kind),
            u32::from(step.level),
            u32::from(step.classes),
            row.provider,
            step.category,
            u32::from(step.location),
            u32::from(step.status),
        ];
        let mut failed = None;
        let mut failures = 0;
        for &f in &self.filtered {
            if !passes(&self.filters[f], Facet::ALL[f], ids[f]) {
                failed = Some(f);
                failures += 1;
            }
        }
        // A value counts for a facet when every *other* facet's filter passes.
        match (failures, failed) {
            (0, _) => {
                for (f, id) in ids.iter().enumerate() {
                    count(&mut self.counts, f, *id);
                }
                self.passing.push((score, row.fair, i));
            }
            (1, Some(f)) => count(&mut self.counts, f, ids[f]),
            _ => {}
        }
    }
}

pub(crate) fn run(snapshot: &Snapshot, query: &Query, as_of: NaiveDate, paged: bool) -> SearchResult {
    let table = &snapshot.table;
    let filters = filters(table, query);
    let counts: [Vec<usize>; 7] = Facet::ALL.map(|f| vec![0; domain(table, f)]);
    let today = day(as_of);
    let filtered = (0..Facet::ALL.len()).filter(|f| filters[*f].is_some()).collect();
    let mut tally = Tally { filters: &filters, filtered, counts, passing: Vec::new() };
    match matches(snapshot, &query.text) {
        // Without words, every listing; with words, only those they match
        // (by the slot of the version shown on the day).
        None => {
            tally.passing.reserve(table.rows.len());
            for (i, row) in table.rows.iter().enumerate() {
                if let Some(step) = table.at(row, today) {
                    tally.consider(i, row, step, 0.0);
                }
            }
        }
        Some(found) => {
            tally.passing.reserve(found.len());
            for (slot, score) in found {
                let Some(&i) = table.slot_rows.get(slot as usize) else { continue };
                let Some(row) = table.rows.get(i as usize) else { continue };
                if let Some(step) = table.at(row, today).filter(|s| s.slot == slot) {
                    tally.consider(i as usize, row, step, score);
                }
            }
        }
    }
    let Tally { counts, mut passing, .. } = tally;
    let total = passing.len();
    let order = |a: &(f32, u64, usize), b: &(f32, u64, usize)| {
        let id = |i: usize| snapshot.entries[i].entry.listing_id.as_str();
        compare_keys((a.0, a.1), (b.0, b.1), || (id(a.2), id(b.2)))
    };
    let shown = if paged {
        let start = (query.page - 1).saturating_mul(query.page_size).min(total);
        let end = start.saturating_add(query.page_size).min(total);
        page_of(&mut passing, start..end, order)
    } else {
        passing.sort_unstable_by(order);
        &passing[..]
    };
    let facets = Facet::ALL
        .into_iter()
        .enumerate()
        .map(|(f, facet)| (facet, facet_counts(table, query, facet, &counts[f])))
        .collect();
    let hits = shown.iter().map(|(score, _, i)| Hit { indexed: snapshot.entries[*i].clone(), score: *score }).collect();
    SearchResult { as_of, total, page: query.page, page_size: query.page_size, hits, facets }
}

/// The rows `range` of `rows` in `order`, without ordering the others: the
/// rows before the page and after it are only set apart (the order is total,
/// listing ids being unique, so a page is the same as in a full sort).
fn page_of<T>(rows: &mut [T], range: std::ops::Range<usize>, order: impl Fn(&T, &T) -> std::cmp::Ordering) -> &[T] {
    if range.is_empty() {
        return &[];
    }
    if range.end < rows.len() {
        rows.select_nth_unstable_by(range.end, &order);
    }
    let rows = &mut rows[..range.end];
    if range.start > 0 {
        rows.select_nth_unstable_by(range.start, &order);
    }
    let page = &mut rows[range.start..];
    page.sort_unstable_by(&order);
    page
}

/// Values listed for an open facet (provider, category): the most frequent.
pub const OPEN_FACET_VALUES: usize = 50;

/// Closed facets in their natural order (QC1…QC4), open ones by count (at
/// most [`OPEN_FACET_VALUES`]); a selected value is always listed, even when
/// nothing has it.
fn facet_counts(table: &Table, query: &Query, facet: Facet, counts: &[usize]) -> Vec<FacetCount> {
    let selected = query.filters.get(&facet);
    let is_selected = |v: &str| selected.is_some_and(|s| s.contains(v));
    let mut out: Vec<FacetCount> = counts
        .iter()
        .enumerate()
        .filter_map(|(id, count)| {
            let (value, label) = value(table, facet, id);
            let chosen = is_selected(value);
            (*count > 0 || chosen).then(|| FacetCount {
                value: value.clone(),
                label: label.clone(),
                count: *count,
                selected: chosen,
            })
        })
        .collect();
    let unknown = selected.into_iter().flatten().filter(|v| !out.iter().any(|c| &*c.value == v.as_str()));
    let unknown: Vec<FacetCount> = unknown
        .map(|v| FacetCount { value: Arc::from(v.as_str()), label: Arc::from(v.as_str()), count: 0, selected: true })
        .collect();
    out.extend(unknown);
    if facet.allowed().is_none() {
        out.sort_unstable_by(|a, b| {
            b.selected
                .cmp(&a.selected)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.label.cmp(&b.label))
                .then_with(|| a.value.cmp(&b.value))
        });
        out.truncate(OPEN_FACET_VALUES.max(out.iter().filter(|c| c.selected).count()));
    }
    out
}
