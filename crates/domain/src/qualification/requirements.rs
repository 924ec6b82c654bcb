//! Requirement sets as versioned data (`data/requirements/*.toml`).
//!
//! One file per regime and kind — AgID 2018 for CSPs (Circolare 2/2018) and
//! SaaS (Circolare 3/2018), ACN 2024 levels QC1–QC4 (Regolamento 21007/24).
//! The same set drives the application form, the validation of answers, the
//! reviewer's checklist and the exports: a new regime is a new file.

use super::levels::{DataClass, Level};
use super::track::Track;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The kinds of cloud service (Circolari AgID 2 and 3/2018; Regolamento ACN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    IaaS,
    PaaS,
    SaaS,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 3] = [ServiceKind::IaaS, ServiceKind::PaaS, ServiceKind::SaaS];

    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::IaaS => "IaaS",
            ServiceKind::PaaS => "PaaS",
            ServiceKind::SaaS => "SaaS",
        }
    }

    pub fn parse(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a requirement is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// A declaration: yes or no.
    YesNo,
    /// Free text.
    Text,
    /// A certificate with its expiry date and the certificate document.
    Certificate,
    /// A document.
    Document,
    /// Where the data centres are (countries).
    Location,
    /// Objectives (SLO) for the mandatory indicators SLI1–SLI3.
    SliValues,
}

/// One requirement of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub group: String,
    /// The requirement in Italian.
    pub text: String,
    pub answer: AnswerType,
    pub mandatory: bool,
    /// For sets with levels: the lowest level the requirement applies to
    /// (levels are cumulative).
    #[serde(default)]
    pub from_level: Option<Level>,
    /// The evidence the provider must give.
    pub evidence: String,
    /// Where the requirement comes from (circular, annex, section).
    pub source: String,
}

/// The data classes a level admits, as stated by a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelClasses {
    pub code: Level,
    pub data_classes: Vec<DataClass>,
}

/// A requirement set: a regime's requirements for some kinds of service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementSet {
    pub id: String,
    pub regime: String,
    pub title: String,
    pub version: String,
    pub kinds: Vec<ServiceKind>,
    pub source: String,
    /// Qualification (the default) or adeguamento: who may apply under it
    /// (`track::OperatorNature::track`).
    #[serde(default)]
    pub track: Track,
    #[serde(default)]
    pub levels: Vec<LevelClasses>,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequirementSetError {
    #[error("not a requirement set: {0}")]
    Syntax(String),
    #[error("requirement `{0}` appears twice")]
    DuplicateId(String),
    #[error("requirement `{0}` needs `from_level` because the set has levels")]
    MissingLevel(String),
    #[error("requirement `{0}` has `from_level` but the set has no levels")]
    UnexpectedLevel(String),
    #[error("level {level} admits {stated:?} in the file but Art. 17 c.4 admits {rule:?}")]
    LevelClasses { level: Level, stated: Vec<DataClass>, rule: Vec<DataClass> },
    #[error("the set names no kind of service")]
    NoKinds,
}

impl RequirementSet {
    /// Reads and checks a set from its TOML text.
    pub fn parse(text: &str) -> Result<RequirementSet, RequirementSetError> {
        let set: RequirementSet =
            toml::from_str(text).map_err(|e| RequirementSetError::Syntax(e.message().to_owned()))?;
        set.check()?;
        Ok(set)
    }

    fn check(&self) -> Result<(), RequirementSetError> {
        if self.kinds.is_empty() {
            return Err(RequirementSetError::NoKinds);
        }
        let mut seen = BTreeSet::new();
        for r in &self.requirements {
            if !seen.insert(r.id.as_str()) {
                return Err(RequirementSetError::DuplicateId(r.id.clone()));
            }
            match (self.levels.is_empty(), r.from_level) {
                (false, None) => return Err(RequirementSetError::MissingLevel(r.id.clone())),
                (true, Some(_)) => return Err(RequirementSetError::UnexpectedLevel(r.id.clone())),
                _ => {}
            }
        }
        for l in &self.levels {
            let rule = l.code.admitted_classes();
            if l.data_classes != rule {
                return Err(RequirementSetError::LevelClasses { level: l.code, stated: l.data_classes.clone(), rule });
            }
        }
        Ok(())
    }

