//! `jobs failed` and `jobs retry`: the administrator's view of background
//! work that failed (given up, or waiting for its next attempt), and a way
//! to put a given-up job back in the queue once its cause is fixed.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use clap::{Args, Subcommand};
use cloudpa_store::Store;

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// List the jobs that failed and are not finished, newest first, one a line.
    Failed(DataArgs),
    /// Put a given-up job back in the queue, due now.
    Retry(RetryArgs),
}

#[derive(Debug, Args)]
pub struct RetryArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The job's id, as `jobs failed` prints it.
    id: String,
}

pub async fn run(command: JobsCommand, file: &FileConfig) -> Result<(), Failure> {
    let data = match &command {
        JobsCommand::Failed(data) | JobsCommand::Retry(RetryArgs { data, .. }) => data,
    };
    let config = data.resolve(file)?;
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    let result = match &command {
        JobsCommand::Failed(_) => list(&store).await,
        JobsCommand::Retry(args) => {
            store.retry_job(&args.id, chrono::Utc::now().timestamp_millis()).await?;
            println!("job {} is due again", args.id);
            Ok(())
        }
    };
    store.close().await;
    result
}

async fn list(store: &Store) -> Result<(), Failure> {
    let jobs = store.troubled_jobs().await?;
    if jobs.is_empty() {
        println!("no failed job");
    }
    for job in jobs {
        let state = if job.failed_at_ms.is_some() { "given up" } else { "will retry" };
        let error = job.last_error.unwrap_or_default();
        println!("{}\t{}\t{state} after {} attempts\t{}\t{error}", job.id, job.kind, job.attempts, job.payload);
    }
    Ok(())
}
