//! The JSON API under `/api/v1` (AgID ModI: OpenAPI 3, version in the path,
//! objects not bare arrays, RFC 3339 dates, errors as problem+json).

pub(crate) mod applications;
pub(crate) mod calls;
pub(crate) mod catalogue;
pub(crate) mod guard;
pub(crate) mod listings;
pub(crate) mod openapi;
pub(crate) mod providers;
pub(crate) mod stats;
pub(crate) mod status;
