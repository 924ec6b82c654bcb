//! Qualification of cloud services: levels and data classes, requirement
//! sets, triage of answers, the application lifecycle, what its transitions
//! change, and listing history.

pub mod effects;
pub mod history;
pub mod infrastructure;
pub mod levels;
pub mod lifecycle;
pub mod listing;
pub mod monitoring;
pub mod regime;
pub mod requirements;
pub mod track;
pub mod triage;
pub mod vat;
