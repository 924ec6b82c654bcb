//! A project's supplier contracts.

use super::answers::{ContractBody, ContractList};
use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_domain::money::Cents;
use cloudpa_store::attestation::contracts::ContractFields;
use cloudpa_workflows::attestation::contracts;
use serde::Deserialize;
use utoipa::ToSchema;

/// The contracts of a project, oldest first: the ente's side or the
/// programme office.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/contracts", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = ContractList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ContractList>, Problem> {
    Ok(Json(ContractList::of(contracts::list(&state, &user, now, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewContractBody {
    /// A supplier of `/api/v1/suppliers`.
    supplier_id: String,
    signed_on: NaiveDate,
    object: String,
    amount_cents: i64,
    /// The signed contract: a file the ente uploaded.
    document: String,
    /// The DNSH self-declaration: a file the ente uploaded.
    #[serde(default)]
    dnsh: Option<String>,
    /// The atto ricognitivo, needed for a contract signed before the decree.
    #[serde(default)]
    recognition: Option<String>,
}

/// Records a supplier contract of the project.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/contracts", tag = "attestation", request_body = NewContractBody,
    params(("id" = String, Path)),
    responses((status = 201, body = ContractBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn add(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewContractBody>,
) -> Result<(StatusCode, Json<ContractBody>), Problem> {
    let input = ContractFields {
        supplier_id: body.supplier_id,
        signed_on: body.signed_on,
        object: body.object,
        amount: Cents(body.amount_cents),
        document: body.document,
        dnsh: body.dnsh,
        recognition: body.recognition,
    };
    let contract = contracts::add(&w.state, &w.user, w.now, &id, input).await?;
    Ok((StatusCode::CREATED, Json(contract.into())))
}
