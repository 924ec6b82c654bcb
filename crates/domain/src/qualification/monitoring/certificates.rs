//! The certificates a qualified service keeps for its 36 months, and which of
//! its level's requirements they leave unmet on a day.
//!
//! Source: Regolamento ACN (DD 21007/24), Allegato 4 §2.3, §3.2, §4.2, §5.1,
//! as quoted by a secondary source (docs/regolamento-notes.md §3). Which
//! certificates each level needs is data
//! (`data/requirements/acn-2024-certificates.toml`), marked unconfirmed; the
//! certificates must come from bodies accredited by an EU national
//! accreditation body or one with a mutual-recognition agreement (§2.3,
//! §4.2), so each certificate names its issuer and its accreditation.

use crate::message::Message;
use crate::qualification::levels::Level;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A management-system standard a certificate attests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Standard {
    #[serde(rename = "ISO-9001")]
    Iso9001,
    #[serde(rename = "ISO-IEC-27001")]
    Iso27001,
    #[serde(rename = "ISO-IEC-27017")]
    Iso27017,
    #[serde(rename = "ISO-IEC-27018")]
    Iso27018,
    #[serde(rename = "ISO-22301")]
    Iso22301,
    #[serde(rename = "ISO-IEC-20000-1")]
    Iso20000,
    #[serde(rename = "CSA-STAR-2")]
    CsaStar2,
}

impl Standard {
    pub const ALL: [Standard; 7] = [
        Standard::Iso9001,
        Standard::Iso27001,
        Standard::Iso27017,
        Standard::Iso27018,
        Standard::Iso22301,
        Standard::Iso20000,
        Standard::CsaStar2,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Standard::Iso9001 => "ISO-9001",
            Standard::Iso27001 => "ISO-IEC-27001",
            Standard::Iso27017 => "ISO-IEC-27017",
            Standard::Iso27018 => "ISO-IEC-27018",
            Standard::Iso22301 => "ISO-22301",
            Standard::Iso20000 => "ISO-IEC-20000-1",
            Standard::CsaStar2 => "CSA-STAR-2",
        }
    }

    /// The name people write (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Standard::Iso9001 => "ISO 9001",
            Standard::Iso27001 => "ISO/IEC 27001",
            Standard::Iso27017 => "ISO/IEC 27017",
            Standard::Iso27018 => "ISO/IEC 27018",
            Standard::Iso22301 => "ISO 22301",
            Standard::Iso20000 => "ISO/IEC 20000-1",
            Standard::CsaStar2 => "CSA STAR Level 2",
        }
    }

    pub fn parse(code: &str) -> Option<Standard> {
        Standard::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the rules need of a certificate held: what it attests and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub standard: Standard,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

impl Held {
    /// Valid on `day`: from its first day to its last, both included.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

/// One requirement of a level: met by any one of its alternatives, each met
/// by every standard it lists.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The paragraph of the Regolamento that states it.
    pub reference: String,
    pub any_of: Vec<Vec<Standard>>,
}

impl Requirement {
    /// A stable key, the same across sweeps: its alternatives' codes.
    pub fn key(&self) -> String {
        let alternatives: Vec<String> =
            self.any_of.iter().map(|a| a.iter().map(|s| s.code()).collect::<Vec<_>>().join("+")).collect();
        alternatives.join("|")
    }

    /// Whether the certificates `held` meet it on `day`.
    pub fn met(&self, held: &[Held], day: NaiveDate) -> bool {
        self.any_of.iter().any(|all| all.iter().all(|s| held.iter().any(|h| h.standard == *s && h.valid_on(day))))
    }
}

/// The certificates file: each level's requirements, whether they are
/// confirmed by the text, the source, and the reminder points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRules {
    pub levels: BTreeMap<Level, Vec<Requirement>>,
    pub confirmed: bool,
    pub source: String,
    /// Days before a certificate's last day that its holder is reminded.
    pub reminder_days: Vec<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    confirmed: bool,
    source: String,
    reminder_days: Vec<u64>,
    levels: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: Level,
    requirements: Vec<Requirement>,
}

