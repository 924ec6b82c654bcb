//! The compliance form (*form di conformità della migrazione*) as data.
//!
//! One file per migration type (`data/attestation/form-*.toml`: A/IaaS,
//! B/PaaS, B/SaaS) plus the visibility section common to all
//! (`visibility.toml`), each versioned like the requirement sets. The page,
//! the API, the validation of answers and the attestor's checklist all read
//! the same definition (DOMAIN.md §4: every item of the asseverazione as a
//! structured field, with its document where one is required).

use super::Finding;
use crate::message::Message;
use crate::programme::scenarios::Destination;
use crate::qualification::levels::DataClass;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Text,
    LongText,
    /// `YYYY-MM-DD`.
    Date,
    /// A whole number, zero or more.
    Integer,
    /// Yes or no.
    Boolean,
    /// A statement the ente makes: only "yes" completes the form.
    Declaration,
    /// One of the item's `options`.
    Choice,
    /// An `https` address.
    Url,
    /// IP addresses, one per entry.
    IpList,
    /// Texts, one per entry (identifiers, private addresses).
    StringList,
    /// An uploaded file, by its id (the SHA-256 of its content).
    Document,
    /// Rows with the item's `columns`, each filled.
    Table,
}

/// When an item applies: a fact of the service (`data_class`, `improved`)
/// or the answer to another item holds one of `any_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub label: String,
    pub label_en: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub items: Vec<Item>,
}

/// One definition file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFile {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The destination the form is for; none for the common section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    pub source: String,
    pub sections: Vec<Section>,
}

/// The form of one migration type: its own sections, then the common ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormDefinition {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(skip)]
    pub destination: Destination,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    #[error("not a form definition: {0}")]
    Syntax(String),
    #[error("item `{0}` appears twice")]
    DuplicateItem(String),
    #[error("`{0}` is not a destination (iaas, paas, saas)")]
    Destination(String),
    #[error("item `{0}`: a choice needs options, a table needs columns, and no other kind has either")]
    Shape(String),
    #[error(
        "item `{item}`: its condition must name one fact (data_class, improved) or one earlier item, not `{named}`"
    )]
    Condition { item: String, named: String },
}

/// The shipped definitions.
pub const SHIPPED: [&str; 3] = [
    include_str!("../../../../data/attestation/form-a-iaas.toml"),
    include_str!("../../../../data/attestation/form-b-paas.toml"),
    include_str!("../../../../data/attestation/form-b-saas.toml"),
];
pub const SHIPPED_COMMON: &str = include_str!("../../../../data/attestation/visibility.toml");

const FACTS: [&str; 2] = ["data_class", "improved"];

impl FormDefinition {
    /// The form for `destination` from the shipped files.
    pub fn shipped(destination: Destination) -> Result<FormDefinition, DefinitionError> {
        for text in SHIPPED {
            let form = FormDefinition::parse(text, SHIPPED_COMMON)?;
            if form.destination == destination {
                return Ok(form);
            }
        }
        Err(DefinitionError::Destination(destination.key().to_owned()))
    }

    /// Reads a type's file and the common file, and checks them together.
    pub fn parse(text: &str, common: &str) -> Result<FormDefinition, DefinitionError> {
        let read = |t: &str| toml::from_str::<FormFile>(t).map_err(|e| DefinitionError::Syntax(e.message().to_owned()));
        let (own, common) = (read(text)?, read(common)?);
        let code = own.destination.clone().unwrap_or_default();
        let destination = Destination::from_key(&code).ok_or(DefinitionError::Destination(code))?;
        let form = FormDefinition {
            id: own.id,
            version: format!("{}+{}", own.version, common.version),
            title: own.title,
            destination,
            sections: own.sections.into_iter().chain(common.sections).collect(),
        };
        form.check()?;
        Ok(form)
    }

    fn check(&self) -> Result<(), DefinitionError> {
        let mut seen = BTreeSet::new();
        for item in self.items() {
            let shaped = match item.kind {
                ItemKind::Choice => !item.options.is_empty() && item.columns.is_empty(),
                ItemKind::Table => item.options.is_empty() && !item.columns.is_empty(),
                _ => item.options.is_empty() && item.columns.is_empty(),
            };
            if !shaped {
                return Err(DefinitionError::Shape(item.id.clone()));
            }
            if let Some(c) = &item.when {
                let ok = match (&c.fact, &c.item) {
                    (Some(fact), None) => FACTS.contains(&fact.as_str()),
                    (None, Some(earlier)) => seen.contains(earlier.as_str()),
                    _ => false,
                };
                if !ok {
                    let named = c.fact.clone().or(c.item.clone()).unwrap_or_default();
                    return Err(DefinitionError::Condition { item: item.id.clone(), named });
                }
            }
            if !seen.insert(item.id.as_str()) {
                return Err(DefinitionError::DuplicateItem(item.id.clone()));
            }
        }
        Ok(())
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The items that apply to a service with `facts` and these answers.
    pub fn applicable<'a>(&'a self, facts: &'a FormFacts, answers: &'a Answers) -> impl Iterator<Item = &'a Item> {
        self.items().filter(move |i| i.when.as_ref().is_none_or(|c| facts.holds(c, answers)))
    }
}

/// The facts of a service that decide which items apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormFacts {
    pub data_class: DataClass,
    /// B done where A was declared (*migrazione migliorativa*).
    pub improved: bool,
}

