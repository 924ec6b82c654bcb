//! The asseverazione's API: the suppliers' directory, a project's
//! contracts, the destination finder, the compliance form of each migrated
//! service with its instant pre-checks, the forms' definitions and the
//! address ranges providers announce.

pub(crate) mod answers;
pub(crate) mod contracts;
pub(crate) mod forms;
pub(crate) mod live;
pub(crate) mod payments;
pub(crate) mod prefixes;
pub(crate) mod runs;
pub(crate) mod suppliers;
pub(crate) mod verification;
pub(crate) mod verification_answers;
