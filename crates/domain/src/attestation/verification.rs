//! The attestor's verification of a project (DOMAIN.md §4): a verdict per
//! item — each section of each service's compliance form, and the project's
//! administrative and technical checks before the asseverazione — then the
//! outcome: *positivo* (→ the payment request), *parzialmente positivo*
//! (back to the ente to fix), *negativo* (→ revocation). After payment, a
//! drawn sample of projects answers a control within 20 working days.

use crate::calendar::add_working_days;
use crate::message::Message;
use crate::programme::application::AttestationOutcome;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The attestor's verdict on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    /// The ente must send documents first (with a request).
    RequestDocuments,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Pass, Verdict::Fail, Verdict::RequestDocuments];

    pub fn code(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::RequestDocuments => "request_documents",
        }
    }

    pub fn parse(code: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// The project's checks before the asseverazione, with the supplier
/// (DOMAIN.md §4): administrative, then technical. Position 0 in records;
/// each is named by the text `att-project-check-<id>`.
pub const PROJECT_CHECKS: [&str; 9] = [
    "contract",
    "availability",
    "single_funding",
    "dnsh",
    "fully_available",
    "configured",
    "fully_migrated",
    "csp_report",
    "origin_decommissioned",
];

/// Why an outcome cannot be recorded yet, or not this one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    #[error("{}", self.message())]
    FormsMissing(usize),
    #[error("{}", self.message())]
    VerdictsMissing(usize),
    #[error("{}", self.message())]
    DocumentsRequested(usize),
    #[error("{}", self.message())]
    FailuresInPositive(usize),
    #[error("{}", self.message())]
    NothingFailed,
    #[error("{}", self.message())]
    MotivationMissing,
}

impl OutcomeError {
    pub fn message(&self) -> Message {
        match *self {
            OutcomeError::FormsMissing(n) => Message::new("att-outcome-forms-missing").arg("count", n),
            OutcomeError::VerdictsMissing(n) => Message::new("att-outcome-verdicts-missing").arg("count", n),
            OutcomeError::DocumentsRequested(n) => Message::new("att-outcome-documents-requested").arg("count", n),
            OutcomeError::FailuresInPositive(n) => Message::new("att-outcome-failures-in-positive").arg("count", n),
            OutcomeError::NothingFailed => Message::new("att-outcome-nothing-failed"),
            OutcomeError::MotivationMissing => Message::new("att-outcome-motivation-missing"),
        }
    }
}

/// Where a project's verification stands: its items and their verdicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Services without a submitted form.
    pub forms_missing: usize,
    /// Items of the checklist (project checks and each service's sections).
    pub items: usize,
    pub passed: usize,
    pub failed: usize,
    pub requested: usize,
}

impl Tally {
    /// Counts the verdicts given to `items` items.
    pub fn of(items: usize, forms_missing: usize, verdicts: impl IntoIterator<Item = Verdict>) -> Tally {
        let mut tally = Tally { items, forms_missing, ..Tally::default() };
        for v in verdicts {
            match v {
                Verdict::Pass => tally.passed += 1,
                Verdict::Fail => tally.failed += 1,
                Verdict::RequestDocuments => tally.requested += 1,
            }
        }
        tally
    }
}

/// Whether `outcome` may close the verification: every service's form
/// submitted, every item decided (none waiting for documents), a positive
/// outcome only when nothing failed, the others only with a failure and a
/// motivation.
pub fn check_outcome(outcome: AttestationOutcome, tally: &Tally, motivation: &str) -> Result<(), OutcomeError> {
    if tally.forms_missing > 0 {
        return Err(OutcomeError::FormsMissing(tally.forms_missing));
    }
    let decided = tally.passed + tally.failed + tally.requested;
    if decided < tally.items {
        return Err(OutcomeError::VerdictsMissing(tally.items - decided));
    }
    if tally.requested > 0 {
        return Err(OutcomeError::DocumentsRequested(tally.requested));
    }
    match outcome {
        AttestationOutcome::Positive if tally.failed > 0 => Err(OutcomeError::FailuresInPositive(tally.failed)),
        AttestationOutcome::Positive => Ok(()),
        _ if tally.failed == 0 => Err(OutcomeError::NothingFailed),
        _ if motivation.trim().is_empty() => Err(OutcomeError::MotivationMissing),
        _ => Ok(()),
    }
}

/// The working days a project has to answer a sample control (DOMAIN.md
/// §4: "sample controls answered within 20 working days").
pub const SAMPLE_CONTROL_WORKING_DAYS: u32 = 20;

/// The last day to answer a sample control drawn on `drawn_on`.
pub fn sample_control_due(drawn_on: NaiveDate) -> NaiveDate {
    add_working_days(drawn_on, SAMPLE_CONTROL_WORKING_DAYS)
}

/// An unanswered control is overdue from the day after its due date.
pub fn sample_control_overdue(due_on: NaiveDate, answered: bool, as_of: NaiveDate) -> bool {
    !answered && as_of > due_on
}

/// How many of `paid` projects a sample of `percent` % draws: rounded up,
/// so a small programme still has one control.
pub fn sample_size(paid: usize, percent: u8) -> usize {
    (paid * usize::from(percent)).div_ceil(100).min(paid)
}

/// The `n` projects of `paid` a draw with `seed` picks: each id ranked by a
/// hash of the seed and the id (FNV-1a), so the draw is reproducible by
/// anyone with the seed and the list, and no order of the list favours a
/// project.
pub fn draw_sample<'a>(paid: &[&'a str], n: usize, seed: u64) -> Vec<&'a str> {
    let rank = |id: &str| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.to_be_bytes().iter().chain(id.as_bytes()) {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut ranked: Vec<(u64, &str)> = paid.iter().map(|id| (rank(id), *id)).collect();
    ranked.sort_unstable();
    ranked.into_iter().take(n).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests;
