//! A project's steps as its page shows them: what is done and when, what
//! comes next and by when, what follows; or where it stopped.
//!
//! Source: DOMAIN.md §4 (the life of an application: submitted in a window,
//! financed by decree, the CUP within 5 days, the supplier contract, the
//! migration of every service, the asseverazione, the payment; or not
//! admitted, withdrawn, revoked) and §4's deadlines by population class for
//! the contract and the completion.

use super::application::CallApplicationState;
use super::deadlines::DeadlineKind;
use chrono::NaiveDate;

/// A step of a project, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Submitted,
    Financed,
    Cup,
    Contract,
    Completion,
    Attestation,
    Payment,
}

impl Milestone {
    pub const ALL: [Milestone; 7] = [
        Milestone::Submitted,
        Milestone::Financed,
        Milestone::Cup,
        Milestone::Contract,
        Milestone::Completion,
        Milestone::Attestation,
        Milestone::Payment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Milestone::Submitted => "submitted",
            Milestone::Financed => "financed",
            Milestone::Cup => "cup",
            Milestone::Contract => "contract",
            Milestone::Completion => "completion",
            Milestone::Attestation => "attestation",
            Milestone::Payment => "payment",
        }
    }

    /// The deadline this step must meet, if any.
    pub fn deadline(self) -> Option<DeadlineKind> {
        match self {
            Milestone::Cup => Some(DeadlineKind::Cup),
            Milestone::Contract => Some(DeadlineKind::Contract),
            Milestone::Completion => Some(DeadlineKind::Completion),
            _ => None,
        }
    }

    /// Whether a project in `state` is past this step.
    fn passed_in(self, state: CallApplicationState) -> bool {
        use CallApplicationState as S;
        let rank = |s: S| match s {
            S::Draft => 0,
            S::Submitted | S::NotAdmitted => 1,
            S::Financed | S::Withdrawn => 2,
            S::Contracted => 4,
            S::Completed | S::Revoked => 5,
            S::Attested => 6,
            S::Paid => 7,
        };
        let needed = match self {
            Milestone::Submitted => 1,
            Milestone::Financed => 2,
            Milestone::Cup | Milestone::Contract => 4,
            Milestone::Completion => 5,
            Milestone::Attestation => 6,
            Milestone::Payment => 7,
        };
        rank(state) >= needed
    }
}

/// The day each step was done, as the project records it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    pub submitted: Option<NaiveDate>,
    pub financed: Option<NaiveDate>,
    pub cup: Option<NaiveDate>,
    pub contract: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
    pub attested: Option<NaiveDate>,
    pub paid: Option<NaiveDate>,
}

impl Dates {
    fn of(&self, m: Milestone) -> Option<NaiveDate> {
        match m {
            Milestone::Submitted => self.submitted,
            Milestone::Financed => self.financed,
            Milestone::Cup => self.cup,
            Milestone::Contract => self.contract,
            Milestone::Completion => self.completed,
            Milestone::Attestation => self.attested,
            Milestone::Payment => self.paid,
        }
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Done, on the day recorded (none for a step the record does not date).
    Done(Option<NaiveDate>),
    /// The next step, due by the day given when a deadline applies.
    Next(Option<NaiveDate>),
    /// After the next one.
    Later,
    /// Not reached: the project stopped before it (not admitted, withdrawn,
    /// revoked).
    Stopped,
}

/// The steps of a project in `state` with its `dates`; `due` gives each
/// deadline's day.
pub fn steps(
    state: CallApplicationState,
    dates: &Dates,
    due: impl Fn(DeadlineKind) -> Option<NaiveDate>,
) -> Vec<(Milestone, Mark)> {
    use CallApplicationState as S;
    let stopped = matches!(state, S::NotAdmitted | S::Withdrawn | S::Revoked);
    let mut next_given = false;
    Milestone::ALL
        .into_iter()
        .map(|m| {
            let done = dates.of(m).is_some() || m.passed_in(state);
            let mark = match (done, stopped, next_given) {
                (true, _, false) => Mark::Done(dates.of(m)),
                (_, true, _) => Mark::Stopped,
                (_, false, false) => {
                    next_given = true;
                    Mark::Next(m.deadline().and_then(&due))
                }
                (_, false, true) => Mark::Later,
            };
            (m, mark)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn due(kind: DeadlineKind) -> Option<NaiveDate> {
        Some(match kind {
            DeadlineKind::Cup => day("2022-08-13"),
            DeadlineKind::Contract => day("2023-02-08"),
            DeadlineKind::Completion => day("2023-11-08"),
        })
    }

    fn marks(state: CallApplicationState, dates: &Dates) -> Vec<Mark> {
        steps(state, dates, due).into_iter().map(|(_, mark)| mark).collect()
    }

    #[test]
    fn a_financed_project_shows_what_is_done_and_the_cup_due_next() {
        let dates = Dates { submitted: Some(day("2022-05-04")), financed: Some(day("2022-08-08")), ..Dates::default() };
        let all = marks(CallApplicationState::Financed, &dates);
        assert_eq!(all[..2], [Mark::Done(Some(day("2022-05-04"))), Mark::Done(Some(day("2022-08-08")))]);
        assert_eq!(all[2], Mark::Next(Some(day("2022-08-13"))), "the CUP within 5 days");
        assert!(all[3..].iter().all(|m| *m == Mark::Later));
    }

    #[test]
    fn once_the_cup_is_given_the_contract_is_due_next() {
        let dates = Dates {
            submitted: Some(day("2022-05-04")),
            financed: Some(day("2022-08-08")),
            cup: Some(day("2022-08-10")),
            ..Dates::default()
        };
        let all = marks(CallApplicationState::Financed, &dates);
        assert_eq!((all[2], all[3]), (Mark::Done(Some(day("2022-08-10"))), Mark::Next(Some(day("2023-02-08")))));
    }

    #[test]
    fn a_paid_project_is_done_throughout_even_where_undated() {
        let dates = Dates { paid: Some(day("2024-03-01")), ..Dates::default() };
        let all = marks(CallApplicationState::Paid, &dates);
        assert!(all[..6].iter().all(|m| *m == Mark::Done(None)));
        assert_eq!(all[6], Mark::Done(Some(day("2024-03-01"))));
    }

    #[test]
    fn a_withdrawn_project_stops_where_it_was() {
        let dates = Dates { submitted: Some(day("2022-05-04")), financed: Some(day("2022-08-08")), ..Dates::default() };
        let all = marks(CallApplicationState::Withdrawn, &dates);
        assert!(matches!(all[1], Mark::Done(_)));
        assert!(all[2..].iter().all(|m| *m == Mark::Stopped));
        assert_eq!(marks(CallApplicationState::NotAdmitted, &Dates::default())[1], Mark::Stopped);
    }

    #[test]
    fn a_draft_is_to_be_submitted_next() {
        let all = marks(CallApplicationState::Draft, &Dates::default());
        assert_eq!(all[0], Mark::Next(None));
        assert!(all[1..].iter().all(|m| *m == Mark::Later));
    }
}
