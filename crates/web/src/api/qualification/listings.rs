//! Providers' listings, and the public status of a listing on a date.

use crate::AppState;
use crate::api::etag::{self, IfMatch};
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::{ListingStatusCode, ServiceKindCode};
use crate::api::qualification::records::{ListingVersionRecord, RequirementSet, StatusInterval};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::listing::ChangeEffect;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_domain::qualification::track::Track;
use cloudpa_store::qualification::listings::ListingDetails;
use cloudpa_workflows::qualification::track_of;
use cloudpa_workflows::qualification::{listings, require};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListingBody {
    #[schema(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x1F\\x7F-\\x9F][^\\x00-\\x1F\\x7F-\\x9F]*$")]
    name: String,
    #[schema(
        pattern = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F][^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$"
    )]
    description: String,
    #[schema(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*[^\\s\\x00-\\x1F\\x7F-\\x9F][^\\x00-\\x1F\\x7F-\\x9F]*$")]
    category: String,
    /// IaaS, PaaS or SaaS.
    #[schema(pattern = "^(IaaS|PaaS|SaaS)$")]
    kind: String,
    /// QC1–QC4 for a provider's service (qualification); AC1–AC4 for a
    /// public body's (adeguamento, Regolamento ACN art. 15 c. 1). Answers
    /// name the tier QC1–QC4 whatever the track.
    #[schema(pattern = "^(QC|AC)[1-4]$")]
    level: String,
    /// For a SaaS: the id of the infrastructure or IaaS listing it runs on.
    runs_on: Option<String>,
    /// IT, EU or extra-EU.
    #[schema(pattern = "^(IT|EU|extra-EU)$")]
    location: String,
    pricing_model: String,
    /// e.g. MEPA.
    procurement_channel: String,
    /// Objectives per indicator, e.g. `{"SLI1": "99.9%"}`.
    #[schema(value_type = Object)]
    service_levels: serde_json::Map<String, Value>,
}

impl ListingBody {
    fn details(self, track: Track) -> Result<ListingDetails, Problem> {
        let runs_on = self.runs_on.filter(|r| !r.is_empty());
        let terms = listings::terms(track, &self.kind, &self.level, runs_on, &self.location)?;
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
    responses((status = 201, body = ListingVersionRecord), (status = 400, body = Problem),
              (status = 403, body = Problem)))]
pub(crate) async fn create(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<ListingBody>,
) -> Result<(StatusCode, Json<ListingVersionRecord>), Problem> {
    let listing = listings::create(&state, &user, now, &body.details(track_of(&state, &user).await?)?).await?;
    Ok((StatusCode::CREATED, Json(listing.into())))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ListingList {
    items: Vec<ListingVersionRecord>,
}

/// The provider's listings (current versions).
#[utoipa::path(get, path = "/api/v1/provider/listings", tag = "qualification",
    responses((status = 200, body = ListingList), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<ListingList>, Problem> {
    require(&user, Permission::ViewOwnListings)?;
    let items = state.store.provider_listings(&user.organisation.id).await?.into_iter().map(Into::into).collect();
    Ok(Json(ListingList { items }))
}

/// A change of a listing: the version written, and what it does.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListingChange {
    version: ListingVersionRecord,
    effect: ListingChangeEffect,
    /// The id of the application opened for the re-review, if any.
    re_review_application: Option<String>,
}

/// What a change of terms does.
#[derive(Serialize, ToSchema)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub(crate) enum ListingChangeEffect {
    /// The listing is not public yet (or no substantive field changed): the
    /// change applies at once.
    Immediate,
    /// The listing is public: the change waits for a re-review of these fields.
    ReReview { fields: Vec<String> },
}

impl From<ChangeEffect> for ListingChangeEffect {
    fn from(effect: ChangeEffect) -> Self {
        match effect {
            ChangeEffect::Immediate => ListingChangeEffect::Immediate,
            ChangeEffect::ReReview { fields } => {
                ListingChangeEffect::ReReview { fields: fields.into_iter().map(str::to_owned).collect() }
            }
        }
    }
}

