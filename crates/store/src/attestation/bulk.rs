//! What the pre-checks of every form at once read, in a few queries: the
//! applications that have forms with the IPA codes of their enti, then per
//! application in one row its services, and its forms, and the contracts.
//!
//! One row per application, not per service: at national scale (118,504
//! forms) sqlx spent 1.1–2.0 s receiving each 118,504-row result (a
//! hand-off between its SQLite worker thread and the reader per row),
//! where the same texts grouped in 10,031 rows take 0.2–0.4 s. Each group
//! is a JSON array built by the engine (`json_array` and `group_concat` on
//! SQLite, `json_build_array` and `string_agg` on PostgreSQL).

use crate::attestation::contracts::{COLUMNS as CONTRACT_COLUMNS, Contract, contract_from_row};
use crate::attestation::forms::{ComplianceForm, FormState};
use crate::engine::Engine;
use crate::programme::applications::{
    CHOICE_TEXTS, CallApplication, Choice, ChoiceTexts, FIELDS, FROM, application_from_row, choice_from_texts,
};
use crate::qualification::corrupt;
use crate::{Store, StoreError};
use cloudpa_domain::attestation::form::{Answer, Answers};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use sqlx::{AssertSqlSafe, Row};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// An application with forms, and what its checks need.
#[derive(Debug, Clone)]
pub struct ProjectRecords {
    pub application: CallApplication,
    pub ipa_code: Option<String>,
    /// Its services, in order (position 1 first).
    pub choices: Vec<Choice>,
    pub contracts: Vec<Contract>,
    /// Its compliance forms, by position.
    pub forms: Vec<ComplianceForm>,
}

const WITH_FORMS: &str = "EXISTS (SELECT 1 FROM compliance_forms f WHERE f.application_id = a.id)";

/// The rows of a group as one JSON array text, in `order`: each row the
/// array of `columns`, or, with `raw` (a column holding JSON), the pair of
/// that array and the raw JSON.
fn json_rows(engine: Engine, columns: &str, raw: Option<&str>, order: &str) -> String {
    let (array, concat) = match engine {
        Engine::Sqlite => (format!("json_array({columns})"), "group_concat"),
        Engine::Postgres => (format!("json_build_array({columns})::text"), "string_agg"),
    };
    let row = match raw {
        Some(raw) => format!("'[' || {array} || ',' || {raw} || ']'"),
        None => array,
    };
    format!("'[' || {concat}({row}, ',' ORDER BY {order}) || ']'")
}

/// A form's stored columns but its answers, in the order [`json_rows`] reads them.
const FORM_COLUMNS: &str = "f.position, f.contract_id, f.listing_id, f.listing_version, f.form_id, f.form_version, \
    f.state, f.checks_failed, f.updated_at_ms, f.submitted_at_ms, f.version";
/// A form's columns as [`FORM_COLUMNS`] lists them (a JSON array reads
/// into the fields in order).
#[derive(serde::Deserialize)]
struct FormColumns {
    position: i64,
    contract_id: Option<String>,
    listing_id: Option<String>,
    listing_version: Option<i64>,
    form_id: String,
    form_version: String,
    state: String,
    checks_failed: i64,
    updated_at_ms: i64,
    submitted_at_ms: Option<i64>,
    version: i64,
}

impl Store {
    /// Every application that has a compliance form (of `call_id` only,
    /// when given), by id, with its services, contracts and forms.
    pub async fn projects_with_forms(&self, call_id: Option<&str>) -> Result<Vec<ProjectRecords>, StoreError> {
        let only = if call_id.is_some() { "AND a.call_id = $1" } else { "" };
        let bind = |sql: String| {
            let query = sqlx::query(AssertSqlSafe(sql));
            match call_id {
                Some(id) => query.bind(id.to_owned()),
                None => query,
            }
        };
        let sql = format!("SELECT {FIELDS}, o.ipa_code {FROM} WHERE {WITH_FORMS} {only} ORDER BY a.id");
        let apps = self.read_all(bind(sql), "read the projects with forms", |r| -> Result<_, StoreError> {
            let ipa: Option<String> = r.try_get("ipa_code").map_err(|e| StoreError::during("read an IPA code", e))?;
            Ok((application_from_row(r)?, ipa))
        });
        let filter = format!("{WITH_FORMS} {only}");
        let choices = self.grouped_choices(&filter, call_id);
        let sql = format!(
            "SELECT f.application_id, {} AS forms FROM compliance_forms f \
             JOIN call_applications a ON a.id = f.application_id WHERE 1 = 1 {only} GROUP BY f.application_id",
            json_rows(self.engine(), FORM_COLUMNS, Some("f.answers"), "f.position")
        );
        let forms = self.read_all(bind(sql), "read the forms of the projects", |r| -> Result<_, StoreError> {
            let id: String = r.try_get("application_id").map_err(|e| StoreError::during("read forms", e))?;
            let text: String = r.try_get("forms").map_err(|e| StoreError::during("read forms", e))?;
            let forms = forms_from_json(&id, &text)?;
            Ok((id, forms))
        });
        let sql = format!(
            "{CONTRACT_COLUMNS} JOIN call_applications a ON a.id = c.application_id WHERE {WITH_FORMS} {only} \
             ORDER BY c.signed_on, c.id"
        );
        let contracts = self.read_all(bind(sql), "read the contracts of the projects", contract_from_row);
        // Each read on a connection of its own: the engine builds one group
        // while another is parsed.
        let (apps, mut choices, forms, contract_rows) = tokio::try_join!(apps, choices, forms, contracts)?;
        let mut forms: HashMap<String, Vec<ComplianceForm>> = forms.into_iter().collect();
        let mut contracts: HashMap<String, Vec<Contract>> = HashMap::new();
        for contract in contract_rows {
            contracts.entry(contract.application_id.clone()).or_default().push(contract);
        }
        Ok(apps
            .into_iter()
            .map(|(application, ipa_code)| {
                let id = &application.id;
                ProjectRecords {
                    choices: choices.remove(id).unwrap_or_default(),
                    contracts: contracts.remove(id).unwrap_or_default(),
                    forms: forms.remove(id).unwrap_or_default(),
                    application,
                    ipa_code,
                }
            })
            .collect())
    }

