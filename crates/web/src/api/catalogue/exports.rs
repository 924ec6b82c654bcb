//! The catalogue (or a search) as a download: CSV, XLSX, JSON and PDF/A.

use super::ExportParams;
use super::answers::CatalogueExport;
use crate::AppState;
use crate::clock::Clock;
use crate::extract::parse_query;
use crate::i18n::{Lang, Reader};
use crate::problem::Problem;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cloudpa_documents::catalogue as export;
use cloudpa_workflows::Now;
use serde_json::json;

/// Formats the catalogue can be downloaded in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Csv,
    Xlsx,
    Json,
    /// A document for people, in its reader's language.
    Pdf(Lang),
}

impl Format {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Pdf(_) => "pdf",
        }
    }

    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
            Format::Pdf(_) => "application/pdf",
        }
    }
}

/// Every result of a search (the whole catalogue without filters) in `format`.
pub(crate) async fn export(state: &AppState, now: Now, raw: Option<&str>, format: Format) -> Result<Response, Problem> {
    let query = parse_query(raw, &["page", "page_size", "lang"])?;
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
        Format::Pdf(lang) => {
            let generated_on = now.today;
            let key = format!("{}|{as_of}|{generated_on}|{generation}|{}", query.search_part(), lang.code());
            let base = base.to_owned();
            let render = move || export::pdf(&export::rows(&result, &base), as_of, generated_on, &source, lang);
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
    Reader(lang): Reader,
) -> Result<Response, Problem> {
    export(&state, now, raw.as_deref(), Format::Pdf(lang)).await
}
