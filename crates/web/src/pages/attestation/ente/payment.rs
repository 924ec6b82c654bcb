//! The payment request on the hub, after a positive asseverazione: the
//! CRE (Certificato di Regolare Esecuzione) with its date, the domanda di
//! erogazione and the amount asked, sent again until paid, with the
//! programme office's formal checks of the request last sent.

use super::hub::render_hub;
use super::posted::Posted;
use super::{day, euros, hub_at};
use crate::extract::Path;
use crate::i18n::Lang;
use crate::pages::Visit;
use crate::problem::Problem;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::Permission;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_store::attestation::payments::StoredPaymentRequest;
use cloudpa_workflows::attestation::payment::{self, PaymentInput, PaymentView};
use cloudpa_workflows::programme::applications::load;
use std::collections::BTreeSet;

/// The request as the ente last sent it.
pub(super) struct SentRequest {
    pub cre_on: String,
    pub cre_file: String,
    pub request_file: String,
    pub requested: String,
    pub submitted_on: String,
}

/// One formal check of the office: its text key, and why it fails.
pub(super) struct FormalRow {
    pub code: &'static str,
    pub key: &'static str,
    pub failure: Option<String>,
}

/// The payment section of the hub.
pub(super) struct PaymentSection {
    pub sent: Option<SentRequest>,
    pub checks: Vec<FormalRow>,
    /// The ente may send (again) its request: attested, not yet paid.
    pub can_send: bool,
    /// The amount decreed, as the form proposes it (`1.234,56`).
    pub decreed: String,
    pub paid_on: Option<String>,
}

impl PaymentSection {
    pub fn of(view: PaymentView, may_manage: bool, lang: Lang) -> PaymentSection {
        let app = &view.application;
        let sent = view.request.as_ref().map(|r| SentRequest {
            cre_on: day(r.cre_on),
            cre_file: r.cre_file.clone(),
            request_file: r.request_file.clone(),
            requested: r.requested.to_string(),
            submitted_on: day(r.submitted_on),
        });
        let checks = view
            .checks
            .iter()
            .map(|c| FormalRow {
                code: c.check.code(),
                key: crate::i18n::formal_check_key(c.check),
                failure: c.failure.as_ref().map(|f| lang.text(&f.message)),
            })
            .collect();
        PaymentSection {
            sent,
            checks,
            can_send: may_manage && app.state == CallApplicationState::Attested,
            decreed: app.amount.to_string().trim_end_matches('€').trim().to_owned(),
            paid_on: app.paid_on.map(day),
        }
    }
}

/// Sends the payment request (multipart: the files `cre_file` and
/// `request_file`, `cre_on`, `requested`); a file not chosen again is the
/// one of the request last sent.
pub(crate) async fn send(
    v: Visit,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let mut posted = Posted::read(&v, &headers, multipart, &BTreeSet::new()).await?;
    let result: Result<PaymentView, Problem> = async {
        load(&v.state, &v.user, v.now, &id, Permission::ManageOwnProgramme).await?;
        let requested = match posted.text("requested") {
            "" => 0,
            text => euros(text).map_err(|rule| Problem::validation().field("requested", rule))?.0,
        };
        let previous: Option<StoredPaymentRequest> = payment::view(&v.state, &v.user, v.now, &id).await?.request;
        let stored = posted.store(&v).await?;
        let file = |field: &str, last: fn(&StoredPaymentRequest) -> &String| {
            stored.file(field).or_else(|| previous.as_ref().map(|p| last(p).clone())).unwrap_or_default()
        };
        let input = PaymentInput {
            cre_file: file("cre_file", |p| &p.cre_file),
            cre_on: Some(posted.text("cre_on").to_owned()),
            request_file: file("request_file", |p| &p.request_file),
            requested_cents: requested,
        };
        Ok(payment::submit(&v.state, &v.user, v.now, &id, input).await?)
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&hub_at(&id, "erogazione")).into_response()),
        Err(problem) => render_hub(&v, &id, Some(problem), Default::default()).await,
    }
}
