//! The public catalogue: search with facets, the listing resource with its
//! dated history, the change feed (JSON and Atom), exports and the DCAT-AP_IT
//! description of the open dataset. Listing resources carry an `ETag` and
//! answer `If-None-Match` with 304.

pub(crate) mod answers;
pub(crate) mod dcat;

use crate::AppState;
use crate::clock::Clock;
use crate::extract::parse_query;
use crate::extract::{Path, Query as QueryString};
use crate::problem::Problem;
use answers::{
    CatalogueExport, CatalogueListing, CataloguePage, ChangeFeed, FeedChange, HistoryDecision, HistoryEntry,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use cloudpa_documents::catalogue as export;
use cloudpa_domain::catalogue::query::{Facet, MAX_PAGE_SIZE, MAX_TEXT_CHARS};
use cloudpa_search::etag;
use cloudpa_workflows::Now;
use dcat::DcatCatalog;
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
            .map_err(|_| Problem::validation().field("as_of", "must be a date YYYY-MM-DD"))?,
        None => now.today,
    };
    let not_found = || Problem::not_found(format!("No public listing {id}."));
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
        .map(|(i, version)| {
            let decision =
                i.decision.as_ref().and_then(|d| decisions.iter().find(|x| &x.id == d)).map(|d| HistoryDecision {
                    id: d.id.clone(),
                    kind: d.kind.clone(),
                    decided_on: d.decided_on,
                    motivation: d.motivation.clone(),
                    certificate: format!("/api/v1/decisions/{}/certificate.pdf", d.id),
                });
            HistoryEntry { status: i.status, from: i.from, to: i.to, version: *version, decision }
        })
        .collect();
    let body = CatalogueListing { shown, as_of, history };
    let bytes = Bytes::from(serde_json::to_vec(&body).map_err(|_| Problem::internal())?);
    Ok(tagged(&headers, &etag(&bytes), "application/json", bytes))
}

fn rfc3339(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The most changes one request of the feed returns.
const FEED_LIMIT: i64 = 1000;

/// The change feed: statuses listings entered and published changes of
/// their details, in the order they were recorded, from `since` (RFC 3339,
/// inclusive). Ask again with `since` = `next_since`, skipping the `seq`
/// numbers already seen.
#[utoipa::path(get, path = "/api/v1/listings/changes", tag = "catalogue",
    params(("since" = Option<DateTime<Utc>>, Query, description = "RFC 3339 timestamp; default: from the start")),
    responses((status = 200, body = ChangeFeed), (status = 400, body = Problem)))]
pub(crate) async fn changes(
    State(state): State<AppState>,
    QueryString(q): QueryString<HashMap<String, String>>,
) -> Result<Json<ChangeFeed>, Problem> {
    let since = match q.get("since") {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|_| Problem::validation().field("since", "must be an RFC 3339 timestamp"))?
            .timestamp_millis(),
        None => 0,
    };
    let changes = state.store.catalogue_changes_since(since, FEED_LIMIT).await?;
    let next_since = changes.last().map(|c| rfc3339(c.recorded_at_ms));
    let items: Vec<FeedChange> = changes
        .into_iter()
        .map(|c| FeedChange {
            seq: c.seq,
            recorded_at: rfc3339(c.recorded_at_ms),
            listing_id: c.change.listing_id,
            change: c.change.change,
            status: c.change.status,
            on: c.change.on,
            decision_id: c.change.decision_id,
            version: c.change.version,
        })
        .collect();
    let complete = (items.len() as i64) < FEED_LIMIT;
    Ok(Json(ChangeFeed { since: rfc3339(since), items, next_since, complete }))
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An Atom feed of the latest 100 status changes.
#[utoipa::path(get, path = "/api/v1/listings/changes.atom", tag = "catalogue",
    responses((status = 200, description = "An Atom feed", content_type = "application/atom+xml")))]
pub(crate) async fn atom(State(state): State<AppState>) -> Result<Response, Problem> {
    let base = state.config.public_url.trim_end_matches('/');
    let changes = state.store.latest_catalogue_changes(100).await?;
    let updated = changes.first().map_or_else(|| rfc3339(0), |c| rfc3339(c.recorded_at_ms));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n\
         <title>Catalogo dei servizi cloud qualificati — variazioni</title>\n\
         <id>{base}/api/v1/listings/changes.atom</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" href=\"{base}/api/v1/listings/changes.atom\"/>\n<link href=\"{base}/catalogo/novita\"/>\n\
         <author><name>cloudpa</name></author>\n"
    );
    for c in &changes {
        let listing = state.catalogue.get(&c.change.listing_id);
        let name = listing
            .as_ref()
            .and_then(|l| l.entry.version(c.change.version).map(|v| v.details.name.clone()))
            .unwrap_or_else(|| c.change.listing_id.clone());
        let provider = listing.as_ref().map(|l| l.entry.provider.name.clone()).unwrap_or_default();
        let what = match (c.change.status, c.change.on) {
            (Some(status), Some(on)) => format!("{}: {} dal {}", name, status_it(status.code()), on.format("%d/%m/%Y")),
            _ => format!("{name}: scheda aggiornata (versione {})", c.change.version),
        };
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>urn:cloudpa:catalogue-change:{}</id>\n<updated>{}</updated>\n\
             <link href=\"{base}/qualificazioni/{}\"/>\n<summary>{}</summary>\n</entry>\n",
            xml_escape(&what),
            c.seq,
            rfc3339(c.recorded_at_ms),
            xml_escape(&c.change.listing_id),
            xml_escape(&format!("{what} — {provider}")),
        ));
    }
    xml.push_str("</feed>\n");
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response())
}

