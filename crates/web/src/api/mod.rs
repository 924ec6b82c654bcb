//! The JSON API under `/api/v1` (AgID ModI: OpenAPI 3, version in the path,
//! objects not bare arrays, RFC 3339 dates, errors as problem+json).

pub(crate) mod applications;
pub(crate) mod call_applications;
pub(crate) mod calls;
pub(crate) mod catalogue;
pub(crate) mod catalogue_answers;
pub(crate) mod catalogue_dcat;
pub(crate) mod enti;
pub(crate) mod guard;
pub(crate) mod listings;
pub(crate) mod openapi;
pub(crate) mod programme_applications;
pub(crate) mod programme_calls;
pub(crate) mod programme_enti;
pub(crate) mod programme_stats;
pub(crate) mod providers;
pub(crate) mod qualification_applications;
pub(crate) mod qualification_codes;
pub(crate) mod qualification_records;
pub(crate) mod stats;
pub(crate) mod status;
pub(crate) mod teams;

pub(crate) use cloudpa_workflows::programme::voucher_quote::euros;
