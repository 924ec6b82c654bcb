//! The directory of suppliers of migration services.

use super::answers::{SupplierBody, SupplierImportBody, SupplierList};
use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::problem::Problem;
use axum::Json;
use axum::extract::{Request, State};
use cloudpa_workflows::attestation::suppliers;
use serde::Deserialize;
use utoipa::ToSchema;

/// Every supplier, by name.
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "attestation",
    responses((status = 200, body = SupplierList), (status = 401, body = Problem)))]
pub(crate) async fn list(State(state): State<AppState>) -> Result<Json<SupplierList>, Problem> {
    Ok(Json(SupplierList::of(state.store.suppliers().await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SupplierEntryBody {
    /// The partita IVA (11 digits; `IT` and spaces allowed).
    vat_number: String,
    name: String,
    pec: String,
    /// Enabled on MEPA for the ICT services category.
    mepa_enabled: bool,
}

/// Adds a supplier, or updates the one with the same VAT number.
#[utoipa::path(post, path = "/api/v1/suppliers", tag = "attestation", request_body = SupplierEntryBody,
    responses((status = 200, body = SupplierBody), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn save(w: Write, ApiJson(body): ApiJson<SupplierEntryBody>) -> Result<Json<SupplierBody>, Problem> {
    let saved = suppliers::save(&w.state, &w.user, w.now, &body.vat_number, &body.name, &body.pec, body.mepa_enabled);
    Ok(Json(saved.await?.into()))
}

/// The largest directory file accepted.
const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Imports a directory file (`text/csv`, header
/// `partita_iva,denominazione,pec,abilitato_mepa`): valid rows are added or
/// update the supplier with the same VAT number; every other row is
/// rejected with its line and reason.
#[utoipa::path(post, path = "/api/v1/suppliers/import", tag = "attestation",
    request_body(content = String, content_type = "text/csv", description = "`partita_iva,denominazione,pec,abilitato_mepa`"),
    responses((status = 200, body = SupplierImportBody), (status = 403, body = Problem), (status = 413, body = Problem),
        (status = 415, body = Problem)))]
pub(crate) async fn import(w: Write, request: Request) -> Result<Json<SupplierImportBody>, Problem> {
    let bytes = crate::upload::csv_body(request, MAX_FILE_BYTES, "4 MiB").await?;
    let done = suppliers::import(&w.state, &w.user, w.now, &bytes).await?;
    Ok(Json(SupplierImportBody::of(done.imported, done.rejected)))
}
