//! The rules of the Cloud della PA as pure functions: no I/O, no clock, no SQL.
//!
//! Every rule takes its facts (and, where time matters, an explicit `as_of`) as
//! arguments, cites its source in a doc comment and is tested on both sides of
//! every threshold. The store, the web layer and the CLI call these functions;
//! none of them re-implements a rule.

pub mod access;
pub mod accounts;
pub mod api_tokens;
pub mod attestation;
pub mod calendar;
pub mod catalogue;
pub mod files;
pub mod fiscal_code;
pub mod forwarding;
pub mod jobs;
pub mod members;
pub mod message;
pub mod money;
pub mod onboarding;
pub mod paging;
pub mod programme;
pub mod qualification;
pub mod text;
pub mod time;
