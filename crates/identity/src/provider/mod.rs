//! The provider as the relying party sees it: its metadata and its signing keys.

pub(crate) mod cache;
pub(crate) mod metadata;
