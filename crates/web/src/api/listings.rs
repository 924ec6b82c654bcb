//! Providers' listings, and the public status of a listing on a date.

use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::today;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use crate::qualification::{listings, require};
use axum::Json;
use axum::extract::State;
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
/// interval and the decision behind it — "was X qualified on date D?". A
/// listing that has never been public (a draft, an application in review)
/// is not found, exactly as an id that does not exist.
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
    if history.intervals().is_empty() {
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

/// The requirement sets (newest version of each): the data that drives the
/// application forms, triage and the reviewers' checklists.
#[utoipa::path(get, path = "/api/v1/requirement-sets", tag = "qualification",
    responses((status = 200, body = Object)))]
pub(crate) async fn requirement_sets(State(state): State<AppState>) -> Result<Json<Value>, Problem> {
    let items: Vec<Value> = state
        .store
        .requirement_sets()
        .await?
        .into_iter()
        .map(|s| {
            json!({ "id": s.id, "version": s.version, "regime": s.regime, "title": s.title, "kinds": s.kinds,
                         "requirements": s.requirements.len() })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// One requirement set, as JSON or (`?format=csv`) as an RFC 4180 CSV with one
/// row per requirement.
#[utoipa::path(get, path = "/api/v1/requirement-sets/{id}", tag = "qualification",
    params(("id" = String, Path), ("format" = Option<String>, Query, description = "`json` (default) or `csv`")),
    responses((status = 200, body = Object), (status = 404, body = Problem)))]
pub(crate) async fn requirement_set(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let set = state
        .store
        .requirement_set(&id, None)
        .await?
        .ok_or_else(|| Problem::not_found(format!("No requirement set {id}.")))?;
    match q.get("format").map(String::as_str) {
        None | Some("json") => Ok(Json(set).into_response()),
        Some("csv") => {
            let mut out = csv::Writer::from_writer(Vec::new());
            let header =
                ["set", "version", "id", "group", "text", "answer", "mandatory", "from_level", "evidence", "source"];
            let row_error = |_| Problem::internal();
            out.write_record(header).map_err(row_error)?;
            for r in &set.requirements {
                let answer =
                    serde_json::to_value(r.answer).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let from_level = r.from_level.map(|l| l.to_string()).unwrap_or_default();
                let mandatory = if r.mandatory { "yes" } else { "no" };
                let record = [
                    &set.id,
                    &set.version,
                    &r.id,
                    &r.group,
                    &r.text,
                    &answer,
                    mandatory,
                    &from_level,
                    &r.evidence,
                    &r.source,
                ];
                out.write_record(record).map_err(row_error)?;
            }
            let body = out.into_inner().map_err(|_| Problem::internal())?;
            let disposition = format!("attachment; filename=\"{}-{}.csv\"", set.id, set.version);
            Ok((
                [
                    (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (axum::http::header::CONTENT_DISPOSITION, disposition),
                ],
                body,
            )
                .into_response())
        }
        Some(_) => Err(Problem::validation().field("format", "must be json or csv")),
    }
}
