//! PostgreSQL: the documented `pg_dump` path. The backup is a custom-format
//! archive that `pg_dump` reads from a snapshot this process exports and
//! holds open, so the manifest's audit head is exactly the archive's. The
//! restore checks the archive against its manifest, restores it with
//! `pg_restore --single-transaction` into an empty database, and verifies the
//! chain there.

use super::{Manifest, partial_beside, verify_against};
use crate::failure::{Failure, cannot, one_line};
use cloudpa_domain::message::Message;
use cloudpa_store::Store;
use std::path::Path;
use std::process::Command;

pub async fn backup(store: &Store, database_url: &str, out: &Path) -> Result<Manifest, Failure> {
    let snapshot = store.export_snapshot().await?;
    let partial = partial_beside(out, "partial");
    let mut dump = Command::new("pg_dump");
    dump.args(["--format=custom", "--no-owner", "--no-privileges"])
        .arg(format!("--snapshot={}", snapshot.id))
        .arg(format!("--file={}", partial.display()))
        .arg(format!("--dbname={database_url}"));
    let ran = run(dump, "pg_dump").await;
    let head = snapshot.head.clone();
    drop(snapshot);
    let result = ran.and_then(|()| {
        let manifest = Manifest::of(&partial, "postgres", head.entries, head.hash)?;
        std::fs::rename(&partial, out).map_err(|e| Failure::found(cannot("cli-backup-unmovable", out, e)))?;
        Ok(manifest)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

pub async fn restore(from: &Path, manifest: &Manifest, database_url: &str) -> Result<i64, Failure> {
    let target = Store::connect(database_url).await?;
    let empty = target.is_empty().await;
    if !empty? {
        target.close().await;
        return Err(Failure::config(Message::new("cli-restore-not-empty")));
    }
    let mut load = Command::new("pg_restore");
    load.args(["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"])
        .arg(format!("--dbname={database_url}"))
        .arg(from);
    let verified = match run(load, "pg_restore").await {
        Ok(()) => verify_against(&target, manifest).await.map_err(|failure| match failure {
            Failure::Found(reason) => Failure::found(Message::new("cli-restored-unusable").arg("reason", reason)),
            other => other,
        }),
        Err(failure) => Err(failure),
    };
    target.close().await;
    verified
}

/// Runs a PostgreSQL client tool; its standard error becomes the failure.
async fn run(mut command: Command, tool: &str) -> Result<(), Failure> {
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(|e| Failure::found(Message::new("cli-tool-unfinished").arg("tool", tool).arg("error", e.to_string())))?
        .map_err(|e| Failure::config(Message::new("cli-tool-missing").arg("tool", tool).arg("error", e.to_string())))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(Failure::found(Message::new("cli-tool-failed").arg("tool", tool).arg("error", one_line(&stderr))))
}
