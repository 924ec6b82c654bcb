//! The bulk pre-check as a background job: the programme office starts a
//! run, a worker performs it (the same code as `cloudpa attest precheck`),
//! reporting its progress after each batch of projects, and keeps the CSV
//! report as a file of the office's organisation, to download from its page.

use super::bulk::{Progress, precheck_with_progress};
use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_store::Actor;
use cloudpa_store::Store;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::runs::{PrecheckRun, RunResult};
use cloudpa_store::blobs::{BlobStore, NewBlob};

/// The runs the office's page lists.
const LISTED: i64 = 20;

/// Starts a run over the projects of `call_id` (all, when none); one at a
/// time, so that a double click does not start two.
pub async fn start(ctx: &Context, user: &SessionUser, now: Now, call_id: Option<&str>) -> Result<PrecheckRun, Error> {
    require(user, Permission::DecideApplications)?;
    let call_id = call_id.map(str::trim).filter(|c| !c.is_empty());
    if let Some(id) = call_id
        && ctx.store.find_call(id).await?.is_none()
    {
        return Err(Error::validation().field("call_id", Message::new("att-not-a-call").arg("id", id)));
    }
    if let Some(running) = ctx.store.precheck_runs(LISTED).await?.into_iter().find(PrecheckRun::running) {
        return Err(Error::conflict(Message::new("att-run-running").arg("id", &running.id)));
    }
    let run = PrecheckRun {
        id: uuid::Uuid::now_v7().to_string(),
        call_id: call_id.map(str::to_owned),
        owner_id: user.organisation.id.clone(),
        requested_by: user.user.id.clone(),
        requested_at_ms: now.ms,
        started_at_ms: None,
        projects_total: None,
        projects_done: 0,
        forms: None,
        rows_total: None,
        rows_failed: None,
        result_file: None,
        error: None,
        finished_at_ms: None,
    };
    ctx.store.start_precheck_run(&user.actor(), &run).await?;
    Ok(run)
}

/// The latest runs, newest first.
pub async fn list(ctx: &Context, user: &SessionUser) -> Result<Vec<PrecheckRun>, Error> {
    require(user, Permission::ViewWorklist)?;
    Ok(ctx.store.precheck_runs(LISTED).await?)
}

pub async fn show(ctx: &Context, user: &SessionUser, id: &str) -> Result<PrecheckRun, Error> {
    require(user, Permission::ViewWorklist)?;
    ctx.store.precheck_run(id).await?.ok_or_else(|| Error::not_found(Message::new("att-run-not-found").arg("id", id)))
}

/// A run's progress, recorded on its row.
struct RunProgress<'a> {
    store: &'a Store,
    id: &'a str,
}

impl Progress for RunProgress<'_> {
    async fn report(&mut self, done: usize, total: usize) -> Result<(), Error> {
        let at = Now::read().ms;
        Ok(self.store.precheck_progress(self.id, done as i64, total as i64, at).await?)
    }
}

/// Performs run `id` as of `now` (the worker's side). A failure is
/// recorded on the run and returned, for the job to be tried again.
pub async fn perform(store: &Store, blobs: &BlobStore, id: &str, now: Now) -> Result<(), String> {
    let result = perform_run(store, blobs, id, now).await;
    if let Err(error) = &result {
        store.precheck_run_failed(id, error).await.map_err(|e| e.to_string())?;
    }
    result
}

async fn perform_run(store: &Store, blobs: &BlobStore, id: &str, now: Now) -> Result<(), String> {
    let run = store.precheck_run(id).await.map_err(|e| e.to_string())?.ok_or("the run is gone")?;
    if run.finished_at_ms.is_some() {
        return Ok(());
    }
    let mut progress = RunProgress { store, id };
    let report =
        precheck_with_progress(store, now, run.call_id.as_deref(), &mut progress).await.map_err(|e| e.to_string())?;
    let mut csv = Vec::new();
    report.write_csv(&mut csv).map_err(|e| format!("cannot write the report: {e}"))?;
    let filename = format!("preverifiche-{}.csv", now.today);
    let upload = NewBlob { owner_id: &run.owner_id, filename: &filename, content_type: "text/csv", content: csv };
    let at = Now::read().ms;
    let file = store.put_blob(blobs, &Actor::system(), upload, at).await.map_err(|e| e.to_string())?;
    let result = RunResult {
        forms: report.forms as i64,
        rows_total: report.rows.len() as i64,
        rows_failed: report.failed() as i64,
        result_file: &file.sha256,
    };
    store.finish_precheck_run(id, result, at).await.map_err(|e| e.to_string())
}