/// Changes a listing. On a qualified or suspended listing a change of level,
/// underlying infrastructure or data location does not take effect: it opens
/// a re-review (`effect.effect = "re_review"`, with the new application's id);
/// while an application for the listing is in progress, such a change is 409.
/// Sent with `If-Match` (the `version` it was made to, as `"3"`), it is
/// refused with 409 when another change came first: the problem names the
/// latest version (`current_version`, also its `ETag`) and who made it.
#[utoipa::path(put, path = "/api/v1/provider/listings/{id}", tag = "qualification", request_body = ListingBody,
    params(("id" = String, Path),
           ("If-Match" = Option<IfMatch>, Header, description = "the version the change is made to, e.g. \"3\"")),
    responses((status = 200, body = ListingChange,
               headers(("ETag" = String, description = "the listing's latest version, e.g. \"4\""))),
              (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn change(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<ListingBody>,
) -> Result<impl IntoResponse, Problem> {
    let (version, effect, review) =
        listings::change(&state, &user, now, (&id, expected), &body.details(track_of(&state, &user).await?)?).await?;
    let etag = etag::of(version.version);
    let change = ListingChange { version: version.into(), effect: effect.into(), re_review_application: review };
    Ok(([(header::ETAG, etag)], Json(change)))
}

/// The public status of a listing on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListingStatusOn {
    listing_id: String,
    on: NaiveDate,
    /// Null when the listing was not public yet on the date.
    #[schema(value_type = Option<ListingStatusCode>)]
    status: Option<ListingStatus>,
    /// The interval that holds the date.
    interval: Option<StatusInterval>,
    /// Every interval, oldest first.
    history: Vec<StatusInterval>,
}

/// The public status of a listing on a date (default: today), with the
/// interval and the decision behind it — "was X qualified on date D?". A
/// listing that has never been public (a draft, an application in review)
/// is not found, exactly as an id that does not exist.
#[utoipa::path(get, path = "/api/v1/listings/{id}/status", tag = "qualification",
    params(("id" = String, Path), ("on" = Option<NaiveDate>, Query, description = "YYYY-MM-DD; default today")),
    responses((status = 200, body = ListingStatusOn), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn status_on(
    State(state): State<AppState>,
    Clock(now): Clock,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ListingStatusOn>, Problem> {
    let on = match q.get("on") {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Problem::validation().field("on", Message::new("qual-date-iso")))?,
        None => now.today,
    };
    let history = state.store.listing_history(&id).await?;
    if history.intervals().is_empty() {
        return Err(Problem::not_found(Message::new("qual-no-listing").arg("id", &id)));
    }
    let decided = state.store.decision_regimes(Some(&id)).await?;
    let regimes = history.regimes(|decision| decided.get(decision).copied());
    let intervals: Vec<StatusInterval> =
        history.intervals().iter().zip(&regimes).map(|(i, r)| StatusInterval::new(i, *r)).collect();
    let held = history.index_at(on);
    Ok(Json(ListingStatusOn {
        listing_id: id,
        on,
        status: history.interval_at(on).map(|i| i.status),
        interval: held.and_then(|k| intervals.get(k)).cloned(),
        history: intervals,
    }))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementSetList {
    items: Vec<RequirementSetSummary>,
}

/// A requirement set without its requirements.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementSetSummary {
    id: String,
    /// An ISO date.
    version: String,
    regime: String,
    title: String,
    #[schema(value_type = Vec<ServiceKindCode>)]
    kinds: Vec<ServiceKind>,
    /// How many requirements the set has.
    requirements: usize,
}

/// The requirement sets (newest version of each): the data that drives the
/// application forms, triage and the reviewers' checklists.
#[utoipa::path(get, path = "/api/v1/requirement-sets", tag = "qualification",
    responses((status = 200, body = RequirementSetList)))]
pub(crate) async fn requirement_sets(State(state): State<AppState>) -> Result<Json<RequirementSetList>, Problem> {
    let items = state
        .store
        .requirement_sets()
        .await?
        .into_iter()
        .map(|s| RequirementSetSummary {
            requirements: s.requirements.len(),
            id: s.id,
            version: s.version,
            regime: s.regime,
            title: s.title,
            kinds: s.kinds,
        })
        .collect();
    Ok(Json(RequirementSetList { items }))
}

/// One requirement set, as JSON or (`?format=csv`) as an RFC 4180 CSV with one
/// row per requirement.
#[utoipa::path(get, path = "/api/v1/requirement-sets/{id}", tag = "qualification",
    params(("id" = String, Path), ("format" = Option<String>, Query, description = "`json` (default) or `csv`", pattern = "^(json|csv)$")),
    responses((status = 200, content((RequirementSet = "application/json"), ("text/csv"))),
              (status = 400, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn requirement_set(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let set = state
        .store
        .requirement_set(&id, None)
        .await?
        .ok_or_else(|| Problem::not_found(Message::new("qual-no-set").arg("id", &id)))?;
    match q.get("format").map(String::as_str) {
        None | Some("json") => Ok(Json(RequirementSet::from(set)).into_response()),
        Some("csv") => {
            let mut out = csv::Writer::from_writer(Vec::new());
            let header =
                ["set", "version", "id", "group", "text", "answer", "mandatory", "from_level", "evidence", "source"];
            let row_error = |_| Problem::internal();
            out.write_record(header).map_err(row_error)?;
            for r in &set.requirements {
                let answer =
                    serde_json::to_value(r.answer).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let from_level = r.from_level.map(|l| set.track.level_code(l)).unwrap_or_default();
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
        Some(_) => Err(Problem::validation().field("format", Message::new("qual-format"))),
    }
}
