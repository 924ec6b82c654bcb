//! What a use case answers when it refuses: a kind that `web` maps to an HTTP
//! status (problem+json or an HTML page) and `cli` to a message and an exit
//! code, a sentence for people, and the fields at fault with the rule each
//! broke.

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
    pub rule: String,
}

/// A refusal or a failure of a use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub detail: Option<String>,
    pub fields: Vec<FieldError>,
    /// For [`ErrorKind::Unavailable`]: when to try again, in seconds.
    pub retry_after: Option<u64>,
    /// For a change made to a version that is no longer the latest: the latest.
    pub current: Option<Current>,
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

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>, rule: impl Into<String>) -> Self {
        self.fields.push(FieldError { field: field.into(), rule: rule.into() });
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The request's fields break the rules given with [`Error::field`].
    pub fn validation() -> Self {
        Error::new(ErrorKind::Invalid).detail("The request has invalid fields.")
    }

    /// A validation error listing each field and the rule it broke.
    pub fn invalid<F: Into<String>, R: Into<String>>(errors: impl IntoIterator<Item = (F, R)>) -> Self {
        errors.into_iter().fold(Error::validation(), |e, (field, rule)| e.field(field, rule))
    }

    pub fn unprocessable(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Rule).detail(detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Conflict).detail(detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::NotFound).detail(detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Forbidden).detail(detail)
    }

    pub fn internal() -> Self {
        Error::new(ErrorKind::Internal).detail("An unexpected error occurred; it has been logged.")
    }

    /// The sentence for people: the detail, else the first field's rule.
    pub fn message(&self) -> String {
        match (&self.detail, self.fields.first()) {
            (Some(detail), _) => detail.clone(),
            (None, Some(f)) => format!("{}: {}", f.field, f.rule),
            (None, None) => format!("{:?}", self.kind),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())?;
        for field in &self.fields {
            write!(f, "; {}: {}", field.field, field.rule)?;
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
            StoreError::Conflict(what) => Error::conflict(format!("{what} already exists.")),
            StoreError::NotFound(what) => Error::not_found(format!("{what} not found.")),
            StoreError::Frozen(why) => Error::conflict(why),
            StoreError::Stale { what, version, changed_by, changed_at_ms } => {
                let mut error = Error::conflict(format!(
                    "{what} was changed by {changed_by} meanwhile (it is now at version {version}): \
                     read it again and make the change on that version."
                ));
                error.current = Some(Current { version, changed_by, changed_at_ms });
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
        let e = Error::invalid([("cup", "must be 15 characters"), ("on", "must be a date")]);
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(e.fields.len(), 2);
        assert_eq!(e.to_string(), "The request has invalid fields.; cup: must be 15 characters; on: must be a date");
    }

    #[test]
    fn the_store_s_own_refusals_keep_their_kind() {
        assert_eq!(Error::from(StoreError::NotFound("call x".into())).kind, ErrorKind::NotFound);
        assert_eq!(Error::from(StoreError::Conflict("call x".into())).kind, ErrorKind::Conflict);
    }
}
