//! Data classes and the service levels QC1–QC4 that may host them.
//!
//! Source: Regolamento unico ACN (DD 21007/24), Art. 17 c.4 as quoted in
//! DOMAIN.md §2: ordinari → QC1–QC4, critici → QC2–QC4, strategici → QC3–QC4.
//! The shipped `data/requirements/acn_2024_livelli.csv` states the same per
//! level; the store loads that file and a test checks it against this rule.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The classification of a PA's data and services (ACN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataClass {
    Ordinari,
    Critici,
    Strategici,
}

/// A qualification level of a private provider's service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Tier 1; a requirement set of the adeguamento names it `AC1`
    /// (`track::Track`).
    #[serde(alias = "AC1")]
    QC1,
    #[serde(alias = "AC2")]
    QC2,
    #[serde(alias = "AC3")]
    QC3,
    #[serde(alias = "AC4")]
    QC4,
}

impl DataClass {
    pub const ALL: [DataClass; 3] = [DataClass::Ordinari, DataClass::Critici, DataClass::Strategici];

    pub fn code(self) -> &'static str {
        match self {
            DataClass::Ordinari => "ordinari",
            DataClass::Critici => "critici",
            DataClass::Strategici => "strategici",
        }
    }

    /// The lowest level that may host data of this class (Art. 17 c.4).
    pub fn minimum_level(self) -> Level {
        match self {
            DataClass::Ordinari => Level::QC1,
            DataClass::Critici => Level::QC2,
            DataClass::Strategici => Level::QC3,
        }
    }
}

impl Level {
    pub const ALL: [Level; 4] = [Level::QC1, Level::QC2, Level::QC3, Level::QC4];

    pub fn code(self) -> &'static str {
        match self {
            Level::QC1 => "QC1",
            Level::QC2 => "QC2",
            Level::QC3 => "QC3",
            Level::QC4 => "QC4",
        }
    }

    /// Whether a service qualified at this level may host data of `class`.
    pub fn admits(self, class: DataClass) -> bool {
        self >= class.minimum_level()
    }

    /// The data classes this level admits, in order.
    pub fn admitted_classes(self) -> Vec<DataClass> {
        DataClass::ALL.into_iter().filter(|c| self.admits(*c)).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not one of {1}")]
pub struct UnknownCode(pub String, pub &'static str);

impl FromStr for DataClass {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DataClass::ALL
            .into_iter()
            .find(|c| c.code() == s.trim())
            .ok_or_else(|| UnknownCode(s.to_owned(), "ordinari, critici, strategici"))
    }
}

impl FromStr for Level {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL.into_iter().find(|l| l.to_string() == s.trim()).ok_or_else(|| UnknownCode(s.to_owned(), "QC1–QC4"))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DataClass::*;

    #[test]
    fn levels_admit_classes_per_article_17() {
        assert_eq!(Level::QC1.admitted_classes(), vec![Ordinari]);
        assert_eq!(Level::QC2.admitted_classes(), vec![Ordinari, Critici]);
        assert_eq!(Level::QC3.admitted_classes(), vec![Ordinari, Critici, Strategici]);
        assert_eq!(Level::QC4.admitted_classes(), vec![Ordinari, Critici, Strategici]);
        assert!(!Level::QC2.admits(Strategici));
    }

    #[test]
    fn codes_round_trip() {
        for c in DataClass::ALL {
            assert_eq!(c.code().parse::<DataClass>(), Ok(c));
        }
        for l in Level::ALL {
            assert_eq!(l.to_string().parse::<Level>(), Ok(l));
        }
        assert!("QC5".parse::<Level>().is_err());
    }
}
