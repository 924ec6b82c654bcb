//! The home page: what a visitor comes for, each at most two clicks away —
//! a search of the catalogue, the programme's headline figures, "il mio
//! Comune" and the voucher simulator.

use super::{Layout, Page, render};
use crate::AppState;
use crate::format::thousands;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::money::Cents;
use cloudpa_store::programme::stats::{GroupBy, StatsFilter};

/// A headline figure: its text key, the figure shown, and its id.
pub(crate) struct Headline {
    pub key: &'static str,
    pub value: String,
    pub id: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    layout: Layout,
    headlines: Vec<Headline>,
}

pub(crate) async fn show(State(state): State<AppState>, page: Page) -> Result<Response, Problem> {
    let mut layout = page.layout("nav-home", &[]);
    layout.breadcrumbs.clear();
    let stats = state.figures().await?.application_stats(GroupBy::Region, &StatsFilter::default()).await?;
    let totals = &stats.1;
    let headlines = vec![
        Headline { key: "home-figures-applications", value: thousands(totals.applications), id: "figure-applications" },
        Headline { key: "home-figures-enti", value: thousands(totals.enti), id: "figure-enti" },
        Headline {
            key: "home-figures-decreed",
            value: Cents(totals.amount_decreed_cents).to_string(),
            id: "figure-decreed",
        },
        Headline { key: "home-figures-paid", value: Cents(totals.amount_paid_cents).to_string(), id: "figure-paid" },
        Headline { key: "home-figures-attested", value: thousands(totals.enti_attested), id: "figure-attested" },
    ];
    Ok(render(&Home { layout, headlines }))
}
