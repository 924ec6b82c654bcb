//! Applications of enti to calls: the ente's steps (draft, services,
//! submission, CUP, contract, migration, completion, withdrawal) and the
//! programme office's decisions (decree, refusal, asseverazione, payment).

use super::euros;
use super::guard::{ApiJson, Writer};
use crate::AppState;
use crate::auth::session::CurrentUser;
use crate::clock::today;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use crate::programme::acting_for;
use crate::programme::applications::{self as workflow, ApplicationView, ChoiceInput, Decision, EnteStep};
use crate::qualification::require;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::Permission;
use cloudpa_domain::programme::application::{ApplicationState, AttestationOutcome, Side};
use cloudpa_store::programme::applications::{CallApplication, Choice, code_of};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use utoipa::ToSchema;

fn summary(a: &CallApplication) -> Value {
    json!({
        "id": a.id,
        "ente": { "id": a.organisation_id, "name": a.ente_name },
        "call": { "id": a.call_id, "title": a.call_title },
        "state": a.state,
        "status": a.status.map(|s| s.code()),
        "class": a.class,
        "amount_eur": euros(a.amount),
        "amount_cents": a.amount.0,
        "services": a.services,
        "services_migrated": a.services_migrated,
        "submitted_at": a.submitted_at,
        "window": a.window,
        "financed_on": a.financed_on,
        "cup": a.cup,
    })
}

fn service(position: usize, c: &Choice) -> Value {
    json!({
        "position": position + 1,
        "service_code": c.service_code,
        "service_name": c.service_name,
        "ente_service_id": c.ente_service_id,
        "data_class": c.data_class,
        "origin": c.origin.code(),
        "destination": code_of(c.destination),
        "migration_type": if c.destination == cloudpa_domain::programme::scenarios::Destination::Iaas { "A" } else { "B" },
        "earlier_move": c.earlier_move,
        "improved_to": c.improved_to.map(code_of),
        "migrated_on": c.migrated_on,
    })
}

fn full(view: &ApplicationView) -> Value {
    let a = &view.app;
    let today = today();
    let mut body = summary(a);
    body["voucher"] = json!({
        "class": a.class, "fee_eur": euros(a.fee), "rehost_eur": euros(a.rehost), "upgrade_eur": euros(a.upgrade),
        "amount_eur": euros(a.amount), "amount_cents": a.amount.0,
    });
    body["services"] = Value::Array(view.choices.iter().enumerate().map(|(i, c)| service(i, c)).collect());
    body["services_count"] = json!(a.services);
    body["dates"] = json!({
        "cup_given_on": a.cup_given_on, "contract_activated_on": a.contract_activated_on, "completed_on": a.completed_on,
        "attested_on": a.attested_on, "paid_on": a.paid_on, "withdrawn_on": a.withdrawn_on,
    });
    body["motivation"] = json!(a.motivation);
    body["deadlines"] = Value::Array(
        view.deadlines
            .iter()
            .map(|d| {
                json!({ "kind": d.deadline.kind, "due_on": d.deadline.due_on, "met": d.met,
                        "overdue": d.overdue(today), "days_left": (d.deadline.due_on - today).num_days() })
            })
            .collect(),
    );
    body["cup_due"] = match view.cup_due {
        Some((due_on, days_left)) => json!({ "due_on": due_on, "days_left": days_left }),
        None => Value::Null,
    };
    body["problems"] = json!(view.problems);
    body
}

async fn answer(state: &AppState, app: CallApplication, side: Side) -> Result<Json<Value>, Problem> {
    Ok(Json(full(&workflow::view_of(state, app, side).await?)))
}

/// An ente's applications, newest first.
#[utoipa::path(get, path = "/api/v1/enti/{ente_id}/applications", tag = "applications",
    params(("ente_id" = String, Path)),
    responses((status = 200, body = Object, description = "`{items:[…]}`"), (status = 403, body = Problem)))]
