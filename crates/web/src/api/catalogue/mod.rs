//! The public catalogue: search with facets and the listing resource with
//! its dated history (here), the change feed ([`feed`]), the exports
//! ([`exports`]) and the DCAT-AP_IT description of the open dataset
//! ([`dcat`]). Listing resources carry an `ETag` and answer `If-None-Match`
//! with 304.

pub(crate) mod answers;
pub(crate) mod dcat;
pub(crate) mod exports;
pub(crate) mod feed;

use crate::AppState;
use crate::clock::Clock;
use crate::extract::parse_query;
use crate::extract::{Path, Query as QueryString};
use crate::problem::Problem;
use answers::{CatalogueListing, CataloguePage, HistoryDecision, HistoryEntry};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::catalogue::query::{Facet, MAX_PAGE_SIZE, MAX_TEXT_CHARS};
use cloudpa_domain::message::Message;
use cloudpa_search::etag;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// A body with its entity tag, or 304 when the client has it already.
pub(crate) fn tagged(request: &HeaderMap, tag: &str, content_type: &'static str, body: Bytes) -> Response {
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response
}

/// The search parameters of `GET /api/v1/listings`, each with the values
/// `cloudpa_domain::catalogue::query::Query::parse` accepts: a closed facet
/// its codes (or empty, no filter), `as_of` a date, the page from 1 and its
/// size from 1 to 100.
pub(crate) struct SearchParams;

/// The same without paging: what an export takes.
pub(crate) struct ExportParams;

impl utoipa::IntoParams for SearchParams {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        let mut params = ExportParams::into_params(|| None);
        params.push(query_param("page", "From 1", integer(1, None)));
        params.push(query_param("page_size", "1–100, default 20", integer(1, Some(MAX_PAGE_SIZE))));
        params
    }
}

impl utoipa::IntoParams for ExportParams {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let text = ObjectBuilder::new().schema_type(Type::String).max_length(Some(MAX_TEXT_CHARS));
        let mut params = vec![query_param("q", "Words to find in name, provider, description, category", text)];
        for facet in Facet::ALL {
            let mut schema = ObjectBuilder::new().schema_type(Type::String);
            let description = match facet.allowed() {
                Some(values) => {
                    let description = format!("{} (repeatable; empty: no filter)", values.join(", "));
                    schema = schema.enum_values(Some(std::iter::once("").chain(values)));
                    description
                }
                None => format!("{} (repeatable)", if facet == Facet::Provider { "Provider id" } else { "Category" }),
            };
            params.push(query_param(facet.param(), &description, schema));
        }
        let date = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date)));
        let empty = ObjectBuilder::new().schema_type(Type::String).enum_values(Some([""]));
        let as_of = utoipa::openapi::schema::AnyOfBuilder::new().item(date).item(empty);
        params.push(query_param("as_of", "YYYY-MM-DD; default (or empty) today", as_of));
        params
    }
}

fn integer(minimum: usize, maximum: Option<usize>) -> utoipa::openapi::schema::ObjectBuilder {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(minimum as f64)).maximum(maximum.map(|m| m as f64))
}

fn query_param(
    name: &str,
    description: &str,
    schema: impl Into<utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>>,
) -> utoipa::openapi::path::Parameter {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// Searches the catalogue: free text (Italian analysis) and facet filters
/// (AND across facets, OR within one: repeat a parameter for OR), on a date
/// (`as_of`, default today) from the qualification history. Results are in
/// order of relevance, then of a hash of their id (never alphabetical).
#[utoipa::path(get, path = "/api/v1/listings", tag = "catalogue",
    params(SearchParams),
    responses((status = 200, body = CataloguePage), (status = 304), (status = 400, body = Problem)))]
pub(crate) async fn search(
    State(state): State<AppState>,
    Clock(now): Clock,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    let query = parse_query(raw.as_deref(), &[])?;
    let answer = state.catalogue.search_json(&query, query.as_of.unwrap_or(now.today));
    Ok(tagged(&headers, &answer.etag, "application/json", answer.body.clone()))
}

/// A public listing: what the catalogue shows today (or on `as_of`), and its
/// whole history as dated intervals `[from, to)` with the decision behind
/// each. Drafts never qualified are not public: 404.
#[utoipa::path(get, path = "/api/v1/listings/{id}", tag = "catalogue",
    params(("id" = String, Path), ("as_of" = Option<NaiveDate>, Query, description = "YYYY-MM-DD; default today")),
    responses((status = 200, body = CatalogueListing), (status = 304), (status = 400, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn listing(
    State(state): State<AppState>,
    Clock(now): Clock,
    headers: HeaderMap,
    Path(id): Path<String>,
    QueryString(q): QueryString<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let as_of = match q.get("as_of") {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Problem::validation().field("as_of", Message::new("qual-date-iso")))?,
        None => now.today,
    };
    let not_found = || Problem::not_found(Message::new("qual-no-public-listing").arg("id", &id));
    let entry = state.store.catalogue_entries(Some(&id)).await?.pop().ok_or_else(not_found)?;
    let decisions = state.store.listing_decisions(&id).await?;
    let shown = match cloudpa_search::json::entry_item(&entry, as_of) {
        Some(item) => serde_json::from_str(&item).map_err(|_| Problem::internal())?,
        None => Map::from_iter([("id".to_owned(), json!(entry.listing_id)), ("status".to_owned(), Value::Null)]),
    };
    let history = entry
        .history
        .intervals()
        .iter()
        .zip(&entry.interval_versions)
        .zip(&entry.regimes)
        .map(|((i, version), regime)| {
            let decision =
                i.decision.as_ref().and_then(|d| decisions.iter().find(|x| &x.id == d)).map(|d| HistoryDecision {
                    id: d.id.clone(),
                    kind: d.kind.clone(),
                    decided_on: d.decided_on,
                    motivation: d.motivation.clone(),
                    certificate: format!("/api/v1/decisions/{}/certificate.pdf", d.id),
                });
            HistoryEntry { status: i.status, from: i.from, to: i.to, version: *version, regime: *regime, decision }
        })
        .collect();
    let body = CatalogueListing { shown, as_of, history };
    let bytes = Bytes::from(serde_json::to_vec(&body).map_err(|_| Problem::internal())?);
    Ok(tagged(&headers, &etag(&bytes), "application/json", bytes))
}
