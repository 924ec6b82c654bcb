//! The attestor's worklist: the projects assigned to its organisation with
//! where each verification stands, and the calendar of the live
//! verifications still to record, the upcoming ones first.

use super::mode_key;
use crate::i18n::state_key;
use crate::pages::{Layout, Visit, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::Response;
use cloudpa_domain::time::local_in_rome;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::attestation::{live, verification};
use std::collections::HashMap;

/// A project of the worklist and its verification's figures.
struct ProjectRow {
    app: CallApplication,
    items: usize,
    decided: usize,
    failed: usize,
    requested: usize,
    open_requests: usize,
}

/// A slot of the calendar.
struct SlotRow {
    application_id: String,
    ente_name: String,
    service: String,
    starts_at: String,
    mode_key: &'static str,
    details: String,
    /// The slot has begun: its outcome is to record.
    begun: bool,
}

#[derive(Template)]
#[template(path = "desk_att_worklist.html")]
struct Worklist {
    layout: Layout,
    projects: Vec<ProjectRow>,
    slots: Vec<SlotRow>,
}

impl Worklist {
    fn state(&self, app: &CallApplication) -> &'static str {
        state_key(app.state)
    }
}

pub(crate) async fn show(v: Visit) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    let mut projects = Vec::new();
    let mut services: HashMap<(String, i64), String> = HashMap::new();
    for app in verification::worklist(state, user).await? {
        let current = verification::view(state, user, &app.id).await?;
        for (choice, position) in current.choices.iter().zip(1..) {
            services.insert((app.id.clone(), position), choice.service_name.clone());
        }
        let tally = current.tally;
        projects.push(ProjectRow {
            items: tally.items,
            decided: tally.passed + tally.failed + tally.requested,
            failed: tally.failed,
            requested: tally.requested,
            open_requests: current.requests.iter().filter(|r| r.answered_at_ms.is_none()).count(),
            app,
        });
    }
    let now = local_in_rome(v.now.ms);
    let mut slots: Vec<SlotRow> = live::calendar(state, user)
        .await?
        .into_iter()
        .map(|l| SlotRow {
            service: services.get(&(l.application_id.clone(), l.position)).cloned().unwrap_or_default(),
            starts_at: l.starts_at.format("%d/%m/%Y %H:%M").to_string(),
            mode_key: mode_key(l.mode),
            begun: l.starts_at <= now,
            application_id: l.application_id,
            ente_name: l.ente_name,
            details: l.details,
        })
        .collect();
    slots.sort_by_key(|s| s.begun);
    let layout = v.page.layout("desk_att-worklist-title", &[]);
    Ok(render(&Worklist { layout, projects, slots }))
}
