//! Which catalogue listings a migrated service may land on: the type the
//! migration names (A → IaaS, B → PaaS or SaaS), a level that admits the
//! service's data class, and a qualification in force on the contract date
//! (DOMAIN.md §2 and §4: the RUP verifies the qualification before signing,
//! and it must stay valid; Regolamento ACN Art. 17 c.4 for the levels).

use super::Finding;
use crate::message::Message;
use crate::programme::scenarios::Destination;
use crate::qualification::history::ListingStatus;
use crate::qualification::levels::{DataClass, Level};
use crate::qualification::requirements::ServiceKind;
use chrono::NaiveDate;
use serde::Serialize;

/// A listing as the finder weighs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: ServiceKind,
    pub level: Level,
    /// Its status on the contract date (none: not in the catalogue then).
    pub status_on_contract: Option<ListingStatus>,
    /// Its status on `as_of`.
    pub status_today: Option<ListingStatus>,
}

/// Why a listing is not a destination for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// Its type is not the one the migration names.
    WrongType { kind: ServiceKind, destination: Destination },
    /// Its level does not admit the service's data class.
    LevelTooLow { level: Level, data_class: DataClass },
    /// It was not qualified on the contract date.
    NotQualifiedOnContract { status: Option<ListingStatus>, on: NaiveDate },
    /// It is not qualified today (suspended, revoked or expired since).
    NotQualifiedToday { status: Option<ListingStatus> },
}

/// The type of service a destination is (A → IaaS, B → PaaS, B → SaaS).
pub fn kind_of(destination: Destination) -> ServiceKind {
    match destination {
        Destination::Iaas => ServiceKind::IaaS,
        Destination::Paas => ServiceKind::PaaS,
        Destination::Saas => ServiceKind::SaaS,
    }
}

/// Every reason `candidate` is not a destination for a service migrated to
/// `destination` with data of `data_class` under a contract signed on
/// `contract_on`; empty when it is one.
pub fn exclusions(
    candidate: &Candidate,
    destination: Destination,
    data_class: DataClass,
    contract_on: NaiveDate,
) -> Vec<Exclusion> {
    let qualified = |s: Option<ListingStatus>| s == Some(ListingStatus::Qualified);
    let mut found = Vec::new();
    if candidate.kind != kind_of(destination) {
        found.push(Exclusion::WrongType { kind: candidate.kind, destination });
    }
    if !candidate.level.admits(data_class) {
        found.push(Exclusion::LevelTooLow { level: candidate.level, data_class });
    }
    if !qualified(candidate.status_on_contract) {
        found.push(Exclusion::NotQualifiedOnContract { status: candidate.status_on_contract, on: contract_on });
    }
    if !qualified(candidate.status_today) {
        found.push(Exclusion::NotQualifiedToday { status: candidate.status_today });
    }
    found
}

/// The order in which the finder lists admissible destinations: the lowest
/// level that admits the data class first (what the service needs, no
/// more), then by name; the order of the excluded ones is the same after.
pub fn rank_key(level: Level, name: &str, admissible: bool) -> (bool, Level, &str) {
    (!admissible, level, name)
}

/// The name of a listing's status, as an exclusion says it.
fn status_message(status: Option<ListingStatus>) -> Message {
    Message::new(match status {
        None => "att-listing-absent",
        Some(ListingStatus::Qualified) => "att-listing-qualified",
        Some(ListingStatus::Suspended) => "att-listing-suspended",
        Some(ListingStatus::Revoked) => "att-listing-revoked",
        Some(ListingStatus::Expired) => "att-listing-expired",
    })
}

