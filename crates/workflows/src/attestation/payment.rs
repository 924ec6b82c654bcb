//! The payment of a positively attested project: the ente sends its CRE and
//! payment request (again, until paid); both sides see the programme
//! office's formal checks; the office pays only when every one passes.

use super::foreign_files;
use crate::programme::applications::load;
use crate::programme::date_field;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::payment::{FormalResult, PaymentRequest, ProjectForPayment, formal_checks};
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{CallApplicationState, Side};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::payments::StoredPaymentRequest;
use cloudpa_store::programme::applications::CallApplication;

/// What the ente sends.
#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    pub cre_file: String,
    pub cre_on: Option<String>,
    pub request_file: String,
    pub requested_cents: i64,
}

/// A project's payment as the ente and the office see it.
pub struct PaymentView {
    pub application: CallApplication,
    pub request: Option<StoredPaymentRequest>,
    /// The formal checks of the request as of today; none without one.
    pub checks: Vec<FormalResult>,
}

impl PaymentView {
    /// Whether the office may pay: a request whose every check passes.
    pub fn payable(&self) -> bool {
        self.application.state == CallApplicationState::Attested
            && self.request.is_some()
            && self.checks.iter().all(FormalResult::passed)
    }
}

fn checks_of(app: &CallApplication, request: &StoredPaymentRequest, now: Now) -> Vec<FormalResult> {
    let domain = PaymentRequest {
        cre_file: Some(request.cre_file.clone()),
        cre_on: request.cre_on,
        request_file: Some(request.request_file.clone()),
        requested: request.requested,
    };
    let project = ProjectForPayment {
        decreed: app.amount,
        cup: app.cup.as_deref(),
        completed_on: app.completed_on,
        attested_on: app.attested_on,
    };
    formal_checks(&domain, &project, now.today)
}

async fn view_of(ctx: &Context, now: Now, app: CallApplication) -> Result<PaymentView, Error> {
    let request = ctx.store.payment_request(&app.id).await?;
    let checks = request.as_ref().map(|r| checks_of(&app, r, now)).unwrap_or_default();
    Ok(PaymentView { application: app, request, checks })
}

/// The payment of project `id`, for its ente (or aggregator) and the office.
pub async fn view(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<PaymentView, Error> {
    let (app, _) = load(ctx, user, now, id, Permission::ViewOwnProgramme).await?;
    view_of(ctx, now, app).await
}

/// The ente sends (or sends again) its request; the project must be
/// attested and the documents its own uploads.
pub async fn submit(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    input: PaymentInput,
) -> Result<PaymentView, Error> {
    let (app, side) = load(ctx, user, now, id, Permission::ManageOwnProgramme).await?;
    if side != Side::Ente {
        return Err(Error::forbidden(Message::new("att-payment-ente-only")));
    }
    if app.state != CallApplicationState::Attested {
        return Err(Error::conflict(Message::new("att-payment-needs-attestation").arg("state", app.state.code())));
    }
    let mut problem = Error::validation();
    let mut invalid = false;
    for (field, value) in [("cre_file", &input.cre_file), ("request_file", &input.request_file)] {
        if value.trim().is_empty() {
            problem = problem.field(field, Message::new("att-payment-document-required"));
            invalid = true;
        }
    }
    if input.requested_cents <= 0 {
        problem = problem.field("requested_cents", Message::new("att-payment-amount-positive"));
        invalid = true;
    }
    let cre_on = match input.cre_on.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => {
            invalid = true;
            problem = problem.field("cre_on", Message::new("att-payment-cre-date-required"));
            None
        }
        Some(text) => Some(date_field("cre_on", Some(text), now.today)?),
    };
    if invalid {
        return Err(problem);
    }
    let files =
        vec![("cre_file".to_owned(), input.cre_file.clone()), ("request_file".to_owned(), input.request_file.clone())];
    let foreign = foreign_files(ctx, &app.organisation_id, user, files).await?;
    if !foreign.is_empty() {
        return Err(foreign.into_iter().fold(Error::validation(), |p, (field, rule)| p.field(field, rule)));
    }
    let request = StoredPaymentRequest {
        application_id: app.id.clone(),
        cre_file: input.cre_file.trim().to_owned(),
        cre_on: cre_on.ok_or_else(Error::internal)?,
        request_file: input.request_file.trim().to_owned(),
        requested: Cents(input.requested_cents),
        submitted_on: now.today,
        submitted_by: user.user.id.clone(),
    };
    ctx.store.save_payment_request(&user.actor(), &request, now.ms).await?;
    view_of(ctx, now, app).await
}

/// Why the office may not pay `app` on `paid_on`, if it may not: no
/// request, a formal check failing, or a payment dated before the request.
pub(crate) async fn refusal(
    ctx: &Context,
    now: Now,
    app: &CallApplication,
    paid_on: chrono::NaiveDate,
) -> Result<Option<Error>, Error> {
    let Some(request) = ctx.store.payment_request(&app.id).await? else {
        return Ok(Some(Error::conflict(Message::new("att-payment-not-sent"))));
    };
    let failing: Vec<FormalResult> = checks_of(app, &request, now).into_iter().filter(|r| !r.passed()).collect();
    if !failing.is_empty() {
        let problem = Error::unprocessable(Message::new("att-payment-checks-failed"));
        return Ok(Some(
            failing.into_iter().filter_map(|r| r.failure).fold(problem, |p, f| p.field(f.field, f.message)),
        ));
    }
    if paid_on < request.submitted_on {
        return Ok(Some(Error::validation().field(
            "paid_on",
            Message::new("att-payment-paid-before-request").arg("paid", paid_on).arg("submitted", request.submitted_on),
        )));
    }
    Ok(None)
}

/// The attested projects, each with its request and checks: the office's
/// payments desk.
pub async fn desk(ctx: &Context, user: &SessionUser, now: Now) -> Result<Vec<PaymentView>, Error> {
    crate::qualification::require(user, Permission::DecideApplications)?;
    let mut requests: std::collections::HashMap<String, StoredPaymentRequest> =
        ctx.store.payment_requests().await?.into_iter().map(|r| (r.application_id.clone(), r)).collect();
    let attested = ctx.store.call_applications_in(&[CallApplicationState::Attested]).await?;
    Ok(attested
        .into_iter()
        .map(|app| {
            let request = requests.remove(&app.id);
            let checks = request.as_ref().map(|r| checks_of(&app, r, now)).unwrap_or_default();
            PaymentView { application: app, request, checks }
        })
        .collect())
}
