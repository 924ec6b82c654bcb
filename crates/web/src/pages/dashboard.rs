//! The programme's public dashboard: national figures of the financed
//! applications and a bar chart per region (accessible SVG with its data
//! table, and the same numbers as CSV from the stats API).

use super::{Layout, Page, render};
use crate::AppState;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::money::Cents;
use cloudpa_store::programme::stats::{Figures, GroupBy};

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
    regions: Vec<(Figures, String, String)>,
    bars: Vec<Bar>,
    chart_height: usize,
}

/// Height of a bar row in the chart, in SVG units.
const ROW: usize = 22;

fn bars(groups: &[Figures]) -> Vec<Bar> {
    let max = groups.iter().map(|g| g.amount_decreed_cents).max().unwrap_or(0).max(1) as f64;
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| Bar {
            label: g.key.clone(),
            value: Cents(g.amount_decreed_cents).to_string(),
            width: (g.amount_decreed_cents as f64 / max * 100.0 * 10.0).round() / 10.0,
            y: i * ROW,
        })
        .collect()
}

pub(crate) async fn show(State(state): State<AppState>, page: Page) -> Result<Response, Problem> {
    let (groups, totals) = state.store.application_stats(GroupBy::Region, None, None).await?;
    let layout = page.layout("dashboard.title", &[("/programma", "programme.title")]);
    let regions = groups
        .iter()
        .map(|g| (g.clone(), Cents(g.amount_decreed_cents).to_string(), Cents(g.amount_paid_cents).to_string()))
        .collect();
    Ok(render(&Dashboard {
        layout,
        decreed: Cents(totals.amount_decreed_cents).to_string(),
        paid: Cents(totals.amount_paid_cents).to_string(),
        totals,
        regions,
        chart_height: groups.len().max(1) * ROW,
        bars: bars(&groups),
    }))
}
