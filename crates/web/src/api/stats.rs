//! The programme's figures: financed applications grouped by region,
//! province, population class or status — the numbers behind the dashboards.

use super::euros;
use crate::AppState;
use crate::documents::tables;
use crate::extract::Query;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::reserve::{reserve_met, share_permille};
use cloudpa_domain::programme::targets::progress;
use cloudpa_store::programme::stats::{Figures, GroupBy, StatsFilter};
use serde_json::{Value, json};
use std::collections::HashMap;

fn eur(cents: i64) -> Value {
    Value::Number(euros(Cents(cents)))
}

/// The filter the query string asks for; a parameter outside `PARAMETERS`
/// and `also` is an error, so a typo does not silently widen the figures.
fn read_filter<'q>(q: &'q HashMap<String, String>, also: &[&str]) -> Result<StatsFilter<'q>, Problem> {
    const PARAMETERS: [&str; 4] = ["call", "kind", "region", "province"];
    if let Some(unknown) = q.keys().find(|k| !PARAMETERS.contains(&k.as_str()) && !also.contains(&k.as_str())) {
        return Err(Problem::validation().field(unknown.clone(), "is not a parameter of this resource"));
    }
    let text = |key: &str| q.get(key).map(String::as_str).filter(|c| !c.is_empty());
    let kind = match text("kind") {
        None => None,
        Some(code) => Some(
            EnteKind::parse(code)
                .ok_or_else(|| Problem::validation().field("kind", "must be comune, scuola or altro_ente"))?,
        ),
    };
    Ok(StatsFilter { call: text("call"), kind, region: text("region"), province: text("province") })
}

/// The Mezzogiorno's share of the amount decreed, in percent with one decimal.
fn south_share(f: &Figures) -> Value {
    match share_permille(Cents(f.amount_decreed_south_cents), Cents(f.amount_decreed_cents)) {
        Some(permille) => serde_json::Number::from_f64(permille as f64 / 10.0).map_or(Value::Null, Value::Number),
        None => Value::Null,
    }
}

fn figures(f: &Figures) -> Value {
    json!({
        "key": f.key,
        "applications": f.applications,
        "enti": f.enti,
        "amount_eur": eur(f.amount_cents),
        "amount_decreed_eur": eur(f.amount_decreed_cents),
        "amount_paid_eur": eur(f.amount_paid_cents),
        "amount_cents": f.amount_cents,
        "amount_decreed_cents": f.amount_decreed_cents,
        "amount_paid_cents": f.amount_paid_cents,
        "withdrawn": f.withdrawn,
        "paid": f.paid,
        "amount_decreed_south_eur": eur(f.amount_decreed_south_cents),
        "amount_decreed_south_cents": f.amount_decreed_south_cents,
        "south_share_percent": south_share(f),
        "south_reserve_met": reserve_met(Cents(f.amount_decreed_south_cents), Cents(f.amount_decreed_cents)),
        "attested": f.attested,
        "enti_attested": f.enti_attested,
        "services": f.services,
        "services_migrated": f.services_migrated,
    })
}

/// Financed applications grouped by `region`, `province`, `class` (the
/// population class of a Comune) or `status` (A assegnato, R rinuncia, E
/// erogato); without filters every application of every kind of ente counts.
/// `amount_decreed` excludes withdrawn applications; `amount_paid` is status E;
/// `amount_decreed_south` is the Mezzogiorno's part, tracked against the 40%
/// reserve of the PNRR (D.L. 77/2021 art. 2 c. 6-bis): `south_reserve_met`.
#[utoipa::path(get, path = "/api/v1/stats/applications", tag = "programme",
    params(
        ("group_by" = Option<String>, Query, description = "region (default), province, class, status (A/R/E), state"),
        ("call" = Option<String>, Query, description = "The call's title, as in the open data"),
        ("kind" = Option<String>, Query, description = "comune, scuola, altro_ente"),
        ("region" = Option<String>, Query, description = "A region's name, e.g. Liguria"),
        ("province" = Option<String>, Query, description = "A province's name, e.g. Genova"),
        ("format" = Option<String>, Query, description = "json (default) or csv"),
    ),
    responses((status = 200, body = Object, description = "`{groups:[{key, applications, enti, amount_eur, amount_decreed_eur, amount_paid_eur, …}], totals}`"),
        (status = 400, body = Problem)))]
pub(crate) async fn applications(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let filter = read_filter(&q, &["group_by", "format"])?;
    let group_by = match q.get("group_by").map(String::as_str) {
        None | Some("") => GroupBy::Region,
        Some(code) => GroupBy::parse(code).ok_or_else(|| {
            Problem::validation().field("group_by", "must be region, province, class, status or state")
        })?,
    };
    let figures_of = state.application_stats(group_by, &filter).await?;
    let (groups, totals) = (&figures_of.0, &figures_of.1);
    match q.get("format").map(String::as_str) {
        None | Some("json") => {}
        Some("csv") => return csv(group_by, groups, totals),
        Some(_) => return Err(Problem::validation().field("format", "must be json or csv")),
    }
    Ok(Json(json!({
        "group_by": group_by.code(),
        "call": filter.call,
        "kind": filter.kind.map(|k| k.code()),
        "region": filter.region,
        "province": filter.province,
        "groups": groups.iter().map(figures).collect::<Vec<_>>(),
        "totals": figures(totals),
    }))
    .into_response())
}

/// The PNRR targets of Misura 1.2 and the progress towards each: enti with a
/// positive asseverazione (attested or paid projects, counted once per ente).
#[utoipa::path(get, path = "/api/v1/stats/targets", tag = "programme",
    responses((status = 200, body = Object, description = "`{as_of, items:[{code, description, value, due_on, source, confirmed, achieved, permille, reached, days_left}]}`")))]
pub(crate) async fn targets(State(state): State<AppState>) -> Result<Json<Value>, Problem> {
    let totals = state.application_stats(GroupBy::Status, &StatsFilter::default()).await?.1.enti_attested;
    let as_of = crate::clock::today();
    let items: Vec<Value> = state
        .programme_targets()
        .await?
        .iter()
        .map(|t| {
            let p = progress(t, totals.max(0) as u64, as_of);
            json!({ "code": t.code, "description": t.description, "value": t.value, "due_on": t.due_on,
                    "source": t.source, "confirmed": t.confirmed, "achieved": p.achieved, "permille": p.permille,
                    "reached": p.reached, "days_left": p.days_left })
        })
        .collect();
    Ok(Json(json!({ "as_of": as_of, "items": items })))
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
    let disposition = format!("attachment; filename=\"candidature-per-{}.csv\"", group_by.code());
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        body,
    )
        .into_response())
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
        (tables::csv(&header, &rows).map_err(failed)?, "text/csv; charset=utf-8", "csv")
    };
    let disposition = format!("attachment; filename=\"candidature.{extension}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

/// The applications (imported open data, and those submitted on cloudpa) as
/// CSV, one row each with its ente; filters as for the stats.
#[utoipa::path(get, path = "/api/v1/programme/applications.csv", tag = "programme",
    params(
        ("call" = Option<String>, Query), ("kind" = Option<String>, Query),
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
        ("call" = Option<String>, Query), ("kind" = Option<String>, Query),
        ("region" = Option<String>, Query), ("province" = Option<String>, Query),
    ),
    responses((status = 200), (status = 400, body = Problem)))]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    export(&state, &q, true).await
}
