//! Calls (avvisi) and the voucher quote of the Comuni 1.2 calls.

use crate::AppState;
use crate::api::etag::IfMatch;
use crate::api::euros;
use crate::api::guard::{ApiJson, Write};
use crate::api::programme::call_answers::{CallServiceList, CallSettingsVersion, CallVersions};
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::call::CallFields;
use cloudpa_domain::programme::settings::CallSettings;
use cloudpa_domain::programme::voucher::{self, VoucherError};
use cloudpa_workflows::programme::calls;
use cloudpa_workflows::programme::deadlines::settings_of;
use cloudpa_workflows::programme::voucher_quote::VoucherQuoteBody;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(crate) struct CallList {
    items: Vec<CallBody>,
}

/// A call of the PA digitale 2026 programme.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallBody {
    id: String,
    title: String,
    measure: String,
    /// The kinds of ente the call is for, `;`-joined as in the open data.
    target: String,
    targets: Vec<String>,
    /// `null` when the open data publishes a date that cannot be read (a
    /// data-quality finding of the call, on `/qualita-dati`).
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    status: String,
    /// `null` when the open data publishes an amount that cannot be read.
    #[schema(value_type = Option<f64>)]
    budget_eur: Option<serde_json::Number>,
    budget_cents: Option<i64>,
    /// Whether `/voucher-quote` applies (every Misura 1.2 call for Comuni).
    has_voucher_tariff: bool,
}

impl From<Call> for CallBody {
    fn from(c: Call) -> Self {
        CallBody {
            has_voucher_tariff: c.voucher_tariff().is_some(),
            target: c.targets.join(";"),
            budget_eur: c.budget.map(euros),
            budget_cents: c.budget.map(|b| b.0),
            id: c.id,
            title: c.title,
            measure: c.measure,
            targets: c.targets,
            opens_on: c.opens_on,
            closes_on: c.closes_on,
            status: c.status,
        }
    }
}

/// The call `call_id`, or the problem that there is none.
async fn find(state: &AppState, call_id: &str) -> Result<Call, Problem> {
    state
        .store
        .find_call(call_id)
        .await?
        .ok_or_else(|| Problem::not_found(Message::new("prog-no-call").arg("id", call_id)))
}

/// Every call, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/calls",
    tag = "programme",
    responses((status = 200, description = "The calls", body = CallList))
)]
pub(crate) async fn list(State(state): State<AppState>) -> Result<Json<CallList>, Problem> {
    let items = state.store.list_calls().await?.into_iter().map(CallBody::from).collect();
    Ok(Json(CallList { items }))
}

