//! The catalogue search page: a GET form (text, date, facet checkboxes) that
//! works without JavaScript, results in the fair order, pages, and the same
//! search as CSV, XLSX, JSON or PDF.

use crate::AppState;
use crate::clock::Clock;
use crate::extract::parse_query;
use crate::pages::{Layout, Page, render};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::NaiveDate;
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::paging::Paging;
use cloudpa_domain::qualification::track::Track;
use cloudpa_search::SearchResult;

pub(crate) struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub count: usize,
    pub checked: bool,
}

pub(crate) struct FacetView {
    pub param: &'static str,
    pub legend_key: &'static str,
    pub options: Vec<OptionView>,
}

pub(crate) struct ResultView {
    pub id: String,
    pub name: String,
    pub provider_id: String,
    pub provider: String,
    pub kind: &'static str,
    /// As the provider's track names it (QC2, or AC2 for an adeguamento).
    pub level: String,
    pub adeguamento: bool,
    pub classes: String,
    pub category: String,
    pub location: &'static str,
    pub status: &'static str,
    pub status_key: &'static str,
    pub since: String,
    pub regime: &'static str,
}

#[derive(Template)]
#[template(path = "catalogue_search.html")]
struct SearchPage {
    layout: Layout,
    text: String,
    as_of: String,
    is_today: bool,
    error: Option<String>,
    total: usize,
    facets: Vec<FacetView>,
    results: Vec<ResultView>,
    pages: Vec<(usize, String, bool)>,
    previous: Option<String>,
    next: Option<String>,
    exports: String,
}

fn legend(facet: Facet) -> &'static str {
    match facet {
        Facet::Type => "q-kind",
        Facet::Level => "q-level",
        Facet::DataClass => "q-classes",
        Facet::Provider => "q-provider",
        Facet::Category => "q-category",
        Facet::Location => "q-location",
        Facet::Status => "q-status",
        Facet::Regime => "q-regime",
        Facet::Track => "q-track",
    }
}

pub(crate) fn status_key(code: &str) -> &'static str {
    match code {
        "qualified" => "q-status-qualified",
        "suspended" => "q-status-suspended",
        "revoked" => "q-status-revoked",
        _ => "q-status-expired",
    }
}

pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn results(result: &SearchResult) -> Vec<ResultView> {
    result
        .hits
        .iter()
        .filter_map(|hit| {
            let at = hit.at(result.as_of)?;
            let terms = &at.version.details.terms;
            let classes: Vec<&str> = at.version.hosted_classes().iter().map(|c| c.code()).collect();
            Some(ResultView {
                id: at.entry.listing_id.clone(),
                name: at.version.details.name.clone(),
                provider_id: at.entry.provider.id.clone(),
                provider: at.entry.provider.name.clone(),
                kind: terms.kind.code(),
                level: at.entry.provider.track.level_code(terms.level),
                adeguamento: at.entry.provider.track == Track::Adeguamento,
                classes: classes.join(", "),
                category: at.version.details.category.clone(),
                location: terms.location.code(),
                status: at.interval.status.code(),
                status_key: status_key(at.interval.status.code()),
                since: date(at.interval.from),
                regime: at.regime.code(),
            })
        })
        .collect()
}

/// Links to a few pages around the current one (and the first and last).
fn pages(query: &Query, total: usize) -> Vec<(usize, String, bool)> {
    let numbers = Paging { page: query.page, size: query.page_size }.window(total);
    numbers.into_iter().map(|n| (n, link(query, n), n == query.page)).collect()
}

fn link(query: &Query, page: usize) -> String {
    format!("/catalogo?{}", Query { page, ..query.clone() }.canonical())
}

pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let mut layout = page.layout("search-title", &[]);
    layout.title = page.lang.t("search-title").to_owned();
    let (query, error) = match parse_query(raw.as_deref(), &["lang"]) {
        Ok(query) => (query, None),
        Err(problem) => {
            let rules: Vec<String> =
                problem.errors.iter().map(|e| format!("{}: {}", e.field, page.lang.text(&e.rule))).collect();
            (Query::default(), Some(rules.join("; ")))
        }
    };
    let as_of = query.as_of.unwrap_or(now.today);
    let result = state.catalogue.search(&query, as_of);
    let facets = result
        .facets
        .iter()
        .map(|(facet, counts)| FacetView {
            param: facet.param(),
            legend_key: legend(*facet),
            options: counts
                .iter()
                .enumerate()
                .map(|(i, c)| OptionView {
                    id: format!("f-{}-{i}", facet.param()),
                    value: c.value.to_string(),
                    label: match facet {
                        Facet::Status => page.lang.t(status_key(&c.value)).to_owned(),
                        Facet::Regime => page.lang.named("regime", &c.value).to_owned(),
                        Facet::Track => page.lang.named("track", &c.value).to_owned(),
                        _ => c.label.to_string(),
                    },
                    count: c.count,
                    checked: c.selected,
                })
                .collect(),
        })
        .collect();
    let exports = query.search_part();
    render(&SearchPage {
        layout,
        text: query.text.clone(),
        as_of: as_of.to_string(),
        is_today: as_of == now.today,
        error,
        total: result.total,
        facets,
        results: results(&result),
        pages: pages(&query, result.total),
        previous: (query.page > 1).then(|| link(&query, query.page - 1)),
        next: (query.page * query.page_size < result.total).then(|| link(&query, query.page + 1)),
        exports,
    })
}
