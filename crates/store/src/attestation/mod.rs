//! The asseverazione's records: the directory of suppliers of migration
//! services, each project's supplier contracts, the address ranges
//! providers announce for their infrastructures, and one compliance form per
//! migrated service. The rules (what a form must hold, the pre-checks) are
//! the domain's (`cloudpa_domain::attestation`); this module stores what
//! passed them.

pub mod batch_rows;
pub mod bulk;
pub mod contracts;
pub mod forms;
pub mod live;
pub mod payments;
pub mod prefixes;
pub mod runs;
pub mod samples;
pub mod suppliers;
pub mod verification;
