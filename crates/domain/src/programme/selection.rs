//! The services a municipality selects in its application.
//!
//! Source: DOMAIN.md §4 — the Comune picks services from the call's list,
//! between the minimum and maximum of its population class, and declares per
//! service the migration type and destination; §2 — only services classified
//! by the ente (ACN data class) may be migrated with Misura 1.2 funds; each
//! choice must be an admissible scenario from its origin.

use super::scenarios::{Destination, MigrationType, Origin, ScenarioError, ScenarioTable, admissible};
use super::tariff::TariffClass;
use crate::message::Message;
use crate::qualification::levels::DataClass;
use chrono::NaiveDate;
use std::collections::HashSet;

/// One selected service, as declared by the ente.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceChoice {
    /// The service's name in the call's list (e.g. `TRIBUTI MINORI`).
    pub service: String,
    pub data_class: Option<DataClass>,
    pub origin: Option<Origin>,
    pub destination: Destination,
    /// The date of the earlier move to the origin, for conditional scenarios.
    pub earlier_move: Option<NaiveDate>,
}

/// How many services a valid selection migrates with each type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectionCounts {
    pub rehost: u32,
    pub upgrade: u32,
}

impl SelectionCounts {
    /// How many services going to `destinations` are A (rehost) and how
    /// many B (upgrade): what the voucher is computed from.
    pub fn of(destinations: impl IntoIterator<Item = Destination>) -> SelectionCounts {
        let mut counts = SelectionCounts { rehost: 0, upgrade: 0 };
        for destination in destinations {
            match destination.migration_type() {
                MigrationType::Rehost => counts.rehost += 1,
                MigrationType::Upgrade => counts.upgrade += 1,
            }
        }
        counts
    }
}

/// The positions (from 0) of `keys` that repeat an earlier key: a service of
/// the call's list, or of the ente's inventory, is chosen once in an
/// application (DOMAIN.md §4: the voucher pays per service migrated).
pub fn repeats<K: PartialEq>(keys: &[K]) -> Vec<usize> {
    (0..keys.len()).filter(|&i| keys[..i].contains(&keys[i])).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("{}", self.message())]
    ServiceCount { class: u8, count: usize, min: u32, max: u32 },
    #[error("{}", self.message())]
    Unnamed { position: usize },
    #[error("{}", self.message())]
    Duplicate { service: String },
    #[error("{}", self.message())]
    Unclassified { service: String },
    #[error("{}", self.message())]
    NoOrigin { service: String },
    #[error("{}", self.message())]
    Scenario { service: String, source: ScenarioError },
}

impl SelectionError {
    pub fn message(&self) -> Message {
        match self {
            SelectionError::ServiceCount { class, count, min, max } => Message::new("prog-selection-count")
                .arg("class", u32::from(*class))
                .arg("min", *min)
                .arg("max", *max)
                .arg("count", *count),
            SelectionError::Unnamed { position } => Message::new("prog-selection-unnamed").arg("position", *position),
            SelectionError::Duplicate { service } => Message::new("prog-selection-duplicate").arg("service", service),
            SelectionError::Unclassified { service } => {
                Message::new("prog-selection-unclassified").arg("service", service)
            }
            SelectionError::NoOrigin { service } => Message::new("prog-selection-no-origin").arg("service", service),
            SelectionError::Scenario { service, source } => {
                Message::new("prog-selection-scenario").arg("service", service).arg("rule", source.message())
            }
        }
    }
}

/// Checks a whole selection against the class of the ente and the scenario
/// table, and returns every problem found (in the order of the services), or
/// the number of services per migration type.
pub fn check_selection(
    class: &TariffClass,
    table: &ScenarioTable,
    services: &[ServiceChoice],
) -> Result<SelectionCounts, Vec<SelectionError>> {
    let mut errors = Vec::new();
    let count = services.len();
    let (min, max) = (class.services_min, class.services_max);
    if !(min as usize..=max as usize).contains(&count) {
        errors.push(SelectionError::ServiceCount { class: class.class, count, min, max });
    }
    let mut seen = HashSet::new();
    for (i, choice) in services.iter().enumerate() {
        let name = choice.service.trim();
        let label = if name.is_empty() { format!("no. {}", i + 1) } else { name.to_owned() };
        if name.is_empty() {
            errors.push(SelectionError::Unnamed { position: i + 1 });
        } else if !seen.insert(name.to_lowercase()) {
            errors.push(SelectionError::Duplicate { service: label.clone() });
        }
        if let Err(e) = check_service(table, label, choice) {
            errors.push(e);
        }
    }
    let counts = SelectionCounts::of(services.iter().map(|c| c.destination));
    if errors.is_empty() { Ok(counts) } else { Err(errors) }
}

