//! The asseverazione of a migrated service (DOMAIN.md §4): the compliance
//! form, its automatic pre-checks, the admissible destinations and the
//! attestor's verification.

pub mod addresses;
pub mod contracts;
pub mod destinations;
pub mod form;
pub mod live;
pub mod payment;
pub mod prechecks;
pub mod suppliers;
pub mod verification;

use crate::message::Message;
use crate::programme::application::CallApplicationState;

/// Whether the ente may change a form that is `submitted` (or a draft):
/// while the project runs (contracted, or sent back by a partially positive
/// outcome) any form; once completed, under verification, only drafts.
pub fn form_editable(state: CallApplicationState, submitted: bool) -> bool {
    match state {
        CallApplicationState::Contracted => true,
        CallApplicationState::Completed => !submitted,
        _ => false,
    }
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

/// What is wrong with one field: the field and the sentence that says why,
/// written in the reader's language where it is shown. Findings are worked
/// out again from the answers whenever they are read, never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub field: String,
    pub message: Message,
}

impl Finding {
    pub fn new(field: &str, message: Message) -> Finding {
        Finding { field: field.to_owned(), message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submitted_form_is_frozen_under_verification_only() {
        use CallApplicationState::*;
        for (state, submitted, editable) in [
            (Contracted, false, true),
            (Contracted, true, true),
            (Completed, false, true),
            (Completed, true, false),
            (Attested, false, false),
            (Financed, false, false),
        ] {
            assert_eq!(form_editable(state, submitted), editable, "{state:?} {submitted}");
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
