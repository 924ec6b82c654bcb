//! Text from outside is checked at the edge, before any handler or query
//! sees it: the URI (path and query), JSON bodies and forms. A NUL or another
//! control character is refused with a 400 naming the field, on both engines
//! alike (PostgreSQL would refuse a NUL with a server error, SQLite would
//! store it). The rule is the domain's (`cloudpa_domain::text`).

use crate::problem::Problem;
use axum::http::StatusCode;
use cloudpa_domain::message::Message;
use cloudpa_domain::text::{Layout, check, layout_of};
use serde_json::Value;

/// The longest URI (path and query) accepted: longer ones are refused with
/// 414 before routing. (Past 64 KiB the HTTP parser itself answers 414.)
pub(crate) const MAX_URI_BYTES: usize = 8 * 1024;

/// Why a request's URI is refused: too long, or a control character in its
/// path or query.
pub(crate) fn uri_problem(uri: &axum::http::Uri) -> Option<Problem> {
    let length = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if length > MAX_URI_BYTES {
        return Some(
            Problem::new(StatusCode::URI_TOO_LONG, "uri-too-long")
                .detail(Message::new("web-uri-too-long").arg("length", length))
                .field("uri", Message::new("web-at-most-bytes").arg("max", MAX_URI_BYTES)),
        );
    }
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    if let Err(rule) = check(&path, Layout::SingleLine) {
        return Some(Problem::validation().field("path", rule));
    }
    let pairs = form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes());
    let errors: Vec<_> = pairs.filter_map(|(name, value)| field_problem(&name, &value)).collect();
    (!errors.is_empty()).then(|| Problem::invalid(errors))
}

/// The rule the field `name` with `value` breaks, if any. The name is
/// checked as single-line text, the value by the layout of its name.
pub(crate) fn field_problem(name: &str, value: &str) -> Option<(String, Message)> {
    let shown = || name.chars().filter(|c| !c.is_control()).collect::<String>();
    if let Err(rule) = check(name, Layout::SingleLine) {
        return Some((shown(), rule));
    }
    check(value, layout_of(name)).err().map(|rule| (shown(), rule))
}

/// Every string of a JSON document (and every key) against the rules, each
/// offending one named by its path (`services[2].name`).
pub(crate) fn check_json(value: &Value) -> Result<(), Problem> {
    let mut errors = Vec::new();
    walk(value, "", "", &mut errors);
    if errors.is_empty() { Ok(()) } else { Err(Problem::invalid(errors)) }
}

fn walk(value: &Value, path: &str, name: &str, errors: &mut Vec<(String, Message)>) {
    match value {
        Value::String(text) => {
            if let Err(rule) = check(text, layout_of(name)) {
                errors.push((if path.is_empty() { "body".into() } else { path.to_owned() }, rule));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), name, errors);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let shown: String = key.chars().filter(|c| !c.is_control()).collect();
                let here = if path.is_empty() { shown } else { format!("{path}.{shown}") };
                match check(key, Layout::SingleLine) {
                    Err(rule) => errors.push((here, rule)),
                    Ok(()) => walk(item, &here, key, errors),
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Vec<String> {
        check_json(&value).err().map_or_else(Vec::new, |p| p.errors.into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn json_strings_are_named_by_their_path() {
        assert!(fields(json!({"name": "Comune di Genova", "motivation": "riga\nriga"})).is_empty());
        assert_eq!(fields(json!({"name": "a\u{0}b"})), ["name"]);
        assert_eq!(fields(json!({"services": [{"name": "ok"}, {"name": "x\ny"}]})), ["services[1].name"]);
        assert_eq!(fields(json!({"service_levels": {"SLI1\u{0}": "99%"}})), ["service_levels.SLI1"]);
        assert_eq!(fields(json!("\u{0}")), ["body"]);
    }

    #[test]
    fn uris_with_control_characters_or_too_long_are_refused() {
        let problem = |uri: &str| uri_problem(&uri.parse().unwrap());
        assert!(problem("/api/v1/listings/abc?on=2026-01-01").is_none());
        assert!(problem("/catalogo?q=citt%C3%A0+e+posta").is_none());
        let nul = problem("/api/v1/listings/%00").unwrap();
        assert_eq!((nul.status, nul.errors[0].field.as_str()), (400, "path"));
        assert_eq!(problem("/catalogo?q=a%0Ab").unwrap().errors[0].field, "q");
        assert!(problem("/login?next=/%09/evil.example").is_none(), "a redirect target is checked where it is used");
        let long = problem(&format!("/catalogo?q={}", "a".repeat(MAX_URI_BYTES))).unwrap();
        assert_eq!(long.status, 414);
    }
}
