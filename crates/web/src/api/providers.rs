//! The signed-in user, provider profiles, infrastructures and file uploads.

use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::now_ms;
use crate::problem::Problem;
use crate::qualification::require;
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::Permission;
use cloudpa_domain::accounts::normalise_email;
use cloudpa_domain::files::{MAX_UPLOAD_BYTES, sniff};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::vat::check_vat_number;
use cloudpa_store::Actor;
use cloudpa_store::blobs::NewBlob;
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
    require(&user, Permission::ManageOwnListings)?;
    let mut errors = Vec::new();
    let vat = check_vat_number(&body.vat_number).map_err(|e| errors.push(("vat_number", e.to_string()))).ok();
    let pec = normalise_email(&body.pec).map_err(|e| errors.push(("pec", e.rule))).ok();
    if body.address.trim().is_empty() {
        errors.push(("address", "must not be empty".into()));
    }
    let (Some(vat_number), Some(pec), true) = (vat, pec, errors.is_empty()) else {
        return Err(Problem::invalid(errors));
    };
    let profile =
        ProviderProfile { organisation_id: user.organisation.id.clone(), vat_number, pec, address: body.address };
    state.store.save_provider_profile(&Actor::user(&user.user.id), &profile, now_ms()).await?;
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
    require(&user, Permission::ManageOwnListings)?;
    let mut problem = Problem::validation();
    if body.name.trim().is_empty() {
        problem = problem.field("name", "must not be empty");
    }
    let location = DataLocation::parse(&body.location);
    if location.is_none() {
        problem = problem.field("location", "must be IT, EU or extra-EU");
    }
    let (Some(location), true) = (location, problem.errors.is_empty()) else { return Err(problem) };
    let actor = Actor::user(&user.user.id);
    let infra = state
        .store
        .create_infrastructure(&actor, &user.organisation.id, body.name.trim(), location, body.sites.trim(), now_ms())
        .await?;
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
    mut multipart: Multipart,
) -> Result<Response, Problem> {
    require(&user, Permission::ManageOwnListings)?;
    let too_large = || {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large")
            .detail(format!("Files are limited to {} MiB.", MAX_UPLOAD_BYTES / 1024 / 1024))
    };
    while let Some(mut field) =
        multipart.next_field().await.map_err(|_| Problem::validation().field("file", "is not valid multipart"))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let filename =
            field.file_name().unwrap_or("document").chars().filter(|c| !c.is_control()).take(200).collect::<String>();
        let mut content = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
            if content.len() + chunk.len() > MAX_UPLOAD_BYTES {
                return Err(too_large());
            }
            content.extend_from_slice(&chunk);
        }
        let kind = sniff(&content).ok_or_else(|| {
            Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file-type")
                .detail("Only PDF, PNG and JPEG files are accepted (checked on the content).")
                .field("file", "must be a PDF, PNG or JPEG file")
        })?;
        let blob = NewBlob { owner_id: &user.organisation.id, filename: &filename, content_type: kind.mime(), content };
        let info = state.store.put_blob(&state.blobs, &Actor::user(&user.user.id), blob, now_ms()).await?;
        return Ok((StatusCode::CREATED, Json(json!({ "id": info.sha256, "size": info.size, "content_type": info.content_type, "filename": info.filename }))).into_response());
    }
    Err(Problem::validation().field("file", "is required"))
}

/// Downloads a file: its owner and the agency only.
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "qualification",
    params(("id" = String, Path, description = "The file's SHA-256")),
    responses((status = 200, description = "The file, as an attachment"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let info = state.store.blob_info(&id).await?.ok_or_else(|| Problem::not_found(format!("No file {id}.")))?;
    crate::qualification::side(&user, &info.owner_id)?;
    let content = state.store.blob_content(&state.blobs, &id).await?;
    let disposition = format!("attachment; filename=\"{}\"", info.filename.replace(['"', '\\'], "_"));
    Ok(([(header::CONTENT_TYPE, info.content_type), (header::CONTENT_DISPOSITION, disposition)], content)
        .into_response())
}
