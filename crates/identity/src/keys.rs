//! The relying party's own keys: one RSA key to sign, one to decrypt.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023) and CIE id OIDC: the RP signs its request
//! objects, client assertions and entity configuration (RS256), and receives the userinfo answer
//! encrypted to a key of its own (RSA-OAEP-256 or RSA-OAEP). Keys are RSA of at least 2048 bits,
//! each with a `kid` (the RFC 7638 thumbprint when generated here) and a `use`.
//!
//! Private keys live in the configuration as JWKs; their `Debug` shows the `kid` only.

use crate::error::IdentityError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwk::Jwk;
use josekit::jwk::alg::rsa::RsaKeyPair;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fmt;

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: u32 = 2048;
/// Size of generated keys, in bits.
pub const GENERATED_RSA_BITS: u32 = 3072;

/// The relying party's private keys, as configured.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RpKeySet {
    /// Signs request objects, client assertions and the entity configuration (`use: sig`).
    pub signing: PrivateJwk,
    /// Decrypts the userinfo answer (`use: enc`).
    pub encryption: PrivateJwk,
    /// Keys being introduced or retired during a rotation: published in the JWKS, and (for
    /// `use: enc`) still able to decrypt; never used to sign. Each must carry its `use`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standby: Vec<PrivateJwk>,
}

/// A private JWK, kept as its JSON members.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PrivateJwk(pub Map<String, Value>);

impl fmt::Debug for PrivateJwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kid = self.0.get("kid").and_then(Value::as_str).unwrap_or("?");
        write!(f, "PrivateJwk {{ kid: {kid}, .. }}")
    }
}

impl RpKeySet {
    /// A fresh key set: two RSA keys of `bits` bits (at least 2048), with `kid`, `use` and `alg`.
    pub fn generate(bits: u32) -> Result<Self, IdentityError> {
        Ok(Self {
            signing: PrivateJwk(generate_rsa(bits, "sig", "RS256")?),
            encryption: PrivateJwk(generate_rsa(bits, "enc", "RSA-OAEP-256")?),
            standby: Vec::new(),
        })
    }

    /// The key set as pretty JSON, ready to paste into a secret store.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The JSON of a freshly generated key set of [`GENERATED_RSA_BITS`] bits.
pub fn generate_key_set_json() -> Result<String, IdentityError> {
    Ok(RpKeySet::generate(GENERATED_RSA_BITS)?.to_json_pretty())
}

/// A new RSA private JWK for one use.
pub(crate) fn generate_rsa(bits: u32, key_use: &str, alg: &str) -> Result<Map<String, Value>, IdentityError> {
    if bits < MIN_RSA_BITS {
        return Err(IdentityError::Key(format!("RSA keys must have at least {MIN_RSA_BITS} bits")));
    }
    let pair = RsaKeyPair::generate(bits).map_err(IdentityError::key)?;
    let mut jwk = pair.to_jwk_private_key();
    jwk.set_key_use(key_use);
    jwk.set_algorithm(alg);
    let mut map: Map<String, Value> = jwk.as_ref().clone();
    let kid = thumbprint(&map)?;
    map.insert("kid".into(), Value::String(kid));
    Ok(map)
}

/// The RFC 7638 SHA-256 thumbprint of an RSA key, base64url.
pub(crate) fn thumbprint(jwk: &Map<String, Value>) -> Result<String, IdentityError> {
    let member = |name: &str| {
        jwk.get(name).and_then(Value::as_str).ok_or_else(|| IdentityError::Key(format!("RSA key without {name}")))
    };
    let canonical = format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, member("e")?, member("n")?);
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes())))
}

/// The public half of an RSA JWK: `kty`, `n`, `e`, `kid`, `use`, `alg`.
pub(crate) fn public_part(jwk: &Map<String, Value>) -> Map<String, Value> {
    ["kty", "n", "e", "kid", "use", "alg"]
        .into_iter()
        .filter_map(|name| jwk.get(name).map(|value| (name.to_owned(), value.clone())))
        .collect()
}

/// A usable private key: parsed, RSA, private, big enough, with a `kid`.
#[derive(Clone)]
pub(crate) struct LoadedKey {
    pub jwk: Jwk,
    pub kid: String,
    pub public: Map<String, Value>,
}

impl LoadedKey {
    /// Checks and loads a configured private key meant for `key_use`.
    pub fn load(name: &str, key: &PrivateJwk, key_use: &str) -> Result<Self, IdentityError> {
        let map = &key.0;
        if map.get("kty").and_then(Value::as_str) != Some("RSA") {
            return Err(IdentityError::Key(format!("the {name} key must be RSA")));
        }
        if !map.contains_key("d") {
            return Err(IdentityError::Key(format!("the {name} key has no private part")));
        }
        if let Some(found) = map.get("use").and_then(Value::as_str)
            && found != key_use
        {
            return Err(IdentityError::Key(format!("the {name} key has use {found}, not {key_use}")));
        }
        let jwk = Jwk::from_map(map.clone()).map_err(|err| IdentityError::Key(format!("the {name} key: {err}")))?;
        let pair = RsaKeyPair::from_jwk(&jwk).map_err(|err| IdentityError::Key(format!("the {name} key: {err}")))?;
        if pair.key_len() * 8 < MIN_RSA_BITS {
            return Err(IdentityError::Key(format!("the {name} key is shorter than {MIN_RSA_BITS} bits")));
        }
        let kid = match map.get("kid").and_then(Value::as_str) {
            Some(kid) => kid.to_owned(),
            None => thumbprint(map)?,
        };
        let mut public = public_part(map);
        public.insert("kid".into(), Value::String(kid.clone()));
        public.insert("use".into(), Value::String(key_use.into()));
        Ok(Self { jwk, kid, public })
    }
}
