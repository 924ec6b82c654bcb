//! The catalogue's search: tantivy for the text (Italian analysis, BM25),
//! the listings' histories in memory for `as_of`, facets and filters, and a
//! cache of serialised answers keyed by the index generation.
//!
//! The index is rebuilt from the database at start and then follows the
//! catalogue's change log (the `catalogue.change` events of the outbox):
//! [`Catalogue::refresh`] re-indexes the listings that changed. A query reads
//! one immutable [`Snapshot`], so it never sees half an update.

mod analyzer;
mod day;
mod index;
pub mod json;
mod scores;
mod search;
mod table;

pub use search::{FacetCount, Hit, SearchResult};

use chrono::NaiveDate;
use cloudpa_domain::catalogue::ordering::fair_key;
use cloudpa_domain::catalogue::query::Query;
use cloudpa_store::catalogue::entries::CatalogueEntry;
use cloudpa_store::{Store, StoreError};
use index::Indexer;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use tantivy::Searcher;
use tantivy::query::QueryParser;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A public listing as indexed: its entry, its place in the fair order and
/// the tantivy slot of each version.
pub struct Indexed {
    pub entry: CatalogueEntry,
    fair: u64,
    slots: Vec<(u64, i64)>,
}

/// One consistent state of the index and the entries.
pub struct Snapshot {
    pub generation: u64,
    searcher: Searcher,
    parser: QueryParser,
    entries: Vec<Arc<Indexed>>,
    positions: HashMap<String, usize>,
    table: table::Table,
    views: day::Views,
}

/// A serialised answer and its entity tag.
pub struct Cached {
    pub body: bytes::Bytes,
    pub etag: String,
}

struct Cache {
    generation: u64,
    bytes: usize,
    answers: HashMap<String, Arc<Cached>>,
}

/// Bytes of answers kept per generation; the cache is emptied when full,
/// which bounds the memory it can take whatever the queries.
const CACHE_BYTES: usize = 8 << 20;
/// Answers of pages past this one are not kept: a deep page is seldom asked
/// for twice, and kept it would push out the answers that are.
const CACHED_PAGES: usize = 5;
/// More changed listings than this in one refresh: rebuild instead.
const REBUILD_THRESHOLD: usize = 500;

pub struct Catalogue {
    snapshot: RwLock<Arc<Snapshot>>,
    indexer: tokio::sync::Mutex<(Indexer, i64)>,
    cache: Mutex<Cache>,
}

