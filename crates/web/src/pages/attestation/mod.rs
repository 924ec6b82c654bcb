//! The asseverazione's pages: the ente's contracts, compliance forms and
//! payment request; the attestor's worklist, checklist, requests, calendar
//! and outcome; the programme office's assignment, sample controls,
//! payments and bulk pre-check.

pub(crate) mod desk;
pub(crate) mod ente;
pub(crate) mod payments;
pub(crate) mod prechecks;