impl FormFacts {
    fn holds(&self, condition: &Condition, answers: &Answers) -> bool {
        let value = match (&condition.fact, &condition.item) {
            (Some(f), _) if f == "data_class" => Some(self.data_class.code().to_owned()),
            (Some(f), _) if f == "improved" => Some(yes_no(self.improved).to_owned()),
            (None, Some(item)) => answers.get(item).and_then(Answer::choice),
            _ => None,
        };
        value.is_some_and(|v| condition.any_of.contains(&v))
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// An answer as JSON gives it: a boolean, a number, a text, a list of
/// texts or a list of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Bool(bool),
    Number(i64),
    Text(String),
    List(Vec<String>),
    Rows(Vec<BTreeMap<String, String>>),
}

/// The answers of a form, by item id.
pub type Answers = BTreeMap<String, Answer>;

impl Answer {
    /// The answer as a condition compares it.
    fn choice(&self) -> Option<String> {
        match self {
            Answer::Bool(b) => Some(yes_no(*b).to_owned()),
            Answer::Text(t) => Some(t.clone()),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Answer::Text(t) => t.trim().is_empty(),
            Answer::List(l) => l.iter().all(|e| e.trim().is_empty()),
            Answer::Rows(r) => r.is_empty(),
            Answer::Bool(_) | Answer::Number(_) => false,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Answer::Text(t) => Some(t.trim()),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.text()?.parse().ok()
    }

    /// The entries of a list, trimmed, blank ones left out.
    pub fn entries(&self) -> Vec<&str> {
        match self {
            Answer::List(l) => l.iter().map(|e| e.trim()).filter(|e| !e.is_empty()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Whether answers are checked for saving a draft (what is given must be
/// well formed) or for submitting (every applicable item is given, and
/// every declaration made).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Draft,
    Submit,
}

/// What is wrong with `answers` to `form`, item by item: answers to items
/// the form does not have, answers of the wrong shape, and, on submission,
/// missing answers and declarations not made. Answers to items that do not
/// apply (a public URL of a private service) are not checked; what an
/// address or a URL says is for the pre-checks (`prechecks`), which explain
/// it without refusing the draft.
pub fn check_answers(form: &FormDefinition, facts: &FormFacts, answers: &Answers, mode: Completeness) -> Vec<Finding> {
    let mut findings: Vec<Finding> = answers
        .keys()
        .filter(|k| form.item(k).is_none())
        .map(|k| Finding::new(k, Message::new("att-answer-unknown-item")))
        .collect();
    for item in form.applicable(facts, answers) {
        match answers.get(&item.id).filter(|a| !a.is_empty()) {
            None if mode == Completeness::Submit => {
                findings.push(Finding::new(&item.id, Message::new("att-answer-required")));
            }
            None => {}
            Some(answer) => findings.extend(shape(item, answer, mode)),
        }
    }
    findings
}

/// The problem with the shape of one answer, if any.
fn shape(item: &Item, answer: &Answer, mode: Completeness) -> Option<Finding> {
    let message = match (item.kind, answer) {
        (ItemKind::Text | ItemKind::LongText, Answer::Text(_)) => return None,
        (ItemKind::Date, a) if a.date().is_some() => return None,
        (ItemKind::Date, _) => Message::new("att-answer-date"),
        (ItemKind::Integer, Answer::Number(n)) if *n >= 0 => return None,
        (ItemKind::Integer, _) => Message::new("att-answer-integer"),
        (ItemKind::Boolean, Answer::Bool(_)) => return None,
        (ItemKind::Declaration, Answer::Bool(true)) => return None,
        (ItemKind::Declaration, Answer::Bool(false)) if mode == Completeness::Draft => return None,
        (ItemKind::Declaration, Answer::Bool(false)) => Message::new("att-answer-declaration"),
        (ItemKind::Boolean | ItemKind::Declaration, _) => Message::new("att-answer-boolean"),
        (ItemKind::Choice, Answer::Text(t)) if item.options.contains(t) => return None,
        (ItemKind::Choice, _) => Message::new("att-answer-choice").arg("options", item.options.join(", ")),
        (ItemKind::Url, Answer::Text(_)) => return None,
        (ItemKind::Url, _) => Message::new("att-answer-url"),
        (ItemKind::IpList | ItemKind::StringList, Answer::List(_)) => return None,
        (ItemKind::IpList | ItemKind::StringList, _) => Message::new("att-answer-list"),
        (ItemKind::Document, Answer::Text(t)) if is_file_id(t) => return None,
        (ItemKind::Document, _) => Message::new("att-answer-document"),
        (ItemKind::Table, Answer::List(l)) if l.is_empty() => return None,
        (ItemKind::Table, Answer::Rows(rows)) => return table_finding(item, rows),
        (ItemKind::Table, _) => Message::new("att-answer-rows"),
        (_, _) => Message::new("att-answer-text"),
    };
    Some(Finding::new(&item.id, message))
}

fn is_file_id(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A well-formed `https` address: a host with a dot, no spaces, no
/// credentials (what a browser opens and an attestor can visit).
pub fn url_finding(field: &str, text: &str) -> Option<Finding> {
    let rest = text.trim().strip_prefix("https://");
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    let well_formed = host.is_some_and(|h| {
        let name = h.rsplit_once(':').map_or(h, |(name, port)| if port.parse::<u16>().is_ok() { name } else { h });
        name.contains('.') && !name.starts_with('.') && !name.ends_with('.') && !h.contains('@')
    }) && !text.trim().contains(char::is_whitespace);
    (!well_formed).then(|| Finding::new(field, Message::new("att-url-malformed")))
}

fn table_finding(item: &Item, rows: &[BTreeMap<String, String>]) -> Option<Finding> {
    let columns = item.columns.join(", ");
    let bad = rows.iter().position(|row| {
        row.len() != item.columns.len() || item.columns.iter().any(|c| row.get(c).is_none_or(|v| v.trim().is_empty()))
    })?;
    Some(Finding::new(&item.id, Message::new("att-answer-table-row").arg("row", bad + 1).arg("columns", columns)))
}

#[cfg(test)]
mod tests;
