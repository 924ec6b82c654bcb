//! A supplier contract of a project (step 3, *caricamento contratti*:
//! DOMAIN.md §4): recorded from the financing decree until the completion,
//! signed within the eligible period and not in the future, with an object
//! and an amount. A contract signed before the decree is inconsistent with
//! the project's dates unless an *atto ricognitivo* explains it.

use crate::message::Message;
use crate::money::Cents;
use crate::programme::application::CallApplicationState;
use chrono::NaiveDate;

/// What the ente declares of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractTerms<'a> {
    pub signed_on: NaiveDate,
    pub object: &'a str,
    pub amount: Cents,
    /// An atto ricognitivo is attached.
    pub recognition: bool,
}

/// Contracts are recorded once the project is financed and until it is
/// completed.
pub fn contracts_open(state: CallApplicationState) -> bool {
    matches!(state, CallApplicationState::Financed | CallApplicationState::Contracted | CallApplicationState::Completed)
}

/// Every field of `terms` that breaks a rule, with the rule.
pub fn check_contract(
    state: CallApplicationState,
    terms: &ContractTerms<'_>,
    eligible_from: NaiveDate,
    financed_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<(&'static str, Message)> {
    let mut errors = Vec::new();
    if !contracts_open(state) {
        errors.push(("state", Message::new("att-contract-closed").arg("state", state.code())));
    }
    if terms.signed_on < eligible_from {
        errors.push(("signed_on", Message::new("att-contract-before-eligible").arg("from", eligible_from)));
    } else if terms.signed_on > as_of {
        errors.push(("signed_on", Message::new("att-contract-in-future")));
    } else if financed_on.is_some_and(|decree| terms.signed_on < decree) && !terms.recognition {
        errors.push(("recognition", Message::new("att-contract-recognition-missing")));
    }
    if terms.object.trim().is_empty() {
        errors.push(("object", Message::new("att-not-empty")));
    }
    if terms.amount.0 <= 0 {
        errors.push(("amount_cents", Message::new("att-amount-positive")));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fields(state: CallApplicationState, signed_on: &str, recognition: bool) -> Vec<&'static str> {
        let terms = ContractTerms { signed_on: day(signed_on), object: "Migrazione", amount: Cents(100), recognition };
        check_contract(state, &terms, day("2020-02-01"), Some(day("2025-03-01")), day("2026-06-30"))
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_contract_is_dated_inside_the_project() {
        use CallApplicationState::*;
        assert!(fields(Financed, "2025-03-01", false).is_empty(), "on the decree's day");
        assert_eq!(fields(Financed, "2025-02-28", false), ["recognition"], "the day before the decree");
        assert!(fields(Financed, "2025-02-28", true).is_empty(), "explained by an atto ricognitivo");
        assert_eq!(fields(Financed, "2020-01-31", true), ["signed_on"]);
        assert!(fields(Contracted, "2020-02-01", true).is_empty());
        assert!(fields(Completed, "2026-06-30", false).is_empty());
        assert_eq!(fields(Completed, "2026-07-01", false), ["signed_on"]);
        assert_eq!(fields(Submitted, "2025-03-01", false), ["state"]);
        assert_eq!(fields(Attested, "2025-03-01", false), ["state"]);
    }

    #[test]
    fn a_contract_has_an_object_and_an_amount() {
        let terms = ContractTerms { signed_on: day("2025-03-01"), object: " ", amount: Cents(0), recognition: false };
        let errors = check_contract(CallApplicationState::Financed, &terms, day("2020-02-01"), None, day("2026-06-30"));
        assert_eq!(errors.into_iter().map(|(f, _)| f).collect::<Vec<_>>(), ["object", "amount_cents"]);
    }
}
