//! Every match's text score with the place of its listing in a day's view,
//! in no order, for the versions shown on that day only: the walk visits the
//! matched listings only, and orders the page itself. (Collecting the top N
//! of all documents instead sorted every match of every query, a sixth of an
//! uncached search; and a list of every match's slot, mapped afterwards,
//! took blocks large enough to be mapped and unmapped by each query.)

use crate::day::DayView;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The (place in the view, score) of every match shown on the view's days.
pub(crate) struct SlotScores(pub Arc<DayView>);

pub(crate) struct SegmentScores {
    column: Option<Column<u64>>,
    view: Arc<DayView>,
    found: Vec<(u32, Score)>,
}

impl Collector for SlotScores {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentScores;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentScores> {
        let column = segment.fast_fields().u64("slot").ok();
        Ok(SegmentScores { column, view: self.0.clone(), found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Vec<(u32, Score)>> {
        Ok(segments.concat())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(slot) = self.column.as_ref().and_then(|c| c.first(doc)) else { return };
        if let Some(&at) = self.view.slots.get(slot as usize).filter(|at| **at != u32::MAX) {
            self.found.push((at, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
