//! Every way a login can be refused, one variant per reason.
//!
//! Messages are plain sentences for an operator's log. They never carry a token, a key, an
//! authorization code or a personal attribute: only the name of what was wrong.

use thiserror::Error;

/// Why the relying party refused a configuration, a provider answer or a login.
#[derive(Debug, Error)]
pub enum IdentityError {
    /// The relying party's configuration is unusable.
    #[error("invalid identity configuration: {0}")]
    Config(String),
    /// A key of the relying party could not be parsed, generated or used.
    #[error("key error: {0}")]
    Key(String),
    /// The provider's metadata (entity configuration, discovery document or JWKS) is unusable.
    #[error("provider metadata unusable: {0}")]
    Metadata(String),
    /// A call to the provider failed before an answer was read (connection, timeout, size).
    #[error("request to the provider's {endpoint} failed: {reason}")]
    Http { endpoint: &'static str, reason: String },
    /// The provider sent the user back with an error instead of a code.
    #[error("the provider refused the authentication: {error} ({description})")]
    AuthorizationDenied { error: String, description: String },
    /// The callback lacks a required parameter.
    #[error("the callback has no {0}")]
    MissingParameter(&'static str),
    /// The callback's `state` is not the one stored for this login.
    #[error("the callback's state does not match the pending login")]
    StateMismatch,
    /// The pending login is older than the configured limit.
    #[error("the login took too long: start again")]
    PendingLoginExpired,
    /// The token endpoint refused the authorization code.
    #[error("the provider refused the authorization code: {error} ({description})")]
    CodeRefused { error: String, description: String },
    /// A token or response is not in the expected shape.
    #[error("malformed {what}: {reason}")]
    Malformed { what: &'static str, reason: String },
    /// A signature does not verify, or was made with a key the provider does not publish.
    #[error("bad signature on the {what}: {reason}")]
    BadSignature { what: &'static str, reason: String },
    /// The `iss` of a token or response is not the configured provider.
    #[error("the {0} was issued by another issuer")]
    WrongIssuer(&'static str),
    /// The `aud` (or `azp`) of a token or response is not this relying party.
    #[error("the {0} is meant for another audience")]
    WrongAudience(&'static str),
    /// The token's `exp` has passed.
    #[error("the {0} has expired")]
    Expired(&'static str),
    /// The token's `iat` is in the future beyond the allowed leeway.
    #[error("the {0} is issued in the future")]
    NotYetValid(&'static str),
    /// The ID token's `nonce` is not the one sent in the request.
    #[error("the ID token's nonce does not match the pending login")]
    NonceMismatch,
    /// The ID token's `acr` is lower than the level asked for.
    #[error("the authentication level {received} is lower than the {requested} asked for")]
    InsufficientAcr { requested: String, received: String },
    /// The ID token's `at_hash` does not match the access token.
    #[error("the ID token's at_hash does not match the access token")]
    AccessTokenHashMismatch,
    /// The userinfo answer is not encrypted although encryption is required.
    #[error("the userinfo answer is not encrypted, and encryption is required")]
    UnencryptedUserinfo,
    /// The encrypted userinfo answer could not be decrypted with the relying party's key.
    #[error("the userinfo answer could not be decrypted: {0}")]
    Decryption(String),
    /// The userinfo `sub` is not the ID token's `sub`.
    #[error("the userinfo answer is about another subject than the ID token")]
    SubjectMismatch,
    /// A claim the relying party needs is missing.
    #[error("the provider did not release the claim {0}")]
    MissingClaim(&'static str),
    /// The fiscal code released by the provider is not a valid Italian fiscal code.
    #[error("invalid fiscal code: {0}")]
    InvalidFiscalCode(cloudpa_domain::fiscal_code::InvalidFiscalCode),
}

impl From<cloudpa_domain::fiscal_code::InvalidFiscalCode> for IdentityError {
    fn from(invalid: cloudpa_domain::fiscal_code::InvalidFiscalCode) -> Self {
        IdentityError::InvalidFiscalCode(invalid)
    }
}

impl IdentityError {
    pub(crate) fn malformed(what: &'static str, reason: impl std::fmt::Display) -> Self {
        Self::Malformed { what, reason: reason.to_string() }
    }

    pub(crate) fn bad_signature(what: &'static str, reason: impl std::fmt::Display) -> Self {
        Self::BadSignature { what, reason: reason.to_string() }
    }

    pub(crate) fn key(reason: impl std::fmt::Display) -> Self {
        Self::Key(reason.to_string())
    }
}