/// The rules of one service that do not depend on the others: classified,
/// with an origin, an admissible scenario from it.
pub fn check_choice(table: &ScenarioTable, choice: &ServiceChoice) -> Result<(), SelectionError> {
    check_service(table, choice.service.trim().to_owned(), choice)
}

fn check_service(table: &ScenarioTable, service: String, choice: &ServiceChoice) -> Result<(), SelectionError> {
    if choice.data_class.is_none() {
        return Err(SelectionError::Unclassified { service });
    }
    let Some(origin) = choice.origin else {
        return Err(SelectionError::NoOrigin { service });
    };
    admissible(table, origin, choice.destination, choice.earlier_move)
        .map_err(|source| SelectionError::Scenario { service, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::tariff::tests::comuni_2022;

    fn class_1() -> TariffClass {
        comuni_2022().class_for(2_500).clone()
    }

    fn table() -> ScenarioTable {
        ScenarioTable::official().unwrap()
    }

    fn service(name: &str, destination: Destination) -> ServiceChoice {
        ServiceChoice {
            service: name.to_owned(),
            data_class: Some(DataClass::Ordinari),
            origin: Some(Origin::OnPremiseStructured),
            destination,
            earlier_move: None,
        }
    }

    fn services(n: usize) -> Vec<ServiceChoice> {
        (1..=n)
            .map(|i| service(&format!("SERVIZIO {i}"), if i % 3 == 0 { Destination::Saas } else { Destination::Iaas }))
            .collect()
    }

    #[test]
    fn a_service_is_chosen_once() {
        assert_eq!(repeats(&["anagrafe", "protocollo", "anagrafe", "tributi", "protocollo"]), [2, 4]);
        assert!(repeats::<&str>(&[]).is_empty());
    }

    #[test]
    fn the_counts_are_a_then_b() {
        let counts = SelectionCounts::of([Destination::Iaas, Destination::Saas, Destination::Iaas, Destination::Paas]);
        assert_eq!(counts, SelectionCounts { rehost: 2, upgrade: 2 });
    }

    #[test]
    fn the_count_must_be_within_the_class_range() {
        // Class 1: 7 to 9 services.
        let (class, table) = (class_1(), table());
        let count_error = |count| Err(vec![SelectionError::ServiceCount { class: 1, count, min: 7, max: 9 }]);
        assert_eq!(check_selection(&class, &table, &services(6)), count_error(6));
        assert_eq!(check_selection(&class, &table, &services(7)), Ok(SelectionCounts { rehost: 5, upgrade: 2 }));
        assert_eq!(check_selection(&class, &table, &services(9)), Ok(SelectionCounts { rehost: 6, upgrade: 3 }));
        assert_eq!(check_selection(&class, &table, &services(10)), count_error(10));
    }

    #[test]
    fn every_service_must_be_classified_with_an_origin() {
        let (class, table) = (class_1(), table());
        let mut list = services(7);
        list[2].data_class = None;
        list[4].origin = None;
        assert_eq!(
            check_selection(&class, &table, &list),
            Err(vec![
                SelectionError::Unclassified { service: "SERVIZIO 3".into() },
                SelectionError::NoOrigin { service: "SERVIZIO 5".into() },
            ])
        );
    }

    #[test]
    fn a_service_is_selected_once() {
        let (class, table) = (class_1(), table());
        let mut list = services(7);
        list[6].service = " servizio 1 ".into();
        assert_eq!(
            check_selection(&class, &table, &list),
            Err(vec![SelectionError::Duplicate { service: "servizio 1".into() }])
        );
        list[6].service = "  ".into();
        list[6].data_class = None;
        assert_eq!(
            check_selection(&class, &table, &list),
            Err(vec![
                SelectionError::Unnamed { position: 7 },
                SelectionError::Unclassified { service: "no. 7".into() },
            ])
        );
    }

    #[test]
    fn each_choice_must_be_an_admissible_scenario() {
        let (class, table) = (class_1(), table());
        let mut list = services(7);
        list[0].origin = Some(Origin::OnPremiseUnstructured);
        list[1].origin = Some(Origin::IaasQualified);
        list[1].destination = Destination::Saas;
        let Err(errors) = check_selection(&class, &table, &list) else { panic!("two scenarios are not admissible") };
        assert!(
            matches!(&errors[..], [
                SelectionError::Scenario { service: a, source: ScenarioError::NotAdmissible { .. } },
                SelectionError::Scenario { service: b, source: ScenarioError::EarlierMoveMissing { .. } },
            ] if a == "SERVIZIO 1" && b == "SERVIZIO 2"),
            "{errors:?}"
        );
        list[0].origin = Some(Origin::OnPremiseStructured);
        list[1].earlier_move = "2021-03-01".parse().ok();
        assert_eq!(check_selection(&class, &table, &list), Ok(SelectionCounts { rehost: 4, upgrade: 3 }));
    }
}
