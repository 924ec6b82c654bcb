//! The public status of a listing as dated intervals, so that "was X
//! qualified on date D?" is a lookup, not a reconstruction.
//!
//! Intervals are half-open, `[from, to)`: a listing suspended on 1 March is
//! suspended on 1 March and qualified on 28 February. Source: DOMAIN.md §2 —
//! the RUP must verify qualification before signing and for the contract's
//! life.

use super::regime::Regime;
use crate::message::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The public status of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    Qualified,
    Suspended,
    Revoked,
    Expired,
}

impl ListingStatus {
    pub const ALL: [ListingStatus; 4] =
        [ListingStatus::Qualified, ListingStatus::Suspended, ListingStatus::Revoked, ListingStatus::Expired];

    pub fn code(self) -> &'static str {
        match self {
            ListingStatus::Qualified => "qualified",
            ListingStatus::Suspended => "suspended",
            ListingStatus::Revoked => "revoked",
            ListingStatus::Expired => "expired",
        }
    }

    pub fn parse(code: &str) -> Option<ListingStatus> {
        ListingStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Revocation ends a listing: no status follows it. An expired listing
    /// can be qualified again by a renewal.
    pub fn is_final(self) -> bool {
        self == ListingStatus::Revoked
    }
}

/// One interval of a listing's history, with the decision behind it (none for
/// an expiry, which no one decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub status: ListingStatus,
    pub from: NaiveDate,
    /// Exclusive end; `None` while the status lasts.
    pub to: Option<NaiveDate>,
    pub decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum HistoryError {
    BeforeCurrent { on: NaiveDate, current: NaiveDate },
    Ended(ListingStatus),
}

impl HistoryError {
    pub fn message(&self) -> Message {
        match self {
            HistoryError::BeforeCurrent { on, current } => {
                Message::new("qual-history-before-current").arg("on", *on).arg("current", *current)
            }
            HistoryError::Ended(status) => Message::new("qual-history-ended").arg("status", format!("{status:?}")),
        }
    }
}

/// A listing's history, oldest interval first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    intervals: Vec<Interval>,
}

