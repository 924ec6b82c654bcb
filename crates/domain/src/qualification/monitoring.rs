//! What a qualified service owes during its 36 months of validity
//! (Regolamento ACN 21007/24; docs/regolamento-notes.md §6): certificates
//! kept valid, changes notified and triaged, the agency's checks.

pub mod certificates;
pub mod changes;
pub mod checks;
