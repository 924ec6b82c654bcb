//! The communication of an administration's classification to the agency:
//! every data set and digital service of its inventory with its class and
//! the reasons for it, and the edge (*prossimità*) infrastructures it uses;
//! dated and versioned, each version whole.
//!
//! Sources: Regolamento ACN 21007/24, art. 3 c. 2 (the three classes) and
//! art. 1 c. 1 lett. m) punto 4 (proximity infrastructures, measured in
//! computing nodes), as quoted by secondary sources; the Piano Triennale
//! 2024-2026, CAP6.PA.05 and CAP6.PA.07 (the list and the edge
//! infrastructures communicated to ACN, updated when they change). See
//! docs/regolamento-notes.md §2 and §8. What migration deadline follows
//! from a class is data (`data/requirements/acn-2024-classification.toml`),
//! marked unconfirmed.

use super::inventory::ServiceStatus;
use crate::message::Message;
use crate::qualification::levels::DataClass;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One service of the inventory as the communication states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassifiedService {
    pub service_id: String,
    pub name: String,
    pub class: DataClass,
    pub reasons: String,
    /// Whether it still runs where it was (its migration is then due).
    pub in_use: bool,
}

/// An edge infrastructure the administration uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeInfrastructure {
    pub name: String,
    /// Where it stands (municipality, site).
    pub place: String,
    /// How many computing nodes (the Piano Triennale's measure).
    pub nodes: u32,
    /// Who runs it: the administration itself, or the third party that
    /// provides it.
    pub operator: String,
}

/// A service of the inventory, as the rules read it.
#[derive(Debug, Clone)]
pub struct InventoryService<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub class: Option<DataClass>,
    pub status: ServiceStatus,
}

/// The longest text of reasons.
pub const MAX_REASONS: usize = 2000;

/// The services a communication states: every service of the inventory
/// not retired, each classified and with its reasons. A service without a
/// class or without reasons is refused by name (`items` names the one
/// missing in the inventory). A `reasons` entry for a service not in the
/// inventory is refused too.
pub fn classify(
    inventory: &[InventoryService],
    reasons: &BTreeMap<String, String>,
) -> Result<Vec<ClassifiedService>, Vec<(String, Message)>> {
    let mut problems = Vec::new();
    let mut items = Vec::new();
    for s in inventory.iter().filter(|s| s.status != ServiceStatus::Retired) {
        let said = reasons.get(s.id).map(|r| r.trim()).unwrap_or_default();
        let field = format!("reasons.{}", s.id);
        match s.class {
            None => problems.push((field, Message::new("cls-not-classified").arg("service", s.name))),
            Some(_) if said.is_empty() => problems.push((field, Message::new("cls-reasons").arg("service", s.name))),
            Some(_) if said.chars().count() > MAX_REASONS || said.chars().any(char::is_control) => {
                problems.push((field, Message::new("cls-reasons-text").arg("max", MAX_REASONS as u64)))
            }
            Some(class) => items.push(ClassifiedService {
                service_id: s.id.to_owned(),
                name: s.name.to_owned(),
                class,
                reasons: said.to_owned(),
                in_use: s.status == ServiceStatus::InUse,
            }),
        }
    }
    for id in reasons.keys().filter(|id| !inventory.iter().any(|s| s.id == id.as_str())) {
        problems.push((format!("reasons.{id}"), Message::new("cls-unknown-service")));
    }
    if problems.is_empty() { Ok(items) } else { Err(problems) }
}

/// Checks an edge infrastructure: named, placed, with at least one node.
pub fn check_edge(index: usize, e: &EdgeInfrastructure) -> Vec<(String, Message)> {
    let mut problems = Vec::new();
    for (field, value) in [("name", &e.name), ("place", &e.place), ("operator", &e.operator)] {
        if value.trim().is_empty() || value.chars().any(char::is_control) {
            problems.push((format!("edge.{index}.{field}"), Message::new("qual-not-empty")));
        }
    }
    if e.nodes == 0 {
        problems.push((format!("edge.{index}.nodes"), Message::new("cls-rule-edge-nodes")));
    }
    problems
}

/// The migration terms by class, read from the shipped file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationTerms {
    pub migrate_by: BTreeMap<DataClass, NaiveDate>,
    pub confirmed: bool,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    confirmed: bool,
    source: String,
    classes: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    class: DataClass,
    migrate_by: toml::value::Datetime,
}

impl MigrationTerms {
    /// Reads the terms file: every class once, each with a date.
    pub fn parse(text: &str) -> Result<MigrationTerms, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut migrate_by = BTreeMap::new();
        for entry in file.classes {
            let date = entry.migrate_by.date.ok_or_else(|| format!("{} has no date", entry.class.code()))?;
            let day = NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
                .ok_or_else(|| format!("{} has no valid date", entry.class.code()))?;
            if migrate_by.insert(entry.class, day).is_some() {
                return Err(format!("class {} twice", entry.class.code()));
            }
        }
        if let Some(missing) = DataClass::ALL.iter().find(|c| !migrate_by.contains_key(c)) {
            return Err(format!("class {} missing", missing.code()));
        }
        Ok(MigrationTerms { migrate_by, confirmed: file.confirmed, source: file.source })
    }

    /// The day a service still in use must be migrated by, given its class.
    pub fn deadline(&self, s: &ClassifiedService) -> Option<NaiveDate> {
        s.in_use.then(|| self.migrate_by.get(&s.class).copied()).flatten()
    }
}

