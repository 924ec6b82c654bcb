//! The adeguamento of a digital infrastructure: its operator declares the
//! infrastructure conforms to the requirements of a level, AI1–AI4, and the
//! agency reviews the declaration with the same lifecycle as an application
//! for qualification (`lifecycle::transition`).
//!
//! Source: every digital infrastructure goes through adeguamento, whoever
//! runs it, by a declaration of conformity sent to the agency
//! (docs/regolamento-notes.md §4, [DTD]); the requirements are data
//! (`data/requirements/acn-2024-ai.toml`), each with its article or annex as
//! a secondary source quotes it, and those whose text was not read are not
//! mandatory.

use super::{InfrastructureLevel, LEVELS};
use crate::message::Message;
use serde::{Deserialize, Serialize};

/// One requirement an operator declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfrastructureRequirement {
    pub id: String,
    pub text: String,
    pub mandatory: bool,
    /// The lowest level that must declare it; the levels are cumulative.
    pub from_level: InfrastructureLevel,
    /// The article or annex it rests on, as read.
    pub source: String,
}

impl InfrastructureRequirement {
    pub fn applies_to(&self, level: InfrastructureLevel) -> bool {
        level >= self.from_level
    }
}

/// What the operator declares of one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredAnswer {
    pub requirement_id: String,
    /// Whether the infrastructure conforms to it.
    pub conforms: bool,
    /// The evidence the operator holds, or why it does not conform.
    #[serde(default)]
    pub note: String,
}

/// The requirements a declaration of `level` answers.
pub fn applicable(level: InfrastructureLevel) -> Vec<&'static InfrastructureRequirement> {
    LEVELS.requirements.iter().filter(|r| r.applies_to(level)).collect()
}

/// Why a declaration cannot be sent, naming the requirement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum DeclarationError {
    /// An answer names a requirement the level does not have.
    Unknown { requirement: String },
    /// The same requirement answered twice.
    Twice { requirement: String },
    /// A mandatory requirement of the level is not answered.
    Unanswered { requirement: String },
    /// A mandatory requirement is declared not met: a declaration of
    /// conformity cannot say so.
    NotConforming { requirement: String },
}

impl DeclarationError {
    pub fn requirement(&self) -> &str {
        match self {
            DeclarationError::Unknown { requirement }
            | DeclarationError::Twice { requirement }
            | DeclarationError::Unanswered { requirement }
            | DeclarationError::NotConforming { requirement } => requirement,
        }
    }

    pub fn message(&self) -> Message {
        let key = match self {
            DeclarationError::Unknown { .. } => "infra-decl-unknown",
            DeclarationError::Twice { .. } => "infra-decl-twice",
            DeclarationError::Unanswered { .. } => "infra-decl-unanswered",
            DeclarationError::NotConforming { .. } => "infra-decl-not-conforming",
        };
        Message::new(key).arg("requirement", self.requirement())
    }
}

/// Checks the answers of a declaration at `level` (the requirements in
/// `requirements`): every answer names a requirement of the level once;
/// every mandatory one is answered and declared met. Whether it can be
/// *saved* asks only the first two; whether it can be *sent*, all four.
pub fn check_answers(
    requirements: &[InfrastructureRequirement],
    level: InfrastructureLevel,
    answers: &[DeclaredAnswer],
    sending: bool,
) -> Vec<DeclarationError> {
    let mut errors = Vec::new();
    for (i, answer) in answers.iter().enumerate() {
        let requirement = answer.requirement_id.clone();
        if !requirements.iter().any(|r| r.id == answer.requirement_id && r.applies_to(level)) {
            errors.push(DeclarationError::Unknown { requirement });
        } else if answers[..i].iter().any(|a| a.requirement_id == answer.requirement_id) {
            errors.push(DeclarationError::Twice { requirement });
        }
    }
    if !sending {
        return errors;
    }
    for r in requirements.iter().filter(|r| r.mandatory && r.applies_to(level)) {
        match answers.iter().find(|a| a.requirement_id == r.id) {
            None => errors.push(DeclarationError::Unanswered { requirement: r.id.clone() }),
            Some(a) if !a.conforms => errors.push(DeclarationError::NotConforming { requirement: r.id.clone() }),
            Some(_) => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use InfrastructureLevel::*;

    fn yes(id: &str) -> DeclaredAnswer {
        DeclaredAnswer { requirement_id: id.into(), conforms: true, note: String::new() }
    }

    fn mandatory(level: InfrastructureLevel) -> Vec<DeclaredAnswer> {
        applicable(level).iter().filter(|r| r.mandatory).map(|r| yes(&r.id)).collect()
    }

    #[test]
    fn the_shipped_requirements_cite_their_source_and_grow_with_the_level() {
        assert!(!LEVELS.requirements.is_empty());
        assert!(LEVELS.requirements.iter().all(|r| !r.source.trim().is_empty() && !r.text.trim().is_empty()));
        assert!(applicable(AI1).len() < applicable(AI3).len());
        assert!(applicable(AI3).len() < applicable(AI4).len());
        let unread = LEVELS.requirements.iter().filter(|r| r.text.contains("da confermare"));
        assert!(unread.clone().count() > 0 && unread.clone().all(|r| !r.mandatory), "an unread rule refuses nothing");
    }

    #[test]
    fn a_declaration_is_sent_only_with_every_mandatory_requirement_met() {
        let reqs = &LEVELS.requirements;
        assert_eq!(check_answers(reqs, AI1, &mandatory(AI1), true), []);
        assert_eq!(check_answers(reqs, AI1, &[], false), [], "a draft may be empty");
        let errors = check_answers(reqs, AI3, &mandatory(AI1), true);
        assert_eq!(errors, [DeclarationError::Unanswered { requirement: "AI-ACCESSI-EXTRA-UE".into() }]);
        let mut refused = mandatory(AI1);
        refused[0].conforms = false;
        let errors = check_answers(reqs, AI1, &refused, true);
        assert_eq!(errors, [DeclarationError::NotConforming { requirement: refused[0].requirement_id.clone() }]);
    }

    #[test]
    fn an_answer_names_a_requirement_of_the_level_once() {
        let reqs = &LEVELS.requirements;
        let mut answers = mandatory(AI1);
        answers.push(yes("AI4-REQUISITI"));
        answers.push(yes(&answers[0].requirement_id.clone()));
        let errors = check_answers(reqs, AI1, &answers, false);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0], DeclarationError::Unknown { requirement: "AI4-REQUISITI".into() });
        assert!(matches!(&errors[1], DeclarationError::Twice { .. }));
        assert_eq!(errors[1].message().key, "infra-decl-twice");
    }
}
