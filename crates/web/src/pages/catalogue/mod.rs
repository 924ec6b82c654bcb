//! The public catalogue's pages: search with facets, the providers' and
//! infrastructures' pages, what changed in a period, and the reference of
//! levels and service-level indicators.

pub(crate) mod changes;
pub(crate) mod levels;
pub(crate) mod organisations;
pub(crate) mod search;
