//! The territorial teams that follow the enti through their projects: six
//! areas, each covering whole regions, with members in three roles; a member
//! works through the enti of the area, overdue deadlines first.
//!
//! Source: DOMAIN.md §1 — Team territoriale (6 areas; Account Manager,
//! Technical Implementation Manager, Operation Assistant) following the enti
//! of its area through the whole project. Which regions form each area is
//! not published: the split is data (`data/team_territoriali_aree.csv`),
//! checked here to cover every region exactly once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// How many areas the teams are organised in.
pub const AREAS: usize = 6;

/// A member's role in a territorial team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    AccountManager,
    TechnicalImplementationManager,
    OperationAssistant,
}

impl TeamRole {
    pub const ALL: [TeamRole; 3] =
        [TeamRole::AccountManager, TeamRole::TechnicalImplementationManager, TeamRole::OperationAssistant];

    pub fn code(self) -> &'static str {
        match self {
            TeamRole::AccountManager => "account_manager",
            TeamRole::TechnicalImplementationManager => "technical_implementation_manager",
            TeamRole::OperationAssistant => "operation_assistant",
        }
    }

    /// The name the teams use (in English in Italian too).
    pub fn title(self) -> &'static str {
        match self {
            TeamRole::AccountManager => "Account Manager",
            TeamRole::TechnicalImplementationManager => "Technical Implementation Manager",
            TeamRole::OperationAssistant => "Operation Assistant",
        }
    }

    pub fn parse(code: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Why a split of regions into areas is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error("line {line}: `{region}` is not a region")]
    UnknownRegion { line: usize, region: String },
    #[error("line {line}: region `{region}` is already in area `{area}`")]
    Repeated { line: usize, region: String, area: String },
    #[error("line {line}: the area has no name")]
    Unnamed { line: usize },
    #[error("region `{0}` is in no area")]
    Uncovered(String),
    #[error("the regions form {found} areas, not {AREAS}")]
    AreaCount { found: usize },
}

/// Checks `(line, area, region)` rows against the regions: every region in
/// exactly one of exactly [`AREAS`] areas. Returns area → regions.
pub fn check_areas(
    rows: &[(usize, String, String)],
    regions: &BTreeSet<String>,
) -> Result<BTreeMap<String, Vec<String>>, AreaError> {
    let mut area_of: BTreeMap<&str, &str> = BTreeMap::new();
    let mut areas: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (line, area, region) in rows {
        let (area, region) = (area.trim(), region.trim());
        if area.is_empty() {
            return Err(AreaError::Unnamed { line: *line });
        }
        if !regions.contains(region) {
            return Err(AreaError::UnknownRegion { line: *line, region: region.into() });
        }
        if let Some(first) = area_of.insert(region, area) {
            return Err(AreaError::Repeated { line: *line, region: region.into(), area: first.into() });
        }
        areas.entry(area.to_owned()).or_default().push(region.to_owned());
    }
    if let Some(missing) = regions.iter().find(|r| !area_of.contains_key(r.as_str())) {
        return Err(AreaError::Uncovered(missing.clone()));
    }
    if areas.len() != AREAS {
        return Err(AreaError::AreaCount { found: areas.len() });
    }
    Ok(areas)
}

/// The worklist's order: by the next deadline still open, earliest first —
/// so every overdue deadline comes before every upcoming one, the most
/// overdue first — then the enti with no open deadline; ties by name.
pub fn worklist_order(a: (Option<NaiveDate>, &str), b: (Option<NaiveDate>, &str)) -> Ordering {
    let key = |(due, name): (Option<NaiveDate>, &str)| (due.is_none(), due, name.to_lowercase());
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> BTreeSet<String> {
        ["Liguria", "Lazio", "Sicilia", "Sardegna", "Puglia", "Veneto", "Toscana"].map(String::from).into()
    }

    fn rows(pairs: &[(&str, &str)]) -> Vec<(usize, String, String)> {
        pairs.iter().enumerate().map(|(i, (a, r))| (i + 2, a.to_string(), r.to_string())).collect()
    }

    fn six_areas() -> Vec<(usize, String, String)> {
        rows(&[
            ("Nord-Ovest", "Liguria"),
            ("Nord-Est", "Veneto"),
            ("Centro", "Lazio"),
            ("Centro", "Toscana"),
            ("Sud-Adriatico", "Puglia"),
            ("Isole", "Sicilia"),
            ("Sud-Tirrenico", "Sardegna"),
        ])
    }

    #[test]
    fn six_areas_cover_every_region_once() {
        let areas = check_areas(&six_areas(), &regions()).unwrap();
        assert_eq!(areas.len(), 6);
        assert_eq!(areas["Centro"], ["Lazio", "Toscana"]);
    }

    #[test]
    fn a_bad_split_is_named() {
        let mut repeated = six_areas();
        repeated.push((9, "Isole".into(), "Lazio".into()));
        assert_eq!(
            check_areas(&repeated, &regions()),
            Err(AreaError::Repeated { line: 9, region: "Lazio".into(), area: "Centro".into() })
        );
        let mut unknown = six_areas();
        unknown[0].2 = "Padania".into();
        assert!(matches!(check_areas(&unknown, &regions()), Err(AreaError::UnknownRegion { line: 2, .. })));
        let missing = six_areas()[..6].to_vec();
        assert_eq!(check_areas(&missing, &regions()), Err(AreaError::Uncovered("Sardegna".into())));
        let mut five = six_areas();
        five[6].1 = "Isole".into();
        assert_eq!(check_areas(&five, &regions()), Err(AreaError::AreaCount { found: 5 }));
        let mut unnamed = six_areas();
        unnamed[1].1 = " ".into();
        assert_eq!(check_areas(&unnamed, &regions()), Err(AreaError::Unnamed { line: 3 }));
    }

    #[test]
    fn overdue_first_then_upcoming_then_none() {
        let day = |s: &str| s.parse::<NaiveDate>().ok();
        let mut items = [
            (None, "Zeta"),
            (day("2026-12-20"), "Beta"),
            (day("2026-11-02"), "Gamma"),
            (None, "alfa"),
            (day("2026-11-30"), "Delta"),
            (day("2026-12-20"), "Alfa"),
        ];
        items.sort_by(|a, b| worklist_order(*a, *b));
        let names: Vec<_> = items.iter().map(|i| i.1).collect();
        assert_eq!(names, ["Gamma", "Delta", "Alfa", "Beta", "alfa", "Zeta"]);
    }

    #[test]
    fn roles_round_trip() {
        for r in TeamRole::ALL {
            assert_eq!(TeamRole::parse(r.code()), Some(r));
        }
        assert_eq!(TeamRole::TechnicalImplementationManager.title(), "Technical Implementation Manager");
    }
}
