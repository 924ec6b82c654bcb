//! What a use case answers when it refuses: a kind that `web` maps to an HTTP
//! status (problem+json or an HTML page) and `cli` to a message and an exit
//! code, a sentence for people, and the fields at fault with the rule each
//! broke.

use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use cloudpa_store::StoreError;

/// Why a use case refused, or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Fields of the request break their rules (the request is malformed).
    Invalid,
    /// The request is well formed, but a rule of the domain refuses it.
    Rule,
    /// The record's state does not allow this now.
    Conflict,
    NotFound,
    /// The credentials presented (an API token) are not, or no longer, valid.
    Unauthenticated,
    /// The user's organisation or role may not do this.
    Forbidden,
    /// A file is over the upload limit.
    TooLarge,
    /// A file's content is of a type not accepted.
    UnsupportedType,
    /// A service the use case depends on (the virus scanner) does not answer.
    Unavailable,
    /// A failure of ours, logged where it happened; never shown in detail.
    Internal,
}

/// A field of the request and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub rule: Message,
}

/// A refusal or a failure of a use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub detail: Option<Message>,
    pub fields: Vec<FieldError>,
    /// For [`ErrorKind::Unavailable`]: when to try again, in seconds.
    pub retry_after: Option<u64>,
    /// For a change made to a version that is no longer the latest: the latest.
    pub current: Option<Box<Current>>,
}

/// The latest version of a record, and who made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub version: i64,
    pub changed_by: String,
    pub changed_at_ms: i64,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, detail: None, fields: Vec::new(), retry_after: None, current: None }
    }

    pub fn detail(mut self, detail: Message) -> Self {
        self.detail = Some(detail);
        self
    }

    pub fn field(mut self, field: impl Into<String>, rule: Message) -> Self {
        self.fields.push(FieldError { field: field.into(), rule });
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The request's fields break the rules given with [`Error::field`].
    pub fn validation() -> Self {
        Error::new(ErrorKind::Invalid).detail(Message::new("error-invalid-fields"))
    }

    /// A validation error listing each field and the rule it broke.
    pub fn invalid<F: Into<String>>(errors: impl IntoIterator<Item = (F, Message)>) -> Self {
        errors.into_iter().fold(Error::validation(), |e, (field, rule)| e.field(field, rule))
    }

    pub fn unprocessable(detail: Message) -> Self {
        Error::new(ErrorKind::Rule).detail(detail)
    }

    pub fn conflict(detail: Message) -> Self {
        Error::new(ErrorKind::Conflict).detail(detail)
    }

    pub fn not_found(detail: Message) -> Self {
        Error::new(ErrorKind::NotFound).detail(detail)
    }

    pub fn forbidden(detail: Message) -> Self {
        Error::new(ErrorKind::Forbidden).detail(detail)
    }

    pub fn internal() -> Self {
        Error::new(ErrorKind::Internal).detail(Message::new("error-internal"))
    }

    /// The sentence for people in `lang`: the detail, else the first
    /// field's rule.
    pub fn message_in(&self, lang: Lang) -> String {
        match (&self.detail, self.fields.first()) {
            (Some(detail), _) => lang.text(detail),
            (None, Some(f)) => format!("{}: {}", f.field, lang.text(&f.rule)),
            (None, None) => format!("{:?}", self.kind),
        }
    }

    /// The sentence in English, for the command line and the logs.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())?;
        for field in &self.fields {
            write!(f, "; {}: {}", field.field, Lang::En.text(&field.rule))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A record that exists already or is missing is the caller's to know; any
/// other failure of the store is logged here and shown as internal.
impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(what) => Error::conflict(Message::new("error-exists").arg("what", what)),
            StoreError::NotFound(what) => Error::not_found(Message::new("error-not-found").arg("what", what)),
            StoreError::Frozen(why) => Error::conflict(why),
            StoreError::Stale { what, version, changed_by, changed_at_ms } => {
                let message = Message::new("error-stale")
                    .arg("what", what)
                    .arg("changed_by", changed_by.as_str())
                    .arg("version", version);
                let mut error = Error::conflict(message);
                error.current = Some(Box::new(Current { version, changed_by, changed_at_ms }));
                error
            }
            other => {
                tracing::error!(error = %other, "store failure");
                Error::internal()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_names_each_field_and_rule() {
        let e = Error::invalid([
            ("cup", Message::new("prog-cup-length").arg("found", 14)),
            ("on", Message::new("web-malformed")),
        ]);
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(e.fields.len(), 2);
        assert_eq!(e.fields[0].rule.key, "prog-cup-length");
        assert!(e.to_string().starts_with("The request has invalid fields.; cup: "), "{e}");
        assert_eq!(e.message_in(Lang::It), "La richiesta ha campi non validi.");
    }

    #[test]
    fn the_store_s_own_refusals_keep_their_kind() {
        assert_eq!(
            Error::from(StoreError::NotFound(Message::new("store-call").arg("id", "x"))).kind,
            ErrorKind::NotFound
        );
        assert_eq!(
            Error::from(StoreError::Conflict(Message::new("store-call").arg("id", "x"))).kind,
            ErrorKind::Conflict
        );
    }
}
