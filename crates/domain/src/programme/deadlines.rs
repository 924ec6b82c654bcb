//! The deadlines of a financed application, derived from its dates.
//!
//! Source: DOMAIN.md §4 — the supplier contract within N months of the
//! financing decree, completion within M months of contract activation, the
//! CUP within 5 days of admission. N and M are set by each call (and per
//! class: 6–9 and 15–18 months for Comuni; 9 and 18 months for ASL/AO Dec
//! 2022; 120 and 150 days, everything by 31 Mar 2026, for Province 2025), so
//! they are arguments. Terms in months end on the same day of the final month,
//! or on its last day when it has no such day (art. 2963 c.4 c.c.: 31 Jan + 1
//! month = 28/29 Feb).

use super::cup::cup_due_on;
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

/// Reminders are sent these many days before a due date (nearest first).
pub const REMINDER_DAYS: [u64; 3] = [1, 7, 30];

/// A term, in calendar months or calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Months(u32),
    Days(u64),
}

impl Period {
    /// The last day of a term starting on `start` (the start day not counted).
    pub fn ends_on(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Months(n) => start.checked_add_months(Months::new(n)),
            Period::Days(n) => start.checked_add_days(Days::new(n)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// The terms of a call (or of a class within it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineRules {
    /// From the financing decree to the signed supplier contract.
    pub contract: Period,
    /// From contract activation to completion of the migration.
    pub completion: Period,
    /// A date no deadline may pass, when the call sets one.
    pub final_by: Option<NaiveDate>,
}

/// The dates of an application that deadlines count from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDates {
    pub admitted_on: NaiveDate,
    pub decree_on: NaiveDate,
    /// Unknown until the contract is activated.
    pub contract_activated_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Cup,
    Contract,
    Completion,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 3] = [DeadlineKind::Cup, DeadlineKind::Contract, DeadlineKind::Completion];

    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Cup => "cup",
            DeadlineKind::Contract => "contract",
            DeadlineKind::Completion => "completion",
        }
    }

    pub fn parse(code: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due_on: NaiveDate,
}

impl Deadline {
    /// Overdue from the day after the due date; on the due date it is still on
    /// time. Meaningful only while the obligation is not yet met.
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        as_of > self.due_on
    }
}

/// The facts of a project that meet its deadlines, as far as recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fulfilment {
    pub cup_given_on: Option<NaiveDate>,
    pub contract_activated_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Its obligation is fulfilled.
    Met,
    /// Not yet fulfilled, and owed: the project runs.
    Open,
    /// Not fulfilled, and no longer owed: the project stopped first
    /// (withdrawn, revoked). It is neither met nor overdue.
    Closed,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::Met => "met",
            Standing::Open => "open",
            Standing::Closed => "closed",
        }
    }
}

impl Deadline {
    /// Met by its own fact (the CUP given, the contract activated, the
    /// migration completed: DOMAIN.md §4); otherwise owed only while the
    /// project `running` (financed, not yet over).
    pub fn standing(&self, done: &Fulfilment, running: bool) -> Standing {
        let met = match self.kind {
            DeadlineKind::Cup => done.cup_given_on,
            DeadlineKind::Contract => done.contract_activated_on,
            DeadlineKind::Completion => done.completed_on,
        };
        match (met, running) {
            (Some(_), _) => Standing::Met,
            (None, true) => Standing::Open,
            (None, false) => Standing::Closed,
        }
    }
}

/// The deadlines of an application, in order: CUP, contract and, once the
/// contract is activated, completion.
pub fn deadlines(rules: &DeadlineRules, dates: &ProjectDates) -> Vec<Deadline> {
    let cap = |due: NaiveDate| rules.final_by.map_or(due, |last| due.min(last));
    let mut list = vec![
        Deadline { kind: DeadlineKind::Cup, due_on: cap(cup_due_on(dates.admitted_on)) },
        Deadline { kind: DeadlineKind::Contract, due_on: cap(rules.contract.ends_on(dates.decree_on)) },
    ];
    if let Some(activated) = dates.contract_activated_on {
        list.push(Deadline { kind: DeadlineKind::Completion, due_on: cap(rules.completion.ends_on(activated)) });
    }
    list
}