    /// The services of the applications `a` that `filter` keeps (binding
    /// `call_id` to `$1` when given), in order, by application.
    pub(crate) async fn grouped_choices(
        &self,
        filter: &str,
        call_id: Option<&str>,
    ) -> Result<HashMap<String, Vec<Choice>>, StoreError> {
        let columns: Vec<String> = CHOICE_TEXTS.split(", ").map(|c| format!("s.{c}")).collect();
        let sql = format!(
            "SELECT s.application_id, {} AS services FROM call_application_services s \
             JOIN call_applications a ON a.id = s.application_id WHERE {filter} GROUP BY s.application_id",
            json_rows(self.engine(), &columns.join(", "), None, "s.position")
        );
        let query = sqlx::query(AssertSqlSafe(sql));
        let query = match call_id {
            Some(id) => query.bind(id.to_owned()),
            None => query,
        };
        let rows = self
            .read_all(query, "read the services of the projects", |r| -> Result<_, StoreError> {
                let during = |e| StoreError::during("read services", e);
                let id: String = r.try_get("application_id").map_err(during)?;
                let text: String = r.try_get("services").map_err(during)?;
                let texts: Vec<ChoiceTexts> =
                    serde_json::from_str(&text).map_err(|_| corrupt("services of an application", &id))?;
                let choices = texts.into_iter().map(choice_from_texts).collect::<Result<Vec<_>, _>>()?;
                Ok((id, choices))
            })
            .await?;
        Ok(rows.into_iter().collect())
    }
}

/// The forms of application `id` from the JSON array [`json_rows`] built.
fn forms_from_json(id: &str, text: &str) -> Result<Vec<ComplianceForm>, StoreError> {
    let rows: Vec<(FormColumns, StoredAnswers)> =
        serde_json::from_str(text).map_err(|_| corrupt("compliance forms of an application", id))?;
    rows.into_iter()
        .map(|(c, a)| {
            Ok(ComplianceForm {
                application_id: id.to_owned(),
                position: c.position,
                contract_id: c.contract_id,
                listing_id: c.listing_id,
                listing_version: c.listing_version,
                form_id: c.form_id,
                form_version: c.form_version,
                answers: a.0,
                state: FormState::parse(&c.state).ok_or_else(|| corrupt("form state", &c.state))?,
                checks_failed: c.checks_failed,
                updated_at_ms: c.updated_at_ms,
                submitted_at_ms: c.submitted_at_ms,
                version: c.version,
            })
        })
        .collect()
}

/// Stored answers, each read by its JSON type at once: the same values as
/// `Answer`'s own (untagged) reading, which tries each variant in turn and
/// formats an error for each miss — 0.97 s of 118,504 forms, against this.
struct StoredAnswers(Answers);

impl<'de> Deserialize<'de> for StoredAnswers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Map;
        impl<'de> Visitor<'de> for Map {
            type Value = Answers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("answers by item id")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Answers, M::Error> {
                let mut answers = Answers::new();
                while let Some((key, value)) = map.next_entry::<String, StoredAnswer>()? {
                    answers.insert(key, value.0);
                }
                Ok(answers)
            }
        }
        d.deserialize_map(Map).map(StoredAnswers)
    }
}

struct StoredAnswer(Answer);

/// An entry of a list answer: a text, or a row of a table.
enum Entry {
    Text(String),
    Row(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for StoredAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct One;
        impl<'de> Visitor<'de> for One {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean, a whole number, a text, or a list of texts or of rows")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Answer, E> {
                Ok(Answer::Bool(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
                i64::try_from(v).map(Answer::Number).map_err(|_| E::custom("a number beyond i64"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
                Ok(Answer::Text(v))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Answer, S::Error> {
                let (mut texts, mut rows) = (Vec::new(), Vec::new());
                while let Some(entry) = seq.next_element::<Entry>()? {
                    match entry {
                        Entry::Text(t) if rows.is_empty() => texts.push(t),
                        Entry::Row(r) if texts.is_empty() => rows.push(r),
                        _ => return Err(S::Error::custom("a list mixes texts and rows")),
                    }
                }
                Ok(if rows.is_empty() { Answer::List(texts) } else { Answer::Rows(rows) })
            }
        }
        d.deserialize_any(One).map(StoredAnswer)
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct One;
        impl<'de> Visitor<'de> for One {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a row")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Entry, E> {
                Ok(Entry::Text(v))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entry, M::Error> {
                let mut row = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    row.insert(k, v);
                }
                Ok(Entry::Row(row))
            }
        }
        d.deserialize_any(One)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_answers_read_as_the_answers_own_reading_does() {
        let text =
            r#"{"a": true, "b": 12, "c": "testo", "d": ["x", "y"], "e": [], "f": [{"name": "n", "producer": "p"}]}"#;
        let fast = serde_json::from_str::<StoredAnswers>(text).unwrap().0;
        assert_eq!(fast, serde_json::from_str::<Answers>(text).unwrap());
        for bad in [r#"{"a": null}"#, r#"{"a": 1.5}"#, r#"{"a": ["x", {"k": "v"}]}"#, r#"{"a": [1]}"#, "[]"] {
            assert!(serde_json::from_str::<StoredAnswers>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<Answers>(bad).is_err(), "{bad}");
        }
    }
}
