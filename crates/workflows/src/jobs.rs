//! The worker of the jobs table: every process runs one, and each job runs in
//! one of them (`cloudpa_store::jobs` claims it). Three kinds: delivering an
//! outbox event's e-mails, a bulk pre-check run of the programme office, and
//! the hourly sweep (sessions and failed sign-ins purged, qualifications
//! expired, deadline reminders recorded, certificates' reminders and
//! alerts of qualified services recorded), scheduled by every worker under
//! one key per hour so that it runs once.

use crate::notifications::{self, Mailer};
use cloudpa_domain::jobs::period_key;
use cloudpa_store::attestation::runs::PRECHECK_RUN;
use cloudpa_store::blobs::BlobStore;
use cloudpa_store::jobs::{ClaimedJob, NewJob};
use cloudpa_store::outbox::DELIVER_EVENT;
use cloudpa_store::{Millis, Store};
use std::time::Duration;
use tokio::sync::watch;

/// The kind of the hourly sweep.
pub const SWEEP: &str = "sweep";
const HOUR_MS: i64 = 3_600_000;
/// Finished jobs are kept this long (a week), then purged by the sweep.
const KEEP_FINISHED_MS: i64 = 7 * 24 * HOUR_MS;

/// What a worker needs to run every kind of job.
#[derive(Clone)]
pub struct Worker {
    pub store: Store,
    /// Where a job keeps the files it writes (a pre-check run's report).
    pub blobs: BlobStore,
    pub mailer: Mailer,
    pub public_url: String,
    /// This worker's name in the claims it makes (host and process).
    pub name: String,
}

impl Worker {
    /// Runs the jobs due at `now` until none is left; returns how many
    /// finished (the failed ones are recorded for their next attempt).
    pub async fn run_due(&self, now: Millis) -> Result<usize, cloudpa_store::StoreError> {
        let mut finished = 0;
        while let Some(job) = self.store.claim_job(&self.name, now).await? {
            match self.perform(&job, now).await {
                Ok(()) => {
                    self.store.finish_job(&job.id, &self.name, now).await?;
                    finished += 1;
                }
                Err(error) => {
                    tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempt, %error, "job failed");
                    self.store.fail_job(&job, &self.name, &error, now).await?;
                }
            }
        }
        Ok(finished)
    }

    async fn perform(&self, job: &ClaimedJob, now: Millis) -> Result<(), String> {
        match job.kind.as_str() {
            DELIVER_EVENT => {
                let event_id = job.payload["event_id"].as_i64().ok_or("the job names no event")?;
                notifications::deliver(&self.store, &self.mailer, &self.public_url, event_id, now).await
            }
            SWEEP => sweep(&self.store, now).await,
            PRECHECK_RUN => {
                let run_id = job.payload["run_id"].as_str().ok_or("the job names no run")?;
                crate::attestation::runs::perform(&self.store, &self.blobs, run_id, crate::Now::at(now)).await
            }
            other => Err(format!("no worker runs jobs of kind `{other}`")),
        }
    }
}

/// Schedules this hour's sweep (once, whoever asks first) and runs the jobs
/// due, every `every` until `stop` changes.
pub async fn run(worker: Worker, every: Duration, mut stop: watch::Receiver<bool>) {
    loop {
        let now = crate::Now::read().ms;
        let sweep = NewJob {
            kind: SWEEP,
            payload: serde_json::json!({}),
            unique_key: Some(period_key(SWEEP, now, HOUR_MS)),
            run_at_ms: now,
        };
        if let Err(e) = worker.store.enqueue_job(&sweep, now).await {
            tracing::warn!(error = %e, "the hourly sweep could not be scheduled");
        }
        if let Err(e) = worker.run_due(now).await {
            tracing::warn!(error = %e, "jobs could not be run");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}

/// The hourly sweep, as of `now` (the date in Rome derived from it once).
async fn sweep(store: &Store, now: Millis) -> Result<(), String> {
    let as_of = crate::Now::at(now);
    let forgotten = now - cloudpa_domain::accounts::THROTTLE_MEMORY_MS;
    store.purge_expired_sessions(now, forgotten).await.map_err(|e| e.to_string())?;
    store.purge_finished_jobs(now - KEEP_FINISHED_MS).await.map_err(|e| e.to_string())?;
    let expired = crate::qualification::expiry::expire_due(store, as_of).await.map_err(|e| e.to_string())?;
    let reminders = crate::programme::reminders::send_due(store, as_of).await.map_err(|e| e.to_string())?;
    let monitored = crate::qualification::monitoring::sweep::run(store, as_of).await.map_err(|e| e.to_string())?;
    tracing::info!(
        expired,
        reminders,
        certificate_reminders = monitored.reminders,
        alerts = monitored.alerts,
        "hourly sweep done"
    );
    Ok(())
}