/// The reminder of `due` that is owed on `as_of`: the latest of the 30, 7
/// and 1-day points already reached (by how many days before it is), or
/// `None` before the first point and after the due date. A sweep that missed
/// a day sends the latest reminder once, not every earlier one late.
pub fn reminder_due(due: NaiveDate, as_of: NaiveDate) -> Option<u64> {
    if as_of > due {
        return None;
    }
    REMINDER_DAYS.into_iter().find(|&n| due.checked_sub_days(Days::new(n)).is_some_and(|day| day <= as_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_end_on_the_last_day_when_the_month_is_shorter() {
        for (start, months, end) in [
            ("2023-01-31", 1, "2023-02-28"),
            ("2024-01-31", 1, "2024-02-29"),
            ("2024-01-30", 1, "2024-02-29"),
            ("2024-01-28", 1, "2024-02-28"),
            ("2022-08-31", 6, "2023-02-28"),
            ("2022-03-31", 6, "2022-09-30"),
            ("2022-12-15", 9, "2023-09-15"),
            ("2023-05-31", 18, "2024-11-30"),
        ] {
            assert_eq!(Period::Months(months).ends_on(day(start)), day(end), "{start} + {months} months");
        }
        assert_eq!(Period::Days(120).ends_on(day("2025-01-31")), day("2025-05-31"));
        assert_eq!(Period::Months(1).ends_on(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn lists_the_deadlines_known_so_far() {
        let rules = DeadlineRules { contract: Period::Months(6), completion: Period::Months(15), final_by: None };
        let mut dates =
            ProjectDates { admitted_on: day("2022-07-29"), decree_on: day("2022-07-29"), contract_activated_on: None };
        let cup = Deadline { kind: DeadlineKind::Cup, due_on: day("2022-08-03") };
        let contract = Deadline { kind: DeadlineKind::Contract, due_on: day("2023-01-29") };
        assert_eq!(deadlines(&rules, &dates), vec![cup, contract]);
        dates.contract_activated_on = Some(day("2022-11-30"));
        let completion = Deadline { kind: DeadlineKind::Completion, due_on: day("2024-02-29") };
        assert_eq!(deadlines(&rules, &dates), vec![cup, contract, completion]);
    }

    #[test]
    fn a_final_date_caps_every_deadline() {
        let rules = DeadlineRules {
            contract: Period::Days(120),
            completion: Period::Days(150),
            final_by: Some(day("2026-03-31")),
        };
        let dates = ProjectDates {
            admitted_on: day("2025-09-01"),
            decree_on: day("2025-09-01"),
            contract_activated_on: Some(day("2025-12-01")),
        };
        let due: Vec<_> = deadlines(&rules, &dates).iter().map(|d| d.due_on).collect();
        assert_eq!(due, vec![day("2025-09-06"), day("2025-12-30"), day("2026-03-31")]);
    }

    #[test]
    fn overdue_the_day_after_not_on_the_day() {
        let d = Deadline { kind: DeadlineKind::Contract, due_on: day("2023-01-29") };
        assert!(!d.overdue(day("2023-01-28")));
        assert!(!d.overdue(day("2023-01-29")));
        assert!(d.overdue(day("2023-01-30")));
    }

    #[test]
    fn the_latest_reminder_reached_is_owed_until_the_due_date() {
        let due = day("2024-03-01");
        for (as_of, owed) in [
            ("2024-01-30", None),
            ("2024-01-31", Some(30)),
            ("2024-02-22", Some(30)),
            ("2024-02-23", Some(7)),
            ("2024-02-28", Some(7)),
            ("2024-02-29", Some(1)),
            ("2024-03-01", Some(1)),
            ("2024-03-02", None),
        ] {
            assert_eq!(reminder_due(due, day(as_of)), owed, "{as_of}");
        }
    }

    #[test]
    fn a_deadline_is_met_by_its_own_fact_and_closed_when_the_project_stops() {
        let cup = Deadline { kind: DeadlineKind::Cup, due_on: day("2022-08-03") };
        let contract = Deadline { kind: DeadlineKind::Contract, due_on: day("2023-01-29") };
        let done = Fulfilment { cup_given_on: Some(day("2022-08-01")), ..Fulfilment::default() };
        assert_eq!(cup.standing(&done, true), Standing::Met);
        assert_eq!(contract.standing(&done, true), Standing::Open);
        assert_eq!(cup.standing(&done, false), Standing::Met, "a fact stays met after the project stops");
        assert_eq!(contract.standing(&done, false), Standing::Closed, "withdrawn: not met, and not owed");
    }
}
