//! The programme office's bulk pre-check: start a run (of one call, or of
//! every project with forms), follow its progress, download its report.

use crate::api::attestation::runs::state_of;
use crate::auth::csrf::CsrfForm;
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_store::attestation::runs::PrecheckRun;
use cloudpa_workflows::attestation::runs;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "office_prechecks.html")]
struct Runs {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    /// The calls a run may be limited to: (id, title).
    calls: Vec<(String, String)>,
    runs: Vec<PrecheckRun>,
    can_start: bool,
}

impl Runs {
    fn state(&self, run: &PrecheckRun) -> &'static str {
        match state_of(run) {
            "done" => "prechecks-done",
            "failed" => "prechecks-failed",
            "running" => "prechecks-running",
            _ => "prechecks-queued",
        }
    }

    fn when(&self, ms: &i64) -> String {
        crate::format::rome_datetime(*ms)
    }

    fn call_title(&self, run: &PrecheckRun) -> String {
        match &run.call_id {
            None => self.layout.lang.t("prechecks-all_calls").to_owned(),
            Some(id) => self.calls.iter().find(|(c, _)| c == id).map_or_else(|| id.clone(), |(_, t)| t.clone()),
        }
    }

    fn any_running(&self) -> bool {
        self.runs.iter().any(|r| r.finished_at_ms.is_none())
    }
}

pub(crate) async fn show(v: Visit) -> Result<Response, Problem> {
    page(&v, None).await
}

async fn page(v: &Visit, problem: Option<Problem>) -> Result<Response, Problem> {
    let runs = runs::list(&v.state, &v.user).await?;
    let calls = v.state.store.list_calls().await?.into_iter().map(|c| (c.id, c.title)).collect();
    let status = status_of(&problem);
    let template = Runs {
        layout: v.page.layout("prechecks-title", &[("/programma/ufficio", "office-title")]),
        problem,
        csrf_token: v.user.csrf_token.clone(),
        calls,
        runs,
        can_start: holds(v.user.organisation.kind, v.user.user.role, Permission::DecideApplications),
    };
    Ok((status, render(&template)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct StartForm {
    #[serde(default)]
    call_id: String,
}

pub(crate) async fn start(v: Visit, CsrfForm(f): CsrfForm<StartForm>) -> Result<Response, Problem> {
    let result = runs::start(&v.state, &v.user, v.now, Some(&f.call_id)).await;
    redirect_or(result, |_| "/programma/ufficio/preverifiche".to_owned(), |problem| page(&v, Some(problem))).await
}
