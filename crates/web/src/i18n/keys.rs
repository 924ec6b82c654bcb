//! The text keys of the programme's codes that pages show by name.

use cloudpa_domain::attestation::payment::FormalCheck;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::DeadlineKind;

/// The text key of an application's state.
pub(crate) fn state_key(state: CallApplicationState) -> &'static str {
    match state {
        CallApplicationState::Draft => "state-draft",
        CallApplicationState::Submitted => "state-submitted",
        CallApplicationState::NotAdmitted => "state-not_admitted",
        CallApplicationState::Financed => "state-financed",
        CallApplicationState::Contracted => "state-contracted",
        CallApplicationState::Completed => "state-completed",
        CallApplicationState::Attested => "state-attested",
        CallApplicationState::Paid => "state-paid",
        CallApplicationState::Withdrawn => "state-withdrawn",
        CallApplicationState::Revoked => "state-revoked",
    }
}

/// The text key of a formal check of a payment request.
pub(crate) fn formal_check_key(check: FormalCheck) -> &'static str {
    match check {
        FormalCheck::CreDocument => "payment-check-cre_document",
        FormalCheck::RequestDocument => "payment-check-request_document",
        FormalCheck::CreDate => "payment-check-cre_date",
        FormalCheck::AmountAsDecreed => "payment-check-amount_as_decreed",
        FormalCheck::CupGiven => "payment-check-cup_given",
        FormalCheck::PositiveAttestation => "payment-check-positive_attestation",
    }
}

/// The text key of a project's deadline.
pub(crate) fn deadline_key(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Cup => "deadline-cup",
        DeadlineKind::Contract => "deadline-contract",
        DeadlineKind::Completion => "deadline-completion",
    }
}
