//! The programme's figures counted in memory: every application the
//! dashboards count is read once (one query per data version, see
//! [`crate::Store::tally`]) and each grouping, filter and list of enti is
//! summed from those rows. Before, each dashboard level ran its own
//! aggregate over every application: at national scale a cold start
//! computed some 50 of them at about 100 ms each, and 16 clients waited
//! 2.6 s for the first answers (`bench/programme.sh`).
//!
//! What counts as decreed, paid, withdrawn and attested, and which areas
//! make the South reserve's quota, are the domain's rules
//! (`cloudpa_domain::programme::figures`, `reserve`).

use super::stats::{EnteFigures, Figures, GroupBy, StatsFilter};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::figures::{is_attested, is_decreed, is_paid, is_withdrawn};
use cloudpa_domain::programme::open_data::FundingStatus;
use cloudpa_domain::programme::reserve::is_mezzogiorno;
use std::collections::{BTreeMap, HashSet};

/// One application as the figures count it: the open data's or one
/// submitted on cloudpa, with its ente and where the ente is.
#[derive(Debug, Clone)]
pub struct Counted {
    pub organisation_id: String,
    pub ipa_code: String,
    pub ente_name: String,
    /// The ente's kind code (`comune`, `scuola`, …).
    pub kind: String,
    pub municipality: String,
    pub province: String,
    pub region: String,
    /// ISTAT's geographic area (Nord-ovest, …, Sud, Isole).
    pub area: String,
    /// The population class, `none` for enti without one.
    pub class: Option<String>,
    pub call_title: String,
    pub amount_cents: i64,
    /// The open data's letter (A, R, E); none before the decree.
    pub status: Option<String>,
    /// The state of the project.
    pub state: Option<String>,
    pub services: i64,
    pub services_migrated: i64,
}

impl Counted {
    fn funding(&self) -> Option<FundingStatus> {
        self.status.as_deref().and_then(FundingStatus::parse)
    }

    fn attested(&self) -> bool {
        self.state.as_deref().and_then(CallApplicationState::parse).is_some_and(is_attested)
    }

    fn key(&self, group_by: GroupBy) -> Option<&str> {
        match group_by {
            GroupBy::Region => Some(&self.region),
            GroupBy::Province => Some(&self.province),
            GroupBy::Class => self.class.as_deref(),
            GroupBy::Status => self.status.as_deref(),
            GroupBy::State => self.state.as_deref(),
        }
    }

    fn selected_by(&self, f: &StatsFilter<'_>) -> bool {
        f.call.is_none_or(|c| c.is_empty() || c == self.call_title)
            && f.kind.is_none_or(|k| k.code() == self.kind)
            && f.region.is_none_or(|r| r.is_empty() || r == self.region)
            && f.province.is_none_or(|p| p.is_empty() || p == self.province)
    }
}

/// [`Figures`] being summed: the distinct enti are counted as sets.
#[derive(Default)]
struct Sum<'a> {
    figures: Figures,
    enti: HashSet<&'a str>,
    enti_attested: HashSet<&'a str>,
}

impl<'a> Sum<'a> {
    fn add(&mut self, a: &'a Counted) {
        let f = &mut self.figures;
        f.applications += 1;
        f.amount_cents += a.amount_cents;
        self.enti.insert(&a.organisation_id);
        if let Some(status) = a.funding() {
            if is_decreed(status) {
                f.amount_decreed_cents += a.amount_cents;
                if is_mezzogiorno(&a.area) {
                    f.amount_decreed_south_cents += a.amount_cents;
                }
            }
            if is_paid(status) {
                f.amount_paid_cents += a.amount_cents;
                f.paid += 1;
            }
            if is_withdrawn(status) {
                f.withdrawn += 1;
            }
        }
        if a.attested() {
            f.attested += 1;
            self.enti_attested.insert(&a.organisation_id);
        }
        f.services += a.services;
        f.services_migrated += a.services_migrated;
    }

    fn finish(self, key: String) -> Figures {
        Figures { key, enti: self.enti.len() as i64, enti_attested: self.enti_attested.len() as i64, ..self.figures }
    }
}

