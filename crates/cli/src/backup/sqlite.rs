//! SQLite: the backup is a database file written by `VACUUM INTO` (a
//! consistent snapshot while the server keeps writing); the restore copies it
//! beside the target, verifies the copy, and renames it into place.

use super::{Manifest, partial_beside, verify_against};
use crate::failure::{Failure, cannot};
use cloudpa_domain::message::Message;
use cloudpa_store::Store;
use std::path::{Path, PathBuf};

pub async fn backup(store: &Store, out: &Path) -> Result<Manifest, Failure> {
    let partial = partial_beside(out, "partial");
    let result = write_verified(store, &partial).await.and_then(|manifest| {
        std::fs::rename(&partial, out).map_err(|e| Failure::found(cannot("cli-backup-unmovable", out, e)))?;
        Ok(manifest)
    });
    if result.is_err() {
        remove_database_files(&partial);
    }
    result
}

/// Snapshots into `partial`, then opens the copy and verifies it: what the
/// manifest records is what the file holds.
async fn write_verified(store: &Store, partial: &Path) -> Result<Manifest, Failure> {
    store.snapshot_into(partial).await?;
    let copy = Store::connect(&url_of(partial)).await?;
    let checked = async {
        let problems = copy.integrity_problems().await?;
        if let Some(first) = problems.first() {
            return Err(Failure::found(Message::new("cli-copy-damaged").arg("problem", first.as_str())));
        }
        let verification = copy.verify_audit().await?;
        if let Some(bad) = verification.first_bad {
            return Err(Failure::found(
                Message::new("cli-copy-chain-broken").arg("seq", bad.seq).arg("reason", bad.reason),
            ));
        }
        Ok(verification)
    }
    .await;
    copy.close().await;
    let verification = checked?;
    Manifest::of(partial, "sqlite", verification.entries, verification.head_hash)
}

/// Restores into the SQLite file of `database_url`; returns the audit entries
/// verified.
pub async fn restore(from: &Path, manifest: &Manifest, database_url: &str, replace: bool) -> Result<i64, Failure> {
    let target = path_of(database_url)?;
    if target.exists() && !replace {
        return Err(Failure::config(Message::new("cli-restore-exists").arg("path", target.display().to_string())));
    }
    let staged = partial_beside(&target, "restoring");
    let result = stage_verified(from, &staged, manifest).await.and_then(|entries| {
        for stale in [wal_of(&target, "-wal"), wal_of(&target, "-shm")] {
            remove_if_present(&stale)?;
        }
        std::fs::rename(&staged, &target).map_err(|e| Failure::found(cannot("cli-restored-unmovable", &target, e)))?;
        Ok(entries)
    });
    if result.is_err() {
        remove_database_files(&staged);
    }
    result
}

async fn stage_verified(from: &Path, staged: &Path, manifest: &Manifest) -> Result<i64, Failure> {
    std::fs::copy(from, staged).map_err(|e| Failure::found(cannot("cli-backup-uncopiable", staged, e)))?;
    let copy = Store::connect(&url_of(staged)).await?;
    let verified = verify_against(&copy, manifest).await;
    copy.close().await;
    verified
}

fn url_of(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// The file of a `sqlite://PATH[?options]` (or `sqlite:PATH`) URL.
fn path_of(database_url: &str) -> Result<PathBuf, Failure> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .ok_or_else(|| Failure::config(Message::new("cli-not-sqlite").arg("url", database_url)))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err(Failure::config(Message::new("cli-restore-sqlite-file").arg("url", database_url)));
    }
    Ok(PathBuf::from(path))
}

fn wal_of(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<(), Failure> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Failure::found(cannot("cli-cannot-remove", path, e))),
        _ => Ok(()),
    }
}

fn remove_database_files(path: &Path) {
    for file in [path.to_path_buf(), wal_of(path, "-wal"), wal_of(path, "-shm")] {
        let _ = std::fs::remove_file(file);
    }
}
