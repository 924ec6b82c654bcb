//! Reading the provider's metadata: the SPID/CIE entity configuration or a discovery document.
//!
//! OpenID Federation 1.0 §3 and SPID OIDC guidelines (AgID, Avviso n. 41/2023), "Entity
//! Configuration": a JWT of type `entity-statement+jwt` at `{issuer}/.well-known/openid-federation`,
//! with `iss` = `sub` = the entity id, signed with a federation key, carrying
//! `metadata.openid_provider`. Here it is verified against federation keys pinned in the
//! configuration; walking the trust chain up to the trust anchor is not done (see decision 0012).
//! OpenID Connect Discovery 1.0 §4: brokers publish `{issuer}/.well-known/openid-configuration`,
//! whose `issuer` must equal the configured one.

use crate::error::IdentityError;
use crate::jose::{header_str, peek_header, verify_jws};
use josekit::jwk::Jwk;
use serde_json::{Map, Value};

/// The endpoints and keys location of the provider.
#[derive(Debug, Clone)]
pub struct ProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: String,
    /// Where the signing keys are published, unless they are inline.
    pub jwks_uri: Option<String>,
    /// Signing keys published inline (`jwks`), as SPID/CIE OPs usually do.
    pub jwks: Option<Value>,
}

/// The URL of a well-known document under the issuer.
pub(crate) fn well_known(issuer: &str, document: &str) -> String {
    format!("{}/.well-known/{document}", issuer.trim_end_matches('/'))
}

/// Parses a discovery document and checks its issuer.
pub(crate) fn from_discovery(body: &[u8], issuer: &str) -> Result<ProviderMetadata, IdentityError> {
    let document: Map<String, Value> =
        serde_json::from_slice(body).map_err(|err| IdentityError::Metadata(format!("discovery document: {err}")))?;
    openid_provider(&document, issuer)
}

/// Verifies an entity configuration with the pinned federation keys and reads its
/// `metadata.openid_provider`.
pub(crate) fn from_entity_configuration(
    jwt: &str,
    issuer: &str,
    trusted: &[Jwk],
    now: i64,
    leeway: i64,
) -> Result<ProviderMetadata, IdentityError> {
    let header = peek_header(jwt, "entity configuration")?;
    if header_str(&header, "typ") != Some("entity-statement+jwt") {
        return Err(IdentityError::Metadata("the entity configuration is not of type entity-statement+jwt".into()));
    }
    let kid = header_str(&header, "kid");
    let key = trusted
        .iter()
        .find(|key| kid.is_some() && key.key_id() == kid)
        .ok_or_else(|| IdentityError::Metadata("the entity configuration is signed with a key not pinned".into()))?;
    let (claims, _) = verify_jws(jwt, key, "entity configuration")
        .map_err(|err| IdentityError::Metadata(format!("entity configuration: {err}")))?;
    let claim = |name: &str| claims.get(name).and_then(Value::as_str);
    if claim("iss") != Some(issuer) || claim("sub") != Some(issuer) {
        return Err(IdentityError::Metadata("the entity configuration is not the provider's own".into()));
    }
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(i64::MIN);
    if now > exp.saturating_add(leeway) {
        return Err(IdentityError::Metadata("the entity configuration has expired".into()));
    }
    let provider = claims
        .get("metadata")
        .and_then(|metadata| metadata.get("openid_provider"))
        .and_then(Value::as_object)
        .ok_or_else(|| IdentityError::Metadata("the entity configuration has no openid_provider metadata".into()))?;
    openid_provider(provider, issuer)
}

/// Reads the `openid_provider` members the relying party uses.
fn openid_provider(document: &Map<String, Value>, issuer: &str) -> Result<ProviderMetadata, IdentityError> {
    let text = |name: &str| document.get(name).and_then(Value::as_str).map(str::to_owned);
    let required =
        |name: &str| text(name).ok_or_else(|| IdentityError::Metadata(format!("the provider metadata has no {name}")));
    if let Some(found) = text("issuer")
        && found != issuer
    {
        return Err(IdentityError::Metadata(format!("the metadata names the issuer {found}, not {issuer}")));
    }
    let metadata = ProviderMetadata {
        issuer: issuer.to_owned(),
        authorization_endpoint: required("authorization_endpoint")?,
        token_endpoint: required("token_endpoint")?,
        userinfo_endpoint: required("userinfo_endpoint")?,
        jwks_uri: text("jwks_uri"),
        jwks: document.get("jwks").cloned(),
    };
    if metadata.jwks_uri.is_none() && metadata.jwks.is_none() {
        return Err(IdentityError::Metadata("the provider metadata has neither jwks nor jwks_uri".into()));
    }
    Ok(metadata)
}

/// The RSA signing keys of a JWKS document (keys for encryption are skipped).
pub(crate) fn signing_keys(jwks: &Value) -> Result<Vec<Jwk>, IdentityError> {
    let keys = jwks
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| IdentityError::Metadata("the provider JWKS has no keys".into()))?;
    let keys: Vec<Jwk> = keys
        .iter()
        .filter_map(Value::as_object)
        .filter(|key| key.get("kty").and_then(Value::as_str) == Some("RSA"))
        .filter(|key| key.get("use").and_then(Value::as_str).is_none_or(|key_use| key_use == "sig"))
        .filter_map(|key| Jwk::from_map(key.clone()).ok())
        .collect();
    if keys.is_empty() {
        return Err(IdentityError::Metadata("the provider JWKS has no RSA signing key".into()));
    }
    Ok(keys)
}
