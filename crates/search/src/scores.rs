//! Every match's text score with its tantivy slot, in no order: the walk
//! visits the matched listings only, and orders the page itself. (Collecting
//! the top N of all documents instead sorted every match of every query, a
//! sixth of an uncached search.)

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The (slot, score) of every match.
pub(crate) struct SlotScores;

pub(crate) struct SegmentScores {
    column: Option<Column<u64>>,
    found: Vec<(u64, Score)>,
}

impl Collector for SlotScores {
    type Fruit = Vec<(u64, Score)>;
    type Child = SegmentScores;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentScores> {
        Ok(SegmentScores { column: segment.fast_fields().u64("slot").ok(), found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u64, Score)>>) -> tantivy::Result<Vec<(u64, Score)>> {
        Ok(segments.concat())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(u64, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(slot) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.found.push((slot, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
