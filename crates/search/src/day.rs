//! The catalogue as it was on one day: each public listing's facet cells,
//! in the fair order, and where each tantivy slot shown then sits among
//! them. A query walks this dense array instead of each listing's history;
//! a text query reaches its matches by slot in one look-up. (Profiling the
//! long tail put three quarters of a text query in cache misses on the
//! histories, reached in tantivy's order.)
//!
//! A view serves every day on which no listing's history turns a page
//! ([`DayView::days`]), so the views of a snapshot are few: today's, and
//! those of the past dates users ask for.

use crate::table::Table;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A listing as shown on the view's days.
pub(crate) struct Shown {
    pub fair: u64,
    pub entry: u32,
    pub cells: [u32; crate::table::FACETS],
}

pub(crate) struct DayView {
    /// The days (from the common era) on which every listing shows what it
    /// shows on the day the view was built for.
    pub days: Range<i32>,
    /// The public listings of those days, in the fair order.
    pub shown: Vec<Shown>,
    /// For each tantivy slot, its listing's place in `shown` when that slot
    /// is the version shown (`u32::MAX` otherwise).
    pub slots: Vec<u32>,
    /// The counts of every cell over all of `shown`: a search without words
    /// or filters needs no walk.
    pub counts: Vec<usize>,
}

/// Views kept per snapshot; the least recently used goes first.
const VIEWS: usize = 8;

impl DayView {
    pub fn build(table: &Table, day: i32) -> DayView {
        let (mut from, mut to) = (i32::MIN, i32::MAX);
        let mut shown = Vec::with_capacity(table.rows.len());
        let mut slots = Vec::new();
        let mut counts = vec![0; table.cells[crate::table::FACETS - 1].end as usize];
        for row in &table.rows {
            for step in table.steps(row) {
                for bound in [step.from, step.to] {
                    if bound <= day {
                        from = from.max(bound);
                    } else {
                        to = to.min(bound);
                    }
                }
            }
            let Some(step) = table.at(row, day) else { continue };
            if step.slot != u64::MAX {
                let slot = step.slot as usize;
                if slots.len() <= slot {
                    slots.resize(slot + 1, u32::MAX);
                }
                slots[slot] = shown.len() as u32;
            }
            for cell in step.cells {
                counts[cell as usize] += 1;
            }
            shown.push(Shown { fair: row.fair, entry: row.entry, cells: step.cells });
        }
        DayView { days: from..to, shown, slots, counts }
    }
}

/// The views of one snapshot, built on first use.
#[derive(Default)]
pub(crate) struct Views(Mutex<Vec<Arc<DayView>>>);

impl Views {
    /// The view that serves `day`.
    pub fn on(&self, table: &Table, day: i32) -> Arc<DayView> {
        {
            let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = views.iter().position(|v| v.days.contains(&day)) {
                let view = views.remove(at);
                views.insert(0, view.clone());
                return view;
            }
        }
        let view = Arc::new(DayView::build(table, day));
        let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        views.insert(0, view.clone());
        views.truncate(VIEWS);
        view
    }
}
