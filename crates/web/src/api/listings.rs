//! Providers' listings, and the public status of a listing on a date.

use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::today;
use crate::problem::Problem;
use crate::qualification::{listings, require};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_store::qualification::listings::ListingDetails;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListingBody {
    name: String,
    description: String,
    category: String,
    /// IaaS, PaaS or SaaS.
    kind: String,
    /// QC1–QC4.
    level: String,
    /// For a SaaS: the id of the infrastructure or IaaS listing it runs on.
    runs_on: Option<String>,
    /// IT, EU or extra-EU.
    location: String,
    pricing_model: String,
    /// e.g. MEPA.
    procurement_channel: String,
    /// Objectives per indicator, e.g. `{"SLI1": "99.9%"}`.
    #[schema(value_type = Object)]
    service_levels: serde_json::Map<String, Value>,
}

impl ListingBody {
    fn details(self) -> Result<ListingDetails, Problem> {
        let terms = listings::terms(&self.kind, &self.level, self.runs_on.filter(|r| !r.is_empty()), &self.location)?;
        Ok(ListingDetails {
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            category: self.category.trim().to_owned(),
            terms,
            pricing_model: self.pricing_model.trim().to_owned(),
            procurement_channel: self.procurement_channel.trim().to_owned(),
            service_levels: Value::Object(self.service_levels).to_string(),
        })
    }
}

/// Registers a service (its first version).
#[utoipa::path(post, path = "/api/v1/provider/listings", tag = "qualification", request_body = ListingBody,
    responses((status = 201, body = Object), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn create(
    State(state): State<AppState>,
    Writer(user): Writer,
    ApiJson(body): ApiJson<ListingBody>,
) -> Result<Response, Problem> {
    let listing = listings::create(&state, &user, &body.details()?).await?;
    Ok((StatusCode::CREATED, Json(listing)).into_response())
}

/// The provider's listings (current versions).
#[utoipa::path(get, path = "/api/v1/provider/listings", tag = "qualification",
    responses((status = 200, body = Object), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Value>, Problem> {
    require(&user, Permission::ViewOwnListings)?;
    Ok(Json(json!({ "items": state.store.provider_listings(&user.organisation.id).await? })))
}

/// Changes a listing. On a qualified or suspended listing a change of level,
/// underlying infrastructure or data location does not take effect: it opens
/// a re-review (`effect.effect = "re_review"`, with the new application's id).
#[utoipa::path(put, path = "/api/v1/provider/listings/{id}", tag = "qualification", request_body = ListingBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn change(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ListingBody>,
) -> Result<Json<Value>, Problem> {
    let (version, effect, review) = listings::change(&state, &user, &id, &body.details()?).await?;
    Ok(Json(json!({ "version": version, "effect": effect, "re_review_application": review })))
}

/// The public status of a listing on a date (default: today), with the
/// interval and the decision behind it — "was X qualified on date D?".
#[utoipa::path(get, path = "/api/v1/listings/{id}/status", tag = "qualification",
    params(("id" = String, Path), ("on" = Option<String>, Query, description = "YYYY-MM-DD; default today")),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn status_on(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    let on = match q.get("on") {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Problem::validation().field("on", "must be a date YYYY-MM-DD"))?,
        None => today(),
    };
    let history = state.store.listing_history(&id).await?;
    if history.intervals().is_empty() && state.store.current_listing(&id).await?.is_none() {
        return Err(Problem::not_found(format!("No listing {id}.")));
    }
    let interval = history.interval_at(on);
    Ok(Json(json!({
        "listing_id": id,
        "on": on,
        "status": interval.map(|i| i.status),
        "interval": interval,
        "history": history.intervals(),
    })))
}