fn status_it(code: &str) -> &'static str {
    match code {
        "qualified" => "qualificato",
        "suspended" => "sospeso",
        "revoked" => "revocato",
        _ => "scaduto",
    }
}

/// Formats the catalogue can be downloaded in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Csv,
    Xlsx,
    Json,
    Pdf,
}

impl Format {
    pub(super) fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }

    pub(super) fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
            Format::Pdf => "application/pdf",
        }
    }
}

/// Every result of a search (the whole catalogue without filters) in `format`.
pub(crate) async fn export(state: &AppState, now: Now, raw: Option<&str>, format: Format) -> Result<Response, Problem> {
    let query = parse_query(raw, &["page", "page_size"])?;
    let as_of = query.as_of.unwrap_or(now.today);
    let generation = state.catalogue.snapshot().generation;
    let result = state.catalogue.search_all(&query, as_of);
    let base = state.config.public_url.trim_end_matches('/');
    let source = format!("{base}/catalogo?{}", query.search_part());
    let body = match format {
        Format::Json => {
            let items: Vec<String> = result.hits.iter().map(|h| cloudpa_search::json::item(h, as_of)).collect();
            let head = json!({ "as_of": as_of, "total": result.total, "source": source }).to_string();
            Bytes::from(format!("{},\"items\":[{}]}}", &head[..head.len() - 1], items.join(",")))
        }
        Format::Csv => Bytes::from(export::csv(&export::rows(&result, base)).map_err(internal)?),
        Format::Xlsx => Bytes::from(export::xlsx(&export::rows(&result, base), as_of, &source).map_err(internal)?),
        Format::Pdf => {
            let generated_on = now.today;
            let key = format!("{}|{as_of}|{generated_on}|{generation}", query.search_part());
            let base = base.to_owned();
            let render = move || export::pdf(&export::rows(&result, &base), as_of, generated_on, &source);
            state.pdf_catalogue.get_or_render(key, render).await.map_err(internal)?
        }
    };
    let disposition = format!("attachment; filename=\"catalogo-cloud-pa-{as_of}.{}\"", format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::HeaderName::from_static("x-status-date"), as_of.to_string()),
        ],
        body,
    )
        .into_response())
}

fn internal(error: String) -> Problem {
    tracing::error!(%error, "catalogue export failed");
    Problem::internal()
}

const EXPORT_PARAMS: &str = "The search parameters of `GET /api/v1/listings` (without paging).";

/// The catalogue (or a search) as RFC 4180 CSV, UTF-8, one row per listing.
#[utoipa::path(get, path = "/api/v1/listings/export.csv", tag = "catalogue", params(ExportParams),
    responses((status = 200, content_type = "text/csv", description = EXPORT_PARAMS), (status = 400, body = Problem)))]
pub(crate) async fn export_csv(
    State(state): State<AppState>,
    Clock(now): Clock,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    export(&state, now, raw.as_deref(), Format::Csv).await
}

/// The catalogue (or a search) as an XLSX workbook.
#[utoipa::path(get, path = "/api/v1/listings/export.xlsx", tag = "catalogue", params(ExportParams),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        description = EXPORT_PARAMS), (status = 400, body = Problem)))]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    Clock(now): Clock,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    export(&state, now, raw.as_deref(), Format::Xlsx).await
}

/// The catalogue (or a search) as JSON: every item, not paged.
#[utoipa::path(get, path = "/api/v1/listings/export.json", tag = "catalogue", params(ExportParams),
    responses((status = 200, body = CatalogueExport, description = EXPORT_PARAMS), (status = 400, body = Problem)))]
pub(crate) async fn export_json(
    State(state): State<AppState>,
    Clock(now): Clock,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    export(&state, now, raw.as_deref(), Format::Json).await
}

/// The catalogue (or a search) as a PDF/A document with one entry (and one
/// bookmark) per listing.
#[utoipa::path(get, path = "/api/v1/listings/export.pdf", tag = "catalogue", params(ExportParams),
    responses((status = 200, content_type = "application/pdf", description = EXPORT_PARAMS),
        (status = 400, body = Problem)))]
pub(crate) async fn export_pdf(
    State(state): State<AppState>,
    Clock(now): Clock,
    RawQuery(raw): RawQuery,
) -> Result<Response, Problem> {
    export(&state, now, raw.as_deref(), Format::Pdf).await
}

/// DCAT-AP_IT (JSON-LD) description of the catalogue as an open dataset,
/// with a distribution per export format.
#[utoipa::path(get, path = "/api/v1/listings/dcat.jsonld", tag = "catalogue",
    responses((status = 200, body = DcatCatalog, content_type = "application/ld+json")))]
pub(crate) async fn dcat(State(state): State<AppState>) -> Result<Response, Problem> {
    let base = state.config.public_url.trim_end_matches('/');
    let modified = state.store.latest_catalogue_changes(1).await?.first().map(|c| rfc3339(c.recorded_at_ms));
    let body = serde_json::to_string(&dcat::catalog(base, modified)).map_err(|_| Problem::internal())?;
    Ok(([(header::CONTENT_TYPE, "application/ld+json")], body).into_response())
}
