//! The catalogue's change feed: JSON from a point in time, and Atom for
//! feed readers.

use super::answers::{ChangeFeed, FeedChange};
use crate::AppState;
use crate::extract::Query as QueryString;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use cloudpa_domain::message::Message;
use std::collections::HashMap;

pub(super) fn rfc3339(ms: i64) -> String {
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
            .map_err(|_| Problem::validation().field("since", Message::new("qual-rfc3339")))?
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
