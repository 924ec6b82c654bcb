//! The public catalogue as the search index and the exports read it: every
//! listing that has ever been public, with the versions its history refers
//! to; its change log; bulk loading of catalogue files and of a synthetic
//! catalogue for demonstrations and benchmarks.

pub mod changes;
pub mod entries;
pub mod import;
pub mod synthetic;
