//! `import`: loads a file; every row is imported or rejected with its line
//! number and reason. Valid rows are written in one transaction.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use crate::serve::open;
use clap::Subcommand;
use cloudpa_store::Actor;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Calls (avvisi) in the PA digitale 2026 open-data format (`padigitale2026_avvisi.csv`).
    Calls {
        /// The CSV file.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub async fn run(command: ImportCommand, config: &FileConfig) -> Result<(), Failure> {
    let ImportCommand::Calls { file, data } = command;
    let bytes = std::fs::read(&file).map_err(|e| Failure::Config(format!("cannot read {}: {e}", file.display())))?;
    let (calls, rejections) = cloudpa_store::reference::read_calls(&bytes)
        .map_err(|e| Failure::Config(format!("{}: {e}", file.display())))?;
    let store = open(&data.resolve(config)?).await?;
    if !calls.is_empty() {
        let source = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
        store.import_calls(&Actor::cli(), &calls, &source, chrono::Utc::now().timestamp_millis()).await?;
    }
    store.close().await;
    for r in &rejections {
        eprintln!("{}:{}: rejected: {}", file.display(), r.line, r.reason);
    }
    println!("{}: {} imported, {} rejected", file.display(), calls.len(), rejections.len());
    if rejections.is_empty() { Ok(()) } else { Err(Failure::Found(format!("{} rows rejected", rejections.len()))) }
}
