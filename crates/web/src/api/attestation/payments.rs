//! The payment request of an attested project (the ente's CRE and domanda
//! di erogazione), its formal checks, and the programme office's desk of
//! projects waiting for payment.

use super::answers::FindingBody;
use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use cloudpa_domain::attestation::payment::FormalResult;
use cloudpa_workflows::attestation::payment::{self, PaymentInput, PaymentView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PaymentRequestInput {
    /// The signed CRE: a file the ente uploaded (`POST /api/v1/files`).
    cre_file: String,
    /// The day the CRE was signed, `YYYY-MM-DD`.
    cre_on: String,
    /// The signed payment request: a file the ente uploaded.
    request_file: String,
    /// The amount asked, in euro cents: the amount decreed.
    requested_cents: i64,
}

/// The request as the ente last sent it.
#[derive(Serialize, ToSchema)]
pub(crate) struct PaymentRequestBody {
    cre_file: String,
    cre_on: NaiveDate,
    request_file: String,
    requested_cents: i64,
    submitted_on: NaiveDate,
}

/// One formal check of the programme office.
#[derive(Serialize, ToSchema)]
pub(crate) struct FormalCheckBody {
    check: String,
    /// `pass` or `fail`.
    outcome: String,
    finding: Option<FindingBody>,
}

impl From<FormalResult> for FormalCheckBody {
    fn from(r: FormalResult) -> Self {
        FormalCheckBody {
            check: r.check.code().to_owned(),
            outcome: if r.passed() { "pass" } else { "fail" }.to_owned(),
            finding: r.failure.map(FindingBody::from),
        }
    }
}

/// A project's payment: its request, if sent, and the formal checks.
#[derive(Serialize, ToSchema)]
pub(crate) struct PaymentBody {
    application_id: String,
    ente_name: String,
    state: String,
    decreed_cents: i64,
    request: Option<PaymentRequestBody>,
    checks: Vec<FormalCheckBody>,
    /// Whether the programme office may pay now.
    payable: bool,
}

impl From<PaymentView> for PaymentBody {
    fn from(v: PaymentView) -> Self {
        let payable = v.payable();
        PaymentBody {
            application_id: v.application.id,
            ente_name: v.application.ente_name,
            state: v.application.state.code().to_owned(),
            decreed_cents: v.application.amount.0,
            request: v.request.map(|r| PaymentRequestBody {
                cre_file: r.cre_file,
                cre_on: r.cre_on,
                request_file: r.request_file,
                requested_cents: r.requested.0,
                submitted_on: r.submitted_on,
            }),
            checks: v.checks.into_iter().map(FormalCheckBody::from).collect(),
            payable,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct PaymentList {
    items: Vec<PaymentBody>,
}

/// The project's payment request and its formal checks.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/payment-request", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = PaymentBody), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<PaymentBody>, Problem> {
    Ok(Json(payment::view(&state, &user, now, &id).await?.into()))
}

/// The ente sends (or sends again, until paid) its CRE and payment request.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/payment-request", tag = "attestation",
    request_body = PaymentRequestInput, params(("id" = String, Path)),
    responses((status = 200, body = PaymentBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn submit(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PaymentRequestInput>,
) -> Result<Json<PaymentBody>, Problem> {
    let input = PaymentInput {
        cre_file: body.cre_file,
        cre_on: Some(body.cre_on),
        request_file: body.request_file,
        requested_cents: body.requested_cents,
    };
    Ok(Json(payment::submit(&w.state, &w.user, w.now, &id, input).await?.into()))
}

/// The attested projects waiting for payment, with their requests' checks.
#[utoipa::path(get, path = "/api/v1/programme/payments", tag = "attestation",
    responses((status = 200, body = PaymentList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn desk(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
) -> Result<Json<PaymentList>, Problem> {
    let items = payment::desk(&state, &user, now).await?.into_iter().map(PaymentBody::from).collect();
    Ok(Json(PaymentList { items }))
}