    /// Whether the set applies to a service of `kind`.
    pub fn covers(&self, kind: ServiceKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The requirements a service of `kind` must meet at `level` (a set
    /// without levels ignores `level`).
    pub fn applicable(&self, kind: ServiceKind, level: Option<Level>) -> Vec<&Requirement> {
        if !self.covers(kind) {
            return Vec::new();
        }
        self.requirements
            .iter()
            .filter(|r| match (r.from_level, level) {
                (None, _) => true,
                (Some(from), Some(level)) => from <= level,
                (Some(_), None) => false,
            })
            .collect()
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn acn() -> RequirementSet {
        RequirementSet::parse(include_str!("../../../../data/requirements/acn-2024-qc.toml")).unwrap()
    }

    #[test]
    fn shipped_sets_parse() {
        let csp = RequirementSet::parse(include_str!("../../../../data/requirements/agid-2018-csp.toml")).unwrap();
        let saas = RequirementSet::parse(include_str!("../../../../data/requirements/agid-2018-saas.toml")).unwrap();
        assert_eq!(csp.requirements.len(), 26);
        assert_eq!(saas.requirements.len(), 20);
        assert_eq!(acn().requirements.len(), 20);
        assert!(csp.covers(ServiceKind::IaaS) && !csp.covers(ServiceKind::SaaS));
        assert_eq!(saas.applicable(ServiceKind::SaaS, None).len(), 20);
        assert!(saas.applicable(ServiceKind::IaaS, None).is_empty());
    }

    #[test]
    fn levels_are_cumulative() {
        let set = acn();
        let count = |level| set.applicable(ServiceKind::SaaS, Some(level)).len();
        assert_eq!(count(Level::QC1), 6);
        assert_eq!(count(Level::QC2), 10);
        assert_eq!(count(Level::QC3), 16);
        assert_eq!(count(Level::QC4), 20);
        assert!(set.applicable(ServiceKind::SaaS, None).is_empty());
    }

    #[test]
    fn malformed_sets_are_refused_with_the_reason() {
        let base = "id = \"x\"\nregime = \"r\"\ntitle = \"t\"\nversion = \"1\"\nkinds = [\"SaaS\"]\nsource = \"s\"\n";
        let req = |id: &str, extra: &str| {
            format!(
                "[[requirements]]\nid = \"{id}\"\ngroup = \"g\"\ntext = \"t\"\nanswer = \"yes_no\"\nmandatory = true\n\
                 evidence = \"e\"\nsource = \"s\"\n{extra}"
            )
        };
        let dup = format!("{base}{}{}", req("A", ""), req("A", ""));
        assert_eq!(RequirementSet::parse(&dup), Err(RequirementSetError::DuplicateId("A".into())));
        let level = format!("{base}{}", req("A", "from_level = \"QC1\"\n"));
        assert_eq!(RequirementSet::parse(&level), Err(RequirementSetError::UnexpectedLevel("A".into())));
        let wrong = format!("{base}[[levels]]\ncode = \"QC1\"\ndata_classes = [\"critici\"]\n{}", req("A", ""));
        assert!(matches!(RequirementSet::parse(&wrong), Err(RequirementSetError::MissingLevel(_))));
        let classes = format!(
            "{base}[[levels]]\ncode = \"QC1\"\ndata_classes = [\"critici\"]\n{}",
            req("A", "from_level = \"QC1\"\n")
        );
        assert!(matches!(RequirementSet::parse(&classes), Err(RequirementSetError::LevelClasses { .. })));
        let typo = format!("{base}{}", req("A", "mandatroy = false\n"));
        assert!(matches!(RequirementSet::parse(&typo), Err(RequirementSetError::Syntax(m)) if m.contains("mandatroy")));
    }
}
