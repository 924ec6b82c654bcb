//! The asseverazione of a migrated service (DOMAIN.md §4): the compliance
//! form, its automatic pre-checks, the admissible destinations and the
//! attestor's verification.

pub mod addresses;
pub mod contracts;
pub mod destinations;
pub mod form;
pub mod prechecks;
pub mod suppliers;

use crate::programme::application::CallApplicationState;
use serde::Serialize;

/// The forms of a project are filled while it migrates and until the
/// attestor takes them: from the activated contract to the completion
/// (DOMAIN.md §4, step 4 *completamento*: per-service status and form).
pub fn forms_open(state: CallApplicationState) -> bool {
    matches!(state, CallApplicationState::Contracted | CallApplicationState::Completed)
}

/// An application that holds funding for its services: financed by decree
/// and neither withdrawn nor revoked. A service in two of them is funded
/// twice, which the call forbids (DOMAIN.md §4, "no double funding").
pub fn holds_funding(state: CallApplicationState) -> bool {
    matches!(
        state,
        CallApplicationState::Financed
            | CallApplicationState::Contracted
            | CallApplicationState::Completed
            | CallApplicationState::Attested
            | CallApplicationState::Paid
    )
}

/// What is wrong with one field, in Italian (the interface's first
/// language) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub field: String,
    pub it: String,
    pub en: String,
}

impl Finding {
    pub fn new(field: &str, it: &str, en: &str) -> Finding {
        Finding { field: field.to_owned(), it: it.to_owned(), en: en.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_open_from_the_contract_to_the_completion() {
        for state in CallApplicationState::ALL {
            let open = matches!(state, CallApplicationState::Contracted | CallApplicationState::Completed);
            assert_eq!(forms_open(state), open, "{state:?}");
        }
    }

    #[test]
    fn funding_is_held_from_the_decree_until_withdrawal_or_revocation() {
        use CallApplicationState::*;
        for (state, holds) in [
            (Draft, false),
            (Submitted, false),
            (NotAdmitted, false),
            (Financed, true),
            (Contracted, true),
            (Completed, true),
            (Attested, true),
            (Paid, true),
            (Withdrawn, false),
            (Revoked, false),
        ] {
            assert_eq!(holds_funding(state), holds, "{state:?}");
        }
    }
}
