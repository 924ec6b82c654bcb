//! The migration programme: calls, the enti and their financed
//! applications (imported from the open data), and the figures of the
//! national dashboard.

pub mod calls;
pub mod financed;
pub mod setup;
pub mod stats;
