//! The asseverazione's use cases: the suppliers' directory, a project's
//! contracts, the destinations a migrated service may land on, the
//! compliance form of each service with its instant pre-checks, and the
//! pre-checks of every form at once.

pub mod bulk;
pub mod catalogue;
pub mod contracts;
pub mod destinations;
pub mod forms;
pub mod live;
pub mod national;
pub mod prefixes;
pub mod requests;
pub mod samples;
pub mod suppliers;
pub mod verification;
