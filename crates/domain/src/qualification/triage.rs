//! Answers to a requirement set, and the automatic triage on submission.
//!
//! Source: the EUCS-style lifecycle of DOMAIN.md §2 — a submission is
//! checked before a reviewer sees it: a mandatory requirement unanswered,
//! answered "no", or backed by a certificate that has expired is a definite
//! fail; declarations alone are a definite pass; anything with evidence to
//! read (documents, certificates, text) needs review.

use super::levels::Level;
use super::requirements::{AnswerType, Requirement, RequirementSet, ServiceKind};
use crate::message::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A provider's answer to one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    YesNo {
        value: bool,
    },
    Text {
        value: String,
    },
    /// `document` names the uploaded certificate (a blob id).
    Certificate {
        expires_on: NaiveDate,
        document: String,
    },
    Document {
        document: String,
    },
    Location {
        countries: Vec<String>,
    },
    SliValues {
        value: String,
    },
}

impl Answer {
    pub fn answer_type(&self) -> AnswerType {
        match self {
            Answer::YesNo { .. } => AnswerType::YesNo,
            Answer::Text { .. } => AnswerType::Text,
            Answer::Certificate { .. } => AnswerType::Certificate,
            Answer::Document { .. } => AnswerType::Document,
            Answer::Location { .. } => AnswerType::Location,
            Answer::SliValues { .. } => AnswerType::SliValues,
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Answer::Text { value } | Answer::SliValues { value } => value.trim().is_empty(),
            Answer::Document { document } | Answer::Certificate { document, .. } => document.is_empty(),
            Answer::Location { countries } => countries.iter().all(|c| c.trim().is_empty()),
            Answer::YesNo { .. } => false,
        }
    }
}

/// Why an answer cannot be stored for a requirement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum AnswerError {
    WrongType { id: String, expected: AnswerType, given: AnswerType },
    Blank(String),
}

impl AnswerError {
    pub fn message(&self) -> Message {
        match self {
            AnswerError::WrongType { id, expected, given } => Message::new("qual-answer-wrong-type")
                .arg("requirement", id)
                .arg("expected", format!("{expected:?}"))
                .arg("given", format!("{given:?}")),
            AnswerError::Blank(id) => Message::new("qual-answer-blank").arg("requirement", id),
        }
    }
}

/// Checks that `answer` has the type `requirement` asks for and is not blank.
pub fn check_answer(requirement: &Requirement, answer: &Answer) -> Result<(), AnswerError> {
    if answer.answer_type() != requirement.answer {
        return Err(AnswerError::WrongType {
            id: requirement.id.clone(),
            expected: requirement.answer,
            given: answer.answer_type(),
        });
    }
    if answer.is_blank() {
        return Err(AnswerError::Blank(requirement.id.clone()));
    }
    Ok(())
}

/// One reason for a definite fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Finding {
    Unanswered { requirement: String },
    DeclaredNo { requirement: String },
    CertificateExpired { requirement: String, expired_on: NaiveDate },
}

/// The outcome of the automatic triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Triage {
    Fail { findings: Vec<Finding> },
    Pass,
    NeedsReview,
}

