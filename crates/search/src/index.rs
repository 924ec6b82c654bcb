//! The tantivy side: one in-memory index with a document per (listing,
//! version) the catalogue has shown, its text analysed in Italian. Facets,
//! dates and statuses are not in the index: they are read from the entries
//! held in memory, where `as_of` is a lookup in each listing's history.

use crate::analyzer::{ITALIAN, italian};
use cloudpa_store::catalogue::entries::CatalogueEntry;
use tantivy::schema::{FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Memory the writer may buffer before flushing a segment: tantivy's minimum,
/// ample for a catalogue (10,000 listings index in one segment).
const WRITER_HEAP_BYTES: usize = 15_000_000;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub listing: Field,
    pub slot: Field,
    pub name: Field,
    pub provider: Field,
    pub category: Field,
    pub description: Field,
}

impl Fields {
    pub fn text(&self) -> [(Field, f32); 4] {
        [(self.name, 3.0), (self.provider, 2.0), (self.category, 1.5), (self.description, 1.0)]
    }
}

/// The index, its only writer and its reader.
pub(crate) struct Indexer {
    pub index: Index,
    pub writer: IndexWriter,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The next slot number: each indexed document gets a new one.
    pub next_slot: u64,
}

impl Indexer {
    pub fn new() -> tantivy::Result<Indexer> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ITALIAN)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            listing: schema.add_text_field("listing", STRING),
            slot: schema.add_u64_field("slot", FAST),
            name: schema.add_text_field("name", text.clone()),
            provider: schema.add_text_field("provider", text.clone()),
            category: schema.add_text_field("category", text.clone()),
            description: schema.add_text_field("description", text),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ITALIAN, italian());
        let writer = index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Indexer { index, writer, reader, fields, next_slot: 0 })
    }

    /// Adds a document for each version of `entry` the catalogue has shown;
    /// returns (slot, version) for each.
    pub fn add(&mut self, entry: &CatalogueEntry) -> tantivy::Result<Vec<(u64, i64)>> {
        let mut slots = Vec::new();
        let versions = entry.shown_versions();
        for shown in &entry.versions {
            let version = &shown.version;
            if !versions.contains(version) {
                continue;
            }
            let slot = self.next_slot;
            self.next_slot += 1;
            let f = self.fields;
            let mut doc = TantivyDocument::default();
            doc.add_text(f.listing, &entry.listing_id);
            doc.add_u64(f.slot, slot);
            doc.add_text(f.name, &shown.details.name);
            doc.add_text(f.provider, &entry.provider.name);
            doc.add_text(f.category, &shown.details.category);
            doc.add_text(f.description, &shown.details.description);
            self.writer.add_document(doc)?;
            slots.push((slot, *version));
        }
        Ok(slots)
    }

    pub fn remove(&mut self, listing_id: &str) {
        self.writer.delete_term(Term::from_field_text(self.fields.listing, listing_id));
    }

    /// Makes the changes visible to a new searcher.
    pub fn publish(&mut self) -> tantivy::Result<tantivy::Searcher> {
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(self.reader.searcher())
    }
}
