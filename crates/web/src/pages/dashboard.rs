//! The programme's public dashboards: Italy by region, a region by
//! province, a province by ente, then each ente's page. Every level has its
//! figures, a bar chart (accessible SVG) with its data table, and the same
//! rows as CSV.

use super::map::{Map, map};
use super::timeline::{Timeline, timeline};
use super::{Layout, Page, render};
use crate::AppState;
use crate::clock::Clock;
use crate::extract::Query;
use crate::i18n::state_key;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::catalogue::query::encode;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::inventory::{SiteKind, SiteStatus};
use cloudpa_domain::programme::reserve::{reserve_met, share_permille};
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_domain::programme::targets::{Progress, Target, progress};
use cloudpa_store::programme::applications::Choice;
use cloudpa_store::programme::stats::{Figures, GroupBy, SiteFigures, StatsFilter};
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
    pub title: String,
    /// Width in the chart's units (0–[`WIDTH`]).
    pub width: f64,
    pub y: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    layout: Layout,
    /// `Region · Province`, empty for Italy.
    area: String,
    totals: Figures,
    decreed: String,
    paid: String,
    /// The Mezzogiorno's share of the decreed amount ("42,3%"), and whether
    /// it meets the 40% reserve; `None` when nothing was decreed.
    south: Option<(String, bool)>,
    /// The text key of the first column (region, province, ente).
    column_key: &'static str,
    rows: Vec<Row>,
    bars: Vec<Bar>,
    chart_height: usize,
    csv: String,
    /// Projects by state: (text key, projects, amount decreed).
    states: Vec<(&'static str, i64, String)>,
    states_csv: String,
    sites: SiteFigures,
    /// The PNRR targets and the progress towards each (Italy only).
    targets: Vec<(Target, Progress)>,
    /// The regions filled by the amount decreed (Italy only).
    map: Option<Map>,
    /// The enti financed and migrated over time, against the first target
    /// (Italy only).
    timeline: Option<Timeline>,
}

impl Dashboard {
    fn number(&self, n: &u64) -> String {
        crate::format::thousands(*n as i64)
    }
}

/// The text key of how a service migrates: A to IaaS, B to PaaS or SaaS,
/// or an A service improved to B.
pub(crate) fn migration_key(c: &Choice) -> &'static str {
    match (c.destination, c.improved_to) {
        (_, Some(Destination::Paas)) => "migration-improved_paas",
        (_, Some(_)) => "migration-improved_saas",
        (Destination::Iaas, None) => "migration-iaas",
        (Destination::Paas, None) => "migration-paas",
        (Destination::Saas, None) => "migration-saas",
    }
}

/// The text key of a site's status.
pub(crate) fn site_status_key(status: SiteStatus) -> &'static str {
    match status {
        SiteStatus::Active => "site-active",
        SiteStatus::Decommissioning => "site-decommissioning",
        SiteStatus::Decommissioned => "site-decommissioned",
    }
}

pub(crate) fn site_kind_key(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::ServerRoom => "site-server_room",
        SiteKind::DataCentre => "site-data_centre",
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct Where {
    #[serde(default)]
    regione: String,
    #[serde(default)]
    provincia: String,
}

/// Height of a row of the chart (a label line above its bar), in SVG units;
/// the chart is [`WIDTH`] units wide.
const ROW: usize = 20;
const WIDTH: f64 = 320.0;
/// Labels longer than this are cut (the whole name is in the bar's title).
const LABEL_CHARS: usize = 70;

fn bars(rows: &[Row]) -> Vec<Bar> {
    let max = rows.iter().map(|r| r.figures.amount_decreed_cents).max().unwrap_or(0).max(1) as f64;
    rows.iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: match r.label.chars().count() > LABEL_CHARS {
                true => format!("{}…", r.label.chars().take(LABEL_CHARS - 1).collect::<String>()),
                false => r.label.clone(),
            },
            title: format!("{}: {}", r.label, r.decreed),
            width: (r.figures.amount_decreed_cents as f64 / max * WIDTH * 10.0).round() / 10.0,
            y: i * ROW,
        })
        .collect()
}

fn row(label: String, href: String, figures: Figures) -> Row {
    let decreed = Cents(figures.amount_decreed_cents).to_string();
    let paid = Cents(figures.amount_paid_cents).to_string();
    Row { label, href, figures, decreed, paid }
}

