//! The JSON API under `/api/v1` (AgID ModI: OpenAPI 3, version in the path,
//! objects not bare arrays, RFC 3339 dates, errors as problem+json), one
//! directory per part of the product: the qualification of cloud services,
//! the public catalogue, and the migration programme.

pub(crate) mod attestation;
pub(crate) mod catalogue;
pub(crate) mod etag;
pub(crate) mod guard;
pub(crate) mod openapi;
pub(crate) mod programme;
pub(crate) mod qualification;
pub(crate) mod status;
pub(crate) mod tokens;

pub(crate) use cloudpa_workflows::programme::voucher_quote::euros;
