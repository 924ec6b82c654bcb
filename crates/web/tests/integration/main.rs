//! The web crate's integration tests, in one binary: the real router driven
//! in-process (and the test OpenID provider on loopback), on SQLite and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL. One binary rather than one per
//! file: each of the 32 linked the whole stack (about 200 MB apiece in
//! `target/`), which filled a CI runner's disk and spent minutes linking.

mod common;

mod adeguamento;
mod api;
mod api_snapshots;
mod api_snapshots_attestation;
mod api_snapshots_calls;
mod api_snapshots_classification;
mod api_snapshots_infrastructures;
mod api_snapshots_monitoring;
mod api_snapshots_programme;
mod api_snapshots_qualification;
mod api_tokens;
mod attestation;
mod attestation_verification;
mod candidature;
mod candidature_office;
mod candidature_reminders;
mod catalogue;
mod classification;
mod concurrent_attestation;
mod concurrent_decisions;
mod concurrent_edits;
mod federated;
mod home;
mod infrastructure_adeguamento;
mod infrastructure_levels;
mod inventory_pages;
mod members;
mod monitoring;
mod openapi_errors;
mod openapi_programme;
mod openapi_schemas;
mod pages;
mod pages_calls_office;
mod pages_desk_attestation;
mod pages_ente_attestation;
mod pages_office_payments;
mod pages_organisations;
mod pages_tokens;
mod programme;
mod programme_pages;
mod qualification;
mod qualification_background;
mod qualification_refusals;
mod quality_pages;
mod route_matrix;
mod security_accounts;
mod security_input;
mod security_records;