impl CertificateRules {
    /// Reads the certificates file: every level once, none with an empty
    /// alternative, each reference naming a paragraph.
    pub fn parse(text: &str) -> Result<CertificateRules, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut levels = BTreeMap::new();
        for entry in file.levels {
            let code = entry.code;
            if entry.requirements.iter().any(|r| r.reference.trim().is_empty() || r.any_of.iter().any(Vec::is_empty)) {
                return Err(format!("level {code} has a requirement without a reference or with an empty alternative"));
            }
            if levels.insert(code, entry.requirements).is_some() {
                return Err(format!("level {code} twice"));
            }
        }
        if let Some(missing) = Level::ALL.into_iter().find(|l| !levels.contains_key(l)) {
            return Err(format!("level {missing} missing"));
        }
        let mut reminder_days = file.reminder_days;
        reminder_days.sort_unstable();
        Ok(CertificateRules { levels, confirmed: file.confirmed, source: file.source, reminder_days })
    }

    /// The requirements of `level`.
    pub fn of(&self, level: Level) -> &[Requirement] {
        self.levels.get(&level).map_or(&[], Vec::as_slice)
    }

    /// The requirements of `level` that the certificates `held` leave unmet
    /// on `day`.
    pub fn gaps(&self, level: Level, held: &[Held], day: NaiveDate) -> Vec<&Requirement> {
        self.of(level).iter().filter(|r| !r.met(held, day)).collect()
    }

    /// The reminder owed on `as_of` of a certificate whose last day is
    /// `valid_until`: the nearest of the reminder points already reached (by
    /// how many days before), or `None` before the first and after the last
    /// day. A sweep that missed a day sends the latest reminder once.
    pub fn reminder_due(&self, valid_until: NaiveDate, as_of: NaiveDate) -> Option<u64> {
        if as_of > valid_until {
            return None;
        }
        self.reminder_days
            .iter()
            .copied()
            .find(|&n| valid_until.checked_sub_days(Days::new(n)).is_some_and(|day| day <= as_of))
    }

    /// Which of the certificates `held` end soon on `as_of` (their index): not
    /// ended yet, ending within the furthest reminder point, and not
    /// followed by a certificate of the same standard that ends later.
    pub fn ending_soon(&self, held: &[Held], as_of: NaiveDate) -> Vec<usize> {
        let horizon = self.reminder_days.last().and_then(|&n| as_of.checked_add_days(Days::new(n)));
        held.iter()
            .enumerate()
            .filter(|(_, h)| as_of <= h.valid_until && horizon.is_some_and(|end| h.valid_until <= end))
            .filter(|(_, h)| !held.iter().any(|o| o.standard == h.standard && o.valid_until > h.valid_until))
            .map(|(i, _)| i)
            .collect()
    }
}

/// The shipped certificates file, read once.
pub static CERTIFICATES: LazyLock<CertificateRules> = LazyLock::new(|| {
    CertificateRules::parse(include_str!("../../../../../data/requirements/acn-2024-certificates.toml")).unwrap_or_else(
        |_| CertificateRules {
            levels: BTreeMap::new(),
            confirmed: false,
            source: String::new(),
            reminder_days: Vec::new(),
        },
    )
});

