//! The programme's public dashboards: Italy by region, a region by
//! province, a province by ente, then each ente's page. Every level has its
//! figures, a bar chart (accessible SVG) with its data table, and the same
//! rows as CSV.

use super::{Layout, Page, render};
use crate::AppState;
use crate::pages::error::error_page;
use crate::problem::Problem;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cloudpa_domain::catalogue::query::encode;
use cloudpa_domain::money::Cents;
use cloudpa_store::programme::financed::{Ente, StoredApplication};
use cloudpa_store::programme::stats::{Figures, GroupBy, StatsFilter};
use serde::Deserialize;

pub(crate) struct Row {
    pub label: String,
    pub href: String,
    pub figures: Figures,
    pub decreed: String,
    pub paid: String,
}

pub(crate) struct Bar {
    pub label: String,
    pub value: String,
    /// Width in the chart's units (0–100).
    pub width: f64,
    pub y: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    layout: Layout,
    totals: Figures,
    decreed: String,
    paid: String,
    /// The text key of the first column (region, province, ente).
    column_key: &'static str,
    rows: Vec<Row>,
    bars: Vec<Bar>,
    chart_height: usize,
    csv: String,
}

#[derive(Template)]
#[template(path = "ente.html")]
struct EntePage {
    layout: Layout,
    ente: Ente,
    applications: Vec<(StoredApplication, String)>,
}

impl EntePage {
    /// The text key of an open-data status letter.
    fn status_key(&self, code: &str) -> &'static str {
        match code {
            "A" => "ente.status.assigned",
            "R" => "ente.status.withdrawn",
            _ => "ente.status.paid",
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct Where {
    #[serde(default)]
    regione: String,
    #[serde(default)]
    provincia: String,
}

/// Height of a bar row in the chart, in SVG units.
const ROW: usize = 22;

fn bars(rows: &[Row]) -> Vec<Bar> {
    let max = rows.iter().map(|r| r.figures.amount_decreed_cents).max().unwrap_or(0).max(1) as f64;
    rows.iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: r.label.clone(),
            value: r.decreed.clone(),
            width: (r.figures.amount_decreed_cents as f64 / max * 1000.0).round() / 10.0,
            y: i * ROW,
        })
        .collect()
}

fn row(label: String, href: String, figures: Figures) -> Row {
    let decreed = Cents(figures.amount_decreed_cents).to_string();
    let paid = Cents(figures.amount_paid_cents).to_string();
    Row { label, href, figures, decreed, paid }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(at): Query<Where>,
) -> Result<Response, Problem> {
    let (region, province) = (at.regione.trim(), at.provincia.trim());
    let filter = StatsFilter {
        region: Some(region).filter(|r| !r.is_empty()),
        province: Some(province).filter(|p| !p.is_empty()),
        ..StatsFilter::default()
    };
    let base = "/programma/cruscotto";
    let mut parents = vec![("/programma", "programme.title")];
    let (rows, column_key, csv, totals) = if filter.province.is_some() {
        let enti = state.store.ente_figures(&filter).await?;
        let totals = state.store.application_stats(GroupBy::Status, &filter).await?.1;
        let rows: Vec<Row> =
            enti.into_iter().map(|e| row(e.name, format!("/enti/{}", encode(&e.ipa_code)), e.figures)).collect();
        let csv = format!("/api/v1/programme/applications.csv?region={}&province={}", encode(region), encode(province));
        (rows, "dashboard.ente", csv, totals)
    } else if let Some(region) = filter.region {
        let (groups, totals) = state.store.application_stats(GroupBy::Province, &filter).await?;
        let link = |p: &str| format!("{base}?regione={}&provincia={}", encode(region), encode(p));
        let rows = groups.into_iter().map(|g| row(g.key.clone(), link(&g.key), g)).collect();
        let csv = format!("/api/v1/stats/applications?group_by=province&region={}&format=csv", encode(region));
        (rows, "dashboard.province", csv, totals)
    } else {
        let (groups, totals) = state.store.application_stats(GroupBy::Region, &filter).await?;
        let rows =
            groups.into_iter().map(|g| row(g.key.clone(), format!("{base}?regione={}", encode(&g.key)), g)).collect();
        (rows, "dashboard.region", "/api/v1/stats/applications?group_by=region&format=csv".to_owned(), totals)
    };
    if filter.region.is_some() {
        parents.push(("/programma/cruscotto", "dashboard.title"));
    }
    let mut layout = page.layout("dashboard.title", &parents);
    if let Some(region) = filter.region {
        layout.title = format!("{} — {}", layout.title, [region, province].join(" ").trim());
        if let Some(last) = layout.breadcrumbs.last_mut() {
            last.1 = [region, province].join(" · ").trim_end_matches(" · ").to_owned();
        }
    }
    Ok(render(&Dashboard {
        layout,
        decreed: Cents(totals.amount_decreed_cents).to_string(),
        paid: Cents(totals.amount_paid_cents).to_string(),
        totals,
        column_key,
        chart_height: rows.len().max(1) * ROW,
        bars: bars(&rows),
        rows,
        csv,
    }))
}

/// An ente's public page: where it is and its financed applications.
pub(crate) async fn ente(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(ipa): Path<String>,
) -> Result<Response, Problem> {
    let Some((ente, applications)) = state.store.ente_applications(&ipa).await? else {
        return Ok(error_page(StatusCode::NOT_FOUND, &headers, page.user.as_ref()));
    };
    let mut layout = page
        .layout("dashboard.ente", &[("/programma", "programme.title"), ("/programma/cruscotto", "dashboard.title")]);
    layout.title = ente.name.clone();
    if let Some(last) = layout.breadcrumbs.last_mut() {
        last.1 = ente.name.clone();
    }
    let applications = applications
        .into_iter()
        .map(|a| {
            let amount = Cents(a.amount_cents).to_string();
            (a, amount)
        })
        .collect();
    Ok(render(&EntePage { layout, ente, applications }))
}
