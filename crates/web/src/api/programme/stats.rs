//! The programme's figures: financed applications grouped by region,
//! province, population class or status — the numbers behind the dashboards.

use crate::AppState;
use crate::api::programme::stats_answers::{ApplicationStats, ProgrammeTargets};
use crate::api::{CSV, attachment};
use crate::clock::Clock;
use crate::extract::Query;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use cloudpa_documents::tables;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::open_data_format;
use cloudpa_store::programme::stats::{Figures, GroupBy, StatsFilter};
use std::collections::HashMap;

/// The filter the query string asks for; a parameter outside `PARAMETERS`
/// and `also` is an error, so a typo does not silently widen the figures.
fn read_filter<'q>(q: &'q HashMap<String, String>, also: &[&str]) -> Result<StatsFilter<'q>, Problem> {
    const PARAMETERS: [&str; 4] = ["call", "kind", "region", "province"];
    if let Some(unknown) = q.keys().find(|k| !PARAMETERS.contains(&k.as_str()) && !also.contains(&k.as_str())) {
        return Err(Problem::validation().field(unknown.clone(), Message::new("prog-unknown-parameter")));
    }
    let text = |key: &str| q.get(key).map(String::as_str).filter(|c| !c.is_empty());
    let kind = match text("kind") {
        None => None,
        Some(code) => Some(
            EnteKind::parse(code).ok_or_else(|| Problem::validation().field("kind", Message::new("prog-ente-kind")))?,
        ),
    };
    Ok(StatsFilter { call: text("call"), kind, region: text("region"), province: text("province") })
}

/// Financed applications grouped by `region`, `province`, `class` (the
/// population class of a Comune) or `status` (A assegnato, R rinuncia, E
/// erogato); without filters every application of every kind of ente counts.
/// `amount_decreed` excludes withdrawn applications; `amount_paid` is status E;
/// `amount_decreed_south` is the Mezzogiorno's part, tracked against the 40%
/// reserve of the PNRR (D.L. 77/2021 art. 2 c. 6-bis): `south_reserve_met`.
#[utoipa::path(get, path = "/api/v1/stats/applications", tag = "programme",
    params(
        ("group_by" = Option<String>, Query, description = "region (default), province, class, status (A/R/E), state",
            pattern = "^(|region|province|class|status|state)$"),
        ("call" = Option<String>, Query, description = "The call's title, as in the open data"),
        ("kind" = Option<String>, Query, description = "comune, scuola, altro_ente", pattern = "^(|comune|scuola|altro_ente)$"),
        ("region" = Option<String>, Query, description = "A region's name, e.g. Liguria"),
        ("province" = Option<String>, Query, description = "A province's name, e.g. Genova"),
        ("format" = Option<String>, Query, description = "json (default) or csv", pattern = "^(json|csv)$"),
    ),
    responses((status = 200, description = "The figures, as JSON or (`format=csv`) as CSV",
            content((ApplicationStats = "application/json"), ("text/csv"))),
        (status = 400, body = Problem)))]
pub(crate) async fn applications(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let filter = read_filter(&q, &["group_by", "format"])?;
    let group_by = match q.get("group_by").map(String::as_str) {
        None | Some("") => GroupBy::Region,
        Some(code) => GroupBy::parse(code)
            .ok_or_else(|| Problem::validation().field("group_by", Message::new("prog-group-by")))?,
    };
    let figures_of = state.figures().await?.application_stats(group_by, &filter).await?;
    let (groups, totals) = (&figures_of.0, &figures_of.1);
    match q.get("format").map(String::as_str) {
        None | Some("json") => {}
        Some("csv") => return csv(group_by, groups, totals),
        Some(_) => return Err(Problem::validation().field("format", Message::new("prog-format"))),
    }
    Ok(Json(ApplicationStats::of(group_by, &filter, groups, totals)).into_response())
}

/// The PNRR targets of Misura 1.2 and the progress towards each: enti with a
/// positive asseverazione (attested or paid projects, counted once per ente).
#[utoipa::path(get, path = "/api/v1/stats/targets", tag = "programme",
    responses((status = 200, body = ProgrammeTargets)))]
pub(crate) async fn targets(
    State(state): State<AppState>,
    Clock(now): Clock,
) -> Result<Json<ProgrammeTargets>, Problem> {
    let figures = state.figures().await?;
    let totals = figures.application_stats(GroupBy::Status, &StatsFilter::default()).await?.1.enti_attested;
    let targets = figures.programme_targets().await?;
    Ok(Json(ProgrammeTargets::of(now.today, &targets, totals.max(0) as u64)))
}

/// Euros with two decimals, exact (`4566860.00`).
fn decimal(cents: i64) -> String {
    format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, (cents / 100).abs(), (cents % 100).abs())
}

