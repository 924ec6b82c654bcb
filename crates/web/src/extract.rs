//! Path and query extractors whose refusals are problem+json naming the
//! parameter and the rule (axum's own answer a plain-text 400), and the
//! reading of a deserialisation error into a field and a rule.

use crate::deserialize_rule::{expected, rule_of};
use crate::problem::Problem;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use cloudpa_domain::catalogue::query::Query as SearchQuery;
use cloudpa_domain::message::Message;
use serde::de::DeserializeOwned;

/// A path's parameters, like axum's `Path`.
pub(crate) struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                let names = match RawPathParams::from_request_parts(parts, state).await {
                    Ok(raw) => raw.iter().map(|(name, _)| name.to_owned()).collect(),
                    Err(_) => Vec::new(),
                };
                Err(path_problem(rejection, &names))
            }
        }
    }
}

/// The problem for a path that does not parse; `names` are the route's
/// parameters in order, to name the one a tuple failed at.
fn path_problem(rejection: PathRejection, names: &[String]) -> Problem {
    let PathRejection::FailedToDeserializePathParams(error) = rejection else {
        tracing::error!(%rejection, "path parameters missing from a route");
        return Problem::internal();
    };
    let (field, rule) = match error.into_kind() {
        ErrorKind::ParseErrorAtKey { key, expected_type, .. } => (key, expected(expected_type)),
        ErrorKind::DeserializeError { key, message, .. } => (key, rule_of(&message)),
        ErrorKind::InvalidUtf8InPathParam { key } => (key, Message::new("web-utf8")),
        ErrorKind::ParseErrorAtIndex { index, expected_type, .. } => {
            let name = names.get(index).cloned().unwrap_or_else(|| format!("path parameter {}", index + 1));
            (name, expected(expected_type))
        }
        ErrorKind::ParseError { expected_type, .. } => ("path".into(), expected(expected_type)),
        other => ("path".into(), rule_of(&other.to_string())),
    };
    Problem::validation().field(field, rule)
}

/// A query string, like axum's `Query`, read with the field that failed.
pub(crate) struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer).map(Query).map_err(|e| field_error(&e))
    }
}

/// The field a deserialisation error is about (its path, or the field a
/// `missing field`/`unknown field` message names), and the rule
/// ([`rule_of`]: a missing field, an unknown one with the fields there are,
/// or what the value must be).
pub(crate) fn field_error<E: std::fmt::Display>(error: &serde_path_to_error::Error<E>) -> Problem {
    let message = error.inner().to_string();
    let path = error.path().to_string();
    let named = message
        .split('`')
        .nth(1)
        .filter(|_| message.starts_with("missing field") || message.starts_with("unknown field"));
    let rule = rule_of(&message);
    let field = match (path.as_str(), named) {
        (".", Some(name)) => name.to_owned(),
        (".", None) => "body".to_owned(),
        (path, Some(name)) if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
        (path, Some(name)) => format!("{path}.{name}"),
        (path, None) => path.to_owned(),
    };
    Problem::validation().field(field, rule)
}

/// Reads the search parameters of a query string.
pub(crate) fn parse_query(raw: Option<&str>, ignore: &[&str]) -> Result<SearchQuery, Problem> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default())
        .map_err(|_| Problem::validation().detail(Message::new("web-query-encoding")))?;
    SearchQuery::parse(
        pairs.iter().filter(|(k, _)| !ignore.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| Problem::validation().field(e.field, e.rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        amount: i64,
        on: chrono::NaiveDate,
        inner: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
    }

    fn problem(json: &str) -> (String, String) {
        let mut de = serde_json::Deserializer::from_str(json);
        let e = serde_path_to_error::deserialize::<_, Body>(&mut de).unwrap_err();
        let p = field_error(&e);
        (p.errors[0].field.clone(), cloudpa_i18n::Lang::En.text(&p.errors[0].rule))
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(problem(r#"{"amount": "x", "on": "2026-01-01"}"#).0, "amount");
        let (field, rule) = problem(r#"{"amount": 1, "on": "9999-99-99"}"#);
        assert_eq!(field, "on");
        assert_eq!(rule, "must be a valid date (YYYY-MM-DD)");
        assert_eq!(problem(r#"{"amount": 1}"#), ("on".into(), "missing field `on`".into()));
        let unknown = problem(r#"{"amount": 1, "on": "2026-01-01", "x": 1}"#);
        assert_eq!(unknown, ("x".into(), "unknown field `x`; the fields are `amount`, `on`, `inner`".into()));
        assert_eq!(problem(r#"{"amount": 1, "on": "2026-01-01", "inner": {"n": -1}}"#).0, "inner.n");
        assert_eq!(problem(r#"{"amount": 1, "on": "2026-01-01", "inner": {}}"#).0, "inner.n");
    }

    #[test]
    fn numbers_in_words() {
        let en = |type_name| cloudpa_i18n::Lang::En.text(&expected(type_name));
        assert_eq!(en("usize"), format!("must be a whole number from 0 to {}", u64::MAX));
        assert_eq!(en("core::primitive::u32"), "must be a whole number from 0 to 4294967295");
        assert_eq!(en("i64"), "must be a whole number");
    }
}
