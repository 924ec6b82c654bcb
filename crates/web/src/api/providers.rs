//! The signed-in user, provider profiles, infrastructures and file uploads.

use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::extract::Path;
use crate::problem::Problem;
use crate::qualification::{files, providers, require};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_store::qualification::providers::ProviderProfile;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// The signed-in user, their organisation, and the CSRF token that
/// state-changing calls send back in `X-CSRF-Token`.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, description = "The signed-in user", body = Object), (status = 401, body = Problem)))]
pub(crate) async fn me(CurrentUser(user): CurrentUser) -> Json<Value> {
    Json(json!({
        "user": { "id": user.user.id, "email": user.user.email, "display_name": user.user.display_name,
                  "role": user.user.role.code() },
        "organisation": { "id": user.organisation.id, "kind": user.organisation.kind.code(),
                          "name": user.organisation.name },
        "csrf_token": user.csrf_token,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileBody {
    /// Partita IVA: 11 digits with a valid check digit.
    vat_number: String,
    /// Certified e-mail address (PEC).
    pec: String,
    address: String,
}

/// Creates or replaces the provider's profile.
#[utoipa::path(put, path = "/api/v1/provider/profile", tag = "qualification", request_body = ProfileBody,
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn save_profile(
    State(state): State<AppState>,
    Writer(user): Writer,
    ApiJson(body): ApiJson<ProfileBody>,
) -> Result<Json<ProviderProfile>, Problem> {
    let profile = providers::save_profile(&state, &user, &body.vat_number, &body.pec, &body.address).await?;
    Ok(Json(profile))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InfrastructureBody {
    name: String,
    /// IT, EU or extra-EU.
    location: String,
    /// The data-centre sites (cities, countries).
    sites: String,
}

/// Registers one of the provider's infrastructures (data centres).
#[utoipa::path(post, path = "/api/v1/provider/infrastructures", tag = "qualification", request_body = InfrastructureBody,
    responses((status = 201, body = Object), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn create_infrastructure(
    State(state): State<AppState>,
    Writer(user): Writer,
    ApiJson(body): ApiJson<InfrastructureBody>,
) -> Result<Response, Problem> {
    let infra = providers::add_infrastructure(&state, &user, &body.name, &body.location, &body.sites).await?;
    Ok((StatusCode::CREATED, Json(infra)).into_response())
}

/// The provider's infrastructures.
#[utoipa::path(get, path = "/api/v1/provider/infrastructures", tag = "qualification",
    responses((status = 200, body = Object), (status = 403, body = Problem)))]
pub(crate) async fn list_infrastructures(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, Problem> {
    require(&user, Permission::ViewOwnListings)?;
    Ok(Json(json!({ "items": state.store.list_infrastructures(&user.organisation.id).await? })))
}

/// Uploads a document (multipart field `file`): PDF, PNG or JPEG by content,
/// at most 10 MiB. Answers with the file's id (its SHA-256).
#[utoipa::path(post, path = "/api/v1/files", tag = "qualification",
    responses((status = 201, body = Object), (status = 400, body = Problem), (status = 413, body = Problem),
              (status = 415, body = Problem)))]
pub(crate) async fn upload(
    State(state): State<AppState>,
    Writer(user): Writer,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    require(&user, Permission::ManageOwnListings)?;
    let mut multipart = multipart.map_err(|e| {
        Problem::validation().field("file", format!("must be sent as multipart/form-data ({})", e.body_text()))
    })?;
    while let Some(mut field) =
        multipart.next_field().await.map_err(|_| Problem::validation().field("file", "is not valid multipart"))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().unwrap_or("document").to_owned();
        let content = files::read_field(&mut field).await?;
        let info = files::save(&state, &user, &filename, content).await?;
        return Ok((StatusCode::CREATED, Json(info)).into_response());
    }
    Err(Problem::validation().field("file", "is required"))
}

/// Downloads a file: an organisation that uploaded it (under the name it
/// gave) and the agency. To anyone else it does not exist: a 404, as for an
/// unknown id, since the id is the content's digest.
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "qualification",
    params(("id" = String, Path, description = "The file's SHA-256")),
    responses((status = 200, description = "The file, as an attachment"), (status = 404, body = Problem)))]
pub(crate) async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let info = match user.organisation.kind {
        OrganisationKind::Agency => state.store.first_upload(&id).await?,
        _ => state.store.blob_info(&user.organisation.id, &id).await?,
    };
    let info = info.ok_or_else(|| Problem::not_found(format!("No file {id}.")))?;
    let content = state.store.blob_content(&state.blobs, &id).await?;
    let disposition = format!("attachment; filename=\"{}\"", info.filename.replace(['"', '\\'], "_"));
    Ok(([(header::CONTENT_TYPE, info.content_type), (header::CONTENT_DISPOSITION, disposition)], content)
        .into_response())
}