/// The shipped terms, read once.
pub static TERMS: LazyLock<MigrationTerms> = LazyLock::new(|| {
    MigrationTerms::parse(include_str!("../../../../data/requirements/acn-2024-classification.toml"))
        .unwrap_or_else(|_| MigrationTerms { migrate_by: BTreeMap::new(), confirmed: false, source: String::new() })
});

/// One administration's latest communication, as the national tally reads it.
pub struct Communicated<'a> {
    pub region: &'a str,
    pub kind: &'a str,
    pub services: &'a [ClassifiedService],
    pub edge: &'a [EdgeInfrastructure],
}

/// Counts across administrations: services by class, and by class within
/// each region and each kind of ente; edge infrastructures and their nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub administrations: u64,
    pub by_class: BTreeMap<DataClass, u64>,
    pub by_region: BTreeMap<String, BTreeMap<DataClass, u64>>,
    pub by_kind: BTreeMap<String, BTreeMap<DataClass, u64>>,
    pub edge_infrastructures: u64,
    pub edge_nodes: u64,
}

pub fn tally(communications: &[Communicated]) -> Tally {
    let mut t = Tally::default();
    for c in communications {
        t.administrations += 1;
        for s in c.services {
            *t.by_class.entry(s.class).or_default() += 1;
            *t.by_region.entry(c.region.to_owned()).or_default().entry(s.class).or_default() += 1;
            *t.by_kind.entry(c.kind.to_owned()).or_default().entry(s.class).or_default() += 1;
        }
        t.edge_infrastructures += c.edge.len() as u64;
        t.edge_nodes += c.edge.iter().map(|e| u64::from(e.nodes)).sum::<u64>();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use DataClass::*;

    fn service<'a>(id: &'a str, class: Option<DataClass>, status: ServiceStatus) -> InventoryService<'a> {
        InventoryService { id, name: id, class, status }
    }

    #[test]
    fn every_service_not_retired_is_stated_with_its_class_and_reasons() {
        let inventory = [
            service("protocollo", Some(Critici), ServiceStatus::InUse),
            service("albo", Some(Ordinari), ServiceStatus::Migrated),
            service("vecchio", None, ServiceStatus::Retired),
        ];
        let reasons: BTreeMap<String, String> = [
            ("protocollo".to_owned(), " Dati personali dei cittadini ".to_owned()),
            ("albo".to_owned(), "Atti pubblici".to_owned()),
        ]
        .into();
        let items = classify(&inventory, &reasons).unwrap();
        assert_eq!(items.len(), 2, "a retired service is not stated");
        assert_eq!(
            (items[0].class, items[0].reasons.as_str(), items[0].in_use),
            (Critici, "Dati personali dei cittadini", true)
        );
        assert_eq!(TERMS.deadline(&items[0]), Some("2026-06-30".parse().unwrap()));
        assert_eq!(TERMS.deadline(&items[1]), None, "already migrated");
    }

    #[test]
    fn an_unclassified_service_or_missing_reasons_are_refused_by_name() {
        let inventory = [
            service("tributi", None, ServiceStatus::InUse),
            service("anagrafe", Some(Strategici), ServiceStatus::InUse),
        ];
        let reasons: BTreeMap<String, String> =
            [("anagrafe".to_owned(), " ".to_owned()), ("altro".to_owned(), "x".to_owned())].into();
        let problems = classify(&inventory, &reasons).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["reasons.tributi", "reasons.anagrafe", "reasons.altro"]);
        assert_eq!(problems[0].1.key, "cls-not-classified");
    }

    #[test]
    fn an_edge_infrastructure_is_named_placed_run_by_someone_with_nodes() {
        let edge =
            EdgeInfrastructure { name: "Nodo".into(), place: "Genova".into(), nodes: 2, operator: "Ente".into() };
        assert!(check_edge(0, &edge).is_empty());
        let bad = EdgeInfrastructure { name: " ".into(), nodes: 0, ..edge };
        let fields: Vec<String> = check_edge(1, &bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["edge.1.name", "edge.1.nodes"]);
    }

    #[test]
    fn the_shipped_terms_parse_and_say_they_are_unconfirmed() {
        let terms =
            MigrationTerms::parse(include_str!("../../../../data/requirements/acn-2024-classification.toml")).unwrap();
        assert!(!terms.confirmed);
        assert_eq!(terms, *TERMS);
        assert!(
            MigrationTerms::parse("confirmed = true\nsource = \"s\"\nclasses = []").unwrap_err().contains("missing")
        );
    }

    #[test]
    fn the_tally_counts_by_class_region_and_kind() {
        let s = |class| ClassifiedService {
            service_id: "x".into(),
            name: "x".into(),
            class,
            reasons: "r".into(),
            in_use: true,
        };
        let liguria = [s(Ordinari), s(Critici)];
        let lazio = [s(Critici)];
        let edge = [EdgeInfrastructure { name: "n".into(), place: "p".into(), nodes: 3, operator: "o".into() }];
        let t = tally(&[
            Communicated { region: "Liguria", kind: "comune", services: &liguria, edge: &edge },
            Communicated { region: "Lazio", kind: "asl", services: &lazio, edge: &[] },
        ]);
        assert_eq!((t.administrations, t.by_class[&Critici], t.by_class[&Ordinari]), (2, 2, 1));
        assert_eq!(t.by_region["Liguria"][&Critici], 1);
        assert_eq!(t.by_kind["asl"][&Critici], 1);
        assert_eq!((t.edge_infrastructures, t.edge_nodes), (1, 3));
    }
}
