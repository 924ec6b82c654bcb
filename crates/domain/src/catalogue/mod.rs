//! The public catalogue: what a search asks (query and facet filters, the
//! date it looks at), the fair order of results, and the rows a catalogue
//! file may bring in. Source: DOMAIN.md §3.

pub mod ordering;
pub mod query;
pub mod record;
