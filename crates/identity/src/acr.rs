//! Authentication levels (`acr`) of the Italian federation.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023), "acr_values": the levels are the URIs
//! `https://www.spid.gov.it/SpidL1`, `…/SpidL2`, `…/SpidL3`. CIE id OIDC technical rules:
//! `CieL1`, `CieL2`, `CieL3`. A provider may authenticate at a higher level than asked, never
//! lower: [`AcrLevel::satisfies`] is that comparison.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One authentication level, SPID or CIE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AcrLevel {
    #[serde(rename = "https://www.spid.gov.it/SpidL1")]
    SpidL1,
    #[serde(rename = "https://www.spid.gov.it/SpidL2")]
    SpidL2,
    #[serde(rename = "https://www.spid.gov.it/SpidL3")]
    SpidL3,
    #[serde(rename = "CieL1")]
    CieL1,
    #[serde(rename = "CieL2")]
    CieL2,
    #[serde(rename = "CieL3")]
    CieL3,
}

impl AcrLevel {
    /// Every level, in the order above.
    pub const ALL: [AcrLevel; 6] =
        [AcrLevel::SpidL1, AcrLevel::SpidL2, AcrLevel::SpidL3, AcrLevel::CieL1, AcrLevel::CieL2, AcrLevel::CieL3];

    /// The value sent in `acr_values` and received in the `acr` claim.
    pub fn as_str(self) -> &'static str {
        match self {
            AcrLevel::SpidL1 => "https://www.spid.gov.it/SpidL1",
            AcrLevel::SpidL2 => "https://www.spid.gov.it/SpidL2",
            AcrLevel::SpidL3 => "https://www.spid.gov.it/SpidL3",
            AcrLevel::CieL1 => "CieL1",
            AcrLevel::CieL2 => "CieL2",
            AcrLevel::CieL3 => "CieL3",
        }
    }

    /// Parses an `acr` claim; `None` for a value outside the two profiles.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.as_str() == value)
    }

    /// 1, 2 or 3: the assurance level, comparable across SPID and CIE.
    pub fn rank(self) -> u8 {
        match self {
            AcrLevel::SpidL1 | AcrLevel::CieL1 => 1,
            AcrLevel::SpidL2 | AcrLevel::CieL2 => 2,
            AcrLevel::SpidL3 | AcrLevel::CieL3 => 3,
        }
    }

    /// Whether an authentication at `self` meets a request for `requested`.
    pub fn satisfies(self, requested: AcrLevel) -> bool {
        self.rank() >= requested.rank()
    }
}

impl fmt::Display for AcrLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lowest of the requested levels: the floor an answer must reach.
pub(crate) fn floor(requested: &[AcrLevel]) -> Option<AcrLevel> {
    requested.iter().copied().min_by_key(|level| level.rank())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_and_nothing_else() {
        for level in AcrLevel::ALL {
            assert_eq!(AcrLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(AcrLevel::parse("https://www.spid.gov.it/SpidL4"), None);
        assert_eq!(AcrLevel::parse("ciel2"), None);
    }

    #[test]
    fn higher_or_equal_levels_satisfy_a_request() {
        assert!(AcrLevel::SpidL2.satisfies(AcrLevel::SpidL2));
        assert!(AcrLevel::SpidL3.satisfies(AcrLevel::SpidL2));
        assert!(!AcrLevel::SpidL1.satisfies(AcrLevel::SpidL2));
        assert!(AcrLevel::CieL3.satisfies(AcrLevel::CieL3));
        assert!(!AcrLevel::CieL2.satisfies(AcrLevel::CieL3));
        assert_eq!(floor(&[AcrLevel::SpidL3, AcrLevel::SpidL2]), Some(AcrLevel::SpidL2));
        assert_eq!(floor(&[]), None);
    }
}
