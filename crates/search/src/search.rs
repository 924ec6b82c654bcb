//! Running a query: text scores from tantivy, then each public listing as it
//! was on `as_of`, filtered (AND across facets, OR within one), counted per
//! facet value, ordered by score and then by the fair key, and paged.

use crate::analyzer::italian;
use crate::{Indexed, Snapshot};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::compare;
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::catalogue::entries::EntryAt;
use std::collections::{BTreeMap, HashMap};
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

/// A result's values for a facet (a level admits up to three data classes).
fn values<'a>(at: &EntryAt<'a>, facet: Facet) -> ([&'a str; 3], usize) {
    let terms = &at.version.details.terms;
    match facet {
        Facet::Type => ([terms.kind.code(), "", ""], 1),
        Facet::Level => ([terms.level.code(), "", ""], 1),
        Facet::DataClass => {
            let mut out = ["", "", ""];
            let mut n = 0;
            for class in DataClass::ALL.into_iter().filter(|c| terms.level.admits(*c)) {
                out[n] = class.code();
                n += 1;
            }
            (out, n)
        }
        Facet::Provider => ([at.entry.provider.id.as_str(), "", ""], 1),
        Facet::Category => ([at.version.details.category.as_str(), "", ""], 1),
        Facet::Location => ([terms.location.code(), "", ""], 1),
        Facet::Status => ([at.interval.status.code(), "", ""], 1),
    }
}

/// Text scores by tantivy slot; `None` when the query has no searchable words.
fn scores(snapshot: &Snapshot, text: &str) -> Option<HashMap<u64, f32>> {
    let mut analyzer = italian();
    let mut stream = analyzer.token_stream(text);
    if !stream.advance() {
        return None;
    }
    let (query, _) = snapshot.parser.parse_query_lenient(text);
    let limit = snapshot.searcher.num_docs().max(1) as usize;
    let top = snapshot.searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()).unwrap_or_default();
    let mut columns = HashMap::new();
    let mut out = HashMap::with_capacity(top.len());
    for (score, DocAddress { segment_ord, doc_id }) in top {
        let column = columns
            .entry(segment_ord)
            .or_insert_with(|| snapshot.searcher.segment_reader(segment_ord).fast_fields().u64("slot").ok());
        if let Some(slot) = column.as_ref().and_then(|c| c.first(doc_id)) {
            out.insert(slot, score);
        }
    }
    Some(out)
}

pub(crate) fn run(snapshot: &Snapshot, query: &Query, as_of: NaiveDate, paged: bool) -> SearchResult {
    let scores = scores(snapshot, &query.text);
    let mut candidates: Vec<(f32, &Arc<Indexed>, EntryAt<'_>)> = Vec::new();
    for indexed in &snapshot.entries {
        let Some(at) = indexed.entry.at(as_of) else { continue };
        let score = match &scores {
            None => 0.0,
            Some(scores) => {
                let slot = indexed.slots.iter().find(|(_, v)| *v == at.version.version).map(|(s, _)| *s);
                match slot.and_then(|s| scores.get(&s)) {
                    Some(score) => *score,
                    None => continue,
                }
            }
        };
        candidates.push((score, indexed, at));
    }

    let mut counts: BTreeMap<Facet, HashMap<&str, usize>> = BTreeMap::new();
    let mut passing = Vec::new();
    for (score, indexed, at) in &candidates {
        let mut fails = Facet::ALL.into_iter().filter(|f| {
            let (vals, n) = values(at, *f);
            !query.admits(*f, vals[..n].iter().copied())
        });
        let (first, second) = (fails.next(), fails.next());
        for facet in Facet::ALL {
            // A value counts for a facet when every *other* facet's filter passes.
            let counted = match (first, second) {
                (None, _) => true,
                (Some(only), None) => only == facet,
                _ => false,
            };
            if counted {
                let (vals, n) = values(at, facet);
                let facet_counts = counts.entry(facet).or_default();
                for value in &vals[..n] {
                    *facet_counts.entry(value).or_default() += 1;
                }
            }
        }
        if first.is_none() {
            passing.push(Hit { indexed: (*indexed).clone(), score: *score });
        }
    }
    passing.sort_by(|a, b| {
        compare(
            (a.score, a.indexed.fair, &a.indexed.entry.listing_id),
            (b.score, b.indexed.fair, &b.indexed.entry.listing_id),
        )
    });

    let names: HashMap<&str, &str> =
        candidates.iter().map(|(_, _, at)| (at.entry.provider.id.as_str(), at.entry.provider.name.as_str())).collect();
    let facets = Facet::ALL.into_iter().map(|f| (f, facet_counts(&names, query, f, counts.get(&f)))).collect();
    let total = passing.len();
    let hits = if paged {
        passing.into_iter().skip((query.page - 1).saturating_mul(query.page_size)).take(query.page_size).collect()
    } else {
        passing
    };
    SearchResult { as_of, total, page: query.page, page_size: query.page_size, hits, facets }
}

/// Values listed for an open facet (provider, category): the most frequent.
pub const OPEN_FACET_VALUES: usize = 50;

/// Closed facets in their natural order (QC1…QC4), open ones by count (at
/// most [`OPEN_FACET_VALUES`]); a selected value is always listed, even when
/// nothing has it.
fn facet_counts(
    names: &HashMap<&str, &str>,
    query: &Query,
    facet: Facet,
    counts: Option<&HashMap<&str, usize>>,
) -> Vec<FacetCount> {
    let selected = query.filters.get(&facet);
    let is_selected = |v: &str| selected.is_some_and(|s| s.contains(v));
    let label = |value: &str| names.get(value).map_or_else(|| value.to_owned(), |name| (*name).to_owned());
    let count_of = |v: &str| counts.and_then(|c| c.get(v)).copied().unwrap_or(0);
    let mut out: Vec<FacetCount> = match facet.allowed() {
        Some(allowed) => allowed
            .into_iter()
            .filter(|v| count_of(v) > 0 || is_selected(v))
            .map(|v| FacetCount { value: v.into(), label: v.into(), count: count_of(v), selected: is_selected(v) })
            .collect(),
        None => {
            let mut values: Vec<&str> = counts.map(|c| c.keys().copied().collect()).unwrap_or_default();
            values.extend(selected.into_iter().flatten().map(String::as_str).filter(|v| count_of(v) == 0));
            values
                .into_iter()
                .map(|v| FacetCount { value: v.into(), label: label(v), count: count_of(v), selected: is_selected(v) })
                .collect()
        }
    };
    if facet.allowed().is_none() {
        out.sort_by(|a, b| b.selected.cmp(&a.selected).then(b.count.cmp(&a.count)).then_with(|| a.label.cmp(&b.label)));
        out.truncate(OPEN_FACET_VALUES.max(out.iter().filter(|c| c.selected).count()));
    }
    out
}
