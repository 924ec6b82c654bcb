//! The agency's workspace: the queue and the review of one application.

use super::{Row, form, status_of};
use crate::auth::csrf::CsrfForm;
use crate::extract::{Path, Query};
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::lifecycle::{QualificationEvent, QualificationState};
use cloudpa_domain::time::days_since;
use cloudpa_workflows::qualification::applications::{act, act_on_listing, load, review};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;

const WAITING: [QualificationState; 4] = [
    QualificationState::Submitted,
    QualificationState::InReview,
    QualificationState::IntegrationRequested,
    QualificationState::Resubmitted,
];

#[derive(Template)]
#[template(path = "queue.html")]
struct Queue {
    layout: Layout,
    states: Vec<&'static str>,
    rows: Vec<QueueRow>,
}

struct QueueRow {
    id: String,
    service: String,
    provider: String,
    state: String,
    age_days: i64,
    assigned: bool,
}

#[derive(Deserialize)]
pub(crate) struct QueueQuery {
    stato: Option<String>,
}

pub(crate) async fn queue(
    Visit { state, now: clock, page, user }: Visit,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Problem> {
    require(&user, Permission::ReviewApplications)?;
    let states: Vec<QualificationState> = match q.stato.as_deref().and_then(QualificationState::parse) {
        Some(one) => vec![one],
        None => WAITING.to_vec(),
    };
    let rows = state
        .store
        .review_queue(&states)
        .await?
        .into_iter()
        .map(|i| QueueRow {
            age_days: i.application.submitted_at_ms.map_or(0, |s| days_since(s, clock.today)),
            assigned: i.application.assigned_to.is_some(),
            id: i.application.id,
            service: i.listing_name,
            provider: i.provider_name,
            state: i.application.state.to_string(),
        })
        .collect();
    let states = WAITING.iter().map(|s| s.code()).chain(["qualified", "suspended"]).collect();
    Ok(render(&Queue { layout: page.layout("agency-queue", &[]), states, rows }))
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    layout: Layout,
    id: String,
    listing_id: String,
    service: String,
    provider: String,
    state: String,
    set_title: String,
    in_review: bool,
    /// The application's version the page's steps are made to.
    version: i64,
    rows: Vec<Row>,
    problem: Option<Problem>,
    csrf_token: String,
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    review_page(&v, &id, None).await
}

async fn review_page(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    require(user, Permission::ReviewApplications)?;
    let (app, _) = load(state, user, id).await?;
    let form = form(state, &app, v.page.lang).await?;
    let provider = state.store.organisation(&app.provider_id).await?.map(|o| o.name).unwrap_or_default();
    let status = status_of(&problem);
    let template = ReviewPage {
        layout: v.page.layout("agency-review", &[("/agenzia/coda", "agency-queue")]),
        id: app.id.clone(),
        listing_id: app.listing_id.clone(),
        service: form.listing.details.name,
        provider,
        state: app.state.to_string(),
        set_title: form.set_title,
        in_review: matches!(app.state, QualificationState::InReview | QualificationState::Resubmitted),
        version: app.version,
        rows: form.rows,
        problem,
        csrf_token: user.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}

/// Back to the application's review, or the review again with the problem shown.
async fn back<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/agenzia/domande/{id}"), |problem| review_page(v, id, Some(problem))).await
}

/// The version of the application a page's form was shown at: a step is
/// made to it, and refused when another reviewer's step came first.
#[derive(Deserialize)]
pub(crate) struct StepForm {
    version: Option<i64>,
}

/// Takes the application into review, assigned to the caller (of two
/// reviewers at once, one takes it; the other is told who did).
pub(crate) async fn take_on(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, Problem> {
    let result = act(&v.state, &v.user, v.now, (&id, f.version), QualificationEvent::StartReview).await;
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct VerdictForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn verdict(
    v: Visit,
    Path((id, requirement)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<VerdictForm>,
) -> Result<Response, Problem> {
    let result = review(&v.state, &v.user, v.now, &id, &requirement, &f.verdict, &f.note).await;
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct DeadlineForm {
    #[serde(default)]
    deadline: String,
    version: Option<i64>,
}

pub(crate) async fn request_integration(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<DeadlineForm>,
) -> Result<Response, Problem> {
    let result = match date("deadline", &f.deadline) {
        Ok(deadline) => {
            act(&v.state, &v.user, v.now, (&id, f.version), QualificationEvent::RequestIntegration { deadline })
                .await
                .map_err(Problem::from)
        }
        Err(problem) => Err(problem),
    };
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    motivation: String,
    version: Option<i64>,
}

pub(crate) async fn decide(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<Response, Problem> {
    let event = match f.outcome.as_str() {
        "qualified" => Ok(QualificationEvent::Qualify { motivation: f.motivation }),
        "rejected" => Ok(QualificationEvent::Reject { motivation: f.motivation }),
        _ => Err(Problem::validation().field("outcome", Message::new("qual-outcome"))),
    };
    let result = match event {
        Ok(event) => act(&v.state, &v.user, v.now, (&id, f.version), event).await.map_err(Problem::from),
        Err(problem) => Err(problem),
    };
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct ListingActionForm {
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    planned_end: String,
}

/// Suspends, reinstates or revokes a listing, then shows its application.
pub(crate) async fn listing_action(
    v: Visit,
    Path((listing_id, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ListingActionForm>,
) -> Result<Response, Problem> {
    let event = match action.as_str() {
        "sospensione" => date("planned_end", &f.planned_end)
            .map(|planned_end| QualificationEvent::Suspend { reason: f.motivation, planned_end }),
        "riattivazione" => Ok(QualificationEvent::Reinstate { motivation: f.motivation }),
        "revoca" => Ok(QualificationEvent::Revoke { motivation: f.motivation }),
        _ => return Err(Problem::not_found(Message::new("qual-no-action").arg("action", &action))),
    };
    let result = match event {
        Ok(event) => act_on_listing(&v.state, &v.user, v.now, &listing_id, event).await.map_err(Problem::from),
        Err(problem) => Err(problem),
    };
    let again = |problem| async {
        let latest = v.state.store.listing_applications(&listing_id).await?.into_iter().next();
        let app = latest.ok_or_else(|| Problem::not_found(Message::new("qual-no-listing").arg("id", &listing_id)))?;
        review_page(&v, &app.id, Some(problem)).await
    };
    redirect_or(result, |(app, _)| format!("/agenzia/domande/{}", app.id), again).await
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Problem::validation().field(field, Message::new("qual-date")))
}
