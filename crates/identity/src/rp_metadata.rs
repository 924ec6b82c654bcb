//! What the relying party publishes: its public JWKS and its entity configuration.
//!
//! OpenID Federation 1.0 §3 and SPID OIDC guidelines (AgID, Avviso n. 41/2023), "Entity
//! Configuration RP"; CIE id OIDC, same: served at `{client_id}/.well-known/openid-federation` as
//! `application/entity-statement+jwt`, a JWT of type `entity-statement+jwt` signed with the
//! federation key, `iss` = `sub` = the entity id, the federation `jwks`, `authority_hints`, and
//! `metadata.openid_relying_party` (OpenID Connect Dynamic Client Registration §2 names) plus
//! `metadata.federation_entity`. Here the signing key doubles as the federation key.

use crate::config::RelyingParty;
use crate::error::IdentityError;
use crate::jose::sign_rs256;
use crate::keys::{LoadedKey, RpKeySet};
use serde_json::{Value, json};

/// The media type to serve the entity configuration with.
pub const ENTITY_STATEMENT_CONTENT_TYPE: &str = "application/entity-statement+jwt";

/// The relying party's loaded private keys.
pub(crate) struct RpKeys {
    pub signing: LoadedKey,
    pub encryption: LoadedKey,
    pub standby: Vec<LoadedKey>,
}

impl RpKeys {
    /// Loads the configured keys, each checked for its use.
    pub fn load(keys: &RpKeySet) -> Result<Self, IdentityError> {
        let standby = keys
            .standby
            .iter()
            .map(|key| {
                let key_use = key.0.get("use").and_then(Value::as_str).unwrap_or_default();
                match key_use {
                    "sig" | "enc" => LoadedKey::load("standby", key, key_use),
                    _ => Err(IdentityError::Key("each standby key needs use sig or enc".into())),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            signing: LoadedKey::load("signing", &keys.signing, "sig")?,
            encryption: LoadedKey::load("encryption", &keys.encryption, "enc")?,
            standby,
        })
    }

    /// The public JWKS: signing, encryption and standby keys, without private members.
    pub fn public_jwks(&self) -> Value {
        let mut keys = vec![&self.signing.public, &self.encryption.public];
        keys.extend(self.standby.iter().map(|key| &key.public));
        json!({ "keys": keys })
    }

    /// The keys that may decrypt: the current encryption key first, then standby `enc` keys.
    pub fn decryption_keys(&self) -> Vec<&LoadedKey> {
        let standby = self.standby.iter().filter(|key| key.public.get("use").and_then(Value::as_str) == Some("enc"));
        std::iter::once(&self.encryption).chain(standby).collect()
    }
}

/// The signed entity configuration, valid from `now` for the configured lifetime.
pub(crate) fn entity_configuration(config: &RelyingParty, keys: &RpKeys, now: i64) -> Result<String, IdentityError> {
    let relying_party = json!({
        "client_id": config.client_id,
        "client_name": config.client_name,
        "organization_name": config.organization_name,
        "application_type": "web",
        "contacts": config.contacts,
        "redirect_uris": [config.redirect_uri],
        "response_types": ["code"],
        "grant_types": ["authorization_code"],
        "token_endpoint_auth_method": "private_key_jwt",
        "token_endpoint_auth_signing_alg": "RS256",
        "request_object_signing_alg": "RS256",
        "id_token_signed_response_alg": "RS256",
        "userinfo_signed_response_alg": "RS256",
        "userinfo_encrypted_response_alg": config.userinfo_encryption.alg,
        "userinfo_encrypted_response_enc": config.userinfo_encryption.enc,
        "jwks": keys.public_jwks(),
    });
    let claims = json!({
        "iss": config.client_id,
        "sub": config.client_id,
        "iat": now,
        "exp": now + config.limits.entity_configuration_lifetime_secs,
        "jwks": { "keys": [keys.signing.public] },
        "authority_hints": config.authority_hints,
        "metadata": {
            "openid_relying_party": relying_party,
            "federation_entity": {
                "organization_name": config.organization_name,
                "contacts": config.contacts,
            },
        },
    });
    sign_rs256(&claims, &keys.signing.jwk, &keys.signing.kid, "entity-statement+jwt")
}