/// The breadcrumbs of a dashboard level: Programma › Cruscotto › region ›
/// province (› ente), each level a link but the last.
pub(super) fn layout(page: &Page, area: &[&str], ente: Option<&str>) -> Layout {
    let mut layout = page.layout("dashboard-title", &[("/programma", "programme-title")]);
    let title = layout.title.clone();
    let mut crumbs = vec![("/programma/cruscotto".to_owned(), title.clone())];
    if let Some(region) = area.first() {
        crumbs.push((format!("/programma/cruscotto?regione={}", encode(region)), (*region).to_owned()));
    }
    if let (Some(region), Some(province)) = (area.first(), area.get(1)) {
        let href = format!("/programma/cruscotto?regione={}&provincia={}", encode(region), encode(province));
        crumbs.push((href, (*province).to_owned()));
    }
    if let Some(name) = ente {
        crumbs.push((String::new(), name.to_owned()));
    }
    if let Some(last) = crumbs.last_mut() {
        last.0 = String::new();
    }
    layout.breadcrumbs.pop();
    layout.breadcrumbs.extend(crumbs);
    layout.title = match (ente, area.is_empty()) {
        (Some(name), _) => name.to_owned(),
        (None, true) => title,
        (None, false) => format!("{title} — {}", area.join(" · ")),
    };
    layout
}

pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
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
    let figures = state.figures().await?;
    let (rows, column_key, csv, totals) = if filter.province.is_some() {
        let enti = figures.ente_figures(&filter).await?;
        let totals = figures.application_stats(GroupBy::Status, &filter).await?.1.clone();
        let rows: Vec<Row> = enti
            .iter()
            .map(|e| row(e.name.clone(), format!("/enti/{}", encode(&e.ipa_code)), e.figures.clone()))
            .collect();
        let csv = format!("/api/v1/programme/applications.csv?region={}&province={}", encode(region), encode(province));
        (rows, "dashboard-ente", csv, totals)
    } else if let Some(region) = filter.region {
        let (groups, totals) = figures.application_stats(GroupBy::Province, &filter).await?.as_ref().clone();
        let link = |p: &str| format!("{base}?regione={}&provincia={}", encode(region), encode(p));
        let rows = groups.into_iter().map(|g| row(g.key.clone(), link(&g.key), g)).collect();
        let csv = format!("/api/v1/stats/applications?group_by=province&region={}&format=csv", encode(region));
        (rows, "dashboard-province", csv, totals)
    } else {
        let (groups, totals) = figures.application_stats(GroupBy::Region, &filter).await?.as_ref().clone();
        let rows =
            groups.into_iter().map(|g| row(g.key.clone(), format!("{base}?regione={}", encode(&g.key)), g)).collect();
        (rows, "dashboard-region", "/api/v1/stats/applications?group_by=region&format=csv".to_owned(), totals)
    };
    let area: Vec<&str> = [filter.region, filter.province].into_iter().flatten().collect();
    if !area.is_empty() && rows.is_empty() {
        return Ok(page.not_found());
    }
    let states = figures
        .application_stats(GroupBy::State, &filter)
        .await?
        .0
        .iter()
        .filter_map(|g| {
            let key = CallApplicationState::parse(&g.key).map(state_key)?;
            Some((key, g.applications, Cents(g.amount_decreed_cents).to_string()))
        })
        .collect();
    let mut states_csv = "/api/v1/stats/applications?group_by=state&format=csv".to_owned();
    for (name, value) in [("region", filter.region), ("province", filter.province)] {
        if let Some(v) = value {
            states_csv.push_str(&format!("&{name}={}", encode(v)));
        }
    }
    let targets = match area.is_empty() {
        true => figures
            .programme_targets()
            .await?
            .iter()
            .map(|t| (t.clone(), progress(t, totals.enti_attested.max(0) as u64, now.today)))
            .collect(),
        false => Vec::new(),
    };
    let timeline = match targets.first() {
        Some((target, _)) => Some(timeline(&*figures.progress_dates().await?, target, now.today)),
        None => None,
    };
    let sites = *figures.site_figures(&filter).await?;
    let layout = layout(&page, &area, None);
    let map = (area.is_empty() && !rows.is_empty()).then(|| {
        let values: Vec<(String, i64)> =
            rows.iter().map(|r| (r.label.clone(), r.figures.amount_decreed_cents)).collect();
        map(&values, |cents| Cents(cents).to_string(), layout.lang.t("dashboard-map_nothing"))
    });
    let south = share_permille(Cents(totals.amount_decreed_south_cents), Cents(totals.amount_decreed_cents)).map(|p| {
        let met = reserve_met(Cents(totals.amount_decreed_south_cents), Cents(totals.amount_decreed_cents));
        (format!("{},{}%", p / 10, p % 10), met)
    });
    Ok(render(&Dashboard {
        south,
        area: area.join(" · "),
        layout,
        decreed: Cents(totals.amount_decreed_cents).to_string(),
        paid: Cents(totals.amount_paid_cents).to_string(),
        totals,
        column_key,
        chart_height: rows.len().max(1) * ROW,
        bars: bars(&rows),
        rows,
        csv,
        states,
        states_csv,
        sites,
        targets,
        map,
        timeline,
    }))
}
