//! What the project is asked on the hub, and the ente's answers: the
//! attestor's requests for documents (each with its deadline) and a sample
//! control after payment (due in working days), each answered once with a
//! text and the ente's own uploads.

use super::hub::render_hub;
use super::posted::Posted;
use super::{day, hub_at};
use crate::extract::Path;
use crate::format::rome_datetime;
use crate::pages::Visit;
use crate::problem::Problem;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::attestation::verification::sample_control_overdue;
use cloudpa_domain::calendar::working_days_between;
use cloudpa_store::attestation::samples::SampleControl;
use cloudpa_store::attestation::verification::DocumentRequest;
use cloudpa_workflows::attestation::{requests, samples};
use cloudpa_workflows::programme::applications::load;
use std::collections::BTreeSet;

/// A request of the attestor as the hub lists it.
pub(super) struct RequestRow {
    pub id: String,
    /// The service it is about (position, name); none for the project.
    pub service: Option<(i64, String)>,
    pub text: String,
    pub asked_at: String,
    pub due_on: String,
    pub overdue: bool,
    pub answer: Option<String>,
    pub files: Vec<String>,
    pub answered_at: String,
}

impl RequestRow {
    /// `r`, about one of `services` (names by position from 1), as of `today`.
    pub fn of(r: DocumentRequest, services: &[String], today: NaiveDate) -> RequestRow {
        let service =
            usize::try_from(r.position - 1).ok().and_then(|i| services.get(i)).map(|n| (r.position, n.clone()));
        RequestRow {
            id: r.id,
            service,
            text: r.text,
            asked_at: rome_datetime(r.asked_at_ms),
            due_on: day(r.due_on),
            overdue: r.answered_at_ms.is_none() && r.due_on < today,
            answer: r.answer,
            files: r.answer_files,
            answered_at: r.answered_at_ms.map(rome_datetime).unwrap_or_default(),
        }
    }
}

/// The project's sample control as the hub shows it.
pub(super) struct ControlRow {
    pub drawn_on: String,
    pub due_on: String,
    pub overdue: bool,
    /// Working days left to answer or, when overdue, since the due date.
    pub working_days: i64,
    pub answer: Option<String>,
    pub files: Vec<String>,
    pub answered_on: String,
}

impl ControlRow {
    pub fn of(c: SampleControl, today: NaiveDate) -> ControlRow {
        let overdue = sample_control_overdue(c.due_on, c.answered_on.is_some(), today);
        ControlRow {
            drawn_on: day(c.drawn_on),
            due_on: day(c.due_on),
            overdue,
            working_days: if overdue {
                working_days_between(c.due_on, today)
            } else {
                working_days_between(today, c.due_on)
            },
            answer: c.answer,
            files: c.answer_files,
            answered_on: c.answered_on.map(day).unwrap_or_default(),
        }
    }
}

/// Answers the attestor's request `request_id` (multipart: `text`, and any
/// number of files `files`).
pub(crate) async fn answer_request(
    v: Visit,
    headers: HeaderMap,
    Path((id, request_id)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let posted = Posted::read(&v, &headers, multipart, &BTreeSet::new()).await?;
    let result = async {
        let (text, files) = answer_of(&v, &id, posted).await?;
        requests::answer(&v.state, &v.user, v.now, &id, &request_id, &text, &files).await?;
        Ok(())
    }
    .await;
    back(&v, &id, "richieste", result).await
}

/// Answers the project's sample control (multipart: `text`, `files`).
pub(crate) async fn answer_control(
    v: Visit,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let posted = Posted::read(&v, &headers, multipart, &BTreeSet::new()).await?;
    let result = async {
        let (text, files) = answer_of(&v, &id, posted).await?;
        samples::answer(&v.state, &v.user, v.now, &id, &text, &files).await?;
        Ok(())
    }
    .await;
    back(&v, &id, "controllo", result).await
}

/// An answer's text and files, the files stored once the user may answer
/// for project `id`.
async fn answer_of(v: &Visit, id: &str, mut posted: Posted) -> Result<(String, Vec<String>), Problem> {
    load(&v.state, &v.user, v.now, id, Permission::ManageOwnProgramme).await?;
    let stored = posted.store(v).await?;
    Ok((posted.text("text").to_owned(), stored.files("files")))
}

/// To the hub's section `anchor`, or the hub again with the problem.
async fn back(v: &Visit, id: &str, anchor: &str, result: Result<(), Problem>) -> Result<Response, Problem> {
    match result {
        Ok(()) => Ok(Redirect::to(&hub_at(id, anchor)).into_response()),
        Err(problem) => render_hub(v, id, Some(problem), Default::default()).await,
    }
}