impl Catalogue {
    /// Builds the index from every public listing in `store`.
    pub async fn build(store: &Store) -> Result<Catalogue, SearchError> {
        let (indexer, cursor, snapshot) = rebuild(store, 1).await?;
        Ok(Catalogue {
            snapshot: RwLock::new(Arc::new(snapshot)),
            indexer: tokio::sync::Mutex::new((indexer, cursor)),
            cache: Mutex::new(Cache { generation: 1, bytes: 0, answers: HashMap::new() }),
        })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Applies the changes recorded since the last refresh; returns how
    /// many listings were re-indexed.
    pub async fn refresh(&self, store: &Store) -> Result<usize, SearchError> {
        let mut guard = self.indexer.lock().await;
        let (indexer, cursor) = &mut *guard;
        let changes = store.catalogue_changes_after(*cursor, 10 * REBUILD_THRESHOLD as i64).await?;
        let Some(last) = changes.last().map(|c| c.seq) else { return Ok(0) };
        let changed: HashSet<String> = changes.into_iter().map(|c| c.change.listing_id).collect();
        let current = self.snapshot();
        let generation = current.generation + 1;
        if changed.len() > REBUILD_THRESHOLD {
            let (fresh, fresh_cursor, snapshot) = rebuild(store, generation).await?;
            (*indexer, *cursor) = (fresh, fresh_cursor);
            let count = snapshot.entries.len();
            self.install(snapshot);
            return Ok(count);
        }
        let mut entries = current.entries.clone();
        let mut positions = current.positions.clone();
        for id in &changed {
            indexer.remove(id);
            for entry in store.catalogue_entries(Some(id)).await? {
                let indexed = indexed(indexer, entry)?;
                let at = *positions.entry(indexed.entry.listing_id.clone()).or_insert(entries.len());
                if at == entries.len() {
                    entries.push(Arc::new(indexed));
                } else {
                    entries[at] = Arc::new(indexed);
                }
            }
        }
        let searcher = indexer.publish()?;
        *cursor = last;
        let table = table::Table::build(&entries);
        self.install(Snapshot {
            generation,
            searcher,
            parser: current.parser.clone(),
            table,
            entries,
            positions,
            views: Default::default(),
        });
        Ok(changed.len())
    }

    fn install(&self, snapshot: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }

    /// The page of results `query` asks for, on `as_of`.
    pub fn search(&self, query: &Query, as_of: NaiveDate) -> SearchResult {
        search::run(&self.snapshot(), query, as_of, true)
    }

    /// Every result of `query` on `as_of`, for exports.
    pub fn search_all(&self, query: &Query, as_of: NaiveDate) -> SearchResult {
        search::run(&self.snapshot(), query, as_of, false)
    }

    /// The API's JSON answer to `query`, from the cache when the index has
    /// not changed since it was computed (the first [`CACHED_PAGES`] pages).
    pub fn search_json(&self, query: &Query, as_of: NaiveDate) -> Arc<Cached> {
        let snapshot = self.snapshot();
        let answer = |snapshot: &Snapshot| {
            let body = json::response(&search::run(snapshot, query, as_of, true));
            Arc::new(Cached { etag: etag(body.as_bytes()), body: bytes::Bytes::from(body) })
        };
        if query.page > CACHED_PAGES {
            return answer(&snapshot);
        }
        let key = format!("{}|{as_of}", query.canonical());
        {
            let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            if cache.generation == snapshot.generation
                && let Some(hit) = cache.answers.get(&key)
            {
                return hit.clone();
            }
        }
        let answer = answer(&snapshot);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.generation != snapshot.generation || cache.bytes + answer.body.len() > CACHE_BYTES {
            cache.answers.clear();
            cache.bytes = 0;
            cache.generation = snapshot.generation;
        }
        cache.bytes += answer.body.len();
        cache.answers.insert(key, answer.clone());
        answer
    }

    /// A public listing by id.
    pub fn get(&self, listing_id: &str) -> Option<Arc<Indexed>> {
        let snapshot = self.snapshot();
        snapshot.positions.get(listing_id).map(|&at| snapshot.entries[at].clone())
    }

    /// How many public listings the index holds.
    pub fn len(&self) -> usize {
        self.snapshot().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A strong entity tag: the first 128 bits of the SHA-256 of the body.
pub fn etag(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn indexed(indexer: &mut Indexer, entry: CatalogueEntry) -> Result<Indexed, SearchError> {
    let slots = indexer.add(&entry)?;
    Ok(Indexed { fair: fair_key(&entry.listing_id), entry, slots })
}

async fn rebuild(store: &Store, generation: u64) -> Result<(Indexer, i64, Snapshot), SearchError> {
    let cursor = store.last_catalogue_change().await?;
    let loaded = store.catalogue_entries(None).await?;
    let mut indexer = Indexer::new()?;
    let mut entries = Vec::with_capacity(loaded.len());
    let mut positions = HashMap::with_capacity(loaded.len());
    for entry in loaded {
        let item = indexed(&mut indexer, entry)?;
        positions.insert(item.entry.listing_id.clone(), entries.len());
        entries.push(Arc::new(item));
    }
    let searcher = indexer.publish()?;
    let mut parser = QueryParser::for_index(&indexer.index, indexer.fields.text().map(|(f, _)| f).to_vec());
    parser.set_conjunction_by_default();
    for (field, boost) in indexer.fields.text() {
        parser.set_field_boost(field, boost);
    }
    let table = table::Table::build(&entries);
    let snapshot = Snapshot { generation, searcher, parser, table, entries, positions, views: Default::default() };
    Ok((indexer, cursor, snapshot))
}