/// Triage of `answers` (by requirement id) for a service of `kind` at
/// `level`, with certificates judged valid on `as_of`.
pub fn triage(
    set: &RequirementSet,
    kind: ServiceKind,
    level: Option<Level>,
    answers: &BTreeMap<String, Answer>,
    as_of: NaiveDate,
) -> Triage {
    let mut findings = Vec::new();
    let mut needs_review = false;
    for requirement in set.applicable(kind, level) {
        let id = requirement.id.clone();
        match answers.get(&requirement.id) {
            None if requirement.mandatory => findings.push(Finding::Unanswered { requirement: id }),
            None => {}
            Some(Answer::YesNo { value: false }) if requirement.mandatory => {
                findings.push(Finding::DeclaredNo { requirement: id })
            }
            Some(Answer::Certificate { expires_on, .. }) if *expires_on < as_of => {
                findings.push(Finding::CertificateExpired { requirement: id, expired_on: *expires_on })
            }
            Some(Answer::YesNo { .. } | Answer::Location { .. }) => {}
            Some(_) => needs_review = true,
        }
    }
    match (findings.is_empty(), needs_review) {
        (false, _) => Triage::Fail { findings },
        (true, true) => Triage::NeedsReview,
        (true, false) => Triage::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qualification::requirements::tests::acn;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Complete QC1 answers for the ACN set, certificates valid until 2027.
    fn qc1_answers() -> BTreeMap<String, Answer> {
        let set = acn();
        set.applicable(ServiceKind::SaaS, Some(Level::QC1))
            .into_iter()
            .map(|r| {
                let answer = match r.answer {
                    AnswerType::Certificate => {
                        Answer::Certificate { expires_on: date("2027-06-30"), document: "blob-1".into() }
                    }
                    AnswerType::YesNo => Answer::YesNo { value: true },
                    AnswerType::Location => Answer::Location { countries: vec!["IT".into()] },
                    AnswerType::Document => Answer::Document { document: "blob-2".into() },
                    AnswerType::Text | AnswerType::SliValues => Answer::Text { value: "x".into() },
                };
                (r.id.clone(), answer)
            })
            .collect()
    }

    #[test]
    fn complete_answers_with_certificates_need_review() {
        let t = triage(&acn(), ServiceKind::SaaS, Some(Level::QC1), &qc1_answers(), date("2026-11-22"));
        assert_eq!(t, Triage::NeedsReview);
    }

    #[test]
    fn a_missing_mandatory_answer_fails() {
        let mut answers = qc1_answers();
        answers.remove("LOC-DATI-UE");
        let t = triage(&acn(), ServiceKind::SaaS, Some(Level::QC1), &answers, date("2026-11-22"));
        assert_eq!(t, Triage::Fail { findings: vec![Finding::Unanswered { requirement: "LOC-DATI-UE".into() }] });
    }

    #[test]
    fn certificates_expire_at_the_end_of_their_day() {
        let answers = qc1_answers();
        let on_expiry = triage(&acn(), ServiceKind::SaaS, Some(Level::QC1), &answers, date("2027-06-30"));
        assert_eq!(on_expiry, Triage::NeedsReview);
        let after = triage(&acn(), ServiceKind::SaaS, Some(Level::QC1), &answers, date("2027-07-01"));
        let Triage::Fail { findings } = after else { panic!("expired certificates fail") };
        assert!(findings.contains(&Finding::CertificateExpired {
            requirement: "CERT-9001".into(),
            expired_on: date("2027-06-30")
        }));
    }

    #[test]
    fn declaring_no_to_a_mandatory_requirement_fails() {
        let mut answers = qc1_answers();
        answers.insert("CHIAVI-SU-RICHIESTA".into(), Answer::YesNo { value: false });
        let t = triage(&acn(), ServiceKind::SaaS, Some(Level::QC1), &answers, date("2026-11-22"));
        assert!(
            matches!(t, Triage::Fail { findings } if findings == [Finding::DeclaredNo { requirement: "CHIAVI-SU-RICHIESTA".into() }])
        );
    }

    #[test]
    fn higher_levels_ask_for_more() {
        let t = triage(&acn(), ServiceKind::SaaS, Some(Level::QC2), &qc1_answers(), date("2026-11-22"));
        let Triage::Fail { findings } = t else { panic!("QC2 needs more answers") };
        assert_eq!(findings.len(), 4);
    }

    #[test]
    fn declarations_alone_pass() {
        let set = RequirementSet::parse(
            "id = \"d\"\nregime = \"r\"\ntitle = \"t\"\nversion = \"1\"\nkinds = [\"SaaS\"]\nsource = \"s\"\n\
             [[requirements]]\nid = \"A\"\ngroup = \"g\"\ntext = \"t\"\nanswer = \"yes_no\"\nmandatory = true\n\
             evidence = \"e\"\nsource = \"s\"\n",
        )
        .unwrap();
        let answers = BTreeMap::from([("A".to_owned(), Answer::YesNo { value: true })]);
        assert_eq!(triage(&set, ServiceKind::SaaS, None, &answers, date("2026-01-01")), Triage::Pass);
    }

    #[test]
    fn answers_must_match_the_requirement_type() {
        let set = acn();
        let cert = set.requirement("CERT-9001").unwrap();
        assert!(matches!(
            check_answer(cert, &Answer::YesNo { value: true }),
            Err(AnswerError::WrongType { expected: AnswerType::Certificate, .. })
        ));
        let doc = set.requirement("ELENCO-SEDI").unwrap();
        assert_eq!(
            check_answer(doc, &Answer::Document { document: String::new() }),
            Err(AnswerError::Blank("ELENCO-SEDI".into()))
        );
        assert!(check_answer(doc, &Answer::Document { document: "b".into() }).is_ok());
    }
}
