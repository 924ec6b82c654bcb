//! The HTTP interface of cloudpa: server-rendered pages (askama + Bootstrap
//! Italia, served from the binary) and the JSON API under `/api/v1`.
//!
//! Handlers read top to bottom: extract, authorise (every route names its
//! [`access::Access`] rule in [`routes`]), call the domain, call the store,
//! respond. The web layer writes no SQL and decides no business rule.

pub mod access;
mod api;
mod assets;
mod auth;
mod clock;
mod cookies;
mod deserialize_rule;
mod edge;
mod extract;
mod figures;
mod format;
mod i18n;
mod input;
mod memo;
mod metrics;
mod pages;
mod pdf_cache;
mod problem;
mod rate_limit;
mod routes;
mod security_headers;
mod upload;

pub use metrics::{fold_metrics_every, install_recorder, router as metrics_router};
pub use routes::{RouteRule, router, rules};

use cloudpa_search::Catalogue;
use cloudpa_store::Store;
use cloudpa_store::blobs::BlobStore;
use cloudpa_workflows::Context;
use std::sync::Arc;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address users reach the service at; `https://…` turns on the
    /// `Secure` flag of cookies.
    pub public_url: String,
    /// Requests per minute per client; `0` disables rate limiting.
    pub rate_limit_per_minute: u32,
    /// How long a session lasts after sign-in.
    pub session_ttl: std::time::Duration,
    /// Where notifications are written when no SMTP server is configured.
    pub mailbox_dir: Option<std::path::PathBuf>,
    /// The ClamAV daemon (`host:port`) that scans uploads.
    pub clamd_addr: Option<String>,
    /// The body `GET /bench/static` answers with (benchmarks only).
    pub bench_static: Option<axum::body::Bytes>,
    /// The bearer token that `GET /metrics` on the service's address asks
    /// for; without one, metrics are not served there.
    pub metrics_token: Option<Secret>,
    /// Sign-in through SPID/CIE (or a broker of theirs) over OpenID Connect;
    /// without it, only local accounts sign in.
    pub identity: Option<Identity>,
    /// The load balancers and reverse proxies in front of the service:
    /// behind them the client is the address they forward in
    /// `X-Forwarded-For`, not their own. Empty: the header is ignored.
    pub trusted_proxies: Vec<cloudpa_domain::attestation::addresses::Prefix>,
    /// Who publishes the open data: the metadata (DCAT-AP_IT) name it.
    pub publisher: Publisher,
}

/// The body that publishes the platform's open data, by its IPA code, and
/// the address to write to about the data.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub name: String,
    pub ipa_code: String,
    pub email: String,
}

impl Default for Publisher {
    /// The demonstration's: a deployment names its agency (`publisher_*` in
    /// the configuration file).
    fn default() -> Self {
        Publisher {
            name: "cloudpa (dimostrazione)".into(),
            ipa_code: "cloudpa_demo".into(),
            email: "dati@cloudpa.localhost".into(),
        }
    }
}

/// The relying party of the identity federation, shared by every request.
#[derive(Clone)]
pub struct Identity(pub std::sync::Arc<cloudpa_identity::RelyingPartyClient>);

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identity({})", self.0.config().client_id)
    }
}

/// A value that must never reach a log: its `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            rate_limit_per_minute: 600,
            session_ttl: std::time::Duration::from_secs(8 * 3600),
            mailbox_dir: None,
            clamd_addr: None,
            bench_static: None,
            metrics_token: None,
            identity: None,
            trusted_proxies: Vec::new(),
            publisher: Publisher::default(),
        }
    }
}

impl WebConfig {
    pub(crate) fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// What every handler can reach: the use cases' [`Context`] (its store,
/// files and search index, by `Deref`), and what only HTTP needs. Behind
/// one `Arc`: every layer and extractor of every request clones the state,
/// and one count costs less than a dozen (and a string copied).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub ctx: Context,
    pub config: WebConfig,
    limiter: rate_limit::RateLimiter,
    pdf_catalogue: pdf_cache::PdfCache,
    memo: memo::Memo,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl std::ops::Deref for Shared {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.ctx
    }
}

impl AppState {
    pub fn new(store: Store, blobs: BlobStore, catalogue: Arc<Catalogue>, config: WebConfig) -> Self {
        let limiter = rate_limit::RateLimiter::new(config.rate_limit_per_minute);
        let ctx = Context { store, blobs, catalogue, clamd_addr: config.clamd_addr.clone() };
        let shared = Shared { ctx, config, limiter, pdf_catalogue: Default::default(), memo: Default::default() };
        AppState(Arc::new(shared))
    }

    /// The programme's figures as of the data version read now: a page or
    /// an answer takes every figure it shows from one [`Figures`].
    pub(crate) async fn figures(&self) -> Result<figures::Figures<'_>, problem::Problem> {
        figures::Figures::now(self).await
    }
}
