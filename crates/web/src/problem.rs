//! Errors as `application/problem+json` (RFC 9457), for the API and for any
//! request that asks for JSON.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use serde::{Serialize, Serializer};
use utoipa::ToSchema;

pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// A problem detail. `errors` names each offending field and the rule it broke.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "english_opt")]
    #[schema(value_type = Option<String>)]
    pub detail: Option<Box<Message>>,
    /// The code of the detail, for clients that write it in their own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Only on a 409 for a change made to a version that is no longer the latest.
    // Boxed, so that a problem stays small enough to return by value.
    #[serde(flatten)]
    pub current: Box<CurrentVersion>,
    /// Seconds (a u32 keeps the problem small enough to return by value).
    #[serde(skip)]
    retry_after: Option<u32>,
}

/// The latest version of a record that a change was refused for (the
/// answer's `ETag` too), who made it and when: only on such a 409.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CurrentVersion {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One invalid field of a request, the rule it broke, and the rule's code.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    #[serde(serialize_with = "english")]
    #[schema(value_type = String)]
    pub rule: Message,
    #[schema(value_type = String)]
    pub code: &'static str,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, rule: Message) -> Self {
        FieldProblem { field: field.into(), code: rule.key, rule }
    }
}

/// The API's problems are written in English; pages write them in the
/// reader's language from the same messages.
fn english<S: Serializer>(message: &Message, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&Lang::En.text(message))
}

fn english_opt<S: Serializer>(message: &Option<Box<Message>>, serializer: S) -> Result<S::Ok, S::Error> {
    match message {
        Some(message) => english(message, serializer),
        None => serializer.serialize_none(),
    }
}

impl Problem {
    pub fn new(status: StatusCode, kind: &str) -> Self {
        Problem {
            kind: if kind == "about:blank" { kind.to_owned() } else { format!("urn:cloudpa:problem:{kind}") },
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: None,
            code: None,
            errors: Vec::new(),
            current: Box::default(),
            retry_after: None,
        }
    }

    pub fn detail(mut self, detail: Message) -> Self {
        self.code = Some(detail.key);
        self.detail = Some(Box::new(detail));
        self
    }

    pub fn field(mut self, field: impl Into<String>, rule: Message) -> Self {
        self.errors.push(FieldProblem::new(field, rule));
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(u32::try_from(seconds).unwrap_or(u32::MAX));
        self
    }

    pub fn ok() -> Self {
        Problem::new(StatusCode::OK, "about:blank")
    }

    /// The request's fields break the rules given in `errors`.
    pub fn validation() -> Self {
        Problem::new(StatusCode::BAD_REQUEST, "validation").detail(Message::new("error-invalid-fields"))
    }

    /// A validation problem listing each field and the rule it broke.
    pub fn invalid<F: Into<String>>(errors: impl IntoIterator<Item = (F, Message)>) -> Self {
        errors.into_iter().fold(Problem::validation(), |p, (field, rule)| p.field(field, rule))
    }

    pub fn not_found(what: Message) -> Self {
        Problem::new(StatusCode::NOT_FOUND, "not-found").detail(what)
    }

    pub fn unprocessable(detail: Message) -> Self {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "rule").detail(detail)
    }

    pub fn conflict(detail: Message) -> Self {
        Problem::new(StatusCode::CONFLICT, "conflict").detail(detail)
    }

    pub fn unauthorized() -> Self {
        Problem::new(StatusCode::UNAUTHORIZED, "unauthorized").detail(Message::new("error-sign-in"))
    }

    pub fn forbidden(detail: Message) -> Self {
        Problem::new(StatusCode::FORBIDDEN, "forbidden").detail(detail)
    }

    pub fn internal() -> Self {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal").detail(Message::new("error-internal"))
    }

    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let retry_after = self.retry_after;
        let current = self.current.current_version;
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response();
        response.extensions_mut().insert(self);
        if let Some(version) = current {
            response.headers_mut().insert(header::ETAG, crate::api::etag::of(version));
        }
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            let challenge = HeaderValue::from_static("Bearer realm=\"cloudpa\"");
            response.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
        }
        response
    }
}

/// Store failures become problems; unexpected ones are logged, never shown.
impl From<cloudpa_store::StoreError> for Problem {
    fn from(err: cloudpa_store::StoreError) -> Self {
        use cloudpa_store::StoreError::*;
        match err {
            Conflict(what) => Problem::conflict(Message::new("error-exists").arg("what", what)),
            NotFound(what) => Problem::not_found(Message::new("error-not-found").arg("what", what)),
            other => {
                tracing::error!(error = %other, "store failure");
                Problem::internal()
            }
        }
    }
}

/// A use case's refusal, as the problem its kind stands for.
impl From<cloudpa_workflows::Error> for Problem {
    fn from(err: cloudpa_workflows::Error) -> Self {
        use cloudpa_workflows::ErrorKind::*;
        let (status, kind) = match err.kind {
            // The use case got the fields the document describes, and a rule
            // of the domain refuses their values: 422, not 400 (docs/api.md).
            Invalid => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            Rule => (StatusCode::UNPROCESSABLE_ENTITY, "rule"),
            Conflict => (StatusCode::CONFLICT, "conflict"),
            NotFound => (StatusCode::NOT_FOUND, "not-found"),
            Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too-large"),
            UnsupportedType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "file-type"),
            Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let mut problem = Problem::new(status, kind);
        if let Some(detail) = err.detail {
            problem = problem.detail(detail);
        }
        problem.retry_after = err.retry_after.map(|s| u32::try_from(s).unwrap_or(u32::MAX));
        if let Some(current) = err.current {
            problem.current = Box::new(CurrentVersion {
                current_version: Some(current.version),
                changed_by: Some(current.changed_by).filter(|by| !by.is_empty()),
                changed_at: chrono::DateTime::from_timestamp_millis(current.changed_at_ms),
            });
        }
        err.fields.into_iter().fold(problem, |p, f| p.field(f.field, f.rule))
    }
}
