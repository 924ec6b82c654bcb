//! A compliance form as posted, read into the workflow's input by the
//! kinds of its definition's items: `a.<item>` for a field, `f.<item>` for
//! a document's new file, `t.<item>.<row>.<column>` for a table's cell.
//! Blank fields are no answer; what does not parse is passed on as a text,
//! for the workflow to refuse with the item named.

use super::posted::{Posted, Stored};
use cloudpa_domain::attestation::form::{Answer, Answers, FormDefinition, Item, ItemKind};
use cloudpa_workflows::attestation::forms::FormInput;
use std::collections::{BTreeMap, BTreeSet};

/// The fields of `definition` that may hold line breaks.
pub(super) fn prose_fields(definition: &FormDefinition) -> BTreeSet<String> {
    let multiline = |kind| matches!(kind, ItemKind::LongText | ItemKind::IpList | ItemKind::StringList);
    definition.items().filter(|i| multiline(i.kind)).map(|i| format!("a.{}", i.id)).collect()
}

/// The input of the posted form, with the files `stored` from it.
pub(super) fn form_input(definition: &FormDefinition, posted: &Posted, stored: &Stored) -> FormInput {
    let mut answers = Answers::new();
    for item in definition.items() {
        let text = posted.text(&format!("a.{}", item.id));
        let given = (!text.is_empty()).then(|| text.to_owned());
        let answer = match item.kind {
            ItemKind::Text | ItemKind::LongText | ItemKind::Date | ItemKind::Url | ItemKind::Choice => {
                given.map(Answer::Text)
            }
            ItemKind::Integer => given.map(|t| t.parse().map_or(Answer::Text(t), Answer::Number)),
            ItemKind::Boolean => match text {
                "yes" => Some(Answer::Bool(true)),
                "no" => Some(Answer::Bool(false)),
                _ => None,
            },
            ItemKind::Declaration => Some(Answer::Bool(text == "yes")),
            ItemKind::IpList | ItemKind::StringList => {
                let entries: Vec<String> =
                    text.lines().map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned).collect();
                (!entries.is_empty()).then_some(Answer::List(entries))
            }
            ItemKind::Document => stored.file(&format!("f.{}", item.id)).or(given).map(Answer::Text),
            ItemKind::Table => table(item, posted),
        };
        if let Some(answer) = answer {
            answers.insert(item.id.clone(), answer);
        }
    }
    let chosen = |name: &str| Some(posted.text(name).to_owned()).filter(|t| !t.is_empty());
    FormInput { contract_id: chosen("contract_id"), listing_id: chosen("listing_id"), answers }
}

/// A table's rows in order, blank rows left out; none without a row.
fn table(item: &Item, posted: &Posted) -> Option<Answer> {
    let prefix = format!("t.{}.", item.id);
    let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    for (rest, value) in posted.texts_under(&prefix) {
        let Some((row, column)) = rest.split_once('.') else { continue };
        let (Ok(row), true) = (row.parse::<usize>(), item.columns.iter().any(|c| c == column)) else { continue };
        rows.entry(row).or_default().insert(column.to_owned(), value.trim().to_owned());
    }
    let filled: Vec<BTreeMap<String, String>> = rows
        .into_values()
        .filter(|row| row.values().any(|v| !v.is_empty()))
        .map(|row| item.columns.iter().map(|c| (c.clone(), row.get(c).cloned().unwrap_or_default())).collect())
        .collect();
    (!filled.is_empty()).then_some(Answer::Rows(filled))
}
