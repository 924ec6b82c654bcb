//! Who may take which step of an application to a call, besides the moves of
//! its state machine ([`super::application::transition`]): what each side
//! sees, the CUP, deleting a draft, and the per-service steps of a running
//! project. The pages offer a step only when these say yes, and the use cases
//! refuse it with the same answer.
//!
//! Source: DOMAIN.md §4 (the application's life: a draft is the ente's own
//! until submitted; the CUP is given by the ente after the financing decree;
//! services migrate one by one once the contract is active; an A service may
//! be declared improved to B, "migrazione migliorativa").

use super::application::{CallApplicationState, Side};
use super::scenarios::{Destination, MigrationType};
use crate::message::Message;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("{}", self.message())]
    Cup { state: CallApplicationState },
    #[error("{}", self.message())]
    NotADraft,
    #[error("{}", self.message())]
    MigratedAlready { service: String },
}

impl StepError {
    pub fn message(&self) -> Message {
        match self {
            StepError::Cup { state } => Message::new("prog-step-cup").arg("state", state.message()),
            StepError::NotADraft => Message::new("prog-step-not-a-draft"),
            StepError::MigratedAlready { service } => {
                Message::new("prog-step-migrated-already").arg("service", service)
            }
        }
    }
}

/// Whether `side` sees an application in `state`: a draft is the ente's
/// own; the programme office sees an application from its submission.
pub fn sees(side: Side, state: CallApplicationState) -> bool {
    side == Side::Ente || state != CallApplicationState::Draft
}

/// The CUP is given by the ente (or its aggregator), once the project is
/// financed and before the contract.
pub fn check_cup(side: Side, state: CallApplicationState) -> Result<(), StepError> {
    if side == Side::Ente && state == CallApplicationState::Financed { Ok(()) } else { Err(StepError::Cup { state }) }
}

/// Only a draft is deleted; a submitted application is withdrawn instead,
/// and stays on record.
pub fn check_delete(state: CallApplicationState) -> Result<(), StepError> {
    if state == CallApplicationState::Draft { Ok(()) } else { Err(StepError::NotADraft) }
}

/// A service is marked migrated once; the date is then checked against the
/// project's facts by [`super::application::check_migrated_on`].
pub fn check_not_migrated(service: &str, migrated_on: Option<NaiveDate>) -> Result<(), StepError> {
    match migrated_on {
        None => Ok(()),
        Some(_) => Err(StepError::MigratedAlready { service: service.to_owned() }),
    }
}

/// Whether a service may be marked migrated now: while the contract is
/// active, and once.
pub fn may_mark_migrated(state: CallApplicationState, migrated_on: Option<NaiveDate>) -> bool {
    state == CallApplicationState::Contracted && migrated_on.is_none()
}

/// Whether a service declared `declared` may still be declared improved: an
/// A service (rehost to IaaS) of a running project, not improved yet. Which
/// B destination is admissible is [`super::frozen::check_improvement`]'s.
pub fn may_improve(state: CallApplicationState, declared: Destination, improved_to: Option<Destination>) -> bool {
    state.is_running() && declared.migration_type() == MigrationType::Rehost && improved_to.is_none()
}

#[cfg(test)]
mod tests {
    use super::CallApplicationState::*;
    use super::*;

    const ALL: [CallApplicationState; 10] = CallApplicationState::ALL;

    #[test]
    fn the_office_never_sees_a_draft() {
        for state in ALL {
            assert!(sees(Side::Ente, state));
            assert_eq!(sees(Side::Office, state), state != Draft, "{state}");
        }
    }

    #[test]
    fn the_cup_is_the_ente_s_once_financed() {
        assert_eq!(check_cup(Side::Ente, Financed), Ok(()));
        assert_eq!(check_cup(Side::Office, Financed), Err(StepError::Cup { state: Financed }));
        for state in ALL.into_iter().filter(|s| *s != Financed) {
            assert_eq!(check_cup(Side::Ente, state), Err(StepError::Cup { state }), "{state}");
        }
    }

    #[test]
    fn only_a_draft_is_deleted() {
        assert_eq!(check_delete(Draft), Ok(()));
        for state in ALL.into_iter().filter(|s| *s != Draft) {
            assert_eq!(check_delete(state), Err(StepError::NotADraft), "{state}");
        }
    }

    #[test]
    fn a_service_migrates_once_while_the_contract_runs() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert!(may_mark_migrated(Contracted, None));
        assert!(!may_mark_migrated(Contracted, day));
        for state in ALL.into_iter().filter(|s| *s != Contracted) {
            assert!(!may_mark_migrated(state, None), "{state}");
        }
        assert_eq!(check_not_migrated("Anagrafe", None), Ok(()));
        assert!(check_not_migrated("Anagrafe", day).is_err());
    }

    #[test]
    fn only_a_running_a_service_may_be_improved() {
        assert!(may_improve(Financed, Destination::Iaas, None));
        assert!(may_improve(Contracted, Destination::Iaas, None));
        assert!(!may_improve(Contracted, Destination::Iaas, Some(Destination::Saas)), "improved once");
        assert!(!may_improve(Contracted, Destination::Paas, None), "a B service is B already");
        for state in [Draft, Submitted, Completed, Attested, Paid, Withdrawn, Revoked] {
            assert!(!may_improve(state, Destination::Iaas, None), "{state}");
        }
    }
}
