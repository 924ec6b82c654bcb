//! Running a query: text scores from tantivy, then each public listing as it
//! was on `as_of`, filtered (AND across facets, OR within one), counted per
//! facet value, ordered by score and then by the fair key, and paged.

use crate::analyzer::italian;
use crate::day::{DayView, Shown};
use crate::scores::SlotScores;
use crate::table::{FacetValue, Table, day};
use crate::{Indexed, Snapshot};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::compare_keys;
use cloudpa_domain::catalogue::query::{Facet, Query};
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: Arc<str>,
    /// What to show: the provider's name for a provider, else the value.
    pub label: Arc<str>,
    pub count: usize,
    pub selected: bool,
    /// `value` and `label` as JSON members, `"value":…,"label":…`.
    pub(crate) members: Arc<str>,
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

/// The listings of `view` whose shown version the words of `text` match,
/// with their scores; `None` when the query has no searchable words.
fn matches(snapshot: &Snapshot, view: &Arc<DayView>, text: &str) -> Option<Vec<(u32, f32)>> {
    let mut analyzer = italian();
    let mut stream = analyzer.token_stream(text);
    if !stream.advance() {
        return None;
    }
    let (query, _) = snapshot.parser.parse_query_lenient(text);
    Some(snapshot.searcher.search(&query, &SlotScores(view.clone())).unwrap_or_default())
}

/// A facet's value by id (a data class id is a bit).
fn value(table: &Table, facet: usize, id: usize) -> &FacetValue {
    &table.values[facet][id]
}

/// Whether each cell of the counts passes its facet's filter (every cell
/// of a facet without one does); and the facets that have one.
fn filters(table: &Table, query: &Query) -> (Vec<bool>, Vec<usize>) {
    let mut accepted = vec![true; table.cells[crate::table::FACETS - 1].end as usize];
    let mut filtered = Vec::new();
    for (f, facet) in Facet::ALL.into_iter().enumerate() {
        let Some(wanted) = query.filters.get(&facet) else { continue };
        filtered.push(f);
        let ids: Vec<bool> = table.values[f].iter().map(|v| wanted.contains(&*v.value)).collect();
        let cells = &mut accepted[table.cells[f].start as usize..table.cells[f].end as usize];
        for (id, cell) in cells.iter_mut().enumerate() {
            *cell = if facet == Facet::DataClass {
                ids.iter().enumerate().any(|(bit, yes)| *yes && id & (1 << bit) != 0)
            } else {
                ids[id]
            };
        }
    }
    (accepted, filtered)
}

/// What the walk over the listings keeps: the counts of every cell, how
/// many listings pass, and those of them at the places `keep` (in the order
/// of the walk) as (score, place in the day's view).
struct Tally {
    accepted: Vec<bool>,
    /// The facets that have a filter (most queries have none or one).
    filtered: Vec<usize>,
    counts: Vec<usize>,
    keep: std::ops::Range<usize>,
    passed: usize,
    passing: Vec<(f32, u32)>,
}

impl Tally {
    /// Counts the listing `shown`, at place `at` of the view, and keeps it
    /// when every filter passes.
    fn consider(&mut self, at: u32, shown: &Shown, score: f32) {
        let mut failed = None;
        let mut failures = 0;
        for &f in &self.filtered {
            if !self.accepted[shown.cells[f] as usize] {
                failed = Some(f);
                failures += 1;
            }
        }
        // A value counts for a facet when every *other* facet's filter passes.
        match (failures, failed) {
            (0, _) => {
                for cell in shown.cells {
                    self.counts[cell as usize] += 1;
                }
                if self.keep.contains(&self.passed) {
                    self.passing.push((score, at));
                }
                self.passed += 1;
            }
            (1, Some(f)) => self.counts[shown.cells[f] as usize] += 1,
            _ => {}
        }
    }

    /// The counts of facet `f`'s values, by id (a data class's from the
    /// counts of the sets of classes that hold it).
    fn of(&self, table: &Table, f: usize) -> Vec<usize> {
        let cells = &self.counts[table.cells[f].start as usize..table.cells[f].end as usize];
        if Facet::ALL[f] != Facet::DataClass {
            return cells.to_vec();
        }
        (0..table.values[f].len())
            .map(|bit| cells.iter().enumerate().filter(|(set, _)| set & (1 << bit) != 0).map(|(_, n)| n).sum())
            .collect()
    }
}