impl History {
    /// Rebuilds a history from stored intervals, checking they chain.
    pub fn from_intervals(intervals: Vec<Interval>) -> Result<History, HistoryError> {
        let mut history = History::default();
        for i in intervals {
            history.open(i.status, i.from, i.decision)?;
        }
        Ok(history)
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    pub fn current(&self) -> Option<&Interval> {
        self.intervals.last()
    }

    /// Ends the current interval on `on` and starts `status` from `on`.
    pub fn open(&mut self, status: ListingStatus, on: NaiveDate, decision: Option<String>) -> Result<(), HistoryError> {
        if let Some(current) = self.intervals.last_mut() {
            if current.status.is_final() {
                return Err(HistoryError::Ended(current.status));
            }
            if on < current.from {
                return Err(HistoryError::BeforeCurrent { on, current: current.from });
            }
            current.to = Some(on);
        }
        self.intervals.push(Interval { status, from: on, to: None, decision });
        Ok(())
    }

    /// The status on `date`, or `None` when the listing was not yet listed.
    pub fn status_at(&self, date: NaiveDate) -> Option<ListingStatus> {
        self.interval_at(date).map(|i| i.status)
    }

    /// The interval that holds `date`.
    pub fn interval_at(&self, date: NaiveDate) -> Option<&Interval> {
        self.index_at(date).map(|k| &self.intervals[k])
    }

    /// The place in [`History::intervals`] of the interval that holds `date`.
    pub fn index_at(&self, date: NaiveDate) -> Option<usize> {
        self.intervals.iter().rposition(|i| i.from <= date && i.to.is_none_or(|to| date < to))
    }

    /// The date the qualification in force on `date` expires: 36 months from
    /// the start of its run (a first qualification, a renewal or a re-review;
    /// a reinstatement after a suspension does not restart the term —
    /// Regolamento ACN 21007/24). `None` when the listing is not qualified or
    /// suspended on `date`.
    pub fn valid_until(&self, date: NaiveDate) -> Option<NaiveDate> {
        let held = self.index_at(date)?;
        if !matches!(self.intervals[held].status, ListingStatus::Qualified | ListingStatus::Suspended) {
            return None;
        }
        let start = self.grant_of(held)?;
        Some(super::lifecycle::expires_on(self.intervals[start].from))
    }

    /// The interval that granted the qualification interval `k` belongs to:
    /// a qualification not following a suspension (a first one, a renewal
    /// or a re-review).
    fn grant_of(&self, k: usize) -> Option<usize> {
        (0..=k.min(self.intervals.len().checked_sub(1)?)).rev().find(|&j| {
            self.intervals[j].status == ListingStatus::Qualified
                && (j == 0 || self.intervals[j - 1].status != ListingStatus::Suspended)
        })
    }

    /// The regime of each interval ([`super::regime`]): that of the grant
    /// it belongs to — the regime `decided` gives for the grant's decision
    /// (the requirement set it was reviewed against), or else the one in
    /// force on the day of the grant. An interval before any grant (an
    /// imported history that opens suspended) takes the regime of its own
    /// first day.
    pub fn regimes(&self, decided: impl Fn(&str) -> Option<Regime>) -> Vec<Regime> {
        (0..self.intervals.len())
            .map(|k| {
                let grant = &self.intervals[self.grant_of(k).unwrap_or(k)];
                grant.decision.as_deref().and_then(&decided).unwrap_or_else(|| Regime::in_force_on(grant.from))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ListingStatus::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_reinstatement_does_not_restart_the_term() {
        let h = suspended_once();
        assert_eq!(h.valid_until(day("2026-05-01")), Some(day("2029-01-15")));
        assert_eq!(h.valid_until(day("2026-03-10")), Some(day("2029-01-15")));
        assert_eq!(h.valid_until(day("2026-01-14")), None);
        let mut renewed = h.clone();
        renewed.open(Qualified, day("2028-12-01"), Some("d4".into())).unwrap();
        assert_eq!(renewed.valid_until(day("2029-02-01")), Some(day("2031-12-01")));
        let mut revoked = h;
        revoked.open(Revoked, day("2027-01-01"), Some("d5".into())).unwrap();
        assert_eq!(revoked.valid_until(day("2027-06-01")), None);
    }

    #[test]
    fn each_interval_has_the_regime_of_its_grant() {
        let mut h = History::default();
        h.open(Qualified, day("2022-06-01"), None).unwrap();
        h.open(Suspended, day("2024-09-01"), None).unwrap();
        h.open(Qualified, day("2024-10-01"), None).unwrap();
        h.open(Expired, day("2025-06-01"), None).unwrap();
        h.open(Qualified, day("2025-07-01"), Some("renewal".into())).unwrap();
        h.open(Suspended, day("2026-01-01"), Some("s".into())).unwrap();
        let decided = |id: &str| (id == "renewal").then_some(Regime::Agid2018);
        use Regime::*;
        assert_eq!(h.regimes(decided), [Agid2018, Agid2018, Agid2018, Agid2018, Agid2018, Agid2018]);
        let by_date = h.regimes(|_| None);
        assert_eq!(by_date, [Agid2018, Agid2018, Agid2018, Agid2018, Acn2024, Acn2024]);
        let mut opens_suspended = History::default();
        opens_suspended.open(Suspended, day("2023-03-01"), None).unwrap();
        assert_eq!(opens_suspended.regimes(|_| None), [AcnTransitional]);
    }

    fn suspended_once() -> History {
        let mut h = History::default();
        h.open(Qualified, day("2026-01-15"), Some("d1".into())).unwrap();
        h.open(Suspended, day("2026-03-01"), Some("d2".into())).unwrap();
        h.open(Qualified, day("2026-04-10"), Some("d3".into())).unwrap();
        h
    }

    #[test]
    fn status_before_during_and_after_each_interval() {
        let h = suspended_once();
        assert_eq!(h.status_at(day("2026-01-14")), None);
        assert_eq!(h.status_at(day("2026-01-15")), Some(Qualified));
        assert_eq!(h.status_at(day("2026-02-28")), Some(Qualified));
        assert_eq!(h.status_at(day("2026-03-01")), Some(Suspended));
        assert_eq!(h.status_at(day("2026-04-09")), Some(Suspended));
        assert_eq!(h.status_at(day("2026-04-10")), Some(Qualified));
        assert_eq!(h.status_at(day("2030-01-01")), Some(Qualified));
        assert_eq!(h.interval_at(day("2026-03-05")).unwrap().decision.as_deref(), Some("d2"));
    }

    #[test]
    fn a_same_day_change_leaves_an_empty_interval() {
        let mut h = History::default();
        h.open(Qualified, day("2026-01-15"), None).unwrap();
        h.open(Suspended, day("2026-01-15"), None).unwrap();
        assert_eq!(h.status_at(day("2026-01-15")), Some(Suspended));
    }

    #[test]
    fn history_cannot_go_back_or_continue_after_the_end() {
        let mut h = suspended_once();
        assert_eq!(
            h.open(Revoked, day("2026-04-01"), None),
            Err(HistoryError::BeforeCurrent { on: day("2026-04-01"), current: day("2026-04-10") })
        );
        h.open(Expired, day("2026-05-01"), None).unwrap();
        h.open(Qualified, day("2026-05-20"), None).expect("a renewal qualifies an expired listing again");
        h.open(Revoked, day("2026-06-01"), None).unwrap();
        assert_eq!(h.open(Qualified, day("2026-07-01"), None), Err(HistoryError::Ended(Revoked)));
        let rebuilt = History::from_intervals(h.intervals().to_vec()).unwrap();
        assert_eq!(rebuilt, h);
    }
}
