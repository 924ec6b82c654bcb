//! The two ways into the catalogue: **qualification**, for private
//! providers' cloud services (levels QC1–QC4), and **adeguamento**, a
//! declaration of conformity for the services of public operators (levels
//! AC1–AC4), reviewed by the agency.
//!
//! Source: Regolamento ACN 21007/24, art. 15 c. 1 (services of a public
//! subject, of an in-house company, or — when a law says so — of a publicly
//! controlled company under D.Lgs. 175/2016 go through adeguamento) and
//! art. 17 c. 1 (qualification is for the other providers), as quoted by a
//! secondary source (docs/regolamento-notes.md §1, §4). A level is a tier,
//! 1 to 4, named by its track: tier 2 is QC2 or AC2. Which data classes an
//! AC tier admits is read by symmetry with art. 17 c. 4 and is marked
//! unconfirmed in its requirement set.

use super::levels::Level;
use crate::access::OrganisationKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    #[default]
    Qualification,
    Adeguamento,
}

/// What an operator of cloud services is, for art. 15 c. 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorNature {
    Private,
    /// A public administration or other public subject.
    PublicSubject,
    /// A company *in house*.
    InHouse,
    /// A publicly controlled company that a law sends to adeguamento.
    PubliclyControlledByLaw,
}

impl OperatorNature {
    pub const ALL: [OperatorNature; 4] = [
        OperatorNature::Private,
        OperatorNature::PublicSubject,
        OperatorNature::InHouse,
        OperatorNature::PubliclyControlledByLaw,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OperatorNature::Private => "private",
            OperatorNature::PublicSubject => "public_subject",
            OperatorNature::InHouse => "in_house",
            OperatorNature::PubliclyControlledByLaw => "publicly_controlled_by_law",
        }
    }

    pub fn parse(code: &str) -> Option<OperatorNature> {
        OperatorNature::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The track its services take (art. 15 c. 1; art. 17 c. 1).
    pub fn track(self) -> Track {
        match self {
            OperatorNature::Private => Track::Qualification,
            _ => Track::Adeguamento,
        }
    }
}

/// The track of an organisation of `kind` whose profile declares `nature`:
/// a public body's services are always its own public subject's; a
/// provider's follow the nature it declares (private when it declares none).
pub fn track_for(kind: OrganisationKind, nature: Option<OperatorNature>) -> Track {
    match kind {
        OrganisationKind::PublicBody => Track::Adeguamento,
        _ => nature.unwrap_or(OperatorNature::Private).track(),
    }
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Qualification, Track::Adeguamento];

    pub fn code(self) -> &'static str {
        match self {
            Track::Qualification => "qualification",
            Track::Adeguamento => "adeguamento",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Track::Qualification => "QC",
            Track::Adeguamento => "AC",
        }
    }

    /// The name of tier `level` on this track: `QC2`, `AC2`.
    pub fn level_code(self, level: Level) -> String {
        format!("{}{}", self.prefix(), &level.code()[2..])
    }

    /// The tier a level's name gives on this track; `None` for another
    /// track's name (`AC2` is not a qualification level).
    pub fn parse_level(self, code: &str) -> Option<Level> {
        let tier = code.trim().strip_prefix(self.prefix())?;
        Level::ALL.into_iter().find(|l| &l.code()[2..] == tier)
    }

    /// The requirement set its applications are reviewed against.
    pub fn default_set(self) -> &'static str {
        match self {
            Track::Qualification => "acn-2024-qc",
            Track::Adeguamento => "acn-2024-ac",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_subjects_in_house_and_controlled_by_law_go_through_adeguamento() {
        assert_eq!(OperatorNature::Private.track(), Track::Qualification);
        for nature in [OperatorNature::PublicSubject, OperatorNature::InHouse, OperatorNature::PubliclyControlledByLaw]
        {
            assert_eq!(nature.track(), Track::Adeguamento, "{}", nature.code());
        }
        assert!(OperatorNature::ALL.iter().all(|n| OperatorNature::parse(n.code()) == Some(*n)));
    }

    #[test]
    fn the_adeguamento_set_parses_cites_its_sources_and_marks_what_is_open() {
        use crate::qualification::requirements::{RequirementSet, ServiceKind};
        let set = RequirementSet::parse(include_str!("../../../../data/requirements/acn-2024-ac.toml")).unwrap();
        assert_eq!((set.id.as_str(), set.track), (Track::Adeguamento.default_set(), Track::Adeguamento));
        assert!(set.requirements.iter().all(|r| !r.source.trim().is_empty()), "every requirement cites its source");
        let open: Vec<&str> =
            set.requirements.iter().filter(|r| r.source.contains("DA CONFERMARE")).map(|r| r.id.as_str()).collect();
        assert_eq!(open, ["AC-CERTIFICAZIONI"]);
        assert!(set.requirements.iter().filter(|r| r.source.contains("DA CONFERMARE")).all(|r| !r.mandatory));
        assert_eq!(set.applicable(ServiceKind::SaaS, Some(Level::QC1)).len(), 5);
        assert_eq!(set.applicable(ServiceKind::SaaS, Some(Level::QC3)).len(), 6, "AC3 adds the extra-EU rule");
        let qc = RequirementSet::parse(include_str!("../../../../data/requirements/acn-2024-qc.toml")).unwrap();
        assert_eq!(qc.track, Track::Qualification, "a set without a track is a qualification's");
    }

    #[test]
    fn a_public_body_is_always_public_and_a_provider_what_it_declares() {
        assert_eq!(track_for(OrganisationKind::PublicBody, None), Track::Adeguamento);
        assert_eq!(track_for(OrganisationKind::Provider, None), Track::Qualification);
        assert_eq!(track_for(OrganisationKind::Provider, Some(OperatorNature::InHouse)), Track::Adeguamento);
        assert_eq!(track_for(OrganisationKind::Provider, Some(OperatorNature::Private)), Track::Qualification);
    }

    #[test]
    fn a_tier_is_named_by_its_track() {
        assert_eq!(Track::Adeguamento.level_code(Level::QC2), "AC2");
        assert_eq!(Track::Qualification.level_code(Level::QC4), "QC4");
        assert_eq!(Track::Adeguamento.parse_level("AC3"), Some(Level::QC3));
        assert_eq!(Track::Adeguamento.parse_level("QC3"), None, "a qualification level is not an adeguamento's");
        assert_eq!(Track::Qualification.parse_level("AC1"), None);
        assert_eq!(Track::Qualification.parse_level("QC5"), None);
    }
}
