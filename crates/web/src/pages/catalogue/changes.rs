//! "What changed": the statuses listings entered in a date range —
//! qualifications, suspensions, reinstatements, revocations, expiries.

use super::search::{date, status_key};
use crate::AppState;
use crate::clock::today;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

struct Row {
    on: String,
    listing_id: String,
    name: String,
    provider_id: String,
    provider: String,
    status_key: &'static str,
}

#[derive(Template)]
#[template(path = "catalogue_changes.html")]
struct Changes {
    layout: Layout,
    from: String,
    to: String,
    rows: Vec<Row>,
}

/// The default period: the last 90 days.
const DEFAULT_DAYS: u64 = 90;

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let read = |key: &str, default: NaiveDate| match q.get(key).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Problem::validation().field(key, "must be a date YYYY-MM-DD")),
    };
    let to = read("al", today())?;
    let from = read("dal", to - Days::new(DEFAULT_DAYS))?;
    if from > to {
        return Err(Problem::validation().field("dal", "must not be after `al`"));
    }
    let rows = state
        .store
        .status_changes_between(from, to)
        .await?
        .into_iter()
        .map(|c| Row {
            on: date(c.on),
            listing_id: c.listing_id,
            name: c.name,
            provider_id: c.provider_id,
            provider: c.provider_name,
            status_key: status_key(c.status.code()),
        })
        .collect();
    let layout = page.layout("changes.title", &[("/catalogo", "search.title")]);
    Ok(render(&Changes { layout, from: from.to_string(), to: to.to_string(), rows }))
}
