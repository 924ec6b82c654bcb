//! The ente's answers to one section of a compliance form, read-only, as
//! the attestor weighs them: only the items that apply to the service,
//! each document a link to the file.

use crate::i18n::Lang;
use cloudpa_domain::attestation::form::{Answer, Answers, FormDefinition, FormFacts, ItemKind};

/// How an answer is shown.
pub(super) enum Shown {
    Missing,
    Text(String),
    /// A yes/no answer or a declaration: its text key.
    Flag(&'static str),
    /// An uploaded file, by its id.
    Document(String),
    Entries(Vec<String>),
    /// The columns, then the rows' cells in that order.
    Table(Vec<String>, Vec<Vec<String>>),
}

/// One item of a section with the ente's answer.
pub(super) struct AnswerRow {
    pub label: String,
    pub shown: Shown,
}

/// The applicable items of section `section_id` with their answers.
pub(super) fn of_section(
    definition: &FormDefinition,
    facts: &FormFacts,
    answers: &Answers,
    section_id: &str,
    lang: Lang,
) -> Vec<AnswerRow> {
    let Some(section) = definition.sections.iter().find(|s| s.id == section_id) else { return Vec::new() };
    let applicable: Vec<&str> = definition.applicable(facts, answers).map(|i| i.id.as_str()).collect();
    section
        .items
        .iter()
        .filter(|i| applicable.contains(&i.id.as_str()))
        .map(|item| AnswerRow {
            label: if lang == Lang::It { item.label.clone() } else { item.label_en.clone() },
            shown: answers.get(&item.id).map_or(Shown::Missing, |a| shown(item.kind, &item.columns, a)),
        })
        .collect()
}

fn shown(kind: ItemKind, columns: &[String], answer: &Answer) -> Shown {
    match answer {
        Answer::Bool(b) => Shown::Flag(if *b { "desk_att-yes" } else { "desk_att-no" }),
        Answer::Number(n) => Shown::Text(n.to_string()),
        Answer::Text(t) if t.trim().is_empty() => Shown::Missing,
        Answer::Text(t) if kind == ItemKind::Document => Shown::Document(t.trim().to_owned()),
        Answer::Text(t) => Shown::Text(t.clone()),
        Answer::List(_) => Shown::Entries(answer.entries().into_iter().map(str::to_owned).collect()),
        Answer::Rows(rows) => Shown::Table(
            columns.to_vec(),
            rows.iter().map(|r| columns.iter().map(|c| r.get(c).cloned().unwrap_or_default()).collect()).collect(),
        ),
    }
}
