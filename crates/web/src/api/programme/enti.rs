//! An ente's profile, inventory (sites, services) and delegations — for the
//! ente itself or an aggregator it delegated.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::programme::ente_answers::{
    DelegationRecord, Delegations, EnteInventory, EnteList, EnteProfileRecord, EnteServiceRecord, SiteRecord,
};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::paging::Paging;
use cloudpa_workflows::programme::enti_of;
use cloudpa_workflows::programme::inventory::{self, ServiceInput};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;
use utoipa::ToSchema;

/// The enti the user acts for: their own, and those that delegated to
/// their organisation (active today).
#[utoipa::path(get, path = "/api/v1/enti", tag = "enti",
    responses((status = 200, body = EnteList), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<EnteList>, Problem> {
    require(&user, Permission::ViewOwnProgramme)?;
    Ok(Json(enti_of(&state, &user, now).await?.into()))
}

#[derive(Deserialize)]
pub(crate) struct InventoryPage {
    page: Option<usize>,
    page_size: Option<usize>,
}

/// Services per page of an inventory unless asked, and at most.
const INVENTORY_PAGE_SIZE: (usize, usize) = (100, 500);

/// An ente's profile, sites and a page of its services (in name order),
/// with how many services it has.
#[utoipa::path(get, path = "/api/v1/enti/{ente_id}/inventory", tag = "enti",
    params(("ente_id" = String, Path, description = "The ente's organisation id"),
        ("page" = Option<u32>, Query, minimum = 1, description = "from 1; default 1"),
        ("page_size" = Option<u32>, Query, minimum = 1, maximum = 500, description = "services per page; default 100")),
    responses((status = 200, body = EnteInventory), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(ente_id): Path<String>,
    Query(q): Query<InventoryPage>,
) -> Result<Json<EnteInventory>, Problem> {
    let (default, max) = INVENTORY_PAGE_SIZE;
    let mut refused = Vec::new();
    if q.page == Some(0) {
        refused.push(("page", Message::new("prog-page")));
    }
    if q.page_size.is_some_and(|n| n == 0 || n > max) {
        refused.push(("page_size", Message::new("prog-page-size").arg("max", max)));
    }
    if !refused.is_empty() {
        return Err(Problem::invalid(refused));
    }
    let paging = Paging::new(q.page, q.page_size, default, max);
    Ok(Json(inventory::inventory(&state, &user, now, &ente_id, paging).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnteProfileBody {
    /// comune, scuola or altro_ente.
    kind: String,
    /// The ISTAT code of the municipality (a Comune's own: its IPA code must match).
    istat_code: String,
}

/// Sets the ente's kind and municipality (refused once an application was submitted).
#[utoipa::path(put, path = "/api/v1/enti/{ente_id}/profile", tag = "enti", request_body = EnteProfileBody,
    params(("ente_id" = String, Path)),
    responses((status = 200, body = EnteProfileRecord), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn save_profile(
    Write { state, now, user }: Write,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<EnteProfileBody>,
) -> Result<Json<EnteProfileRecord>, Problem> {
    Ok(Json(inventory::save_profile(&state, &user, now, &ente_id, &body.kind, &body.istat_code).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteBody {
    name: String,
    /// server_room or data_centre.
    kind: String,
}

/// Records one of the ente's server rooms or data centres.
#[utoipa::path(post, path = "/api/v1/enti/{ente_id}/sites", tag = "enti", request_body = SiteBody,
    params(("ente_id" = String, Path)),
    responses((status = 201, body = SiteRecord), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn add_site(
    Write { state, now, user }: Write,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<SiteBody>,
) -> Result<(StatusCode, Json<SiteRecord>), Problem> {
    let site = inventory::add_site(&state, &user, now, &ente_id, &body.name, &body.kind).await?;
    Ok((StatusCode::CREATED, Json(site.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteStatusBody {
    /// active, decommissioning or decommissioned.
    status: String,
    /// The closing day (YYYY-MM-DD; today when omitted).
    #[serde(default)]
    decommissioned_on: Option<String>,
}

/// Plans or records the closure of a site: closed only once no service it
/// hosts is in use; a closed site stays closed.
#[utoipa::path(post, path = "/api/v1/sites/{id}/status", tag = "enti", request_body = SiteStatusBody,
    params(("id" = String, Path)),
    responses((status = 200, body = SiteRecord), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn site_status(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SiteStatusBody>,
) -> Result<Json<SiteRecord>, Problem> {
    let site =
        inventory::set_site_status(&state, &user, now, &id, &body.status, body.decommissioned_on.as_deref()).await?;
    Ok(Json(site.into()))
}

/// Records a service of the ente's inventory: its data class (ordinari,
/// critici, strategici), origin (the 7 of the call, e.g. `On premise
/// strutturato`), the site that hosts it and its status (in_use, migrated,
/// retired). Only services with a class and an origin can enter an application.
#[utoipa::path(post, path = "/api/v1/enti/{ente_id}/services", tag = "enti",
    request_body(content = Object, description = "`{name, data_class?, origin?, site_id?, status?}`"),
    params(("ente_id" = String, Path)),
    responses((status = 201, body = EnteServiceRecord), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn add_service(
    Write { state, now, user }: Write,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<ServiceInput>,
) -> Result<(StatusCode, Json<EnteServiceRecord>), Problem> {
    let service = inventory::add_service(&state, &user, now, &ente_id, &body).await?;
    Ok((StatusCode::CREATED, Json(service.into())))
}

/// Replaces a service's fields.
#[utoipa::path(put, path = "/api/v1/ente-services/{id}", tag = "enti",
    request_body(content = Object, description = "`{name, data_class?, origin?, site_id?, status?}`"),
    params(("id" = String, Path)),
    responses((status = 200, body = EnteServiceRecord), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn update_service(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ServiceInput>,
) -> Result<Json<EnteServiceRecord>, Problem> {
    Ok(Json(inventory::update_service(&state, &user, now, &id, &body).await?.into()))
}

/// The delegations the user's own ente granted.
#[utoipa::path(get, path = "/api/v1/delegations", tag = "enti",
    responses((status = 200, body = Delegations), (status = 403, body = Problem)))]
pub(crate) async fn delegations(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Delegations>, Problem> {
    require(&user, Permission::ViewOwnProgramme)?;
    let granted = state.store.delegations_of_ente(&user.organisation.id).await?;
    let received = state.store.delegations_to(&user.organisation.id).await?;
    Ok(Json(Delegations::of(granted, received)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DelegationBody {
    /// The aggregator's IPA code (a public body on cloudpa).
    aggregator: String,
    /// First day (today when omitted), YYYY-MM-DD.
    #[serde(default)]
    valid_from: Option<String>,
    /// Last day, if any.
    #[serde(default)]
    valid_until: Option<String>,
}

/// Delegates the user's ente to an aggregator (an Unione di Comuni, an
/// in-house company): its users then act for the ente. Administrators only.
#[utoipa::path(post, path = "/api/v1/delegations", tag = "enti", request_body = DelegationBody,
    responses((status = 201, body = DelegationRecord), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn grant(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<DelegationBody>,
) -> Result<(StatusCode, Json<DelegationRecord>), Problem> {
    let d =
        inventory::grant(&state, &user, now, &body.aggregator, body.valid_from.as_deref(), body.valid_until.as_deref())
            .await?;
    Ok((StatusCode::CREATED, Json(d.into())))
}

/// Revokes a delegation from today.
#[utoipa::path(post, path = "/api/v1/delegations/{id}/revoke", tag = "enti",
    params(("id" = String, Path)),
    responses((status = 200, body = DelegationRecord), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn revoke(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
) -> Result<Json<DelegationRecord>, Problem> {
    Ok(Json(inventory::revoke(&state, &user, now, &id).await?.into()))
}
