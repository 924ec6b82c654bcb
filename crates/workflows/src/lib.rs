//! The use cases of cloudpa: the qualification of cloud services and the
//! migration programme, each a function that loads the records, authorises
//! the user through the domain's access rules, asks the domain, persists
//! through the store and answers a record or a typed [`Error`]. Also the
//! work done outside requests: the jobs worker, its sweeps and the
//! notifications it delivers.
//!
//! `web` and `cli` only wire these to HTTP and to the command line; no rule
//! is decided here that the domain could decide, and no SQL is written.

pub mod accounts;
pub mod api_tokens;
pub mod attestation;
pub mod clock;
mod error;
pub mod jobs;
pub mod notifications;
pub mod organisations;
pub mod preferences;
pub mod programme;
pub mod qualification;
pub mod scan;

pub use clock::Now;
pub use error::{Current, Error, ErrorKind, FieldError, Result};
pub use qualification::may;

use cloudpa_search::Catalogue;
use cloudpa_store::Store;
use cloudpa_store::blobs::BlobStore;
use std::sync::Arc;

/// What the use cases reach: the records, the files, the search index and
/// the virus scanner.
#[derive(Clone)]
pub struct Context {
    pub store: Store,
    pub blobs: BlobStore,
    pub catalogue: Arc<Catalogue>,
    /// The ClamAV daemon (`host:port`) that scans uploads; without one,
    /// uploads are stored unscanned.
    pub clamd_addr: Option<String>,
}

impl Context {
    /// Brings the search index up to date after a change to the catalogue.
    /// The change is committed already: a failure here is logged, and the
    /// refresh worker catches up.
    pub async fn refresh_catalogue(&self) {
        if let Err(e) = self.catalogue.refresh(&self.store).await {
            tracing::warn!(error = %e, "search index refresh failed; the worker will retry");
        }
    }
}

/// Follows the catalogue's change log every `every` until `stop` changes:
/// picks up changes made by other processes (imports, other instances).
pub async fn refresh_catalogue_every(
    catalogue: Arc<Catalogue>,
    store: Store,
    every: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if let Err(e) = catalogue.refresh(&store).await {
            tracing::warn!(error = %e, "search index refresh failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}
