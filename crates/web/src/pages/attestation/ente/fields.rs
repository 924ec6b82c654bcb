//! The compliance form as its page shows it, from the form's definition:
//! each section a fieldset, each item a field of its kind holding the
//! current answer, with the condition it applies under and the reasons it
//! fails. Items that apply only to services with other facts (a data class,
//! an improved migration) are left out; items that depend on an earlier
//! answer are shown with their condition (a script hides them while it does
//! not hold).

use crate::i18n::Lang;
use cloudpa_domain::attestation::form::{Answer, Answers, FormDefinition, FormFacts, Item, ItemKind};
use std::collections::{BTreeMap, BTreeSet};

/// Why each field fails, by field (an item's id, `contract_id`, `listing_id`).
pub(super) type Reasons = BTreeMap<String, Vec<String>>;

pub(super) struct SectionView {
    pub id: String,
    pub title: String,
    pub items: Vec<FieldView>,
}

/// One cell of a table item: its input's name and label, and its value.
pub(super) struct Cell {
    pub column: String,
    pub name: String,
    pub label: String,
    pub value: String,
}

pub(super) struct FieldView {
    pub id: String,
    /// The item's kind, as the definition names it (`text`, `ip_list`…).
    pub kind: &'static str,
    pub label: String,
    /// The earlier item the field depends on ("" when it always applies),
    /// the answers it applies for (space-separated) and the sentence
    /// saying so.
    pub when_item: String,
    pub when_any: String,
    pub when_hint: String,
    /// The answer as the field holds it: a text, a number, `yes`/`no`, the
    /// entries of a list one per line, or a file's id.
    pub value: String,
    pub checked: bool,
    /// (code, label) of a choice's options.
    pub options: Vec<(String, String)>,
    /// (code, label) of a table's columns, and its rows with an empty one
    /// to add.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<Cell>>,
    pub reasons: Vec<String>,
}

/// The sections of `definition` for a service with `facts`, holding
/// `answers`; a table gets an empty row to fill when `editable`.
pub(super) fn sections(
    definition: &FormDefinition,
    facts: &FormFacts,
    answers: &Answers,
    reasons: &Reasons,
    editable: bool,
    lang: Lang,
) -> Vec<SectionView> {
    let none = Answers::new();
    let by_fact: BTreeSet<&str> = definition.applicable(facts, &none).map(|i| i.id.as_str()).collect();
    let shown = |item: &Item| match &item.when {
        Some(when) if when.item.is_none() => by_fact.contains(item.id.as_str()),
        _ => true,
    };
    let text = |it: &str, en: &str| if lang == Lang::It { it.to_owned() } else { en.to_owned() };
    definition
        .sections
        .iter()
        .map(|section| SectionView {
            id: section.id.clone(),
            title: text(&section.title, &section.title_en),
            items: section
                .items
                .iter()
                .filter(|item| shown(item))
                .map(|item| field(definition, item, answers.get(&item.id), reasons, editable, lang))
                .collect(),
        })
        .filter(|section| !section.items.is_empty())
        .collect()
}

fn field(
    definition: &FormDefinition,
    item: &Item,
    answer: Option<&Answer>,
    reasons: &Reasons,
    editable: bool,
    lang: Lang,
) -> FieldView {
    let label = |i: &Item| if lang == Lang::It { i.label.clone() } else { i.label_en.clone() };
    let (when_item, when_any, when_hint) = match item.when.as_ref().and_then(|w| Some((w.item.as_ref()?, &w.any_of))) {
        Some((earlier, any_of)) => {
            let named = definition.item(earlier).map(label).unwrap_or_default();
            let values: Vec<String> = any_of.iter().map(|v| option_label(lang, v)).collect();
            let hint = format!("{} «{named}»: {}", lang.t("ente_att-form-only_if"), values.join(", "));
            (earlier.clone(), any_of.join(" "), hint)
        }
        None => Default::default(),
    };
    FieldView {
        id: item.id.clone(),
        kind: kind_code(item.kind),
        label: label(item),
        when_item,
        when_any,
        when_hint,
        value: value_of(answer),
        checked: answer == Some(&Answer::Bool(true)),
        options: item.options.iter().map(|o| (o.clone(), option_label(lang, o))).collect(),
        columns: item.columns.iter().map(|c| (c.clone(), column_label(lang, c))).collect(),
        rows: rows(item, answer, editable, lang),
        reasons: reasons.get(&item.id).cloned().unwrap_or_default(),
    }
}

/// The kind of an item as the definition files name it.
fn kind_code(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Text => "text",
        ItemKind::LongText => "long_text",
        ItemKind::Date => "date",
        ItemKind::Integer => "integer",
        ItemKind::Boolean => "boolean",
        ItemKind::Declaration => "declaration",
        ItemKind::Choice => "choice",
        ItemKind::Url => "url",
        ItemKind::IpList => "ip_list",
        ItemKind::StringList => "string_list",
        ItemKind::Document => "document",
        ItemKind::Table => "table",
    }
}

/// An answer as a field holds it.
fn value_of(answer: Option<&Answer>) -> String {
    match answer {
        Some(Answer::Text(t)) => t.clone(),
        Some(Answer::Number(n)) => n.to_string(),
        Some(Answer::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
        Some(Answer::List(entries)) => entries.join("\n"),
        Some(Answer::Rows(_)) | None => String::new(),
    }
}

/// A table's rows, then an empty one to fill.
fn rows(item: &Item, answer: Option<&Answer>, editable: bool, lang: Lang) -> Vec<Vec<Cell>> {
    if item.kind != ItemKind::Table {
        return Vec::new();
    }
    let mut given: Vec<BTreeMap<String, String>> = match answer {
        Some(Answer::Rows(rows)) => rows.clone(),
        _ => Vec::new(),
    };
    if editable {
        given.push(BTreeMap::new());
    }
    given
        .into_iter()
        .enumerate()
        .map(|(row, values)| {
            item.columns
                .iter()
                .map(|column| Cell {
                    column: column.clone(),
                    name: format!("t.{}.{row}.{column}", item.id),
                    label: format!("{}, {} {}", column_label(lang, column), lang.t("ente_att-form-row"), row + 1),
                    value: values.get(column).cloned().unwrap_or_default(),
                })
                .collect()
        })
        .collect()
}

/// The text of a choice's option (its code when it has none).
fn option_label(lang: Lang, code: &str) -> String {
    text_or_code(lang, "ente_att-option-", code)
}

/// The text of a table's column (its code when it has none).
fn column_label(lang: Lang, code: &str) -> String {
    text_or_code(lang, "ente_att-column-", code)
}

fn text_or_code(lang: Lang, prefix: &str, code: &str) -> String {
    match lang.t(&format!("{prefix}{code}")) {
        "" => code.to_owned(),
        text => text.to_owned(),
    }
}
