//! What the verification API answers: a project's checklist with its
//! verdicts and tally, the requests for documents, the sample controls.

use chrono::{NaiveDate, NaiveDateTime};
use cloudpa_domain::attestation::verification::Tally;
use cloudpa_store::attestation::live::LiveVerification;
use cloudpa_store::attestation::verification::DocumentRequest;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::attestation::samples::ControlView;
use cloudpa_workflows::attestation::verification::{ChecklistItem, Verification};
use serde::Serialize;
use utoipa::ToSchema;

/// A project as its attestor verifies it.
#[derive(Serialize, ToSchema)]
pub(crate) struct VerificationBody {
    application_id: String,
    ente_name: String,
    /// The project's state (the outcome can be given once it is `completed`).
    state: String,
    attestor_id: Option<String>,
    /// Services without a submitted compliance form.
    forms_missing: usize,
    /// Items of the checklist and how many have each verdict.
    items: usize,
    passed: usize,
    failed: usize,
    requested: usize,
    checklist: Vec<ChecklistItemBody>,
    requests: Vec<RequestBody>,
    /// The live verifications of its SaaS services.
    live: Vec<LiveBody>,
}

/// An item: position 0 the project's checks, from 1 a service's form section.
#[derive(Serialize, ToSchema)]
pub(crate) struct ChecklistItemBody {
    position: i64,
    item: String,
    title: String,
    title_en: String,
    /// pass, fail, request_documents; none before a verdict.
    verdict: Option<String>,
    note: Option<String>,
    /// The verdict's version, 0 before the first: a change sends it back in
    /// `If-Match`.
    version: i64,
}

impl From<ChecklistItem> for ChecklistItemBody {
    fn from(c: ChecklistItem) -> Self {
        ChecklistItemBody {
            position: c.position,
            item: c.item,
            title: c.title,
            title_en: c.title_en,
            verdict: c.verdict.as_ref().map(|v| v.verdict.code().to_owned()),
            version: c.verdict.as_ref().map_or(0, |v| v.version),
            note: c.verdict.map(|v| v.note),
        }
    }
}

impl From<Verification> for VerificationBody {
    fn from(v: Verification) -> Self {
        let Tally { forms_missing, items, passed, failed, requested } = v.tally;
        VerificationBody {
            application_id: v.application.id,
            ente_name: v.application.ente_name,
            state: v.application.state.code().to_owned(),
            attestor_id: v.attestor_id,
            forms_missing,
            items,
            passed,
            failed,
            requested,
            checklist: v.checklist.into_iter().map(ChecklistItemBody::from).collect(),
            requests: v.requests.into_iter().map(RequestBody::from).collect(),
            live: v.lives.into_iter().map(LiveBody::from).collect(),
        }
    }
}

/// A request for documents, with the ente's answer once given.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequestBody {
    id: String,
    position: i64,
    text: String,
    due_on: NaiveDate,
    answer: Option<String>,
    /// Ids of the files the ente attached.
    answer_files: Vec<String>,
    answered: bool,
}

impl From<DocumentRequest> for RequestBody {
    fn from(r: DocumentRequest) -> Self {
        RequestBody {
            id: r.id,
            position: r.position,
            text: r.text,
            due_on: r.due_on,
            answer: r.answer,
            answer_files: r.answer_files,
            answered: r.answered_at_ms.is_some(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RequestList {
    items: Vec<RequestBody>,
}

impl RequestList {
    pub(crate) fn of(items: Vec<DocumentRequest>) -> Self {
        RequestList { items: items.into_iter().map(RequestBody::from).collect() }
    }
}

/// A project of an attestor's worklist.
#[derive(Serialize, ToSchema)]
pub(crate) struct AssignedProject {
    id: String,
    ente_name: String,
    call_title: String,
    state: String,
    services: u32,
    completed_on: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AssignedProjects {
    items: Vec<AssignedProject>,
}

impl AssignedProjects {
    pub(crate) fn of(apps: Vec<CallApplication>) -> Self {
        let items = apps
            .into_iter()
            .map(|a| AssignedProject {
                id: a.id,
                ente_name: a.ente_name,
                call_title: a.call_title,
                state: a.state.code().to_owned(),
                services: a.services,
                completed_on: a.completed_on,
            })
            .collect();
        AssignedProjects { items }
    }
}

/// A sample control: drawn, due 20 working days later, answered or overdue.
#[derive(Serialize, ToSchema)]
pub(crate) struct ControlBody {
    application_id: String,
    ente_name: String,
    draw_seed: i64,
    drawn_on: NaiveDate,
    due_on: NaiveDate,
    answer: Option<String>,
    answer_files: Vec<String>,
    answered_on: Option<NaiveDate>,
    overdue: bool,
}

impl From<ControlView> for ControlBody {
    fn from(v: ControlView) -> Self {
        let c = v.control;
        ControlBody {
            application_id: c.application_id,
            ente_name: c.ente_name,
            draw_seed: c.draw_seed,
            drawn_on: c.drawn_on,
            due_on: c.due_on,
            answer: c.answer,
            answer_files: c.answer_files,
            answered_on: c.answered_on,
            overdue: v.overdue,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ControlList {
    items: Vec<ControlBody>,
}

impl ControlList {
    pub(crate) fn of(items: Vec<ControlView>) -> Self {
        ControlList { items: items.into_iter().map(ControlBody::from).collect() }
    }
}

/// A live verification: its slot (wall-clock time in Rome), how it is
/// held, and what it found once recorded.
#[derive(Serialize, ToSchema)]
pub(crate) struct LiveBody {
    id: String,
    application_id: String,
    ente_name: String,
    position: i64,
    starts_at: NaiveDateTime,
    /// videocall or on_site.
    mode: String,
    details: String,
    /// confirmed, not_confirmed or not_held; none until recorded.
    outcome: Option<String>,
    notes: Option<String>,
}

impl From<LiveVerification> for LiveBody {
    fn from(l: LiveVerification) -> Self {
        LiveBody {
            id: l.id,
            application_id: l.application_id,
            ente_name: l.ente_name,
            position: l.position,
            starts_at: l.starts_at,
            mode: l.mode.code().to_owned(),
            details: l.details,
            outcome: l.outcome.map(|o| o.code().to_owned()),
            notes: l.notes,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct LiveList {
    items: Vec<LiveBody>,
}

impl LiveList {
    pub(crate) fn of(items: Vec<LiveVerification>) -> Self {
        LiveList { items: items.into_iter().map(LiveBody::from).collect() }
    }
}