pub(crate) async fn list_of_ente(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(ente_id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let acting = acting_for(&state, &user, &ente_id, Permission::ViewOwnProgramme).await?;
    let items: Vec<Value> = state.store.call_applications_of(&acting.ente_id).await?.iter().map(summary).collect();
    Ok(Json(json!({ "items": items })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OpenBody {
    /// The call's id, from `/api/v1/calls`.
    call_id: String,
}

/// Opens a draft application of the ente to a call it is admitted to.
#[utoipa::path(post, path = "/api/v1/enti/{ente_id}/applications", tag = "applications", request_body = OpenBody,
    params(("ente_id" = String, Path)),
    responses((status = 201, body = Object), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn open(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<OpenBody>,
) -> Result<Response, Problem> {
    let app = workflow::open(&state, &user, &ente_id, &body.call_id).await?;
    Ok((StatusCode::CREATED, answer(&state, app, Side::Ente).await?).into_response())
}

/// The programme office's list of applications in a state (default
/// `submitted`: the queue to decide).
#[utoipa::path(get, path = "/api/v1/call-applications", tag = "applications",
    params(("state" = Option<String>, Query, description = "submitted (default), financed, contracted, completed, …")),
    responses((status = 200, body = Object, description = "`{items:[…]}`"), (status = 400, body = Problem),
        (status = 403, body = Problem)))]
pub(crate) async fn office_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    require(&user, Permission::ViewWorklist)?;
    let wanted = match q.get("state").map(String::as_str) {
        None | Some("") => ApplicationState::Submitted,
        Some(code) => ApplicationState::parse(code)
            .filter(|s| *s != ApplicationState::Draft)
            .ok_or_else(|| Problem::validation().field("state", "must be a state other than draft"))?,
    };
    let items: Vec<Value> = state.store.call_applications_in(&[wanted]).await?.iter().map(summary).collect();
    Ok(Json(json!({ "state": wanted, "items": items })))
}

/// An application with its services, voucher breakdown, deadlines (each
/// met or not, overdue or not), the CUP countdown, and — for a draft — what
/// still keeps it from being submitted.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    Ok(Json(full(&workflow::view(&state, &user, &id).await?)))
}

/// Deletes a draft (a submitted application is withdrawn instead).
#[utoipa::path(delete, path = "/api/v1/call-applications/{id}", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn delete(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    workflow::delete_draft(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ServicesBody {
    /// `[{service_code, ente_service_id, destination: iaas|paas|saas, earlier_move?}]`
    #[schema(value_type = Vec<Object>)]
    services: Vec<ChoiceInput>,
}

/// Replaces the services of a draft. Each must be on the call's list and
/// one of the ente's classified services, moving along an admissible
/// scenario (`earlier_move` for IaaS qualificato → SaaS); the voucher is
/// recomputed. The count is checked against the class at submission.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/services", tag = "applications", request_body = ServicesBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "Not a draft: the services are frozen")))]
pub(crate) async fn save_services(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ServicesBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::save_services(&state, &user, &id, &body.services).await?;
    answer(&state, app, Side::Ente).await
}

