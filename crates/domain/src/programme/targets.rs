//! The PNRR targets of Misura 1.2 and the progress towards them.
//!
//! Source: DOMAIN.md §4 — the goal is the migration of the local PAs' services
//! to qualified cloud by 2026; the target's value and date are data
//! (`data/pnrr_target_1_2.csv`, marked unconfirmed where no primary source
//! was read). A local PA counts as migrated once an asseverazione of its
//! project is positive (DOMAIN.md §4: a positive outcome leads to payment, so
//! a paid project counts too).

use chrono::NaiveDate;
use serde::Serialize;

/// A target: how many enti must be migrated by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub code: String,
    pub description: String,
    pub value: u64,
    pub due_on: NaiveDate,
    pub source: String,
    /// Whether the value was read in a primary source.
    pub confirmed: bool,
}

/// How far `achieved` is towards a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub achieved: u64,
    pub target: u64,
    /// Tenths of a percent, rounded down, at most 1000.
    pub permille: u64,
    pub reached: bool,
    /// Days from `as_of` to the due date (negative once past).
    pub days_left: i64,
}

/// The progress of `achieved` migrated enti towards `target` on `as_of`.
pub fn progress(target: &Target, achieved: u64, as_of: NaiveDate) -> Progress {
    let permille = achieved.saturating_mul(1000).checked_div(target.value).map_or(1000, |p| p.min(1000));
    Progress {
        achieved,
        target: target.value,
        permille,
        reached: achieved >= target.value,
        days_left: (target.due_on - as_of).num_days(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            code: "1.2-finale".into(),
            description: "PA locali migrate".into(),
            value: 12_464,
            due_on: "2026-06-30".parse().unwrap(),
            source: "PNRR".into(),
            confirmed: false,
        }
    }

    #[test]
    fn progress_in_tenths_of_a_percent() {
        let as_of = "2026-06-01".parse().unwrap();
        let p = progress(&target(), 6_232, as_of);
        assert_eq!((p.permille, p.reached, p.days_left), (500, false, 29));
        assert!(!progress(&target(), 12_463, as_of).reached);
        let done = progress(&target(), 12_464, as_of);
        assert_eq!((done.permille, done.reached), (1000, true));
        assert_eq!(progress(&target(), 20_000, as_of).permille, 1000, "capped at 100%");
        assert_eq!(progress(&target(), 0, "2026-07-01".parse().unwrap()).days_left, -1);
    }
}