/// A certificate as a provider declares it, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct CertificateForm {
    pub standard: String,
    pub issuer: String,
    pub accreditation: String,
    pub number: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A certificate that passed [`CertificateForm::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub standard: Standard,
    pub issuer: String,
    pub accreditation: String,
    pub number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

impl CertificateForm {
    /// Checks every field at once: a known standard; the issuing body, its
    /// accreditation body and the certificate's number named; both days
    /// given, the last after the first (Allegato 4 §2.3: certificates from
    /// accredited bodies).
    pub fn check(&self) -> Result<Certificate, Vec<(&'static str, Message)>> {
        let mut problems = Vec::new();
        let standard = Standard::parse(self.standard.trim());
        if standard.is_none() {
            let allowed: Vec<&str> = Standard::ALL.iter().map(|s| s.code()).collect();
            problems.push(("standard", Message::new("mon-rule-standard").arg("allowed", allowed.join(", "))));
        }
        for (field, value) in
            [("issuer", &self.issuer), ("accreditation", &self.accreditation), ("number", &self.number)]
        {
            if value.trim().is_empty() {
                problems.push((field, Message::new("qual-not-empty")));
            }
        }
        for (field, value) in [("valid_from", self.valid_from), ("valid_until", self.valid_until)] {
            if value.is_none() {
                problems.push((field, Message::new("mon-date-missing")));
            }
        }
        if let (Some(from), Some(until)) = (self.valid_from, self.valid_until)
            && until <= from
        {
            problems.push(("valid_until", Message::new("mon-rule-valid-until").arg("valid_from", from)));
        }
        match (standard, self.valid_from, self.valid_until) {
            (Some(standard), Some(valid_from), Some(valid_until)) if problems.is_empty() => Ok(Certificate {
                standard,
                issuer: self.issuer.trim().to_owned(),
                accreditation: self.accreditation.trim().to_owned(),
                number: self.number.trim().to_owned(),
                valid_from,
                valid_until,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Standard::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn held(standard: Standard, from: &str, until: &str) -> Held {
        Held { standard, valid_from: day(from), valid_until: day(until) }
    }

    #[test]
    fn the_shipped_rules_parse_cite_allegato_4_and_say_they_are_unconfirmed() {
        let rules =
            CertificateRules::parse(include_str!("../../../../../data/requirements/acn-2024-certificates.toml"))
                .unwrap();
        assert!(!rules.confirmed);
        assert_eq!(rules, *CERTIFICATES);
        assert!(Level::ALL.iter().all(|l| rules.of(*l).iter().all(|r| r.reference.starts_with("Allegato 4 §"))));
        assert_eq!(rules.of(Level::QC1).len(), 2);
        assert_eq!(rules.of(Level::QC3).len(), 5);
        assert_eq!(rules.reminder_days, [7, 30, 90]);
    }

    #[test]
    fn a_requirement_is_met_by_any_alternative_whole_and_valid_on_the_day() {
        let rules = &*CERTIFICATES;
        let iso = [held(Iso9001, "2025-01-01", "2027-12-31"), held(Iso27001, "2025-01-01", "2027-12-31")];
        let gaps = rules.gaps(Level::QC1, &iso, day("2026-06-01"));
        assert_eq!(gaps.len(), 1, "27001 alone is not the whole alternative");
        assert_eq!(gaps[0].key(), "ISO-IEC-27001+ISO-IEC-27017+ISO-IEC-27018|CSA-STAR-2");
        let star = [iso[0], held(CsaStar2, "2025-01-01", "2026-05-31")];
        assert!(rules.gaps(Level::QC1, &star, day("2026-05-31")).is_empty(), "the last day is included");
        assert_eq!(rules.gaps(Level::QC1, &star, day("2026-06-01")).len(), 1, "lapsed the day after");
        assert_eq!(rules.gaps(Level::QC1, &star, day("2024-12-31")).len(), 2, "not valid yet");
    }

    #[test]
    fn higher_levels_need_more() {
        let all: Vec<Held> = Standard::ALL.iter().map(|s| held(*s, "2025-01-01", "2028-01-01")).collect();
        let on = day("2026-01-01");
        assert!(Level::ALL.iter().all(|l| CERTIFICATES.gaps(*l, &all, on).is_empty()));
        let without_star: Vec<Held> = all.iter().copied().filter(|h| h.standard != CsaStar2).collect();
        assert!(CERTIFICATES.gaps(Level::QC2, &without_star, on).is_empty());
        assert_eq!(CERTIFICATES.gaps(Level::QC3, &without_star, on)[0].key(), "CSA-STAR-2");
    }

    #[test]
    fn reminders_come_at_90_30_and_7_days_and_the_latest_once() {
        let until = day("2026-12-31");
        assert_eq!(CERTIFICATES.reminder_due(until, day("2026-10-01")), None);
        assert_eq!(CERTIFICATES.reminder_due(until, day("2026-10-02")), Some(90));
        assert_eq!(CERTIFICATES.reminder_due(until, day("2026-12-15")), Some(30));
        assert_eq!(CERTIFICATES.reminder_due(until, day("2026-12-31")), Some(7));
        assert_eq!(CERTIFICATES.reminder_due(until, day("2027-01-01")), None);
    }

    #[test]
    fn a_certificate_ends_soon_within_the_reminders_unless_renewed() {
        let today = day("2026-12-01");
        let held = [
            held(Iso22301, "2024-01-01", "2027-01-15"),
            held(Iso9001, "2024-01-01", "2028-01-01"),
            held(Iso20000, "2024-01-01", "2026-12-20"),
            held(Iso20000, "2026-12-01", "2029-12-20"),
            held(CsaStar2, "2023-01-01", "2026-11-30"),
        ];
        assert_eq!(CERTIFICATES.ending_soon(&held, today), [0], "renewed, far off and ended are not due");
    }

    #[test]
    fn a_rules_file_that_breaks_a_rule_is_refused() {
        let head = "confirmed = false\nsource = \"s\"\nreminder_days = [30]\n";
        let level = |code: &str, any_of: &str| {
            format!("[[levels]]\ncode = \"{code}\"\n[[levels.requirements]]\nreference = \"§1\"\nany_of = {any_of}\n")
        };
        let file = |qc2: &str| {
            let rest: String = ["QC3", "QC4"].iter().map(|c| level(c, "[[\"ISO-9001\"]]")).collect();
            format!("{head}{}{}{rest}", level("QC1", "[[\"ISO-9001\"]]"), level("QC2", qc2))
        };
        assert!(CertificateRules::parse(&file("[[\"ISO-9001\"]]")).is_ok());
        assert!(CertificateRules::parse(&file("[[]]")).unwrap_err().contains("QC2"));
        assert!(CertificateRules::parse(&file("[[\"ISO-9999\"]]")).is_err());
        assert!(CertificateRules::parse(&format!("{head}{}", level("QC1", "[[\"ISO-9001\"]]"))).is_err());
    }

    #[test]
    fn a_form_is_checked_field_by_field() {
        let form = CertificateForm {
            standard: "ISO-IEC-27001".into(),
            issuer: " Ente Certificatore S.p.A. ".into(),
            accreditation: "ACCREDIA".into(),
            number: "IT-1234".into(),
            valid_from: Some(day("2025-03-01")),
            valid_until: Some(day("2028-02-28")),
        };
        let cert = form.check().unwrap();
        assert_eq!((cert.standard, cert.issuer.as_str()), (Iso27001, "Ente Certificatore S.p.A."));
        let bad = CertificateForm {
            standard: "ISO-27001".into(),
            issuer: " ".into(),
            valid_from: Some(day("2025-03-01")),
            valid_until: Some(day("2025-03-01")),
            ..CertificateForm::default()
        };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["standard", "issuer", "accreditation", "number", "valid_until"]);
        let undated = CertificateForm { valid_from: None, ..form };
        assert_eq!(undated.check().unwrap_err()[0].0, "valid_from");
    }
}
