//! The agency's workspace: the queue and the review of one application.

use super::{Row, form, status_of};
use crate::AppState;
use crate::auth::csrf::CsrfForm;
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::qualification::lifecycle::{QualificationEvent, QualificationState};
use cloudpa_store::accounts::SessionUser;
use cloudpa_workflows::qualification::applications::{act, act_on_listing, assign, load, review};
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
    State(state): State<AppState>,
    Clock(clock): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Problem> {
    require(&user, Permission::ReviewApplications)?;
    let states: Vec<QualificationState> = match q.stato.as_deref().and_then(QualificationState::parse) {
        Some(one) => vec![one],
        None => WAITING.to_vec(),
    };
    let now = clock.ms;
    let rows = state
        .store
        .review_queue(&states)
        .await?
        .into_iter()
        .map(|i| QueueRow {
            age_days: i.application.submitted_at_ms.map_or(0, |s| (now - s) / 86_400_000),
            assigned: i.application.assigned_to.is_some(),
            id: i.application.id,
            service: i.listing_name,
            provider: i.provider_name,
            state: i.application.state.to_string(),
        })
        .collect();
    let states = WAITING.iter().map(|s| s.code()).chain(["qualified", "suspended"]).collect();
    Ok(render(&Queue { layout: page.layout("agency.queue", &[]), states, rows }))
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
    rows: Vec<Row>,
    problem: Option<Problem>,
    csrf_token: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    review_page(&state, &page, &user, &id, None).await
}

async fn review_page(
    state: &AppState,
    page: &Page,
    user: &SessionUser,
    id: &str,
    problem: Option<Problem>,
) -> Result<Response, Problem> {
    require(user, Permission::ReviewApplications)?;
    let (app, _) = load(state, user, id).await?;
    let form = form(state, &app).await?;
    let provider = state.store.organisation(&app.provider_id).await?.map(|o| o.name).unwrap_or_default();
    let status = status_of(&problem);
    let template = ReviewPage {
        layout: page.layout("agency.review", &[("/agenzia/coda", "agency.queue")]),
        id: app.id.clone(),
        listing_id: app.listing_id.clone(),
        service: form.listing.details.name,
        provider,
        state: app.state.to_string(),
        set_title: form.set_title,
        in_review: matches!(app.state, QualificationState::InReview | QualificationState::Resubmitted),
        rows: form.rows,
        problem,
        csrf_token: user.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}

async fn back(
    state: &AppState,
    page: &Page,
    user: &SessionUser,
    id: &str,
    result: Result<(), Problem>,
) -> Result<Response, Problem> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/agenzia/domande/{id}")).into_response()),
        Err(problem) => review_page(state, page, user, id, Some(problem)).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct Empty {}

/// Assigns the application to the caller and starts the review.
pub(crate) async fn take_on(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    let result: Result<(), Problem> = async {
        assign(&state, &user, now, &id).await?;
        act(&state, &user, now, &id, QualificationEvent::StartReview).await.map(|_| ()).map_err(Problem::from)
    }
    .await;
    back(&state, &page, &user, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct VerdictForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn verdict(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path((id, requirement)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<VerdictForm>,
) -> Result<Response, Problem> {
    let result = review(&state, &user, now, &id, &requirement, &f.verdict, &f.note).await.map_err(Problem::from);
    back(&state, &page, &user, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct DeadlineForm {
    #[serde(default)]
    deadline: String,
}

pub(crate) async fn request_integration(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<DeadlineForm>,
) -> Result<Response, Problem> {
    let result = async {
        let deadline = date("deadline", &f.deadline)?;
        act(&state, &user, now, &id, QualificationEvent::RequestIntegration { deadline })
            .await
            .map(|_| ())
            .map_err(Problem::from)
    }
    .await;
    back(&state, &page, &user, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    motivation: String,
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<Response, Problem> {
    let event = match f.outcome.as_str() {
        "qualified" => Ok(QualificationEvent::Qualify { motivation: f.motivation }),
        "rejected" => Ok(QualificationEvent::Reject { motivation: f.motivation }),
        _ => Err(Problem::validation().field("outcome", "must be qualified or rejected")),
    };
    let result = match event {
        Ok(event) => act(&state, &user, now, &id, event).await.map(|_| ()).map_err(Problem::from),
        Err(problem) => Err(problem),
    };
    back(&state, &page, &user, &id, result).await
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
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    CurrentUser(user): CurrentUser,
    Path((listing_id, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ListingActionForm>,
) -> Result<Response, Problem> {
    let event = match action.as_str() {
        "sospensione" => date("planned_end", &f.planned_end)
            .map(|planned_end| QualificationEvent::Suspend { reason: f.motivation, planned_end }),
        "riattivazione" => Ok(QualificationEvent::Reinstate { motivation: f.motivation }),
        "revoca" => Ok(QualificationEvent::Revoke { motivation: f.motivation }),
        _ => return Err(Problem::not_found(format!("No action {action}."))),
    };
    let result = match event {
        Ok(event) => act_on_listing(&state, &user, now, &listing_id, event).await.map_err(Problem::from),
        Err(problem) => Err(problem),
    };
    match result {
        Ok((app, _)) => Ok(Redirect::to(&format!("/agenzia/domande/{}", app.id)).into_response()),
        Err(problem) => {
            let latest = state.store.listing_applications(&listing_id).await?.into_iter().next();
            let app = latest.ok_or_else(|| Problem::not_found(format!("No listing {listing_id}.")))?;
            review_page(&state, &page, &user, &app.id, Some(problem)).await
        }
    }
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::validation().field(field, "must be a date"))
}
