//! The agency's checks of a qualified service during its 36 months:
//! documentary or on site, each with its subject, the day the provider must
//! answer by, and an outcome with its findings; a service found not
//! compliant may be suspended.
//!
//! Source: the Piano Triennale 2024-2026 and secondary sources
//! (docs/regolamento-notes.md §6): ACN monitors qualified services for their
//! validity. The articles on checks, their time limits and suspension were
//! not found in the text read, so no time limit is imposed here beyond the
//! order of the days; the suspension itself follows the qualification's
//! lifecycle (`lifecycle::transition`).

use crate::message::Message;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Documentary,
    OnSite,
}

impl CheckKind {
    pub fn code(self) -> &'static str {
        match self {
            CheckKind::Documentary => "documentary",
            CheckKind::OnSite => "on_site",
        }
    }

    pub fn parse(code: &str) -> Option<CheckKind> {
        [CheckKind::Documentary, CheckKind::OnSite].into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Compliant,
    NotCompliant,
}

impl CheckOutcome {
    pub fn code(self) -> &'static str {
        match self {
            CheckOutcome::Compliant => "compliant",
            CheckOutcome::NotCompliant => "not_compliant",
        }
    }

    pub fn parse(code: &str) -> Option<CheckOutcome> {
        [CheckOutcome::Compliant, CheckOutcome::NotCompliant].into_iter().find(|o| o.code() == code)
    }
}

/// Checks the opening of a check on `on`: a subject, and an answer due
/// after the day it opens.
pub fn check_opening(subject: &str, on: NaiveDate, respond_by: NaiveDate) -> Vec<(&'static str, Message)> {
    let mut problems = Vec::new();
    if subject.trim().is_empty() {
        problems.push(("subject", Message::new("qual-not-empty")));
    }
    if respond_by <= on {
        problems.push(("respond_by", Message::new("qual-transition-date").arg("date", respond_by).arg("as_of", on)));
    }
    problems
}

/// Checks the closing of a check: once; findings written whatever the
/// outcome; a suspension only of a service found not compliant.
pub fn check_closing(
    already: Option<CheckOutcome>,
    outcome: CheckOutcome,
    findings: &str,
    suspends: bool,
) -> Vec<(&'static str, Message)> {
    let mut problems = Vec::new();
    if already.is_some() {
        problems.push(("outcome", Message::new("mon-check-closed")));
    }
    if findings.trim().is_empty() {
        problems.push(("findings", Message::new("qual-not-empty")));
    }
    if suspends && outcome == CheckOutcome::Compliant {
        problems.push(("suspend_until", Message::new("mon-check-compliant-suspension")));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_check_opens_with_a_subject_and_a_later_answer_day() {
        assert!(check_opening("Certificato CSA STAR scaduto", day("2026-03-01"), day("2026-03-31")).is_empty());
        let fields: Vec<&str> =
            check_opening("", day("2026-03-01"), day("2026-03-01")).iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["subject", "respond_by"]);
    }

    #[test]
    fn a_check_closes_once_with_findings_and_suspends_only_when_not_compliant() {
        assert!(check_closing(None, CheckOutcome::NotCompliant, "Nessun certificato valido", true).is_empty());
        assert!(check_closing(None, CheckOutcome::Compliant, "Rinnovato", false).is_empty());
        let fields = |p: Vec<(&'static str, Message)>| p.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(check_closing(None, CheckOutcome::Compliant, "ok", true)), ["suspend_until"]);
        assert_eq!(
            fields(check_closing(Some(CheckOutcome::Compliant), CheckOutcome::Compliant, " ", false)),
            ["outcome", "findings"]
        );
        for code in ["compliant", "not_compliant"] {
            assert_eq!(CheckOutcome::parse(code).unwrap().code(), code);
        }
        assert_eq!(CheckKind::parse("on_site"), Some(CheckKind::OnSite));
    }
}
