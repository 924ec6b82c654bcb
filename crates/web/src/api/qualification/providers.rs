//! The signed-in user, provider profiles, infrastructures and file uploads.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::{
    DataClassCode, DataLocationCode, InfrastructureLevelCode, OrganisationKindCode, RoleCode,
};
use crate::auth::session::CurrentUser;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{OrganisationKind, Permission, Role};
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_store::blobs::BlobInfo;
use cloudpa_store::qualification::providers::{Infrastructure, ProviderProfile};
use cloudpa_workflows::qualification::providers::InfrastructureForm;
use cloudpa_workflows::qualification::{files, providers, require};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The signed-in user, their organisation and the session's CSRF token.
#[derive(Serialize, ToSchema)]
pub(crate) struct Me {
    user: MeUser,
    organisation: MeOrganisation,
    csrf_token: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct MeUser {
    id: String,
    email: String,
    display_name: String,
    #[schema(value_type = RoleCode)]
    role: Role,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct MeOrganisation {
    id: String,
    #[schema(value_type = OrganisationKindCode)]
    kind: OrganisationKind,
    name: String,
}

/// The signed-in user, their organisation, and the CSRF token that
/// state-changing calls send back in `X-CSRF-Token`.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, description = "The signed-in user", body = Me), (status = 401, body = Problem)))]
pub(crate) async fn me(CurrentUser(user): CurrentUser) -> Json<Me> {
    let (u, o) = (user.user, user.organisation);
    Json(Me {
        user: MeUser { id: u.id, email: u.email, display_name: u.display_name, role: u.role },
        organisation: MeOrganisation { id: o.id, kind: o.kind, name: o.name },
        csrf_token: user.csrf_token,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProviderProfileBody {
    /// Partita IVA: 11 digits with a valid check digit.
    #[schema(pattern = "^[0-9]{11}$")]
    vat_number: String,
    /// Certified e-mail address (PEC).
    pec: String,
    #[schema(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x1F\\x7F-\\x9F][^\\x00-\\x1F\\x7F-\\x9F]*$")]
    address: String,
    /// What the provider is (Regolamento ACN art. 15 c. 1): `private` (the
    /// default), `public_subject`, `in_house` or `publicly_controlled_by_law`.
    /// Any but `private` takes the adeguamento, levels AC1–AC4.
    #[serde(default)]
    #[schema(pattern = "^(private|public_subject|in_house|publicly_controlled_by_law)?$")]
    operator_nature: String,
}

/// A provider's profile.
#[derive(Serialize, ToSchema)]
pub(crate) struct ProviderProfileRecord {
    organisation_id: String,
    /// Partita IVA.
    vat_number: String,
    /// Certified e-mail address (PEC).
    pec: String,
    address: String,
    #[schema(pattern = "^(private|public_subject|in_house|publicly_controlled_by_law)$")]
    operator_nature: &'static str,
}

impl From<ProviderProfile> for ProviderProfileRecord {
    fn from(p: ProviderProfile) -> Self {
        ProviderProfileRecord {
            organisation_id: p.organisation_id,
            vat_number: p.vat_number,
            pec: p.pec,
            address: p.address,
            operator_nature: p.operator_nature.code(),
        }
    }
}

/// Creates or replaces the provider's profile.
#[utoipa::path(put, path = "/api/v1/provider/profile", tag = "qualification", request_body = ProviderProfileBody,
    responses((status = 200, body = ProviderProfileRecord), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn save_profile(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<ProviderProfileBody>,
) -> Result<Json<ProviderProfileRecord>, Problem> {
    let form = providers::ProfileForm {
        vat_number: &body.vat_number,
        pec: &body.pec,
        address: &body.address,
        operator_nature: &body.operator_nature,
    };
    let profile = providers::save_profile(&state, &user, now, form).await?;
    Ok(Json(profile.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InfrastructureBody {
    #[schema(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x1F\\x7F-\\x9F][^\\x00-\\x1F\\x7F-\\x9F]*$")]
    name: String,
    /// IT, EU or extra-EU.
    #[schema(pattern = "^(IT|EU|extra-EU)$")]
    location: String,
    /// The data-centre sites (cities, countries).
    sites: String,
    /// Its level (Regolamento ACN, Allegato 4), AI1–AI4; absent when not
    /// declared. The data classes its services may host are at most those
    /// the level admits.
    #[serde(default)]
    #[schema(value_type = Option<InfrastructureLevelCode>)]
    level: Option<String>,
}

/// One of a provider's infrastructures (data centres).
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureRecord {
    id: String,
    provider_id: String,
    name: String,
    #[schema(value_type = DataLocationCode)]
    location: DataLocation,
    /// The data-centre sites (cities, countries).
    sites: String,
    /// Null when not declared.
    #[schema(value_type = Option<InfrastructureLevelCode>)]
    level: Option<InfrastructureLevel>,
    /// The data classes its level admits (null when not declared: no
    /// ceiling of its own).
    #[schema(value_type = Option<Vec<DataClassCode>>)]
    data_classes: Option<Vec<DataClass>>,
}

impl From<Infrastructure> for InfrastructureRecord {
    fn from(i: Infrastructure) -> Self {
        InfrastructureRecord {
            id: i.id,
            provider_id: i.provider_id,
            name: i.name,
            location: i.location,
            sites: i.sites,
            data_classes: i.level.map(InfrastructureLevel::admitted_classes),
            level: i.level,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureList {
    items: Vec<InfrastructureRecord>,
}

/// Registers one of the provider's infrastructures (data centres).
#[utoipa::path(post, path = "/api/v1/provider/infrastructures", tag = "qualification", request_body = InfrastructureBody,
    responses((status = 201, body = InfrastructureRecord), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn create_infrastructure(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<InfrastructureBody>,
) -> Result<(StatusCode, Json<InfrastructureRecord>), Problem> {
    let form = InfrastructureForm {
        name: &body.name,
        location: &body.location,
        sites: &body.sites,
        level: body.level.as_deref().unwrap_or_default(),
    };
    let infra = providers::add_infrastructure(&state, &user, now, form).await?;
    Ok((StatusCode::CREATED, Json(infra.into())))
}

/// The provider's infrastructures.
#[utoipa::path(get, path = "/api/v1/provider/infrastructures", tag = "qualification",
    responses((status = 200, body = InfrastructureList), (status = 403, body = Problem)))]
pub(crate) async fn list_infrastructures(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<InfrastructureList>, Problem> {
    require(&user, Permission::ViewOwnListings)?;
    let items = state.store.list_infrastructures(&user.organisation.id).await?.into_iter().map(Into::into).collect();
    Ok(Json(InfrastructureList { items }))
}

/// An uploaded file, as the organisation that uploaded it named it.
#[derive(Serialize, ToSchema)]
pub(crate) struct UploadedFile {
    /// The file's id: the SHA-256 of its content.
    id: String,
    /// In bytes.
    size: i64,
    /// application/pdf, image/png or image/jpeg.
    content_type: String,
    filename: String,
    /// The uploading organisation's id.
    owner_id: String,
}

impl From<BlobInfo> for UploadedFile {
    fn from(b: BlobInfo) -> Self {
        UploadedFile {
            id: b.sha256,
            size: b.size,
            content_type: b.content_type,
            filename: b.filename,
            owner_id: b.owner_id,
        }
    }
}

/// The multipart form of an upload: the one part `file`, and no other.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct UploadForm {
    /// The document: a PDF, PNG or JPEG (by its content), at most 10 MiB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Uploads a document (multipart field `file`): PDF, PNG or JPEG by content,
/// at most 10 MiB; a provider's for its qualification, an ente's for its
/// project. Answers with the file's id (its SHA-256).
#[utoipa::path(post, path = "/api/v1/files", tag = "qualification",
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = UploadedFile), (status = 400, body = Problem), (status = 413, body = Problem),
              (status = 415, body = Problem)))]
pub(crate) async fn upload(
    Write { state, now, user }: Write,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<UploadedFile>), Problem> {
    require(&user, Permission::UploadDocuments)?;
    let mut multipart = multipart.map_err(|_| Problem::validation().field("file", Message::new("qual-multipart")))?;
    let mut file = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| Problem::validation().field("file", Message::new("qual-bad-multipart")))?
    {
        if field.name() != Some("file") {
            let name = field.name().unwrap_or_default().to_owned();
            return Err(Problem::validation().field(name, Message::new("qual-not-form-part")));
        }
        if file.is_some() {
            return Err(Problem::validation().field("file", Message::new("qual-given-twice")));
        }
        let filename = field.file_name().unwrap_or("document").to_owned();
        file = Some((filename, crate::upload::read_field(&mut field).await?));
    }
    let (filename, content) = file.ok_or_else(|| Problem::validation().field("file", Message::new("qual-required")))?;
    let info = files::save(&state, &user, now, &filename, content).await?;
    Ok((StatusCode::CREATED, Json(info.into())))
}

/// Downloads a file: an organisation that uploaded it (under the name it
/// gave); the agency; the programme office, the files of enti and
/// aggregators; an attestor, the files of the enti whose projects it
/// verifies (and of their aggregators). To anyone else it does not exist: a
/// 404, as for an unknown id, since the id is the content's digest.
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "qualification",
    params(("id" = String, Path, description = "The file's SHA-256")),
    responses((status = 200, description = "The file, as an attachment",
               content(("application/pdf"), ("image/png"), ("image/jpeg"), ("text/csv"))),
              (status = 404, body = Problem)))]
pub(crate) async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let own = state.store.blob_info(&user.organisation.id, &id).await?;
    let info = match (own, user.organisation.kind) {
        (Some(own), _) => Some(own),
        (None, OrganisationKind::Agency) => state.store.first_upload(&id).await?,
        (None, OrganisationKind::ProgrammeOffice) => state.store.upload_of_public_body(&id).await?,
        (None, OrganisationKind::Attestor) => state.store.upload_for_attestor(&user.organisation.id, &id).await?,
        (None, _) => None,
    };
    let info = info.ok_or_else(|| Problem::not_found(Message::new("qual-no-file").arg("id", &id)))?;
    let content = state.store.blob_content(&state.blobs, &id).await?;
    let disposition = format!("attachment; filename=\"{}\"", info.filename.replace(['"', '\\'], "_"));
    Ok(([(header::CONTENT_TYPE, info.content_type), (header::CONTENT_DISPOSITION, disposition)], content)
        .into_response())
}
