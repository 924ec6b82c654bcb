//! `cloudpa`: the one binary of the Cloud della PA platform.

mod admin;
mod allocator;
mod attest;
mod audit;
mod backup;
mod config;
mod demo;
mod failure;
mod identity;
mod import;
mod jobs;
mod logging;
mod serve;
mod voucher;

use clap::{Parser, Subcommand};
use config::DataArgs;
use failure::Failure;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cloudpa",
    version,
    about = "Qualification, catalogue and migration programme of Italy's Cloud della PA"
)]
struct Cli {
    /// Optional TOML file with `addr`, `database_url`, `data_dir`, `public_url`, `rate_limit`.
    #[arg(long, env = "CLOUDPA_CONFIG", global = true)]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the API.
    Serve(serve::ServeArgs),
    /// Create or upgrade the database schema and load the reference data.
    Migrate(DataArgs),
    /// Seed the demo organisations and accounts (only into an empty database),
    /// or with `--listings N` add a synthetic catalogue of N services.
    Demo(demo::DemoArgs),
    /// Compute the Avviso 1.2 Comuni voucher and print it as JSON.
    Voucher(voucher::VoucherArgs),
    /// Import a file; every row is imported or rejected with its line and reason.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Write a consistent copy of the database and its manifest (checksum,
    /// audit head); SQLite while the server runs, PostgreSQL through pg_dump.
    Backup(backup::BackupArgs),
    /// Restore a backup into a new database after verifying its checksum,
    /// integrity and audit chain; a tampered backup is refused.
    Restore(backup::RestoreArgs),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Administration: bootstrap accounts.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// The asseverazione: pre-check every compliance form, import the suppliers.
    #[command(subcommand)]
    Attest(attest::AttestCommand),
    /// Background jobs that failed: list them, retry one.
    #[command(subcommand)]
    Jobs(jobs::JobsCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve(_)) {
        allocator::keep_large_blocks_mapped();
    }
    logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            let message = cloudpa_domain::message::Message::new("cli-runtime").arg("error", e.to_string());
            return Failure::config(message).report();
        }
    };
    let result = runtime.block_on(async {
        let file = config::FileConfig::load(cli.config.as_deref())?;
        match cli.command {
            Command::Serve(args) => serve::run(args, &file).await,
            Command::Migrate(args) => serve::migrate(&args.resolve(&file)?).await,
            Command::Demo(args) => demo::demo(args, &file).await,
            Command::Voucher(args) => voucher::run(&args),
            Command::Import(cmd) => import::run(cmd, &file).await,
            Command::Backup(args) => backup::backup(args, &file).await,
            Command::Restore(args) => backup::restore(args, &file).await,
            Command::Audit(cmd) => audit::run(cmd, &file).await,
            Command::Admin(cmd) => admin::run(cmd, &file).await,
            Command::Jobs(cmd) => jobs::run(cmd, &file).await,
            Command::Attest(cmd) => attest::run(cmd, &file).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
