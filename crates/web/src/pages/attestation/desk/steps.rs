//! The attestor's forms on a project: a verdict on an item, a request for
//! documents, a live verification booked and recorded, and the outcome.
//! Each goes back to the project, or shows it again with the problem.

use super::project::back;
use crate::auth::csrf::CsrfForm;
use crate::extract::Path;
use crate::pages::Visit;
use crate::problem::Problem;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use cloudpa_domain::attestation::live::{LiveMode, LiveOutcome};
use cloudpa_domain::attestation::verification::Verdict;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::AttestationOutcome;
use cloudpa_store::attestation::live::NewLive;
use cloudpa_store::attestation::verification::{GivenVerdict, NewRequest};
use cloudpa_workflows::attestation::{live, verification};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct VerdictForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    note: String,
    /// The verdict's version the change is made to ("" for whatever is latest).
    #[serde(default)]
    version: String,
}

/// The verdict on item `item` at `position` (0: the project's checks).
pub(crate) async fn verdict(
    v: Visit,
    Path((id, position, item)): Path<(String, i64, String)>,
    CsrfForm(f): CsrfForm<VerdictForm>,
) -> Result<Response, Problem> {
    let expected = match f.version.trim() {
        "" => Ok(None),
        text => {
            text.parse().map(Some).map_err(|_| Problem::validation().field("version", Message::new("web-whole-number")))
        }
    };
    let result = match (Verdict::parse(&f.verdict), expected) {
        (Some(verdict), Ok(expected)) => {
            let given = GivenVerdict { position, item: &item, verdict, note: &f.note };
            verification::give_verdict(&v.state, &v.user, v.now, &id, (&given, expected)).await.map_err(Problem::from)
        }
        (None, _) => Err(Problem::validation().field("verdict", Message::new("att-verdict-code"))),
        (_, Err(problem)) => Err(problem),
    };
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct RequestForm {
    #[serde(default)]
    position: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    due_on: String,
}

/// A request for documents about the project or one of its services.
pub(crate) async fn request(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<RequestForm>,
) -> Result<Response, Problem> {
    let result = async {
        let request =
            NewRequest { position: position(&f.position)?, text: &f.text, due_on: date("due_on", &f.due_on)? };
        Ok::<_, Problem>(verification::request_documents(&v.state, &v.user, v.now, &id, &request).await?)
    }
    .await;
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct ScheduleForm {
    #[serde(default)]
    position: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    details: String,
}

/// Books a live verification of a SaaS service: a day and a time in Rome.
pub(crate) async fn schedule(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ScheduleForm>,
) -> Result<Response, Problem> {
    let result = async {
        let time = NaiveTime::parse_from_str(f.time.trim(), "%H:%M")
            .map_err(|_| Problem::validation().field("time", Message::new("att-time")))?;
        let mode = LiveMode::parse(&f.mode)
            .ok_or_else(|| Problem::validation().field("mode", Message::new("att-live-mode-code")))?;
        let starts_at = NaiveDateTime::new(date("date", &f.date)?, time);
        let new = NewLive { position: position(&f.position)?, starts_at, mode, details: &f.details };
        Ok::<_, Problem>(live::schedule(&v.state, &v.user, v.now, &id, &new).await?)
    }
    .await;
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct RecordForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    notes: String,
}

/// Records what the live verification `live_id` found.
pub(crate) async fn record(
    v: Visit,
    Path((id, live_id)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<RecordForm>,
) -> Result<Response, Problem> {
    let result = match LiveOutcome::parse(&f.outcome) {
        Some(outcome) => {
            live::record(&v.state, &v.user, v.now, &id, &live_id, outcome, &f.notes).await.map_err(Problem::from)
        }
        None => Err(Problem::validation().field("outcome", Message::new("att-live-outcome-code"))),
    };
    back(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct OutcomeForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    motivation: String,
}

/// The outcome of the verification; the domain refuses one the checklist
/// does not support, and the page says why.
pub(crate) async fn outcome(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<OutcomeForm>,
) -> Result<Response, Problem> {
    let outcome = match f.outcome.as_str() {
        "positive" => Ok(AttestationOutcome::Positive),
        "partially_positive" => Ok(AttestationOutcome::PartiallyPositive),
        "negative" => Ok(AttestationOutcome::Negative),
        _ => Err(Problem::validation().field("outcome", Message::new("att-outcome-code"))),
    };
    let result = match outcome {
        Ok(outcome) => {
            verification::decide(&v.state, &v.user, v.now, &id, outcome, &f.motivation).await.map_err(Problem::from)
        }
        Err(problem) => Err(problem),
    };
    back(&v, &id, result).await
}

/// A position of the form: 0 for the project, else a service's.
fn position(text: &str) -> Result<i64, Problem> {
    text.trim().parse().map_err(|_| Problem::validation().field("position", Message::new("att-position")))
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Problem::validation().field(field, Message::new("att-date")))
}
