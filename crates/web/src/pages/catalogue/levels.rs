//! The catalogue's reference page: qualification levels and the data classes
//! each admits, and the service-level indicators listings are measured on.

use crate::AppState;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_store::reference::Indicator;

#[derive(Template)]
#[template(path = "catalogue.html")]
struct Catalogue {
    layout: Layout,
    levels: Vec<(String, String)>,
    indicators: Vec<Indicator>,
}

pub(crate) async fn show(State(state): State<AppState>, page: Page) -> Result<Response, Problem> {
    let levels = state
        .store
        .qualification_levels()
        .await?
        .into_iter()
        .map(|(level, classes)| (level, classes.replace(';', ", ")))
        .collect();
    let indicators = state.store.service_level_indicators().await?;
    Ok(render(&Catalogue {
        layout: page.layout("catalogue-title", &[("/catalogo", "search-title")]),
        levels,
        indicators,
    }))
}
