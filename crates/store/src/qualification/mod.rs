//! Qualification records: provider profiles, infrastructures, listings and
//! their immutable versions, applications with answers and reviews, decision
//! records and the dated status intervals of each listing.

pub mod applications;
pub mod listings;
pub mod providers;

use crate::StoreError;

/// A stored value that does not parse back is a corrupt row, not user input.
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(format!("stored {what} `{value}` is not valid").into()))
}
