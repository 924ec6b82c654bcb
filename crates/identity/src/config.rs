//! The relying party's configuration, deserialisable from TOML or JSON.
//!
//! One [`RelyingParty`] describes this service towards one provider: its entity id (the
//! `client_id` of the SPID/CIE OIDC profile), its redirect URI, its keys, the provider and how to
//! learn the provider's metadata, and what to ask for (levels, scopes, claims). The defaults
//! follow the SPID OIDC guidelines (AgID, Avviso n. 41/2023) and CIE id OIDC: level 2, `openid`
//! scope, `prompt=consent login`, userinfo encrypted with RSA-OAEP-256 and A256CBC-HS512.

use crate::acr::AcrLevel;
use crate::error::IdentityError;
use crate::keys::RpKeySet;
use serde::{Deserialize, Serialize};
use url::Url;

/// The configuration of this relying party towards one provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelyingParty {
    /// The entity id, also the `client_id`: an https URL (plain http only on loopback, for tests).
    pub client_id: String,
    /// Where the provider sends the user back: must be registered with the provider.
    pub redirect_uri: String,
    /// Name shown by the provider on its consent page (`client_name`).
    pub client_name: String,
    /// The administration running the service (`organization_name`).
    pub organization_name: String,
    /// Technical contacts published in the entity configuration.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Intermediates or trust anchor that registered this entity (`authority_hints`).
    #[serde(default)]
    pub authority_hints: Vec<String>,
    /// The provider (an SPID/CIE OP or a broker).
    pub provider: ProviderSettings,
    /// The relying party's private keys.
    pub keys: RpKeySet,
    /// Levels asked for; an answer below the lowest is refused.
    #[serde(default = "default_acr_values")]
    pub acr_values: Vec<AcrLevel>,
    /// Scopes; must contain `openid`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Claims asked for in the userinfo answer (the fiscal number is always asked, as essential).
    #[serde(default = "default_userinfo_claims")]
    pub userinfo_claims: Vec<String>,
    /// The `prompt` of the request object.
    #[serde(default = "default_prompt")]
    pub prompt: String,
    /// Refuse a userinfo answer that is not a JWE (SPID/CIE always encrypt it).
    #[serde(default = "default_true")]
    pub require_encrypted_userinfo: bool,
    /// The userinfo encryption published in the relying party's metadata.
    #[serde(default)]
    pub userinfo_encryption: UserinfoEncryption,
    /// Timeouts, lifetimes and leeways.
    #[serde(default)]
    pub limits: Limits,
}

/// The provider and the way to obtain its metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    /// The provider's issuer (its entity id), compared byte for byte with `iss`.
    pub issuer: String,
    /// How the metadata is obtained.
    pub metadata: MetadataSource,
}

/// How the provider's metadata is obtained.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum MetadataSource {
    /// SPID/CIE: `{issuer}/.well-known/openid-federation`, a signed entity configuration verified
    /// with these pinned federation keys (the OP's, or as resolved once by the operator).
    Federation { trusted_jwks: PublicJwks },
    /// A broker: `{issuer}/.well-known/openid-configuration`, trusted through TLS.
    Discovery,
}

/// A JWKS document with public keys only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicJwks {
    pub keys: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// The userinfo encryption algorithms the relying party asks for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserinfoEncryption {
    /// Key management: `RSA-OAEP-256` (default) or `RSA-OAEP`.
    pub alg: String,
    /// Content encryption: `A256CBC-HS512` (default), `A128CBC-HS256`, `A256GCM`, `A128GCM`.
    pub enc: String,
}

impl Default for UserinfoEncryption {
    fn default() -> Self {
        Self { alg: "RSA-OAEP-256".into(), enc: "A256CBC-HS512".into() }
    }
}

/// Timeouts, lifetimes and leeways, in seconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Timeout of every call to the provider.
    pub http_timeout_secs: u64,
    /// Tolerated clock difference with the provider when checking `exp` and `iat`.
    pub clock_leeway_secs: i64,
    /// How long a started login may wait for its callback.
    pub pending_login_max_age_secs: i64,
    /// Lifetime of the signed request object and of the client assertion.
    pub request_object_lifetime_secs: i64,
    /// Lifetime of the published entity configuration.
    pub entity_configuration_lifetime_secs: i64,
    /// After this, the provider's metadata and keys are fetched again.
    pub metadata_max_age_secs: i64,
    /// Minimum time between two key refetches caused by an unknown `kid`.
    pub key_refetch_min_interval_secs: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            http_timeout_secs: 10,
            clock_leeway_secs: 30,
            pending_login_max_age_secs: 600,
            request_object_lifetime_secs: 300,
            entity_configuration_lifetime_secs: 86_400,
            metadata_max_age_secs: 3_600,
            key_refetch_min_interval_secs: 60,
        }
    }
}

fn default_acr_values() -> Vec<AcrLevel> {
    vec![AcrLevel::SpidL2]
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into()]
}

fn default_userinfo_claims() -> Vec<String> {
    ["given_name", "family_name", "email"].map(String::from).to_vec()
}

fn default_prompt() -> String {
    "consent login".into()
}

fn default_true() -> bool {
    true
}

/// Encryption algorithms accepted for the userinfo answer.
pub(crate) const USERINFO_ALGS: [&str; 2] = ["RSA-OAEP-256", "RSA-OAEP"];
/// Content encryptions accepted for the userinfo answer.
pub(crate) const USERINFO_ENCS: [&str; 4] = ["A256CBC-HS512", "A128CBC-HS256", "A256GCM", "A128GCM"];

impl RelyingParty {
    /// Checks what serde cannot: URLs, the `openid` scope, levels and algorithms.
    pub fn validate(&self) -> Result<(), IdentityError> {
        check_url("client_id", &self.client_id)?;
        check_url("redirect_uri", &self.redirect_uri)?;
        check_url("provider.issuer", &self.provider.issuer)?;
        if !self.scopes.iter().any(|scope| scope == "openid") {
            return Err(IdentityError::Config("scopes must contain openid".into()));
        }
        if self.acr_values.is_empty() {
            return Err(IdentityError::Config("acr_values must name at least one level".into()));
        }
        if !USERINFO_ALGS.contains(&self.userinfo_encryption.alg.as_str()) {
            return Err(IdentityError::Config(format!("unsupported userinfo alg {}", self.userinfo_encryption.alg)));
        }
        if !USERINFO_ENCS.contains(&self.userinfo_encryption.enc.as_str()) {
            return Err(IdentityError::Config(format!("unsupported userinfo enc {}", self.userinfo_encryption.enc)));
        }
        Ok(())
    }
}

/// An https URL, or http on a loopback host (the in-process test provider).
fn check_url(name: &str, value: &str) -> Result<(), IdentityError> {
    let url = Url::parse(value).map_err(|err| IdentityError::Config(format!("{name} is not a URL: {err}")))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(IdentityError::Config(format!("{name} must be an https URL"))),
    }
}
