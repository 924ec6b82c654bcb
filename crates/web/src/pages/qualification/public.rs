//! The public record of a listing: the permalink printed on certificates.

use crate::AppState;
use crate::clock::Clock;
use crate::extract::Path;
use crate::format::qr_svg;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::track::Track;
use cloudpa_store::qualification::applications::Decision;
use cloudpa_store::qualification::listings::ListingVersion;

#[derive(Template)]
#[template(path = "qualification_public.html")]
struct Public {
    layout: Layout,
    listing: ListingVersion,
    provider: String,
    /// The level as the owner's track names it (QC2, or AC2).
    level_name: String,
    adeguamento: bool,
    classes: String,
    status_key: &'static str,
    today: String,
    history: Vec<HistoryRow>,
    valid_until: Option<String>,
    runs_on: Option<(String, String)>,
    service_levels: Vec<(String, String, String)>,
    certificates: Vec<Decision>,
    permalink: String,
    qr: String,
}

struct HistoryRow {
    status_key: &'static str,
    regime: &'static str,
    from: String,
    to: String,
    decision: Option<Decision>,
}

fn status_key(status: Option<ListingStatus>) -> &'static str {
    match status {
        None => "q-status-none",
        Some(ListingStatus::Qualified) => "q-status-qualified",
        Some(ListingStatus::Suspended) => "q-status-suspended",
        Some(ListingStatus::Revoked) => "q-status-revoked",
        Some(ListingStatus::Expired) => "q-status-expired",
    }
}

/// A listing that has never been public (a draft) is not shown.
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let history = state.store.listing_history(&id).await?;
    let listing = match state.store.current_listing(&id).await? {
        Some(listing) if !history.intervals().is_empty() => listing,
        _ => return Ok(page.not_found()),
    };
    let provider = state.store.organisation(&listing.provider_id).await?.map(|o| o.name).unwrap_or_default();
    let track = state.store.operator_track(&listing.provider_id).await?;
    let decisions = state.store.listing_decisions(&id).await?;
    let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let decided = state.store.decision_regimes(Some(&id)).await?;
    let regimes = history.regimes(|decision| decided.get(decision).copied());
    let rows = history
        .intervals()
        .iter()
        .zip(regimes)
        .rev()
        .map(|(i, regime)| HistoryRow {
            status_key: status_key(Some(i.status)),
            regime: regime.code(),
            from: date(i.from),
            to: i.to.map(date).unwrap_or_default(),
            decision: i.decision.as_ref().and_then(|d| decisions.iter().find(|x| &x.id == d).cloned()),
        })
        .collect();
    let entry = state.store.catalogue_entries(Some(&id)).await?.pop();
    let shown = entry.as_ref().and_then(|entry| entry.version(listing.version));
    let hosted = shown.map_or_else(|| listing.details.terms.level.admitted_classes(), |v| v.hosted_classes());
    let classes: Vec<&str> = hosted.iter().map(|c| c.code()).collect();
    let runs_on = shown.and_then(|v| v.runs_on.clone()).map(|shown| {
        let href = match shown.kind {
            "listing" => format!("/qualificazioni/{}", shown.id),
            _ => format!("/infrastrutture/{}", shown.id),
        };
        (href, shown.name)
    });
    let indicators = state.store.service_level_indicators().await?;
    let declared: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&listing.details.service_levels).unwrap_or_default();
    let service_levels = declared
        .iter()
        .map(|(code, objective)| {
            let name = indicators.iter().find(|i| &i.code == code).map(|i| i.name.clone()).unwrap_or_default();
            (code.clone(), name, objective.as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let permalink = format!("{}/qualificazioni/{id}", state.config.public_url.trim_end_matches('/'));
    let layout = page.titled(listing.details.name.clone(), &[("/catalogo", "search-title")]);
    Ok(render(&Public {
        valid_until: history.valid_until(now.today).map(date),
        runs_on,
        service_levels,
        certificates: decisions.iter().filter(|d| d.kind == "qualification").cloned().collect(),
        qr: qr_svg(&permalink, layout.lang.t("q-qr")),
        permalink,
        layout,
        classes: classes.join(", "),
        status_key: status_key(history.status_at(now.today)),
        today: date(now.today),
        history: rows,
        provider,
        level_name: track.level_code(listing.details.terms.level),
        adeguamento: track == Track::Adeguamento,
        listing,
    }))
}
