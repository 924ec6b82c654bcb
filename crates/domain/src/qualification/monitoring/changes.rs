//! Changes to a qualified service that its provider notifies to the agency,
//! and the agency's triage of each: substantive (the qualification must be
//! reviewed again) or not.
//!
//! Source: Regolamento ACN (DD 21007/24), art. 16 c. 7 as quoted by a
//! secondary source (docs/regolamento-notes.md §4, §6): "modifiche
//! sostanziali" must be notified. The text read gives neither the notice
//! period nor which changes count, so the period is an argument (`None`
//! while it is open) and the triage is the agency's, with its motivation.

use crate::message::Message;
use chrono::NaiveDate;
use serde::Serialize;

/// What a notified change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The infrastructure or data centres it runs on.
    Infrastructure,
    /// Where the data are kept.
    Location,
    /// A subcontractor taken on or replaced.
    Subcontractor,
    /// Security measures or the organisation that runs them.
    SecurityMeasures,
    /// A certificate lapsed, withdrawn or replaced.
    Certification,
    Other,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Infrastructure,
        ChangeKind::Location,
        ChangeKind::Subcontractor,
        ChangeKind::SecurityMeasures,
        ChangeKind::Certification,
        ChangeKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Infrastructure => "infrastructure",
            ChangeKind::Location => "location",
            ChangeKind::Subcontractor => "subcontractor",
            ChangeKind::SecurityMeasures => "security_measures",
            ChangeKind::Certification => "certification",
            ChangeKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The agency's reading of a notified change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeTriage {
    /// The qualification must be reviewed again (a new application).
    Substantive,
    NotSubstantive,
}

impl ChangeTriage {
    pub fn code(self) -> &'static str {
        match self {
            ChangeTriage::Substantive => "substantive",
            ChangeTriage::NotSubstantive => "not_substantive",
        }
    }

    pub fn parse(code: &str) -> Option<ChangeTriage> {
        [ChangeTriage::Substantive, ChangeTriage::NotSubstantive].into_iter().find(|t| t.code() == code)
    }
}

/// How much notice a change was given: days from its notice to the day it
/// takes effect (negative when notified after it took effect).
pub fn notice_days(notified_on: NaiveDate, effective_on: NaiveDate) -> i64 {
    (effective_on - notified_on).num_days()
}

/// Whether a notice came late: after the change took effect, or with less
/// than `period` days when a period is known (`None`: the text read sets
/// none, so only a notice after the fact is late).
pub fn late(notified_on: NaiveDate, effective_on: NaiveDate, period: Option<u32>) -> bool {
    let days = notice_days(notified_on, effective_on);
    days < 0 || period.is_some_and(|p| days < i64::from(p))
}

/// Checks a notice: a summary said, and a day of effect no earlier than a
/// year before its notice (an older change is a finding for a check, not a
/// notice).
pub fn check_notice(summary: &str, notified_on: NaiveDate, effective_on: NaiveDate) -> Vec<(&'static str, Message)> {
    let mut problems = Vec::new();
    if summary.trim().is_empty() {
        problems.push(("summary", Message::new("qual-not-empty")));
    }
    if notice_days(notified_on, effective_on) < -366 {
        problems.push(("effective_on", Message::new("mon-change-too-old").arg("notified_on", notified_on)));
    }
    problems
}

/// A triage is written once, by the agency, with its motivation.
pub fn check_triage(already: Option<ChangeTriage>, motivation: &str) -> Result<(), (&'static str, Message)> {
    if already.is_some() {
        return Err(("triage", Message::new("mon-change-triaged")));
    }
    if motivation.trim().is_empty() {
        return Err(("motivation", Message::new("qual-not-empty")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn notice_is_counted_in_days_and_late_after_the_fact_or_short_of_a_known_period() {
        assert_eq!(notice_days(day("2026-03-01"), day("2026-03-31")), 30);
        assert!(!late(day("2026-03-01"), day("2026-03-31"), None));
        assert!(late(day("2026-03-02"), day("2026-03-01"), None), "after the fact");
        assert!(late(day("2026-03-01"), day("2026-03-31"), Some(60)));
        assert!(!late(day("2026-03-01"), day("2026-03-31"), Some(30)));
    }

    #[test]
    fn a_notice_needs_a_summary_and_a_recent_day_of_effect() {
        assert!(check_notice("New data centre in Milan", day("2026-03-01"), day("2026-04-01")).is_empty());
        let problems = check_notice(" ", day("2026-03-01"), day("2024-01-01"));
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["summary", "effective_on"]);
    }

    #[test]
    fn a_change_is_triaged_once_with_a_motivation() {
        assert!(check_triage(None, "Same data centre, new rack").is_ok());
        assert_eq!(check_triage(None, "").unwrap_err().0, "motivation");
        assert_eq!(check_triage(Some(ChangeTriage::Substantive), "again").unwrap_err().0, "triage");
        for code in ["substantive", "not_substantive"] {
            assert_eq!(ChangeTriage::parse(code).unwrap().code(), code);
        }
        assert!(ChangeKind::ALL.iter().all(|k| ChangeKind::parse(k.code()) == Some(*k)));
    }
}
