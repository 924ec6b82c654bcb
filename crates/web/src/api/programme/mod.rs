//! The migration programme: calls, enti and their inventories, their
//! applications to calls, the territorial teams and the national figures,
//! and the answers these operations give.

pub(crate) mod application_answers;
pub(crate) mod applications;
pub(crate) mod call_answers;
pub(crate) mod calls;
pub(crate) mod classifications;
pub(crate) mod ente_answers;
pub(crate) mod enti;
pub(crate) mod stats;
pub(crate) mod stats_answers;
pub(crate) mod teams;