/// Creates a call (the programme office's administrators); its id is the
/// slug of its title. Versioned and audited.
#[utoipa::path(post, path = "/api/v1/calls", tag = "programme",
    request_body(content = Object, description = "`{title, measure, opens_on, closes_on, status: APERTO|TERMINATO, budget_cents, measure_budget_cents, targets:[…]}`"),
    responses((status = 201, body = CallBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn create(
    Write { state, now, user }: Write,
    ApiJson(fields): ApiJson<CallFields>,
) -> Result<(StatusCode, Json<CallBody>), Problem> {
    let call = calls::create(&state, &user, now, fields).await?;
    Ok((StatusCode::CREATED, Json(call.into())))
}

/// Edits a call's fields (a new version; the title must keep the call's id).
/// Sent with `If-Match` (the `version` of `/versions` it was made to, `"0"`
/// for a call never edited since its import), it is refused with 409 when
/// another change came first.
#[utoipa::path(put, path = "/api/v1/calls/{call_id}", tag = "programme",
    params(("call_id" = String, Path),
        ("If-Match" = Option<IfMatch>, Header, description = "the call's version the change is made to, e.g. \"2\"")),
    request_body(content = Object, description = "The same fields as for creation"),
    responses((status = 200, body = CallBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn update(
    Write { state, now, user }: Write,
    Path(call_id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(fields): ApiJson<CallFields>,
) -> Result<Json<CallBody>, Problem> {
    Ok(Json(calls::update(&state, &user, now, &call_id, fields, expected).await?.into()))
}

/// The versions of a call written by the programme office, oldest first.
#[utoipa::path(get, path = "/api/v1/calls/{call_id}/versions", tag = "programme", params(("call_id" = String, Path)),
    responses((status = 200, body = CallVersions), (status = 404, body = Problem)))]
pub(crate) async fn versions(
    State(state): State<AppState>,
    Path(call_id): Path<String>,
) -> Result<Json<CallVersions>, Problem> {
    find(&state, &call_id).await?;
    let versions = state.store.call_versions(&call_id).await?;
    Ok(Json(CallVersions::of(call_id, versions)))
}

/// The lump-sum voucher of a municipality for a Comuni 1.2 call.
#[utoipa::path(
    get,
    path = "/api/v1/calls/{call_id}/voucher-quote",
    tag = "programme",
    params(
        ("call_id" = String, Path, description = "The call's id, from `/api/v1/calls`"),
        ("population" = u64, Query, description = "Resident population of the municipality"),
        ("rehost" = u32, Query, description = "Services migrated with type A (rehost to qualified IaaS)"),
        ("upgrade" = u32, Query, description = "Services migrated with type B (upgrade to qualified PaaS or SaaS)"),
    ),
    responses(
        (status = 200, description = "The voucher", body = VoucherQuoteBody),
        (status = 400, description = "A parameter is missing or not a whole number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call, or the call has no lump-sum tariff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The number of services is outside the class's range", body = Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn voucher_quote(
    State(state): State<AppState>,
    Path(call_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<VoucherQuoteBody>, Problem> {
    let mut errors = Vec::new();
    let mut number = |name: &'static str| match params.get(name).map(|v| v.trim()) {
        None | Some("") => {
            errors.push((name, Message::new("error-required")));
            None
        }
        Some(v) => v.parse::<u64>().map_err(|_| errors.push((name, Message::new("error-whole-number")))).ok(),
    };
    let (population, rehost, upgrade) = (number("population"), number("rehost"), number("upgrade"));
    let (Some(population), Some(rehost), Some(upgrade)) = (population, rehost, upgrade) else {
        return Err(errors.into_iter().fold(Problem::validation(), |p, (field, rule)| p.field(field, rule)));
    };
    let call = find(&state, &call_id).await?;
    let code = call
        .voucher_tariff()
        .ok_or_else(|| Problem::not_found(Message::new("prog-call-no-tariff").arg("id", call_id)))?;
    let tariff = state.store.tariff(code).await?.ok_or_else(Problem::internal)?;
    let (rehost, upgrade) = (u32::try_from(rehost).unwrap_or(u32::MAX), u32::try_from(upgrade).unwrap_or(u32::MAX));
    match voucher::quote(&tariff, population, rehost, upgrade) {
        Ok(q) => Ok(Json(q.into())),
        Err(e @ VoucherError::ServiceCount { .. }) => Err(Problem::unprocessable(e.message())
            .field("rehost", Message::new("prog-quote-range"))
            .field("upgrade", Message::new("prog-quote-range"))),
        Err(e @ VoucherError::Overflow) => Err(Problem::unprocessable(e.message())),
    }
}

/// The list of services a call finances, as in force: the newest loaded
/// version, or — for the Avviso 1.2 Comuni calls until the official list is
/// loaded — the shipped list marked `"provisional": true` ("elenco
/// provvisorio").
#[utoipa::path(get, path = "/api/v1/calls/{call_id}/services", tag = "programme",
    params(("call_id" = String, Path)),
    responses((status = 200, body = CallServiceList), (status = 404, body = Problem)))]
pub(crate) async fn services(
    State(state): State<AppState>,
    Path(call_id): Path<String>,
) -> Result<Json<CallServiceList>, Problem> {
    state
        .store
        .call_service_list(&call_id)
        .await?
        .map(|list| Json(list.into()))
        .ok_or_else(|| Problem::not_found(Message::new("prog-call-no-list").arg("id", call_id)))
}

/// The largest list of services accepted (a list has at most 500 short lines),
/// by the API and by the office's page alike.
pub(crate) const MAX_LIST_BYTES: usize = 256 * 1024;

/// Loads a new version of a call's list of services from a CSV body
/// (`Content-Type: text/csv`, header `codice,servizio`), replacing the
/// provisional one; the programme office's administrators. A list is taken
/// whole: the first bad line refuses it, naming the line and the rule.
#[utoipa::path(put, path = "/api/v1/calls/{call_id}/services", tag = "programme",
    params(("call_id" = String, Path)),
    request_body(content = String, content_type = "text/csv", description = "`codice,servizio` then one service a line"),
    responses((status = 200, body = CallServiceList), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub(crate) async fn load_services(
    Write { state, now, user }: Write,
    Path(call_id): Path<String>,
    request: axum::extract::Request,
) -> Result<Json<CallServiceList>, Problem> {
    let bytes = crate::upload::csv_body(request, MAX_LIST_BYTES, "256 KiB").await?;
    Ok(Json(calls::load_services(&state, &user, now, &call_id, &bytes, "API").await?.into()))
}

/// A call's settings: its windows (both days included) and, per range of
/// population classes, the months to sign the contract after the financing
/// decree and to complete after the contract's activation. Version 0 is the
/// defaults (one window, the call's dates; 6 and 15 months).
#[utoipa::path(get, path = "/api/v1/calls/{call_id}/settings", tag = "programme",
    params(("call_id" = String, Path)),
    responses((status = 200, body = CallSettingsVersion), (status = 404, body = Problem)))]
pub(crate) async fn settings(
    State(state): State<AppState>,
    Path(call_id): Path<String>,
) -> Result<Json<CallSettingsVersion>, Problem> {
    let call = find(&state, &call_id).await?;
    let (version, settings) = settings_of(&state.store, &call).await?;
    Ok(Json(CallSettingsVersion::of(call_id, version, settings)))
}

/// Saves a new version of a call's settings (the programme office's
/// administrators). Windows must be in order and not overlap; every class
/// must be covered by exactly one range, with terms of 1–60 months.
#[utoipa::path(put, path = "/api/v1/calls/{call_id}/settings", tag = "programme",
    params(("call_id" = String, Path)),
    request_body(content = Object, description = "`{windows:[{opens_on, closes_on}], deadlines:[{from_class, to_class, contract_months, completion_months}]}`"),
    responses((status = 200, body = CallSettingsVersion), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn save_settings(
    Write { state, now, user }: Write,
    Path(call_id): Path<String>,
    ApiJson(settings): ApiJson<CallSettings>,
) -> Result<Json<CallSettingsVersion>, Problem> {
    let version = calls::save_settings(&state, &user, now, &call_id, &settings).await?;
    Ok(Json(CallSettingsVersion::of(call_id, version, settings)))
}

/// Every call in the PA digitale 2026 calls file's format (its columns,
/// order, quoting, dates and amounts), which `cloudpa import calls` reads
/// back as the same calls.
#[utoipa::path(get, path = "/api/v1/calls/export.csv", tag = "programme",
    responses((status = 200, content_type = "text/csv")))]
pub(crate) async fn export_csv(State(state): State<AppState>) -> Result<axum::response::Response, Problem> {
    let rows: Vec<[String; 8]> = state.store.list_calls().await?.iter().map(Call::published).collect();
    let body = cloudpa_documents::tables::csv_published(&cloudpa_domain::programme::call::COLUMNS, &rows)
        .map_err(|_| Problem::internal())?;
    Ok(crate::api::attachment(crate::api::CSV, "padigitale2026_avvisi.csv", body))
}
