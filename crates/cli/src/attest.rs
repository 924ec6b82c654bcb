//! `attest precheck`: every pre-check of every compliance form, one CSV row
//! per service and check (`project,service,check,outcome,reason`); and
//! `attest suppliers`: import the directory of suppliers of migration
//! services, every row imported or rejected with its line and reason.

use crate::config::{DataArgs, FileConfig};
use crate::failure::{Failure, cannot, one_line};
use clap::{Args, Subcommand};
use cloudpa_domain::message::Message;
use cloudpa_store::{Actor, Store};
use cloudpa_workflows::Now;
use cloudpa_workflows::attestation::{bulk, suppliers};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum AttestCommand {
    /// Run every pre-check of every compliance form and write the outcomes as CSV.
    Precheck(PrecheckArgs),
    /// Import the directory of suppliers (`partita_iva,denominazione,pec,abilitato_mepa`).
    Suppliers(SuppliersArgs),
}

#[derive(Debug, Args)]
pub struct PrecheckArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Only the projects of this call (its id).
    #[arg(long)]
    call: Option<String>,
    /// Where to write the CSV (`-` for standard output).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SuppliersArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The CSV file.
    file: PathBuf,
}

pub async fn run(command: AttestCommand, file: &FileConfig) -> Result<(), Failure> {
    let data = match &command {
        AttestCommand::Precheck(PrecheckArgs { data, .. }) | AttestCommand::Suppliers(SuppliersArgs { data, .. }) => {
            data
        }
    };
    let config = data.resolve(file)?;
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    let now = Now::read();
    let result = match &command {
        AttestCommand::Precheck(args) => precheck(&store, now, args).await,
        AttestCommand::Suppliers(args) => import_suppliers(&store, now, &args.file).await,
    };
    store.close().await;
    result
}

async fn precheck(store: &Store, now: Now, args: &PrecheckArgs) -> Result<(), Failure> {
    let report = bulk::precheck_all(store, now, args.call.as_deref()).await.map_err(use_case)?;
    let sink: Box<dyn Write> = if args.out.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        let file =
            std::fs::File::create(&args.out).map_err(|e| Failure::config(cannot("cli-cannot-write", &args.out, e)))?;
        Box::new(std::io::BufWriter::new(file))
    };
    report
        .write_csv(sink)
        .map_err(|e| Failure::found(Message::new("cli-report-unwritable").arg("error", e.to_string())))?;
    let failed = report.failed();
    eprintln!("{} forms, {} checks, {failed} failed", report.forms, report.rows.len());
    Ok(())
}

async fn import_suppliers(store: &Store, now: Now, path: &PathBuf) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::config(cannot("cli-cannot-read", path, e)))?;
    let done = suppliers::import_file(store, &Actor::system(), now, &bytes).await.map_err(use_case)?;
    println!("{} imported, {} rejected", done.imported, done.rejected.len());
    for r in &done.rejected {
        eprintln!("line {}: {}", r.line, r.reason);
    }
    if done.rejected.is_empty() {
        Ok(())
    } else {
        Err(Failure::found(Message::new("cli-rows-rejected").arg("count", done.rejected.len())))
    }
}

fn use_case(e: cloudpa_workflows::Error) -> Failure {
    Failure::Found(one_line(&e.message()))
}
