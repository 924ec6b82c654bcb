//! Versions of records as entity tags: answers carry the version they show
//! in `ETag`, and a change sent with `If-Match` is made only to that version
//! (optimistic locking; RFC 9110 §8.8.3, §13.1.1). A change to a version
//! that is no longer the latest is refused with 409, naming the latest
//! version and who made it.

use crate::problem::Problem;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};

/// The entity tag of `version`: `"3"`.
pub(crate) fn of(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// The version a change was made to, from `If-Match` (none when the header
/// is missing or `*`: the change applies to whatever is latest).
pub(crate) struct IfMatch(pub Option<i64>);

/// In the OpenAPI document: the header's text, one strong entity tag
/// holding a version or `*`.
impl utoipa::PartialSchema for IfMatch {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r#"^(\*|"[0-9]{1,18}"|[0-9]{1,18})$"#))
            .examples(["\"3\""])
            .into()
    }
}

impl utoipa::ToSchema for IfMatch {}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        parse(value.to_str().unwrap_or_default()).map(IfMatch).ok_or_else(|| {
            Problem::validation().field("If-Match", cloudpa_domain::message::Message::new("web-if-match"))
        })
    }
}

/// `*` (any), or one strong entity tag holding a version (its quotes may
/// be left out: `3` reads as `"3"`).
fn parse(text: &str) -> Option<Option<i64>> {
    let text = text.trim();
    if text == "*" {
        return Some(None);
    }
    let version = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    if version.is_empty() || version.len() > 18 || !version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    version.parse().ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_one_strong_tag_or_any() {
        assert_eq!(parse("\"3\""), Some(Some(3)));
        assert_eq!(parse(" \"12\" "), Some(Some(12)));
        assert_eq!(parse("*"), Some(None));
        assert_eq!(parse("3"), Some(Some(3)), "without its quotes");
        for refused in ["\"3", "3\"", "W/\"3\"", "\"3\", \"4\"", "\"\"", "\"-1\"", "\"99999999999999999999\"", "\"x\""]
        {
            assert_eq!(parse(refused), None, "{refused}");
        }
    }
}
