//! Running a query: text scores from tantivy, then each public listing as it
//! was on `as_of`, filtered (AND across facets, OR within one), counted per
//! facet value, ordered by score and then by the fair key, and paged.

use crate::analyzer::italian;
use crate::table::{Table, day};
use crate::{Indexed, Snapshot};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::compare;
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::catalogue::entries::EntryAt;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::DocAddress;
use tantivy::collector::TopDocs;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    /// What to show: the provider's name for a provider, else the value.
    pub label: String,
    pub count: usize,
    pub selected: bool,
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

/// Text scores by tantivy slot (NaN: no match); `None` when the query has
/// no searchable words.
fn scores(snapshot: &Snapshot, text: &str) -> Option<Vec<f32>> {
    let mut analyzer = italian();
    let mut stream = analyzer.token_stream(text);
    if !stream.advance() {
        return None;
    }
    let (query, _) = snapshot.parser.parse_query_lenient(text);
    let limit = snapshot.searcher.num_docs().max(1) as usize;
    let top = snapshot.searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()).unwrap_or_default();
    let mut columns = HashMap::new();
    let mut out = vec![f32::NAN; snapshot.table.slots];
    for (score, DocAddress { segment_ord, doc_id }) in top {
        let column = columns
            .entry(segment_ord)
            .or_insert_with(|| snapshot.searcher.segment_reader(segment_ord).fast_fields().u64("slot").ok());
        if let Some(slot) = column.as_ref().and_then(|c| c.first(doc_id))
            && let Some(cell) = out.get_mut(slot as usize)
        {
            *cell = score;
        }
    }
    Some(out)
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

/// The code (and label) of a facet's id.
fn value(table: &Table, facet: Facet, id: usize) -> (String, String) {
    let code = |c: &str| (c.to_owned(), c.to_owned());
    match facet {
        Facet::Type => code(ServiceKind::ALL[id].code()),
        Facet::Level => code(Level::ALL[id].code()),
        Facet::DataClass => code(DataClass::ALL[id].code()),
        Facet::Provider => table.providers[id].clone(),
        Facet::Category => code(&table.categories[id]),
        Facet::Location => code(DataLocation::ALL[id].code()),
        Facet::Status => code(ListingStatus::ALL[id].code()),
    }
}

/// Each facet's filter as "id accepted?" (`None`: no filter).
fn filters(table: &Table, query: &Query) -> [Option<Vec<bool>>; 7] {
    Facet::ALL.map(|facet| {
        let wanted = query.filters.get(&facet)?;
        Some((0..domain(table, facet)).map(|id| wanted.contains(&value(table, facet, id).0)).collect())
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

pub(crate) fn run(snapshot: &Snapshot, query: &Query, as_of: NaiveDate, paged: bool) -> SearchResult {
    let table = &snapshot.table;
    let scores = scores(snapshot, &query.text);
    let filters = filters(table, query);
    let mut counts: [Vec<usize>; 7] = Facet::ALL.map(|f| vec![0; domain(table, f)]);
    let today = day(as_of);
    let mut passing: Vec<(f32, u64, usize)> = Vec::new();
    for (i, (provider, steps)) in table.rows.iter().enumerate() {
        let Some(step) = steps.iter().rev().find(|s| s.from <= today && today < s.to) else { continue };
        let score = match &scores {
            None => 0.0,
            Some(scores) => match scores.get(step.slot as usize) {
                Some(score) if !score.is_nan() => *score,
                _ => continue,
            },
        };
        // In the order of Facet::ALL.
        let ids = [
            u32::from(step.kind),
            u32::from(step.level),
            u32::from(step.classes),
            *provider,
            step.category,
            u32::from(step.location),
            u32::from(step.status),
        ];
        let mut failed = None;
        let mut failures = 0;
        for (f, facet) in Facet::ALL.into_iter().enumerate() {
            if !passes(&filters[f], facet, ids[f]) {
                failed = Some(f);
                failures += 1;
            }
        }
        // A value counts for a facet when every *other* facet's filter passes.
        match (failures, failed) {
            (0, _) => {
                for (f, id) in ids.iter().enumerate() {
                    count(&mut counts, f, *id);
                }
                passing.push((score, snapshot.entries[i].fair, i));
            }
            (1, Some(f)) => count(&mut counts, f, ids[f]),
            _ => {}
        }
    }
    passing.sort_by(|a, b| {
        let id = |i: usize| snapshot.entries[i].entry.listing_id.as_str();
        compare((a.0, a.1, id(a.2)), (b.0, b.1, id(b.2)))
    });
    let facets = Facet::ALL
        .into_iter()
        .enumerate()
        .map(|(f, facet)| (facet, facet_counts(table, query, facet, &counts[f])))
        .collect();
    let total = passing.len();
    let page: Box<dyn Iterator<Item = &(f32, u64, usize)>> = if paged {
        Box::new(passing.iter().skip((query.page - 1).saturating_mul(query.page_size)).take(query.page_size))
    } else {
        Box::new(passing.iter())
    };
    let hits = page.map(|(score, _, i)| Hit { indexed: snapshot.entries[*i].clone(), score: *score }).collect();
    SearchResult { as_of, total, page: query.page, page_size: query.page_size, hits, facets }
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
        .map(|(id, count)| {
            let (value, label) = value(table, facet, id);
            FacetCount { selected: is_selected(&value), value, label, count: *count }
        })
        .filter(|c| c.count > 0 || c.selected)
        .collect();
    let unknown = selected.into_iter().flatten().filter(|v| !out.iter().any(|c| &c.value == *v));
    let unknown: Vec<FacetCount> =
        unknown.map(|v| FacetCount { value: v.clone(), label: v.clone(), count: 0, selected: true }).collect();
    out.extend(unknown);
    if facet.allowed().is_none() {
        out.sort_by(|a, b| b.selected.cmp(&a.selected).then(b.count.cmp(&a.count)).then_with(|| a.label.cmp(&b.label)));
        out.truncate(OPEN_FACET_VALUES.max(out.iter().filter(|c| c.selected).count()));
    }
    out
}
