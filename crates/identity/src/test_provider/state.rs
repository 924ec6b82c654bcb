//! The test provider's memory: its keys, the registered relying parties, codes and tokens.

use super::{Misbehaviour, TestUser};
use crate::error::IdentityError;
use crate::keys::{LoadedKey, PrivateJwk, generate_rsa};
use josekit::jwk::Jwk;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

/// A relying party registered with the test provider (in a real federation: its trust chain).
pub(crate) struct RegisteredClient {
    pub redirect_uris: Vec<String>,
    pub keys: Vec<Jwk>,
}

impl RegisteredClient {
    /// The client's key with this `kid` and use.
    pub fn key(&self, kid: Option<&str>, key_use: &str) -> Option<&Jwk> {
        self.keys
            .iter()
            .filter(|key| key.key_use().is_none_or(|found| found == key_use))
            .find(|key| kid.is_none() || key.key_id() == kid)
    }
}

/// What an authorization code, then its access token, stand for.
#[derive(Clone)]
pub(crate) struct Grant {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub nonce: String,
    pub acr: String,
}

/// The mutable part, behind one lock held only briefly (never across an await).
pub(crate) struct Inner {
    pub signing_key: LoadedKey,
    pub clients: HashMap<String, RegisteredClient>,
    pub codes: HashMap<String, Grant>,
    pub access_tokens: HashMap<String, Grant>,
    pub misbehaviour: Option<Misbehaviour>,
    pub user: TestUser,
}

/// Everything the handlers share.
pub(crate) struct State {
    pub issuer: String,
    pub key_bits: u32,
    pub federation_key: LoadedKey,
    pub jwks_fetches: AtomicUsize,
    inner: Mutex<Inner>,
}

impl State {
    pub fn new(
        issuer: String,
        key_bits: u32,
        user: TestUser,
        misbehaviour: Option<Misbehaviour>,
    ) -> Result<Self, IdentityError> {
        let inner = Inner {
            signing_key: new_key(key_bits)?,
            clients: HashMap::new(),
            codes: HashMap::new(),
            access_tokens: HashMap::new(),
            misbehaviour,
            user,
        };
        Ok(Self {
            issuer,
            key_bits,
            federation_key: new_key(key_bits)?,
            jwks_fetches: AtomicUsize::new(0),
            inner: Mutex::new(inner),
        })
    }

    pub fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }
}

/// A fresh RS256 signing key.
pub(crate) fn new_key(bits: u32) -> Result<LoadedKey, IdentityError> {
    LoadedKey::load("provider signing", &PrivateJwk(generate_rsa(bits, "sig", "RS256")?), "sig")
}

/// Parses the public JWKS a relying party registers.
pub(crate) fn parse_client_keys(jwks: &Value) -> Result<Vec<Jwk>, IdentityError> {
    jwks.get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| IdentityError::Config("the client JWKS has no keys".into()))?
        .iter()
        .filter_map(Value::as_object)
        .map(|key| Jwk::from_map(key.clone()).map_err(IdentityError::key))
        .collect()
}

/// The provider's clock (the provider, unlike the relying party's checks, may read one).
pub(crate) fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs() as i64).unwrap_or_default()
}
