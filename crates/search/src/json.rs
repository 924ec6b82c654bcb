//! The JSON of search answers: the items of the page as the catalogue showed
//! them on the date asked, and the facets. (Answers are cached whole, so the
//! items are not kept serialised: that doubled the memory of the index.)

use crate::{Hit, SearchResult};
use chrono::NaiveDate;
use cloudpa_store::catalogue::entries::{CatalogueEntry, EntryAt, ProviderSummary, RunsOn};
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;

/// A listing's item as the API shows it, in this order.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    version: i64,
    name: &'a str,
    provider: &'a ProviderSummary,
    #[serde(rename = "type")]
    kind: &'static str,
    level: &'static str,
    /// The level as its track names it: `QC2`, or `AC2` for an adeguamento.
    level_name: String,
    data_classes: Vec<&'static str>,
    category: &'a str,
    description: &'a str,
    location: &'static str,
    runs_on: &'a Option<RunsOn>,
    pricing_model: &'a str,
    procurement_channel: &'a str,
    service_levels: Value,
    url: String,
}

/// The item of `entry` at `version`, without its closing brace.
fn item_prefix(entry: &CatalogueEntry, version: i64) -> String {
    let Some(shown) = entry.version(version) else { return String::new() };
    let d = &shown.details;
    let item = Item {
        id: &entry.listing_id,
        version,
        name: &d.name,
        provider: &entry.provider,
        kind: d.terms.kind.code(),
        level: d.terms.level.code(),
        level_name: entry.provider.track.level_code(d.terms.level),
        data_classes: shown.hosted_classes().iter().map(|c| c.code()).collect(),
        category: &d.category,
        description: &d.description,
        location: d.terms.location.code(),
        runs_on: &shown.runs_on,
        pricing_model: &d.pricing_model,
        procurement_channel: &d.procurement_channel,
        service_levels: serde_json::from_str(&d.service_levels).unwrap_or(Value::Null),
        url: format!("/qualificazioni/{}", entry.listing_id),
    };
    let mut text = serde_json::to_string(&item).unwrap_or_else(|_| "{}".into());
    text.pop();
    text
}

/// The item of a result as the catalogue showed it on `as_of`.
pub fn item(hit: &Hit, as_of: NaiveDate) -> String {
    entry_item(&hit.indexed.entry, as_of).unwrap_or_else(|| "null".into())
}

/// The item of `entry` as the catalogue showed it on `as_of`.
pub fn entry_item(entry: &CatalogueEntry, as_of: NaiveDate) -> Option<String> {
    let at = entry.at(as_of)?;
    Some(with_status(&item_prefix(entry, at.version.version), at, as_of))
}

fn with_status(prefix: &str, at: EntryAt<'_>, as_of: NaiveDate) -> String {
    let valid_until = at.entry.history.valid_until(as_of).map(|d| d.to_string());
    let tail = json!({
        "status": at.interval.status,
        "status_since": at.interval.from,
        "valid_until": valid_until,
        "regime": at.regime,
    })
    .to_string();
    format!("{prefix},{}", &tail[1..])
}

/// The whole answer: page, items and facets (each facet's values as
/// `{value, label, count, selected}`, in the order of `Facet::ALL`).
pub(crate) fn response(result: &SearchResult) -> String {
    let items: Vec<String> = result.hits.iter().map(|h| item(h, result.as_of)).collect();
    let head = json!({
        "as_of": result.as_of,
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "pages": result.total.div_ceil(result.page_size.max(1)),
    })
    .to_string();
    let facets: Vec<String> = result
        .facets
        .iter()
        .map(|(facet, counts)| {
            let mut text = format!("\"{}\":[", facet.param());
            for (k, c) in counts.iter().enumerate() {
                let comma = if k > 0 { "," } else { "" };
                let _ = write!(text, "{comma}{{{},\"count\":{},\"selected\":{}}}", c.members, c.count, c.selected);
            }
            text.push(']');
            text
        })
        .collect();
    format!("{},\"items\":[{}],\"facets\":{{{}}}}}", &head[..head.len() - 1], items.join(","), facets.join(","))
}