/// Every application the figures count, read at one data version.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub rows: Vec<Counted>,
}

impl Tally {
    /// The figures per group (by key, the applications without one as
    /// `none` first) and in total, of the applications `filter` selects.
    pub fn stats(&self, group_by: GroupBy, filter: &StatsFilter<'_>) -> (Vec<Figures>, Figures) {
        let mut groups: BTreeMap<Option<&str>, Sum> = BTreeMap::new();
        let mut total = Sum::default();
        for a in self.rows.iter().filter(|a| a.selected_by(filter)) {
            groups.entry(a.key(group_by)).or_default().add(a);
            total.add(a);
        }
        let groups = groups.into_iter().map(|(key, sum)| sum.finish(key.unwrap_or("none").to_owned())).collect();
        (groups, total.finish("total".into()))
    }

    /// Every ente `filter` selects with its figures, by name then IPA code.
    pub fn enti(&self, filter: &StatsFilter<'_>) -> Vec<EnteFigures> {
        let mut enti: BTreeMap<(&str, &str, &str, &str), Sum> = BTreeMap::new();
        for a in self.rows.iter().filter(|a| a.selected_by(filter)) {
            enti.entry((&a.ente_name, &a.ipa_code, &a.kind, &a.municipality)).or_default().add(a);
        }
        enti.into_iter()
            .map(|((name, ipa_code, kind, municipality), sum)| EnteFigures {
                ipa_code: ipa_code.to_owned(),
                name: name.to_owned(),
                kind: kind.to_owned(),
                municipality: municipality.to_owned(),
                figures: sum.finish(ipa_code.to_owned()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_domain::programme::open_data::EnteKind;

    fn application(ente: &str, region: &str, status: Option<&str>, state: &str, cents: i64) -> Counted {
        Counted {
            organisation_id: ente.into(),
            ipa_code: format!("c_{ente}"),
            ente_name: format!("Comune di {ente}"),
            kind: "comune".into(),
            municipality: ente.into(),
            province: format!("{region}-p"),
            region: region.into(),
            area: if region == "Sicilia" { "Isole" } else { "Nord-ovest" }.into(),
            class: Some("3".into()),
            call_title: "Avviso".into(),
            amount_cents: cents,
            status: status.map(Into::into),
            state: Some(state.into()),
            services: 2,
            services_migrated: 1,
        }
    }

    #[test]
    fn groups_sum_to_the_total_and_enti_are_counted_once() {
        let tally = Tally {
            rows: vec![
                application("a", "Liguria", Some("A"), "financed", 100),
                application("a", "Liguria", Some("E"), "paid", 50),
                application("b", "Sicilia", Some("R"), "withdrawn", 70),
                application("c", "Sicilia", None, "submitted", 30),
            ],
        };
        let (regions, total) = tally.stats(GroupBy::Region, &StatsFilter::default());
        assert_eq!(regions.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["Liguria", "Sicilia"]);
        assert_eq!((regions[0].applications, regions[0].enti, regions[0].enti_attested), (2, 1, 1));
        assert_eq!((total.applications, total.enti, total.amount_cents), (4, 3, 250));
        assert_eq!((total.amount_decreed_cents, total.amount_paid_cents, total.paid), (150, 50, 1));
        assert_eq!((total.withdrawn, total.attested, total.amount_decreed_south_cents), (1, 1, 0));
        let (statuses, _) = tally.stats(GroupBy::Status, &StatsFilter::default());
        assert_eq!(statuses.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["none", "A", "E", "R"]);
        let sicily = StatsFilter { region: Some("Sicilia"), kind: Some(EnteKind::Comune), ..StatsFilter::default() };
        let enti = tally.enti(&sicily);
        assert_eq!(enti.iter().map(|e| e.ipa_code.as_str()).collect::<Vec<_>>(), ["c_b", "c_c"]);
        let schools = StatsFilter { kind: Some(EnteKind::Scuola), ..StatsFilter::default() };
        assert_eq!(tally.stats(GroupBy::Region, &schools).1.applications, 0);
    }
}
