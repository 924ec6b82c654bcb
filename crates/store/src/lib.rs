//! Storage of cloudpa: one code path over SQLite (the embedded default) and
//! PostgreSQL (the production engine), through sqlx's `Any` driver.
//!
//! The store makes no business decision: it persists what the domain decided,
//! and every change it makes writes exactly one entry to the hash-chained
//! audit log in the same transaction ([`audit`]).

pub mod accounts;
pub mod attestation;
pub mod audit;
pub mod backup;
mod batch;
pub mod blobs;
pub mod catalogue;
mod connect;
mod csv_rows;
pub mod demo;
mod engine;
mod error;
pub mod jobs;
pub mod outbox;
pub mod programme;
pub mod qualification;
pub mod quality;
mod read;
pub mod reference;
mod rng;
pub mod sign_in;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod write;

pub use connect::{ConnectError, Store};
pub use engine::{Engine, WriteTx};
pub use error::StoreError;

/// Who made a change, as written in the audit log: `user:<id>`, `cli`, `system`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    pub fn user(id: &str) -> Self {
        Actor(format!("user:{id}"))
    }
    pub fn token(id: &str) -> Self {
        Actor(format!("token:{id}"))
    }
    pub fn system() -> Self {
        Actor("system".into())
    }
    pub fn cli() -> Self {
        Actor("cli".into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Milliseconds since the Unix epoch: the store's instant. The caller reads
/// the clock; the store never does.
pub type Millis = i64;
