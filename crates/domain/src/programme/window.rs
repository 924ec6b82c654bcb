//! The windows (finestre temporali) of a call: applications are accepted only
//! while a window is open.
//!
//! Source: DOMAIN.md §4 — calls of Misura 1.2 open in successive windows
//! (30 days each in the Comuni calls); the open data numbers them
//! (`numero_finestra_temporale`, from 1). Both ends of a window are inclusive.

use crate::message::Message;
use chrono::NaiveDate;
use serde::Serialize;

/// Activities of Misura 1.2 are eligible from 1 February 2020 (DOMAIN.md §4,
/// Avviso 1.2 Comuni).
pub const ELIGIBILITY_START: NaiveDate = match NaiveDate::from_ymd_opt(2020, 2, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// One window, open from `opens_on` to `closes_on`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl Window {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.opens_on <= day && day <= self.closes_on
    }
}

/// The windows of a call, in order and without overlaps (checked by
/// [`CallWindows::new`]). Window numbers start at 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallWindows {
    windows: Vec<Window>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("{}", self.message())]
    Empty,
    #[error("{}", self.message())]
    ClosesBeforeOpening { number: usize, opens_on: NaiveDate, closes_on: NaiveDate },
    #[error("{}", self.message())]
    Overlap { number: usize, opens_on: NaiveDate, previous_closes_on: NaiveDate },
}

impl WindowError {
    pub fn message(&self) -> Message {
        match self {
            WindowError::Empty => Message::new("prog-window-empty"),
            WindowError::ClosesBeforeOpening { number, opens_on, closes_on } => {
                Message::new("prog-window-closes-before-opening")
                    .arg("number", *number)
                    .arg("closes_on", *closes_on)
                    .arg("opens_on", *opens_on)
            }
            WindowError::Overlap { number, opens_on, previous_closes_on } => Message::new("prog-window-overlap")
                .arg("number", *number)
                .arg("opens_on", *opens_on)
                .arg("previous", number - 1)
                .arg("previous_closes_on", *previous_closes_on),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmissionError {
    #[error("{}", self.message())]
    NotOpen { submitted_on: NaiveDate, opens_on: NaiveDate },
    #[error("{}", self.message())]
    Closed { submitted_on: NaiveDate, closed_on: NaiveDate },
}

impl SubmissionError {
    pub fn message(&self) -> Message {
        match self {
            SubmissionError::NotOpen { submitted_on, opens_on } => {
                Message::new("prog-submission-not-open").arg("submitted_on", *submitted_on).arg("opens_on", *opens_on)
            }
            SubmissionError::Closed { submitted_on, closed_on } => {
                Message::new("prog-submission-closed").arg("submitted_on", *submitted_on).arg("closed_on", *closed_on)
            }
        }
    }
}

impl CallWindows {
    pub fn new(windows: Vec<Window>) -> Result<Self, WindowError> {
        if windows.is_empty() {
            return Err(WindowError::Empty);
        }
        let mut previous: Option<NaiveDate> = None;
        for (i, w) in windows.iter().enumerate() {
            let number = i + 1;
            if w.closes_on < w.opens_on {
                return Err(WindowError::ClosesBeforeOpening { number, opens_on: w.opens_on, closes_on: w.closes_on });
            }
            if let Some(previous_closes_on) = previous.filter(|closed| w.opens_on <= *closed) {
                return Err(WindowError::Overlap { number, opens_on: w.opens_on, previous_closes_on });
            }
            previous = Some(w.closes_on);
        }
        Ok(CallWindows { windows })
    }

    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// The number (from 1) of the window open on `as_of`, if any.
    pub fn open_window(&self, as_of: NaiveDate) -> Option<usize> {
        self.windows.iter().position(|w| w.contains(as_of)).map(|i| i + 1)
    }

    /// An application may be submitted only inside a window; returns the
    /// window's number.
    pub fn check_submission(&self, submitted_on: NaiveDate) -> Result<usize, SubmissionError> {
        if let Some(number) = self.open_window(submitted_on) {
            return Ok(number);
        }
        match self.windows.iter().find(|w| w.opens_on > submitted_on) {
            Some(next) => Err(SubmissionError::NotOpen { submitted_on, opens_on: next.opens_on }),
            None => Err(SubmissionError::Closed {
                submitted_on,
                closed_on: self.windows.last().map_or(submitted_on, |w| w.closes_on),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn two_windows() -> CallWindows {
        CallWindows::new(vec![
            Window { opens_on: day("2022-04-04"), closes_on: day("2022-05-03") },
            Window { opens_on: day("2022-06-01"), closes_on: day("2022-06-30") },
        ])
        .unwrap()
    }

    #[test]
    fn eligibility_starts_on_1_february_2020() {
        assert_eq!(ELIGIBILITY_START, day("2020-02-01"));
    }

    #[test]
    fn both_edges_of_a_window_are_inside() {
        let w = two_windows();
        for (as_of, open) in [
            ("2022-04-03", None),
            ("2022-04-04", Some(1)),
            ("2022-05-03", Some(1)),
            ("2022-05-04", None),
            ("2022-05-31", None),
            ("2022-06-01", Some(2)),
            ("2022-06-30", Some(2)),
            ("2022-07-01", None),
        ] {
            assert_eq!(w.open_window(day(as_of)), open, "{as_of}");
        }
    }

    #[test]
    fn submission_outside_a_window_names_the_next_or_the_last() {
        let w = two_windows();
        assert_eq!(w.check_submission(day("2022-04-04")), Ok(1));
        assert_eq!(w.check_submission(day("2022-06-30")), Ok(2));
        assert_eq!(
            w.check_submission(day("2022-04-03")),
            Err(SubmissionError::NotOpen { submitted_on: day("2022-04-03"), opens_on: day("2022-04-04") })
        );
        assert_eq!(
            w.check_submission(day("2022-05-04")),
            Err(SubmissionError::NotOpen { submitted_on: day("2022-05-04"), opens_on: day("2022-06-01") })
        );
        assert_eq!(
            w.check_submission(day("2022-07-01")),
            Err(SubmissionError::Closed { submitted_on: day("2022-07-01"), closed_on: day("2022-06-30") })
        );
    }

    #[test]
    fn rejects_bad_window_lists() {
        let w = |o: &str, c: &str| Window { opens_on: day(o), closes_on: day(c) };
        assert_eq!(CallWindows::new(vec![]), Err(WindowError::Empty));
        assert!(CallWindows::new(vec![w("2022-04-04", "2022-04-04")]).is_ok());
        assert!(matches!(
            CallWindows::new(vec![w("2022-04-04", "2022-04-03")]),
            Err(WindowError::ClosesBeforeOpening { number: 1, .. })
        ));
        assert!(CallWindows::new(vec![w("2022-04-04", "2022-05-03"), w("2022-05-04", "2022-06-03")]).is_ok());
        let overlapping = CallWindows::new(vec![w("2022-04-04", "2022-05-03"), w("2022-05-03", "2022-06-03")]);
        assert_eq!(
            overlapping,
            Err(WindowError::Overlap { number: 2, opens_on: day("2022-05-03"), previous_closes_on: day("2022-05-03") })
        );
        assert_eq!(
            overlapping.unwrap_err().message(),
            Message::new("prog-window-overlap")
                .arg("number", 2usize)
                .arg("opens_on", day("2022-05-03"))
                .arg("previous", 1usize)
                .arg("previous_closes_on", day("2022-05-03"))
        );
    }
}
