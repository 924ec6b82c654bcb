//! "What changed": the statuses listings entered in a date range —
//! qualifications, suspensions, reinstatements, revocations, expiries.

use super::search::{date, status_key};
use crate::AppState;
use crate::clock::Clock;
use crate::extract::Query;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
    error: Option<String>,
}

/// The default period: the last 90 days.
const DEFAULT_DAYS: u64 = 90;

pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let read = |key: &str| match q.get(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| key.to_owned()),
    };
    let layout = page.layout("changes-title", &[("/catalogo", "search-title")]);
    let (from, to) = match (read("dal"), read("al")) {
        (Ok(from), Ok(to)) => {
            let to = to.unwrap_or(now.today);
            (from.unwrap_or(to - Days::new(DEFAULT_DAYS)), to)
        }
        (Err(field), _) | (_, Err(field)) => {
            let error = format!("{field}: {}", layout.lang.t("changes-bad_date"));
            return Ok(invalid(layout, &q, error));
        }
    };
    if from > to {
        let error = format!("dal: {}", layout.lang.t("changes-bad_range"));
        return Ok(invalid(layout, &q, error));
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
    Ok(render(&Changes { layout, from: from.to_string(), to: to.to_string(), rows, error: None }))
}

/// The form again, with what the user typed and why it was refused (400).
fn invalid(layout: Layout, q: &HashMap<String, String>, error: String) -> Response {
    let field = |k: &str| q.get(k).cloned().unwrap_or_default();
    let page = Changes { layout, from: field("dal"), to: field("al"), rows: Vec::new(), error: Some(error) };
    (StatusCode::BAD_REQUEST, render(&page)).into_response()
}
