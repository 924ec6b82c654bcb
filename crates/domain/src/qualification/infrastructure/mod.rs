//! The level of a digital infrastructure and the ceiling it puts on the
//! services that run on it.
//!
//! The Regolamento ACN (DD 21007/24) sets four levels for digital
//! infrastructures, AI1–AI4 (Allegato 4 §6–§9). Which data classes each may
//! host is data (`data/requirements/acn-2024-ai.toml`), marked unconfirmed:
//! the mapping there is by analogy with the services' levels (Art. 17 c.4)
//! until the text is read (docs/regolamento-notes.md §3).
//!
//! A service hosts what both its own level and its infrastructure admit: a
//! QC3 service on an AI1 data centre may host only *ordinari* data. A SaaS
//! on another provider's IaaS listing inherits that listing's level the same
//! way.

pub mod declaration;

use super::levels::{DataClass, Level};
use declaration::InfrastructureRequirement;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum InfrastructureLevel {
    AI1,
    AI2,
    AI3,
    AI4,
}

impl InfrastructureLevel {
    pub const ALL: [InfrastructureLevel; 4] =
        [InfrastructureLevel::AI1, InfrastructureLevel::AI2, InfrastructureLevel::AI3, InfrastructureLevel::AI4];

    pub fn code(self) -> &'static str {
        match self {
            InfrastructureLevel::AI1 => "AI1",
            InfrastructureLevel::AI2 => "AI2",
            InfrastructureLevel::AI3 => "AI3",
            InfrastructureLevel::AI4 => "AI4",
        }
    }

    pub fn parse(code: &str) -> Option<InfrastructureLevel> {
        InfrastructureLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The data classes an infrastructure of this level may host.
    pub fn admitted_classes(self) -> Vec<DataClass> {
        LEVELS.admitted.get(&self).cloned().unwrap_or_default()
    }
}

/// The levels file: each level's data classes, whether the mapping is
/// confirmed by the text, and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfrastructureLevels {
    pub admitted: BTreeMap<InfrastructureLevel, Vec<DataClass>>,
    pub confirmed: bool,
    pub source: String,
    /// The version of the file's requirements a declaration is made under.
    pub version: String,
    /// What an operator declares for each level (the adeguamento).
    pub requirements: Vec<InfrastructureRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    confirmed: bool,
    source: String,
    version: String,
    levels: Vec<Entry>,
    #[serde(default)]
    requirements: Vec<InfrastructureRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: InfrastructureLevel,
    data_classes: Vec<DataClass>,
}

impl InfrastructureLevels {
    /// Reads the levels file: every level once, each with at least the
    /// *ordinari* class, and a higher level never admitting less; every
    /// requirement once.
    pub fn parse(text: &str) -> Result<InfrastructureLevels, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut admitted = BTreeMap::new();
        for entry in file.levels {
            if admitted.insert(entry.code, entry.data_classes).is_some() {
                return Err(format!("level {} twice", entry.code.code()));
            }
        }
        let mut previous: Vec<DataClass> = Vec::new();
        for level in InfrastructureLevel::ALL {
            let classes = admitted.get(&level).ok_or_else(|| format!("level {} missing", level.code()))?;
            if !classes.contains(&DataClass::Ordinari) || !previous.iter().all(|c| classes.contains(c)) {
                return Err(format!("level {} admits less than the level below", level.code()));
            }
            previous = classes.clone();
        }
        for (i, requirement) in file.requirements.iter().enumerate() {
            if file.requirements[..i].iter().any(|r| r.id == requirement.id) {
                return Err(format!("requirement {} twice", requirement.id));
            }
        }
        Ok(InfrastructureLevels {
            admitted,
            confirmed: file.confirmed,
            source: file.source,
            version: file.version,
            requirements: file.requirements,
        })
    }
}

/// The shipped levels file, read once.
pub static LEVELS: LazyLock<InfrastructureLevels> = LazyLock::new(|| {
    InfrastructureLevels::parse(include_str!("../../../../../data/requirements/acn-2024-ai.toml")).unwrap_or_else(
        |_| InfrastructureLevels {
            admitted: BTreeMap::new(),
            confirmed: false,
            source: String::new(),
            version: String::new(),
            requirements: Vec::new(),
        },
    )
});

/// The data classes a service of `level` may host on an infrastructure that
/// admits `ceiling` (`None`: an infrastructure whose level is not declared,
/// which puts no ceiling of its own).
pub fn hosted_classes(level: Level, ceiling: Option<&[DataClass]>) -> Vec<DataClass> {
    level.admitted_classes().into_iter().filter(|c| ceiling.is_none_or(|ceiling| ceiling.contains(c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DataClass::*;

    #[test]
    fn the_shipped_levels_parse_and_say_they_are_unconfirmed() {
        let levels =
            InfrastructureLevels::parse(include_str!("../../../../../data/requirements/acn-2024-ai.toml")).unwrap();
        assert!(!levels.confirmed, "no article read gives the mapping");
        assert_eq!(levels, *LEVELS);
        assert_eq!(InfrastructureLevel::AI1.admitted_classes(), [Ordinari]);
        assert_eq!(InfrastructureLevel::AI3.admitted_classes(), [Ordinari, Critici, Strategici]);
    }

    #[test]
    fn a_levels_file_that_breaks_a_rule_is_refused() {
        let head = "confirmed = false\nsource = \"s\"\nversion = \"v\"\n";
        let level = |code: &str, classes: &str| format!("[[levels]]\ncode = \"{code}\"\ndata_classes = [{classes}]\n");
        let all = |ai2: &str| {
            let levels = [level("AI1", "\"ordinari\", \"critici\""), level("AI2", ai2)];
            format!(
                "{head}{}{}{}{}",
                levels[0],
                levels[1],
                level("AI3", "\"ordinari\", \"critici\""),
                level("AI4", "\"ordinari\", \"critici\"")
            )
        };
        assert!(InfrastructureLevels::parse(&all("\"ordinari\", \"critici\"")).is_ok());
        assert!(InfrastructureLevels::parse(&all("\"ordinari\"")).unwrap_err().contains("AI2"));
        assert!(
            InfrastructureLevels::parse(&format!("{head}{}", level("AI1", "\"ordinari\""))).is_err(),
            "missing levels"
        );
        assert!(InfrastructureLevels::parse(&format!("{head}{}", level("AI9", "\"ordinari\""))).is_err());
        let requirement =
            "[[requirements]]\nid = \"R\"\ntext = \"t\"\nmandatory = true\nfrom_level = \"AI1\"\nsource = \"s\"\n";
        let twice = format!("{}{requirement}{requirement}", all("\"ordinari\", \"critici\""));
        assert_eq!(InfrastructureLevels::parse(&twice).unwrap_err(), "requirement R twice");
    }

    #[test]
    fn a_service_hosts_what_both_it_and_its_infrastructure_admit() {
        assert_eq!(hosted_classes(Level::QC3, Some(&[Ordinari])), [Ordinari]);
        assert_eq!(hosted_classes(Level::QC1, Some(&[Ordinari, Critici, Strategici])), [Ordinari]);
        assert_eq!(hosted_classes(Level::QC2, None), [Ordinari, Critici], "an undeclared level puts no ceiling");
        let iaas = Level::QC2.admitted_classes();
        assert_eq!(hosted_classes(Level::QC4, Some(&iaas)), [Ordinari, Critici], "a SaaS on a QC2 IaaS");
    }
}