/// The same figures as CSV (RFC 4180), a row per group and a last `total` row.
fn csv(group_by: GroupBy, groups: &[Figures], totals: &Figures) -> Result<Response, Problem> {
    let header = [
        group_by.code(),
        "applications",
        "enti",
        "amount_eur",
        "amount_decreed_eur",
        "amount_paid_eur",
        "withdrawn",
        "paid",
        "attested",
        "enti_attested",
        "services",
        "services_migrated",
    ];
    let rows: Vec<Vec<String>> = groups
        .iter()
        .chain([totals])
        .map(|f| {
            vec![
                f.key.clone(),
                f.applications.to_string(),
                f.enti.to_string(),
                decimal(f.amount_cents),
                decimal(f.amount_decreed_cents),
                decimal(f.amount_paid_cents),
                f.withdrawn.to_string(),
                f.paid.to_string(),
                f.attested.to_string(),
                f.enti_attested.to_string(),
                f.services.to_string(),
                f.services_migrated.to_string(),
            ]
        })
        .collect();
    let body = tables::csv(&header, &rows).map_err(|_| Problem::internal())?;
    Ok(attachment(CSV, &format!("candidature-per-{}.csv", group_by.code()), body))
}

/// The applications the parameters select, a row each with its ente.
async fn export(state: &AppState, q: &HashMap<String, String>, xlsx: bool) -> Result<Response, Problem> {
    let filter = read_filter(q, &[])?;
    let rows: Vec<Vec<String>> = state
        .store
        .financed_applications(&filter)
        .await?
        .into_iter()
        .map(|(e, a)| {
            vec![
                e.ipa_code,
                e.name,
                e.kind,
                e.municipality,
                e.province,
                e.region,
                a.call,
                a.status.unwrap_or_default(),
                a.state,
                decimal(a.amount_cents),
                a.financed_on.unwrap_or_default(),
                a.cup.unwrap_or_default(),
                a.window.map(|w| w.to_string()).unwrap_or_default(),
                a.submitted_at.unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "codice_ipa",
        "ente",
        "tipologia",
        "comune",
        "provincia",
        "regione",
        "avviso",
        "stato_candidatura",
        "stato_progetto",
        "importo_eur",
        "data_finanziamento",
        "codice_cup",
        "numero_finestra_temporale",
        "data_invio_candidatura",
    ];
    let failed = |e: String| {
        tracing::error!(error = %e, "applications export failed");
        Problem::internal()
    };
    let (body, content_type, extension) = if xlsx {
        (tables::xlsx("Candidature", &header, &rows, &[]).map_err(failed)?, tables::XLSX, "xlsx")
    } else {
        (tables::csv(&header, &rows).map_err(failed)?, CSV, "csv")
    };
    Ok(attachment(content_type, &format!("candidature.{extension}"), body))
}

/// The applications (imported open data, and those submitted on cloudpa) as
/// CSV, one row each with its ente; filters as for the stats.
#[utoipa::path(get, path = "/api/v1/programme/applications.csv", tag = "programme",
    params(
        ("call" = Option<String>, Query), ("kind" = Option<String>, Query, pattern = "^(|comune|scuola|altro_ente)$"),
        ("region" = Option<String>, Query), ("province" = Option<String>, Query),
    ),
    responses((status = 200, content_type = "text/csv"), (status = 400, body = Problem)))]
pub(crate) async fn export_csv(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    export(&state, &q, false).await
}

/// The same as XLSX.
#[utoipa::path(get, path = "/api/v1/programme/applications.xlsx", tag = "programme",
    params(
        ("call" = Option<String>, Query), ("kind" = Option<String>, Query, pattern = "^(|comune|scuola|altro_ente)$"),
        ("region" = Option<String>, Query), ("province" = Option<String>, Query),
    ),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = Problem)))]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    export(&state, &q, true).await
}

/// The financed applications in the PA digitale 2026 open-data format (the
/// published file's columns, order, codes, numbers and dates), which
/// `cloudpa import applications` reads back as the same records.
#[utoipa::path(get, path = "/api/v1/programme/open-data/candidature_finanziate.csv", tag = "programme",
    responses((status = 200, content_type = "text/csv")))]
pub(crate) async fn open_data_csv(State(state): State<AppState>) -> Result<Response, Problem> {
    let rows = state.store.open_data_rows().await?;
    let body = tables::csv(&open_data_format::COLUMNS, &rows).map_err(|e| {
        tracing::error!(error = %e, "open-data export failed");
        Problem::internal()
    })?;
    Ok(attachment(CSV, "candidature_finanziate.csv", body))
}

/// The projects of Misura 1.2 per region in the format of PA digitale
/// 2026's KPI file `numero_progetti_regione_1_2` (semicolon-separated,
/// every region, by name): the applications the dashboards count.
#[utoipa::path(get, path = "/api/v1/programme/open-data/numero_progetti_regione_1_2.csv", tag = "programme",
    responses((status = 200, content_type = "text/csv")))]
pub(crate) async fn projects_by_region_csv(State(state): State<AppState>) -> Result<Response, Problem> {
    let figures = state.figures().await?;
    let (groups, _) = figures.application_stats(GroupBy::Region, &StatsFilter::default()).await?.as_ref().clone();
    let mut body = String::from("regione;numero progetti\n");
    for region in state.store.regions().await? {
        let count = groups.iter().find(|g| g.key == region).map_or(0, |g| g.applications);
        body.push_str(&format!("{region};{count}\n"));
    }
    Ok(attachment(CSV, "padigitale2026_dataviz_pa_2026_od_numero_progetti_regione_1_2.csv", body))
}
