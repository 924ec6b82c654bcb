//! `cloudpa backup` and `cloudpa restore`: a consistent copy of the database
//! with a manifest beside it (its checksum and the audit chain's head), and a
//! restore that refuses a file whose checksum, integrity or audit chain does
//! not hold. Files (the blob store) are content-addressed and never
//! rewritten: docs/operations.md says how to copy them after the database.

mod manifest;
mod postgres;
mod sqlite;

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use clap::Args;
use cloudpa_domain::message::Message;
use cloudpa_store::{Engine, Store};
use manifest::Manifest;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The backup file to write (it must not exist); its manifest is written
    /// beside it as FILE.manifest.json.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The database to restore into: a SQLite file that does not exist yet
    /// (or any, with --replace), or an empty PostgreSQL database.
    #[command(flatten)]
    data: DataArgs,
    /// The backup file; its manifest must be beside it.
    #[arg(long)]
    from: PathBuf,
    /// Replace an existing SQLite database file (stop the server first).
    #[arg(long)]
    replace: bool,
}

pub async fn backup(args: BackupArgs, file: &FileConfig) -> Result<(), Failure> {
    let config = args.data.resolve(file)?;
    let manifest_path = Manifest::path_beside(&args.out);
    for path in [&args.out, &manifest_path] {
        if path.exists() {
            return Err(Failure::config(Message::new("cli-backup-exists").arg("path", path.display().to_string())));
        }
    }
    let store = Store::connect(&config.database_url).await?;
    let result = match store.engine() {
        Engine::Sqlite => sqlite::backup(&store, &args.out).await,
        Engine::Postgres => postgres::backup(&store, &config.database_url, &args.out).await,
    };
    store.close().await;
    let manifest = result?;
    manifest.write(&manifest_path)?;
    println!(
        "backup written: {} ({} bytes, sha256 {}); audit chain: {} entries, head {}; manifest {}",
        args.out.display(),
        manifest.bytes,
        manifest.sha256,
        manifest.audit_entries,
        manifest.audit_head,
        manifest_path.display()
    );
    Ok(())
}

pub async fn restore(args: RestoreArgs, file: &FileConfig) -> Result<(), Failure> {
    let config = args.data.resolve(file)?;
    let manifest = Manifest::read(&Manifest::path_beside(&args.from))?;
    manifest.check_file(&args.from)?;
    let engine =
        Engine::from_url(&config.database_url).ok_or_else(|| Failure::config(Message::new("cli-database-url")))?;
    if manifest.engine != engine_code(engine) {
        return Err(Failure::config(
            Message::new("cli-backup-engine").arg("backup", manifest.engine.as_str()).arg("engine", engine.to_string()),
        ));
    }
    let entries = match engine {
        Engine::Sqlite => sqlite::restore(&args.from, &manifest, &config.database_url, args.replace).await?,
        Engine::Postgres => postgres::restore(&args.from, &manifest, &config.database_url).await?,
    };
    println!(
        "restored {} into {}: integrity sound, audit chain verified ({entries} entries, head {})",
        args.from.display(),
        redact(&config.database_url),
        manifest.audit_head
    );
    Ok(())
}

fn engine_code(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    }
}

/// Verifies the restored (or copied) database against its manifest: the
/// engine's integrity check, then the whole audit chain, which must end at the
/// manifest's head. Returns the number of entries verified.
async fn verify_against(store: &Store, manifest: &Manifest) -> Result<i64, Failure> {
    let problems = store.integrity_problems().await?;
    if let Some(first) = problems.first() {
        return Err(Failure::found(Message::new("cli-backup-damaged").arg("problem", first.as_str())));
    }
    let verification = store.verify_audit().await?;
    if let Some(bad) = verification.first_bad {
        return Err(Failure::found(
            Message::new("cli-backup-chain-broken").arg("seq", bad.seq).arg("reason", bad.reason),
        ));
    }
    if verification.entries != manifest.audit_entries || verification.head_hash != manifest.audit_head {
        return Err(Failure::found(
            Message::new("cli-backup-chain-differs")
                .arg("entries", verification.entries)
                .arg("head", verification.head_hash)
                .arg("manifest_entries", manifest.audit_entries)
                .arg("manifest_head", manifest.audit_head.as_str()),
        ));
    }
    Ok(verification.entries)
}

/// A sibling of `path` for a file being written, renamed into place once
/// complete: a backup or restore never leaves a half-written file under its
/// final name.
fn partial_beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_owned(),
    }
}