pub(crate) fn run(snapshot: &Snapshot, query: &Query, as_of: NaiveDate, paged: bool) -> SearchResult {
    let table = &snapshot.table;
    let (accepted, filtered) = filters(table, query);
    let counts = vec![0; accepted.len()];
    let page = if paged {
        let start = (query.page - 1).saturating_mul(query.page_size);
        start..start.saturating_add(query.page_size)
    } else {
        0..usize::MAX
    };
    let view = snapshot.views.on(table, day(as_of));
    let found = matches(snapshot, &view, &query.text);
    let ordered = found.is_none();
    // The rows are in the fair order, the results' order when every score
    // is the same: a search without words meets its page's results in order
    // and keeps only those; one with words keeps every result to order them.
    let keep = if ordered { page.clone() } else { 0..usize::MAX };
    let mut tally = Tally { accepted, filtered, counts, keep, passed: 0, passing: Vec::new() };
    match found {
        // Without words or filters, the view's counts and the page's rows.
        None if tally.filtered.is_empty() => {
            tally.counts.clone_from(&view.counts);
            tally.passed = view.shown.len();
            let rows = page.start.min(tally.passed)..page.end.min(tally.passed);
            tally.passing = rows.map(|at| (0.0, at as u32)).collect();
        }
        // Without words, every listing; with words, only those they match
        // (by the version shown on the day).
        None => view.shown.iter().zip(0..).for_each(|(shown, at)| tally.consider(at, shown, 0.0)),
        Some(found) => {
            for (at, score) in found {
                if let Some(shown) = view.shown.get(at as usize) {
                    tally.consider(at, shown, score);
                }
            }
        }
    }
    let counts: [Vec<usize>; crate::table::FACETS] = std::array::from_fn(|f| tally.of(table, f));
    let (total, mut passing) = (tally.passed, tally.passing);
    let shown = |at: u32| &view.shown[at as usize];
    let id = |at: u32| snapshot.entries[shown(at).entry as usize].entry.listing_id.as_str();
    let order = |a: &(f32, u32), b: &(f32, u32)| {
        compare_keys((a.0, shown(a.1).fair), (b.0, shown(b.1).fair), || (id(a.1), id(b.1)))
    };
    let results =
        if ordered { &passing[..] } else { page_of(&mut passing, page.start.min(total)..page.end.min(total), order) };
    let facets = Facet::ALL
        .into_iter()
        .enumerate()
        .map(|(f, facet)| (facet, facet_counts(table, query, (f, facet), &counts[f])))
        .collect();
    let hits = results
        .iter()
        .map(|&(score, at)| Hit { indexed: snapshot.entries[shown(at).entry as usize].clone(), score })
        .collect();
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

/// Closed facets in their natural order (QC1…QC4), open ones by count then
/// label (at most [`OPEN_FACET_VALUES`], chosen before they are ordered); a
/// selected value is always listed, even when nothing has it, and one the
/// catalogue does not know after the selected values it knows.
fn facet_counts(table: &Table, query: &Query, (f, facet): (usize, Facet), counts: &[usize]) -> Vec<FacetCount> {
    let selected = query.filters.get(&facet);
    let is_selected = |v: &str| selected.is_some_and(|s| s.contains(v));
    // (selected, count, rank of the label, id)
    let mut listed: Vec<(bool, usize, u32, usize)> = counts
        .iter()
        .enumerate()
        .filter_map(|(id, &count)| {
            let v = value(table, f, id);
            let chosen = is_selected(&v.value);
            (count > 0 || chosen).then_some((chosen, count, v.rank, id))
        })
        .collect();
    let open = facet.allowed().is_none();
    if open {
        let order = |a: &(bool, usize, u32, usize), b: &(bool, usize, u32, usize)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        let keep = OPEN_FACET_VALUES.max(listed.iter().filter(|c| c.0).count());
        if listed.len() > keep {
            listed.select_nth_unstable_by(keep, order);
            listed.truncate(keep);
        }
        listed.sort_unstable_by(order);
    }
    let mut out: Vec<FacetCount> = listed
        .into_iter()
        .map(|(selected, count, _, id)| {
            let v = value(table, f, id);
            FacetCount { value: v.value.clone(), label: v.label.clone(), count, selected, members: v.json.clone() }
        })
        .collect();
    let mut unknown: Vec<FacetCount> = selected
        .into_iter()
        .flatten()
        .filter(|v| !table.values[f].iter().any(|known| &*known.value == v.as_str()))
        .map(|v| {
            let json = serde_json::json!({ "value": v, "label": v }).to_string();
            let text: Arc<str> = Arc::from(v.as_str());
            FacetCount {
                value: text.clone(),
                label: text,
                count: 0,
                selected: true,
                members: Arc::from(&json[1..json.len() - 1]),
            }
        })
        .collect();
    unknown.sort_unstable_by(|a, b| a.value.cmp(&b.value));
    let at = if open { out.iter().take_while(|c| c.selected).count() } else { out.len() };
    out.splice(at..at, unknown);
    out
}
