//! `import`: loads a file; every row is imported or rejected with its line
//! number and reason. Valid rows are written in one transaction.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use crate::serve::open;
use clap::Subcommand;
use cloudpa_i18n::Lang;
use cloudpa_store::Actor;
use cloudpa_store::catalogue::import::{RowOutcome, read_catalogue_file};
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::setup::read_service_list;
use cloudpa_store::reference::Rejection;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
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
    /// Financed applications in the PA digitale 2026 open-data format
    /// (`candidature_finanziate_*.csv`); a re-import changes nothing.
    Applications {
        /// The CSV file.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// The official list of services of a call (CSV `codice,servizio`): a new
    /// version, in force at once, replacing the provisional list.
    Services {
        /// The call's id (see `GET /api/v1/calls`).
        call: String,
        /// The CSV file.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// A catalogue of qualified services (CSV; columns in docs/catalogue-file.md).
    Listings {
        /// The CSV file.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub async fn run(command: ImportCommand, config: &FileConfig) -> Result<(), Failure> {
    match command {
        ImportCommand::Calls { file, data } => calls(file, data, config).await,
        ImportCommand::Listings { file, data } => listings(file, data, config).await,
        ImportCommand::Applications { file, data } => applications(file, data, config).await,
        ImportCommand::Services { call, file, data } => services(call, file, data, config).await,
    }
}

async fn services(call: String, file: PathBuf, data: DataArgs, config: &FileConfig) -> Result<(), Failure> {
    let bytes = std::fs::read(&file).map_err(|e| Failure::Config(format!("cannot read {}: {e}", file.display())))?;
    let list = read_service_list(&bytes)
        .map_err(|e| Failure::Found(format!("{}:{}: rejected: {}", file.display(), e.line, Lang::En.text(&e.rule))))?;
    let store = open(&data.resolve(config)?).await?;
    let source = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
    let loaded =
        store.load_call_services(&Actor::cli(), &call, &list, &source, chrono::Utc::now().timestamp_millis()).await;
    store.close().await;
    let version = match loaded {
        Err(cloudpa_store::StoreError::NotFound(_)) => return Err(Failure::Config(format!("no call `{call}`"))),
        other => other?,
    };
    println!("{}: {} services loaded for `{call}` as version {version}", file.display(), list.len());
    Ok(())
}

/// A progress bar on a terminal; nothing when the output is redirected.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:10} [{bar:40}] {percent:>3}% {elapsed}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

async fn applications(file: PathBuf, data: DataArgs, config: &FileConfig) -> Result<(), Failure> {
    let bytes = std::fs::read(&file).map_err(|e| Failure::Config(format!("cannot read {}: {e}", file.display())))?;
    let bar = progress_bar(bytes.len() as u64);
    bar.set_message("reading");
    // The file is read on a thread of its own while the database opens.
    let reading = tokio::task::spawn_blocking({
        let bar = bar.clone();
        move || read_open_data(&bytes, |position| bar.set_position(position))
    });
    let store = open(&data.resolve(config)?).await;
    let (rows, rejected) =
        reading.await.map_err(|e| Failure::Config(format!("reading {} failed: {e}", file.display())))?;
    let store = store?;
    bar.set_message("writing");
    let source = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
    let at = chrono::Utc::now().timestamp_millis();
    let summary = store.import_financed_applications(&Actor::cli(), &source, &rows, rejected, at).await?;
    store.close().await;
    bar.finish_and_clear();
    for r in &summary.rejected {
        eprintln!("{}:{}: rejected: {}", file.display(), r.line, r.reason);
    }
    println!(
        "{}: {} imported, {} updated, {} unchanged, {} rejected; {} enti created; {} data-quality findings \
         (fields kept as published: /qualita-dati)",
        file.display(),
        summary.imported,
        summary.updated,
        summary.unchanged,
        summary.rejected.len(),
        summary.enti_created,
        summary.findings
    );
    match summary.rejected.len() {
        0 => Ok(()),
        n => Err(Failure::Found(format!("{n} rows rejected"))),
    }
}

async fn listings(file: PathBuf, data: DataArgs, config: &FileConfig) -> Result<(), Failure> {
    let bytes = std::fs::read(&file).map_err(|e| Failure::Config(format!("cannot read {}: {e}", file.display())))?;
    let (records, mut rejections) = read_catalogue_file(&bytes, cloudpa_workflows::Now::read().today);
    let store = open(&data.resolve(config)?).await?;
    let source = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
    let outcomes =
        store.import_catalogue(&Actor::cli(), &source, &records, chrono::Utc::now().timestamp_millis()).await?;
    store.close().await;
    let (mut imported, mut present, mut found) = (0, 0, 0);
    for (line, outcome) in outcomes {
        match outcome {
            RowOutcome::Imported { findings, .. } => (imported, found) = (imported + 1, found + findings),
            RowOutcome::Present { findings, .. } => (present, found) = (present + 1, found + findings),
            RowOutcome::Rejected { reason } => rejections.push(Rejection { line, reason }),
        }
    }
    rejections.sort_by_key(|r| r.line);
    for r in &rejections {
        eprintln!("{}:{}: rejected: {}", file.display(), r.line, r.reason);
    }
    println!(
        "{}: {imported} imported, {present} already in the catalogue, {} rejected; {found} data-quality findings \
         (fields kept as published: /qualita-dati)",
        file.display(),
        rejections.len()
    );
    if rejections.is_empty() { Ok(()) } else { Err(Failure::Found(format!("{} rows rejected", rejections.len()))) }
}

async fn calls(file: PathBuf, data: DataArgs, config: &FileConfig) -> Result<(), Failure> {
    let bytes = std::fs::read(&file).map_err(|e| Failure::Config(format!("cannot read {}: {e}", file.display())))?;
    let (calls, rejections) = cloudpa_store::reference::read_calls(&bytes)
        .map_err(|e| Failure::Config(format!("{}: {e}", file.display())))?;
    let store = open(&data.resolve(config)?).await?;
    let mut findings = 0;
    if !calls.is_empty() {
        let source = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
        findings = store.import_calls(&Actor::cli(), &calls, &source, chrono::Utc::now().timestamp_millis()).await?;
    }
    store.close().await;
    for r in &rejections {
        eprintln!("{}:{}: rejected: {}", file.display(), r.line, r.reason);
    }
    println!(
        "{}: {} imported, {} rejected; {findings} data-quality findings (fields kept as published: /qualita-dati)",
        file.display(),
        calls.len(),
        rejections.len()
    );
    if rejections.is_empty() { Ok(()) } else { Err(Failure::Found(format!("{} rows rejected", rejections.len()))) }
}
