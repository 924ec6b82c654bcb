//! The settings of a call the programme office edits: its windows
//! (*finestre temporali*) and, per population class, the deadlines of a
//! financed project — contract within N months of the financing decree,
//! completion within M months of the contract's activation.
//!
//! Source: DOMAIN.md §4 — calls have 30-day windows; deadlines are set by
//! each call (seed: contract within 6–9 months, completion within 15–18
//! months, per class; day counts unconfirmed). The defaults below are the
//! lower bounds of the seed, to be confirmed per call. Each call also sets
//! the first day of eligible activities (1 Feb 2020 for Misura 1.2): a
//! contract activated earlier is not financed. (The conditional scenario
//! IaaS qualificato → SaaS keeps the date FAQ 003 names: see `scenarios`.)

use super::window::{CallWindows, ELIGIBILITY_START, Window};
use crate::message::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Deadlines for a range of population classes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassDeadlines {
    pub from_class: u8,
    pub to_class: u8,
    pub contract_months: u32,
    pub completion_months: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSettings {
    pub windows: Vec<WindowDates>,
    pub deadlines: Vec<ClassDeadlines>,
    /// The first day of eligible activities.
    #[serde(default = "eligibility_start")]
    pub eligibility_start: NaiveDate,
}

fn eligibility_start() -> NaiveDate {
    ELIGIBILITY_START
}

/// A window as written: both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowDates {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

/// A setting that breaks a rule: the field (`windows[1].closes_on`) and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct SettingsError {
    pub field: String,
    pub rule: Message,
}

/// The longest term a call may set, in months (a guard against typos).
const MAX_MONTHS: u32 = 60;

/// The settings before the programme office edits them: one window, the
/// call's dates; contract in 6 months and completion in 15 for every class.
pub fn defaults(opens_on: Option<NaiveDate>, closes_on: Option<NaiveDate>, classes: u8) -> CallSettings {
    CallSettings {
        windows: window_of(opens_on, closes_on).into_iter().collect(),
        deadlines: vec![ClassDeadlines { from_class: 1, to_class: classes, contract_months: 6, completion_months: 15 }],
        eligibility_start: ELIGIBILITY_START,
    }
}

/// The window a call's own dates make: none when the open data gave a date
/// that cannot be read, or dates in the wrong order (a data-quality finding
/// of the call) — the office sets the windows then, and no application is
/// taken until it does.
fn window_of(opens_on: Option<NaiveDate>, closes_on: Option<NaiveDate>) -> Option<WindowDates> {
    let (opens_on, closes_on) = (opens_on?, closes_on?);
    (opens_on <= closes_on).then_some(WindowDates { opens_on, closes_on })
}

impl CallSettings {
    /// Checks the windows (in order, not overlapping) and that the deadline
    /// ranges cover classes 1..=`classes` once each with terms of 1–60 months.
    pub fn check(&self, classes: u8) -> Result<CallWindows, SettingsError> {
        let refuse = |field: String, rule: Message| Err(SettingsError { field, rule });
        let windows: Vec<Window> =
            self.windows.iter().map(|w| Window { opens_on: w.opens_on, closes_on: w.closes_on }).collect();
        let checked = CallWindows::new(windows).map_err(|e| {
            use super::window::WindowError;
            let field = match &e {
                WindowError::Empty => "windows".to_owned(),
                WindowError::ClosesBeforeOpening { number, .. } => format!("windows[{}].closes_on", number - 1),
                WindowError::Overlap { number, .. } => format!("windows[{}].opens_on", number - 1),
            };
            SettingsError { field, rule: e.message() }
        })?;
        let mut covered = vec![0u8; usize::from(classes) + 1];
        for (i, d) in self.deadlines.iter().enumerate() {
            if d.from_class < 1 || d.from_class > d.to_class || d.to_class > classes {
                return refuse(
                    format!("deadlines[{i}].to_class"),
                    Message::new("prog-settings-class-range").arg("classes", u32::from(classes)),
                );
            }
            for (field, months) in [("contract_months", d.contract_months), ("completion_months", d.completion_months)]
            {
                if !(1..=MAX_MONTHS).contains(&months) {
                    let rule = Message::new("prog-settings-months").arg("max", MAX_MONTHS);
                    return refuse(format!("deadlines[{i}].{field}"), rule);
                }
            }
            for class in d.from_class..=d.to_class {
                covered[usize::from(class)] += 1;
            }
        }
        if let Some(class) = (1..=classes).find(|&c| covered[usize::from(c)] != 1) {
            let rule = Message::new("prog-settings-class-covered").arg("class", u32::from(class));
            return refuse("deadlines".into(), rule);
        }
        if self.windows.first().is_some_and(|w| self.eligibility_start > w.opens_on) {
            return refuse("eligibility_start".into(), Message::new("prog-settings-eligibility-start"));
        }
        Ok(checked)
    }