/// Submits a draft in an open window of its call.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/submit", tag = "applications",
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn submit(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::submit(&state, &user, &id).await?;
    answer(&state, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CupBody {
    /// 15 characters (Codice Unico di Progetto).
    cup: String,
}

/// Gives the project's CUP (due within 5 days of the decree).
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/cup", tag = "applications", request_body = CupBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn cup(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CupBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::give_cup(&state, &user, &id, &body.cup).await?;
    answer(&state, app, Side::Ente).await
}

/// A step's date, YYYY-MM-DD; today when omitted.
#[derive(Deserialize, ToSchema, Default)]
pub(crate) struct DateBody {
    #[serde(default)]
    on: Option<String>,
}

async fn step(
    state: &AppState,
    user: &Writer,
    id: &str,
    step: EnteStep,
    body: &DateBody,
) -> Result<Json<Value>, Problem> {
    let app = workflow::ente_step(state, &user.0, id, step, body.on.as_deref()).await?;
    answer(state, app, Side::Ente).await
}

/// Records the activation of the supplier contract (the CUP first).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/contract", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn contract(
    State(state): State<AppState>,
    user: Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<Value>, Problem> {
    step(&state, &user, &id, EnteStep::ActivateContract, &body).await
}

/// Declares the project complete: every service migrated.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/complete", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn complete(
    State(state): State<AppState>,
    user: Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<Value>, Problem> {
    step(&state, &user, &id, EnteStep::Complete, &body).await
}

/// Renounces the application or the financing (rinuncia).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/withdraw", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    user: Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<Value>, Problem> {
    step(&state, &user, &id, EnteStep::Withdraw, &body).await
}

/// Marks a service (by position, from 1) migrated, while the contract runs.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/services/{position}/migrated", tag = "applications",
    request_body = DateBody, params(("id" = String, Path), ("position" = usize, Path)),
    responses((status = 200, body = Object), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn migrated(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path((id, position)): Path<(String, usize)>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::mark_migrated(&state, &user, &id, position, body.on.as_deref()).await?;
    answer(&state, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImprovementBody {
    /// paas or saas.
    destination: String,
}

/// Declares the improved migration of a service declared A: it moves to B
/// (PaaS or SaaS) instead; the amount decreed does not change.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/services/{position}/improvement", tag = "applications",
    request_body = ImprovementBody, params(("id" = String, Path), ("position" = usize, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn improvement(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path((id, position)): Path<(String, usize)>,
    ApiJson(body): ApiJson<ImprovementBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::improve(&state, &user, &id, position, &body.destination).await?;
    answer(&state, app, Side::Ente).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecreeBody {
    /// The decree's date (today when omitted).
    #[serde(default)]
    decree_on: Option<String>,
    /// The amount financed, in cents: the voucher asked for when omitted, never more.
    #[serde(default)]
    amount_cents: Option<i64>,
}

/// Admits and finances a submitted application by decree (programme office).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/decree", tag = "applications", request_body = DecreeBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn decree(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecreeBody>,
) -> Result<Json<Value>, Problem> {
    let decision = Decision::Decree { on: body.decree_on, amount_cents: body.amount_cents };
    let app = workflow::decide(&state, &user, &id, decision).await?;
    answer(&state, app, Side::Office).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RefusalBody {
    motivation: String,
}

/// Refuses a submitted application, with a motivation (programme office).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/refusal", tag = "applications", request_body = RefusalBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub(crate) async fn refusal(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RefusalBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::decide(&state, &user, &id, Decision::Refuse { motivation: body.motivation }).await?;
    answer(&state, app, Side::Office).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttestationBody {
    /// positive, partially_positive or negative.
    #[schema(value_type = String)]
    outcome: AttestationOutcome,
    #[serde(default)]
    attested_on: Option<String>,
}

/// Records the outcome of the asseverazione of a completed project:
/// positive (→ payment), partially positive (back to work), negative
/// (financing revoked).
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/attestation", tag = "applications",
    request_body = AttestationBody, params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub(crate) async fn attestation(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AttestationBody>,
) -> Result<Json<Value>, Problem> {
    let decision = Decision::Attestation { outcome: body.outcome, on: body.attested_on };
    let app = workflow::decide(&state, &user, &id, decision).await?;
    answer(&state, app, Side::Office).await
}

/// Records the payment of an attested project.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/payment", tag = "applications", request_body = DateBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn payment(
    State(state): State<AppState>,
    Writer(user): Writer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DateBody>,
) -> Result<Json<Value>, Problem> {
    let app = workflow::decide(&state, &user, &id, Decision::Pay { on: body.on }).await?;
    answer(&state, app, Side::Office).await
}
