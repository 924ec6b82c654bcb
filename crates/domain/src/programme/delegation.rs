//! Aggregators — Unioni di Comuni, in-house companies — act for several enti
//! through delegations the enti record.
//!
//! Source: DOMAIN.md §1 and §4 (the ente, its RUP/RTD, and the soggetti
//! realizzatori of the project steps); the PA digitale 2026 calls admit
//! applications by an aggregating body for its members. A delegation runs
//! from its first day until its last day (if any) or its revocation, both
//! days included.

use crate::message::Message;
use chrono::NaiveDate;
use serde::Serialize;

/// A recorded delegation, as far as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delegation {
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
}

impl Delegation {
    /// Whether the aggregator may act for the ente on `as_of`. A revocation
    /// takes effect on its day.
    pub fn active(&self, as_of: NaiveDate) -> bool {
        self.valid_from <= as_of
            && self.valid_until.is_none_or(|last| as_of <= last)
            && self.revoked_on.is_none_or(|revoked| as_of < revoked)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DelegationError {
    #[error("{}", self.message())]
    ToItself,
    #[error("{}", self.message())]
    NotPublicBody,
    #[error("{}", self.message())]
    EndsBeforeStart { from: NaiveDate, until: NaiveDate },
    #[error("{}", self.message())]
    AlreadyActive,
}

impl DelegationError {
    /// The field of the request at fault.
    pub fn field(&self) -> &'static str {
        match self {
            DelegationError::EndsBeforeStart { .. } => "valid_until",
            _ => "aggregator",
        }
    }

    pub fn message(&self) -> Message {
        match self {
            DelegationError::ToItself => Message::new("prog-delegation-to-itself"),
            DelegationError::NotPublicBody => Message::new("prog-delegation-not-public-body"),
            DelegationError::EndsBeforeStart { from, until } => {
                Message::new("prog-delegation-ends-before-start").arg("from", *from).arg("until", *until)
            }
            DelegationError::AlreadyActive => Message::new("prog-delegation-already-active"),
        }
    }
}

/// Checks a new delegation from `ente` to `aggregator`.
pub fn check_new(
    ente: &str,
    aggregator: &str,
    aggregator_is_public_body: bool,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    existing: &[Delegation],
) -> Result<(), DelegationError> {
    if ente == aggregator {
        return Err(DelegationError::ToItself);
    }
    if !aggregator_is_public_body {
        return Err(DelegationError::NotPublicBody);
    }
    if let Some(until) = valid_until.filter(|u| *u < valid_from) {
        return Err(DelegationError::EndsBeforeStart { from: valid_from, until });
    }
    let overlaps = |d: &Delegation| {
        d.revoked_on.is_none()
            && d.valid_until.is_none_or(|last| valid_from <= last)
            && valid_until.is_none_or(|until| d.valid_from <= until)
    };
    if existing.iter().any(overlaps) {
        return Err(DelegationError::AlreadyActive);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn delegation(from: &str, until: Option<&str>, revoked: Option<&str>) -> Delegation {
        Delegation { valid_from: day(from), valid_until: until.map(day), revoked_on: revoked.map(day) }
    }

    #[test]
    fn active_between_its_days_until_revoked() {
        let d = delegation("2026-01-01", Some("2026-12-31"), None);
        assert!(!d.active(day("2025-12-31")));
        assert!(d.active(day("2026-01-01")));
        assert!(d.active(day("2026-12-31")));
        assert!(!d.active(day("2027-01-01")));
        let revoked = delegation("2026-01-01", None, Some("2026-06-15"));
        assert!(revoked.active(day("2026-06-14")));
        assert!(!revoked.active(day("2026-06-15")));
        assert!(delegation("2026-01-01", None, None).active(day("2040-01-01")));
    }

    #[test]
    fn a_new_delegation_is_checked() {
        let from = day("2026-01-01");
        assert_eq!(check_new("a", "a", true, from, None, &[]), Err(DelegationError::ToItself));
        assert_eq!(check_new("a", "b", false, from, None, &[]), Err(DelegationError::NotPublicBody));
        assert!(matches!(
            check_new("a", "b", true, from, Some(day("2025-12-31")), &[]),
            Err(DelegationError::EndsBeforeStart { .. })
        ));
        assert_eq!(check_new("a", "b", true, from, Some(from), &[]), Ok(()));
        let running = [delegation("2025-01-01", None, None)];
        assert_eq!(check_new("a", "b", true, from, None, &running), Err(DelegationError::AlreadyActive));
        let ended =
            [delegation("2025-01-01", Some("2025-12-31"), None), delegation("2024-01-01", None, Some("2024-06-01"))];
        assert_eq!(check_new("a", "b", true, from, None, &ended), Ok(()));
    }
}
