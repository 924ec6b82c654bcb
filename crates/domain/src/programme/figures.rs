//! What the programme's figures count: which applications are decreed,
//! paid, withdrawn and attested, and which enti have a population class.
//! The dashboards' SQL is built from these rules.
//!
//! Source: DOMAIN.md §4 — the open data's status of a candidatura is A
//! (assegnato), R (rinuncia) or E (erogato); the programme's "decreed" and
//! "paid" amounts (965.6 M€ and 744.6 M€ of 987 M€ at Aug 2026) are those
//! financed and not renounced, and those paid; a positive asseverazione leads
//! to the payment request, so a paid project was attested (the PNRR target
//! counts the enti with a positive asseverazione: `targets.rs`); the voucher's
//! class is by population for Comuni, while Scuole are paid per service. The
//! South reserve's quota is of the amounts decreed (`reserve.rs`).

use super::application::CallApplicationState;
use super::open_data::{EnteKind, FundingStatus};

/// Financed by decree and not renounced: A or E.
pub fn is_decreed(status: FundingStatus) -> bool {
    matches!(status, FundingStatus::Assigned | FundingStatus::Paid)
}

/// Paid: E.
pub fn is_paid(status: FundingStatus) -> bool {
    status == FundingStatus::Paid
}

/// Renounced after the decree: R.
pub fn is_withdrawn(status: FundingStatus) -> bool {
    status == FundingStatus::Withdrawn
}

/// With a positive asseverazione: attested, or paid after it.
pub fn is_attested(state: CallApplicationState) -> bool {
    matches!(state, CallApplicationState::Attested | CallApplicationState::Paid)
}

/// Whether an ente of this kind has a population class: the Comuni, whose
/// tariff goes by population.
pub fn has_population_class(kind: EnteKind) -> bool {
    kind == EnteKind::Comune
}

#[cfg(test)]
mod tests {
    use super::*;
    use CallApplicationState as S;
    use FundingStatus::{Assigned, Paid, Withdrawn};

    #[test]
    fn each_status_counts_as_decreed_paid_or_withdrawn() {
        let cases = [(Assigned, true, false, false), (Withdrawn, false, false, true), (Paid, true, true, false)];
        for (status, decreed, paid, withdrawn) in cases {
            assert_eq!((is_decreed(status), is_paid(status), is_withdrawn(status)), (decreed, paid, withdrawn));
        }
    }

    #[test]
    fn only_attested_and_paid_projects_count_as_attested() {
        for state in CallApplicationState::ALL {
            assert_eq!(is_attested(state), matches!(state, S::Attested | S::Paid), "{state}");
        }
        assert!(!is_attested(S::Completed), "completed, waiting for the asseverazione");
        assert!(!is_attested(S::Revoked), "a negative asseverazione revokes");
    }

    #[test]
    fn every_status_is_counted_once_among_decreed_and_withdrawn() {
        for status in FundingStatus::ALL {
            assert_ne!(is_decreed(status), is_withdrawn(status), "{status:?}");
            assert!(!is_paid(status) || is_decreed(status), "{status:?}: paid is decreed");
            assert_eq!(
                is_attested(status.state()),
                is_paid(status),
                "{status:?}: of the letters, only E proves an asseverazione"
            );
        }
    }

    #[test]
    fn only_comuni_have_a_population_class() {
        assert!(has_population_class(EnteKind::Comune));
        assert!(!has_population_class(EnteKind::Scuola) && !has_population_class(EnteKind::AltroEnte));
    }
}