    /// Whether an ente may still open an application: until the last
    /// window closes (its last day included).
    pub fn open_for_applications(&self, as_of: NaiveDate) -> bool {
        self.windows.iter().any(|w| as_of <= w.closes_on)
    }

    /// The terms for a class (after [`CallSettings::check`]).
    pub fn deadlines_for(&self, class: u8) -> Option<&ClassDeadlines> {
        self.deadlines.iter().find(|d| (d.from_class..=d.to_class).contains(&class))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn two_ranges() -> CallSettings {
        CallSettings {
            windows: vec![
                WindowDates { opens_on: day("2025-07-01"), closes_on: day("2025-07-30") },
                WindowDates { opens_on: day("2025-08-01"), closes_on: day("2025-08-30") },
            ],
            deadlines: vec![
                ClassDeadlines { from_class: 1, to_class: 3, contract_months: 6, completion_months: 15 },
                ClassDeadlines { from_class: 4, to_class: 7, contract_months: 9, completion_months: 18 },
            ],
            eligibility_start: ELIGIBILITY_START,
        }
    }

    #[test]
    fn defaults_and_two_ranges_pass() {
        assert!(defaults(Some(day("2025-07-01")), Some(day("2025-07-30")), 7).check(7).is_ok());
        let settings = two_ranges();
        assert_eq!(settings.check(7).unwrap().windows().len(), 2);
        assert_eq!(settings.deadlines_for(5).map(|d| d.contract_months), Some(9));
        assert_eq!(settings.deadlines_for(3).map(|d| d.completion_months), Some(15));
    }

    #[test]
    fn a_call_without_readable_dates_has_no_window_until_the_office_sets_one() {
        for (opens, closes) in [(None, Some(day("2025-07-30"))), (Some(day("2025-07-30")), Some(day("2025-07-01")))] {
            let settings = defaults(opens, closes, 7);
            assert_eq!(settings.windows, []);
            assert!(!settings.open_for_applications(day("2025-07-15")));
            assert_eq!(settings.check(7).unwrap_err().field, "windows");
        }
    }

    #[test]
    fn each_broken_setting_is_named() {
        let mut overlap = two_ranges();
        overlap.windows[1].opens_on = day("2025-07-30");
        assert_eq!(overlap.check(7).unwrap_err().field, "windows[1].opens_on");
        let mut reversed = two_ranges();
        reversed.windows[0].closes_on = day("2025-06-30");
        assert_eq!(reversed.check(7).unwrap_err().field, "windows[0].closes_on");
        let mut gap = two_ranges();
        gap.deadlines[1].from_class = 5;
        assert_eq!(gap.check(7).unwrap_err().rule, Message::new("prog-settings-class-covered").arg("class", 4u32));
        let mut twice = two_ranges();
        twice.deadlines[1].from_class = 3;
        assert_eq!(twice.check(7).unwrap_err().rule, Message::new("prog-settings-class-covered").arg("class", 3u32));
        let mut long = two_ranges();
        long.deadlines[0].completion_months = 61;
        assert_eq!(long.check(7).unwrap_err().field, "deadlines[0].completion_months");
        let mut beyond = two_ranges();
        beyond.deadlines[1].to_class = 8;
        assert_eq!(beyond.check(7).unwrap_err().field, "deadlines[1].to_class");
        assert_eq!(CallSettings { windows: vec![], ..two_ranges() }.check(7).unwrap_err().field, "windows");
        let late = CallSettings { eligibility_start: day("2025-07-02"), ..two_ranges() };
        assert_eq!(late.check(7).unwrap_err().field, "eligibility_start");
        assert!(CallSettings { eligibility_start: day("2025-07-01"), ..two_ranges() }.check(7).is_ok());
    }

    #[test]
    fn applications_open_until_the_last_window_closes() {
        let settings = two_ranges();
        assert!(settings.open_for_applications(day("2025-06-01")), "a draft may be prepared before the window");
        assert!(settings.open_for_applications(day("2025-08-30")));
        assert!(!settings.open_for_applications(day("2025-08-31")));
    }

    #[test]
    fn settings_saved_before_eligibility_was_a_setting_read_with_the_default() {
        let old = r#"{"windows":[{"opens_on":"2025-07-01","closes_on":"2025-07-30"}],
            "deadlines":[{"from_class":1,"to_class":7,"contract_months":6,"completion_months":15}]}"#;
        let settings: CallSettings = serde_json::from_str(old).unwrap();
        assert_eq!(settings.eligibility_start, ELIGIBILITY_START);
    }
}
