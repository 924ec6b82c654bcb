//! The provider's metadata and signing keys, fetched once and kept.
//!
//! Providers rotate their signing keys (SPID OIDC guidelines, AgID Avviso n. 41/2023, key
//! rotation in the federation): a token signed with a `kid` not yet known makes the cache fetch
//! the metadata and keys again, once. Refetches caused by unknown `kid`s are spaced by
//! `key_refetch_min_interval_secs`, and concurrent callers share one refetch, so a stream of
//! forged tokens cannot turn the relying party into a load generator against the provider.
//! Time is the `now` passed in by the caller: no clock is read here.

use super::metadata::{ProviderMetadata, from_discovery, from_entity_configuration, signing_keys, well_known};
use crate::config::{Limits, MetadataSource, ProviderSettings};
use crate::error::IdentityError;
use crate::http::Http;
use crate::jose::{header_str, peek_header, verify_jws};
use josekit::jwk::Jwk;
use josekit::jws::JwsHeader;
use serde_json::{Map, Value};
use std::sync::{Arc, RwLock};
use tokio::sync::Mutex;

/// Metadata and keys as fetched at one time.
pub(crate) struct Snapshot {
    pub metadata: ProviderMetadata,
    keys: Vec<Jwk>,
    fetched_at: i64,
}

impl Snapshot {
    /// The key named `kid`, or the only key when the token names none.
    fn key(&self, kid: Option<&str>) -> Option<&Jwk> {
        match kid {
            Some(kid) => self.keys.iter().find(|key| key.key_id() == Some(kid)),
            None if self.keys.len() == 1 => self.keys.first(),
            None => None,
        }
    }
}

/// The cache of one provider's metadata and keys.
pub(crate) struct ProviderCache {
    settings: ProviderSettings,
    trusted: Vec<Jwk>,
    limits: Limits,
    http: Http,
    current: RwLock<Option<Arc<Snapshot>>>,
    /// Held while fetching; remembers when an unknown `kid` last caused a refetch.
    refetch: Mutex<Option<i64>>,
}

impl ProviderCache {
    pub fn new(settings: ProviderSettings, limits: Limits, http: Http) -> Result<Self, IdentityError> {
        let trusted = match &settings.metadata {
            MetadataSource::Federation { trusted_jwks } => {
                let document =
                    serde_json::to_value(trusted_jwks).map_err(|err| IdentityError::Config(err.to_string()))?;
                signing_keys(&document).map_err(|_| IdentityError::Config("trusted_jwks has no RSA key".into()))?
            }
            MetadataSource::Discovery => Vec::new(),
        };
        Ok(Self { settings, trusted, limits, http, current: RwLock::new(None), refetch: Mutex::new(None) })
    }

    fn cached(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|guard| guard.clone())
    }

    fn fresh(&self, now: i64) -> Option<Arc<Snapshot>> {
        self.cached().filter(|snapshot| now - snapshot.fetched_at < self.limits.metadata_max_age_secs)
    }

    /// The current metadata and keys, fetched when missing or older than the configured age.
    pub async fn snapshot(&self, now: i64) -> Result<Arc<Snapshot>, IdentityError> {
        if let Some(snapshot) = self.fresh(now) {
            return Ok(snapshot);
        }
        let _fetching = self.refetch.lock().await;
        if let Some(snapshot) = self.fresh(now) {
            return Ok(snapshot);
        }
        self.load(now).await
    }

    /// Verifies a compact JWS signed by the provider, refetching the keys once for a new `kid`.
    pub async fn verify(
        &self,
        token: &str,
        what: &'static str,
        now: i64,
    ) -> Result<(Map<String, Value>, JwsHeader), IdentityError> {
        let header = peek_header(token, what)?;
        let kid = header_str(&header, "kid");
        let snapshot = self.snapshot(now).await?;
        if let Some(key) = snapshot.key(kid) {
            return verify_jws(token, key, what);
        }
        let snapshot = self.refetch_for(kid, now).await?;
        let key = snapshot
            .key(kid)
            .ok_or_else(|| IdentityError::bad_signature(what, "the signing key is not published by the provider"))?;
        verify_jws(token, key, what)
    }

    /// Fetches again for an unknown `kid`, unless another caller just did or a refetch is too recent.
    async fn refetch_for(&self, kid: Option<&str>, now: i64) -> Result<Arc<Snapshot>, IdentityError> {
        let mut last = self.refetch.lock().await;
        if let Some(snapshot) = self.cached().filter(|snapshot| snapshot.key(kid).is_some()) {
            return Ok(snapshot);
        }
        if let Some(at) = *last
            && now - at < self.limits.key_refetch_min_interval_secs
        {
            return self.cached().ok_or_else(|| IdentityError::Metadata("no provider keys".into()));
        }
        *last = Some(now);
        tracing::info!(issuer = %self.settings.issuer, "unknown signing key id: fetching the provider's keys again");
        self.load(now).await
    }

    /// Fetches metadata and keys and makes them current. Callers hold `refetch`.
    async fn load(&self, now: i64) -> Result<Arc<Snapshot>, IdentityError> {
        let issuer = &self.settings.issuer;
        let metadata = match &self.settings.metadata {
            MetadataSource::Federation { .. } => {
                let answer =
                    self.http.get(&well_known(issuer, "openid-federation"), "entity configuration", None).await?;
                ensure_ok(answer.status, "entity configuration")?;
                let leeway = self.limits.clock_leeway_secs;
                from_entity_configuration(&answer.text(), issuer, &self.trusted, now, leeway)?
            }
            MetadataSource::Discovery => {
                let answer = self.http.get(&well_known(issuer, "openid-configuration"), "discovery", None).await?;
                ensure_ok(answer.status, "discovery document")?;
                from_discovery(&answer.body, issuer)?
            }
        };
        let jwks = match (&metadata.jwks, &metadata.jwks_uri) {
            (Some(inline), _) => inline.clone(),
            (None, Some(uri)) => {
                let answer = self.http.get(uri, "JWKS", None).await?;
                ensure_ok(answer.status, "JWKS")?;
                serde_json::from_slice(&answer.body).map_err(|err| IdentityError::Metadata(format!("JWKS: {err}")))?
            }
            (None, None) => return Err(IdentityError::Metadata("the provider publishes no keys".into())),
        };
        let snapshot = Arc::new(Snapshot { keys: signing_keys(&jwks)?, metadata, fetched_at: now });
        if let Ok(mut current) = self.current.write() {
            *current = Some(snapshot.clone());
        }
        Ok(snapshot)
    }
}

fn ensure_ok(status: u16, what: &str) -> Result<(), IdentityError> {
    if status == 200 {
        Ok(())
    } else {
        Err(IdentityError::Metadata(format!("the {what} answered with status {status}")))
    }
}
