//! The regime a qualification was granted under. Three texts have governed
//! the qualification of cloud services for the public administration
//! (DOMAIN.md §2; acn.gov.it, "La qualificazione dei Servizi Cloud"):
//!
//! - **AgID 2018**: Circolari AgID n. 2 and n. 3 of 9 April 2018, until ACN
//!   took the qualification over on 19 January 2023 (DD ACN n. 29 of
//!   2 January 2023);
//! - **ACN transitional**: DD ACN n. 29/2023, extended by DD 20610/2023 and
//!   DD 2927/2024, until the ordinary regime;
//! - **ACN 2024**: the Regolamento, DD ACN n. 21007 of 27 June 2024, in force
//!   from 1 August 2024.
//!
//! A qualification decided on the platform carries the regime of the
//! requirement set it was reviewed against; one known only from a
//! catalogue's history (imported) takes the regime in force on the day it
//! was granted. A suspension, a reinstatement, a revocation or an expiry
//! stays under the regime of the grant it belongs to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Regime {
    #[serde(rename = "AgID-2018")]
    Agid2018,
    #[serde(rename = "ACN-transitional")]
    AcnTransitional,
    #[serde(rename = "ACN-2024")]
    Acn2024,
}

/// ACN's first day as the qualifying authority (DD ACN n. 29/2023, art. 1).
pub const ACN_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2023, 1, 19) {
    Some(day) => day,
    None => panic!("a valid date"),
};

/// The first day of the Regolamento's ordinary regime (DD ACN n. 21007/24).
pub const ORDINARY_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2024, 8, 1) {
    Some(day) => day,
    None => panic!("a valid date"),
};

impl Regime {
    pub const ALL: [Regime; 3] = [Regime::Agid2018, Regime::AcnTransitional, Regime::Acn2024];

    /// The code, as requirement sets write it (`regime = "ACN-2024"`).
    pub fn code(self) -> &'static str {
        match self {
            Regime::Agid2018 => "AgID-2018",
            Regime::AcnTransitional => "ACN-transitional",
            Regime::Acn2024 => "ACN-2024",
        }
    }

    pub fn parse(code: &str) -> Option<Regime> {
        Regime::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The regime in force on `day`, for a grant known only by its date.
    pub fn in_force_on(day: NaiveDate) -> Regime {
        if day < ACN_FROM {
            Regime::Agid2018
        } else if day < ORDINARY_FROM {
            Regime::AcnTransitional
        } else {
            Regime::Acn2024
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_day_has_the_regime_then_in_force() {
        assert_eq!(Regime::in_force_on(day("2019-04-01")), Regime::Agid2018);
        assert_eq!(Regime::in_force_on(day("2023-01-18")), Regime::Agid2018);
        assert_eq!(Regime::in_force_on(day("2023-01-19")), Regime::AcnTransitional);
        assert_eq!(Regime::in_force_on(day("2024-07-31")), Regime::AcnTransitional);
        assert_eq!(Regime::in_force_on(day("2024-08-01")), Regime::Acn2024);
    }

    #[test]
    fn codes_are_those_of_the_requirement_sets() {
        for regime in Regime::ALL {
            assert_eq!(Regime::parse(regime.code()), Some(regime));
        }
        for file in [
            include_str!("../../../../data/requirements/acn-2024-qc.toml"),
            include_str!("../../../../data/requirements/agid-2018-csp.toml"),
        ] {
            let set = crate::qualification::requirements::RequirementSet::parse(file).unwrap();
            assert!(Regime::parse(&set.regime).is_some(), "{}", set.regime);
        }
    }
}
