//! Calls (avvisi) and the voucher quote of the Comuni 1.2 calls.

use crate::AppState;
use crate::problem::Problem;
use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::NaiveDate;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::voucher::{self, VoucherError, VoucherQuote};
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
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    status: String,
    #[schema(value_type = f64)]
    budget_eur: serde_json::Number,
    budget_cents: i64,
    /// Whether `/voucher-quote` applies (every Misura 1.2 call for Comuni).
    has_voucher_tariff: bool,
}

impl From<Call> for CallBody {
    fn from(c: Call) -> Self {
        CallBody {
            has_voucher_tariff: c.voucher_tariff().is_some(),
            target: c.targets.join(";"),
            budget_eur: euros(c.budget),
            budget_cents: c.budget.0,
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

/// A voucher with its breakdown, in euros (exact: the tariff is in whole euros)
/// and in cents.
#[derive(Serialize, ToSchema)]
pub struct VoucherQuoteBody {
    class: u8,
    #[schema(value_type = f64)]
    fee_eur: serde_json::Number,
    #[schema(value_type = f64)]
    rehost_eur: serde_json::Number,
    #[schema(value_type = f64)]
    upgrade_eur: serde_json::Number,
    #[schema(value_type = f64)]
    amount_eur: serde_json::Number,
    amount_cents: i64,
}

impl From<VoucherQuote> for VoucherQuoteBody {
    fn from(q: VoucherQuote) -> Self {
        VoucherQuoteBody {
            class: q.class,
            fee_eur: euros(q.fee),
            rehost_eur: euros(q.rehost),
            upgrade_eur: euros(q.upgrade),
            amount_eur: euros(q.amount),
            amount_cents: q.amount.0,
        }
    }
}

/// Whole euros as a JSON integer; otherwise the decimal value, which a
/// float renders exactly for any amount below 2^53 cents.
fn euros(c: Cents) -> serde_json::Number {
    match c.whole_euros() {
        Some(e) => e.into(),
        None => serde_json::Number::from_f64(c.0 as f64 / 100.0).unwrap_or_else(|| 0.into()),
    }
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
            errors.push((name, "is required"));
            None
        }
        Some(v) => v.parse::<u64>().map_err(|_| errors.push((name, "must be a whole number ≥ 0"))).ok(),
    };
    let (population, rehost, upgrade) = (number("population"), number("rehost"), number("upgrade"));
    let (Some(population), Some(rehost), Some(upgrade)) = (population, rehost, upgrade) else {
        return Err(errors.into_iter().fold(Problem::validation(), |p, (field, rule)| p.field(field, rule)));
    };
    let call =
        state.store.find_call(&call_id).await?.ok_or_else(|| Problem::not_found(format!("No call `{call_id}`.")))?;
    let code = call
        .voucher_tariff()
        .ok_or_else(|| Problem::not_found(format!("Call `{call_id}` has no lump-sum voucher tariff.")))?;
    let tariff = state.store.tariff(code).await?.ok_or_else(Problem::internal)?;
    let (rehost, upgrade) = (u32::try_from(rehost).unwrap_or(u32::MAX), u32::try_from(upgrade).unwrap_or(u32::MAX));
    match voucher::quote(&tariff, population, rehost, upgrade) {
        Ok(q) => Ok(Json(q.into())),
        Err(e @ VoucherError::ServiceCount { .. }) => Err(Problem::unprocessable(e.to_string())
            .field("rehost", "rehost + upgrade must be within the class's range")
            .field("upgrade", "rehost + upgrade must be within the class's range")),
        Err(e @ VoucherError::Overflow) => Err(Problem::unprocessable(e.to_string())),
    }
}

/// The list of services a call finances, as in force: the newest loaded
/// version, or — for the Avviso 1.2 Comuni calls until the official list is
/// loaded — the shipped list marked `"provisional": true` ("elenco
/// provvisorio").
#[utoipa::path(get, path = "/api/v1/calls/{call_id}/services", tag = "programme",
    params(("call_id" = String, Path)),
    responses((status = 200, body = Object, description = "`{call_id, version, provisional, source, services:[{code, name}]}`"),
        (status = 404, body = Problem)))]
pub(crate) async fn services(
    State(state): State<AppState>,
    Path(call_id): Path<String>,
) -> Result<Json<cloudpa_store::programme::services::ServiceList>, Problem> {
    state
        .store
        .call_service_list(&call_id)
        .await?
        .map(Json)
        .ok_or_else(|| Problem::not_found(format!("Call `{call_id}` has no list of services.")))
}
