//! The manifest written beside a backup: what it is, its SHA-256 and size,
//! and the audit chain's length and head in it. Record the head elsewhere
//! too: a restore checks the chain ends exactly there.

use crate::failure::{Failure, cannot, one_line};
use cloudpa_domain::message::Message;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

const FORMAT: &str = "cloudpa-backup/1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: String,
    /// `sqlite` (a database file) or `postgres` (a `pg_dump` custom archive).
    pub engine: String,
    pub created_at: String,
    pub bytes: u64,
    pub sha256: String,
    pub audit_entries: i64,
    pub audit_head: String,
}

impl Manifest {
    /// The manifest of the backup at `file`, as just written.
    pub fn of(file: &Path, engine: &str, audit_entries: i64, audit_head: String) -> Result<Manifest, Failure> {
        let (bytes, sha256) = digest(file)?;
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        Ok(Manifest {
            format: FORMAT.into(),
            engine: engine.into(),
            created_at,
            bytes,
            sha256,
            audit_entries,
            audit_head,
        })
    }

    pub fn path_beside(backup: &Path) -> PathBuf {
        let mut name = backup.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".manifest.json");
        backup.with_file_name(name)
    }

    pub fn write(&self, path: &Path) -> Result<(), Failure> {
        let json = serde_json::to_string_pretty(self).map_err(|e| Failure::Found(e.to_string()))?;
        std::fs::write(path, json + "\n").map_err(|e| Failure::found(cannot("cli-manifest-unwritable", path, e)))
    }

    pub fn read(path: &Path) -> Result<Manifest, Failure> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Failure::config(cannot("cli-manifest-unreadable", path, e)))?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|e| Failure::config(cannot("cli-manifest-invalid", path, one_line(&e.to_string()))))?;
        if manifest.format != FORMAT {
            return Err(Failure::config(
                Message::new("cli-manifest-format")
                    .arg("path", path.display().to_string())
                    .arg("format", manifest.format)
                    .arg("read", FORMAT),
            ));
        }
        Ok(manifest)
    }

    /// Refuses a backup whose size or SHA-256 differs from the manifest's.
    pub fn check_file(&self, file: &Path) -> Result<(), Failure> {
        let (bytes, sha256) = digest(file)?;
        if bytes != self.bytes || sha256 != self.sha256 {
            return Err(Failure::found(
                Message::new("cli-backup-mismatch")
                    .arg("path", file.display().to_string())
                    .arg("bytes", bytes)
                    .arg("sha256", sha256)
                    .arg("manifest_bytes", self.bytes)
                    .arg("manifest_sha256", self.sha256.as_str()),
            ));
        }
        Ok(())
    }
}

/// The size and SHA-256 of a file, read in blocks.
fn digest(path: &Path) -> Result<(u64, String), Failure> {
    let unreadable = |e: std::io::Error| Failure::config(cannot("cli-cannot-read", path, e));
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    let mut bytes = 0;
    loop {
        let read = file.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        bytes += read as u64;
    }
    Ok((bytes, hex::encode(hasher.finalize())))
}