impl Exclusion {
    /// The exclusion as a finding on `field`, in words the translation
    /// files give in plain Italian and English.
    pub fn finding(&self, field: &str) -> Finding {
        let message = match *self {
            Exclusion::WrongType { kind, destination } => Message::new("att-exclusion-wrong-type")
                .arg("kind", kind.code())
                .arg("needed", kind_of(destination).code()),
            Exclusion::LevelTooLow { level, data_class } => Message::new("att-exclusion-level-too-low")
                .arg("level", level.code())
                .arg("class", data_class.code())
                .arg("minimum", data_class.minimum_level().code()),
            Exclusion::NotQualifiedOnContract { status, on } => Message::new("att-exclusion-not-qualified-on-contract")
                .arg("on", on)
                .arg("status", status_message(status)),
            Exclusion::NotQualifiedToday { status } => {
                Message::new("att-exclusion-not-qualified-today").arg("status", status_message(status))
            }
        };
        Finding::new(field, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn qualified_iaas(level: Level) -> Candidate {
        Candidate {
            kind: ServiceKind::IaaS,
            level,
            status_on_contract: Some(ListingStatus::Qualified),
            status_today: Some(ListingStatus::Qualified),
        }
    }

    #[test]
    fn a_qualified_listing_of_the_right_type_and_level_is_admissible() {
        let on = day("2025-03-01");
        assert_eq!(exclusions(&qualified_iaas(Level::QC1), Destination::Iaas, DataClass::Ordinari, on), vec![]);
    }

    #[test]
    fn the_type_follows_the_migration() {
        let on = day("2025-03-01");
        for (destination, admitted) in
            [(Destination::Iaas, true), (Destination::Paas, false), (Destination::Saas, false)]
        {
            let found = exclusions(&qualified_iaas(Level::QC2), destination, DataClass::Ordinari, on);
            assert_eq!(found.is_empty(), admitted, "{destination:?}");
        }
    }

    #[test]
    fn the_level_must_admit_the_data_class_on_both_sides_of_each_minimum() {
        let on = day("2025-03-01");
        for (level, class, admitted) in [
            (Level::QC1, DataClass::Ordinari, true),
            (Level::QC1, DataClass::Critici, false),
            (Level::QC2, DataClass::Critici, true),
            (Level::QC2, DataClass::Strategici, false),
            (Level::QC3, DataClass::Strategici, true),
        ] {
            let found = exclusions(&qualified_iaas(level), Destination::Iaas, class, on);
            assert_eq!(found.is_empty(), admitted, "{level:?} {class:?}");
        }
    }

    #[test]
    fn a_listing_suspended_after_the_contract_is_excluded_today_only() {
        let on = day("2025-03-01");
        let suspended = Candidate { status_today: Some(ListingStatus::Suspended), ..qualified_iaas(Level::QC2) };
        let found = exclusions(&suspended, Destination::Iaas, DataClass::Ordinari, on);
        assert_eq!(found, vec![Exclusion::NotQualifiedToday { status: Some(ListingStatus::Suspended) }]);
        let today =
            Message::new("att-exclusion-not-qualified-today").arg("status", Message::new("att-listing-suspended"));
        assert_eq!(found[0].finding("listing").message, today);
        let later = Candidate { status_on_contract: None, ..qualified_iaas(Level::QC2) };
        let found = exclusions(&later, Destination::Iaas, DataClass::Ordinari, on);
        assert_eq!(found, vec![Exclusion::NotQualifiedOnContract { status: None, on }]);
        let then = Message::new("att-exclusion-not-qualified-on-contract")
            .arg("on", on)
            .arg("status", Message::new("att-listing-absent"));
        assert_eq!(found[0].finding("listing").message, then);
    }

    #[test]
    fn admissible_destinations_come_first_lowest_sufficient_level_first() {
        let mut rows = [
            (qualified_iaas(Level::QC3), "Beta", true),
            (qualified_iaas(Level::QC1), "Gamma", false),
            (qualified_iaas(Level::QC2), "Alfa", true),
            (qualified_iaas(Level::QC2), "Delta", true),
        ];
        rows.sort_by(|a, b| rank_key(a.0.level, a.1, a.2).cmp(&rank_key(b.0.level, b.1, b.2)));
        assert_eq!(rows.map(|r| r.1), ["Alfa", "Delta", "Beta", "Gamma"]);
    }
}
