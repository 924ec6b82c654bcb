//! The migration programme: calls, the enti (profile, inventory,
//! delegations) and their applications — made on cloudpa or imported from the
//! open data — and the figures of the national dashboard.

pub mod applications;
pub mod calls;
pub mod classifications;
pub mod enti;
pub mod financed;
pub mod inventory;
pub mod ipa;
pub mod national;
pub mod open_data_export;
pub mod reminders;
pub mod setup;
pub mod stats;
pub mod tally;
pub mod teams;
mod territory;
pub mod timeline;
