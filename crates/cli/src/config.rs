//! Configuration: command-line flag, then environment variable, then the
//! optional TOML file, then the default.

use crate::failure::Failure;
use crate::failure::cannot;
use clap::Args;
use cloudpa_domain::message::Message;
use cloudpa_store::blobs::BlobStore;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The optional configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub addr: Option<String>,
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub public_url: Option<String>,
    pub rate_limit: Option<u32>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub clamd_addr: Option<String>,
    pub metrics_token: Option<String>,
    pub metrics_addr: Option<String>,
    pub identity_config: Option<PathBuf>,
    pub files_url: Option<String>,
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// The body that publishes the open data (its metadata name it): name,
    /// IPA code and the address to write to about the data.
    pub publisher_name: Option<String>,
    pub publisher_ipa_code: Option<String>,
    pub publisher_email: Option<String>,
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> Result<FileConfig, Failure> {
        let Some(path) = path else {
            return Ok(FileConfig::default());
        };
        let text =
            std::fs::read_to_string(path).map_err(|e| Failure::config(cannot("cli-config-unreadable", path, e)))?;
        toml::from_str(&text)
            .map_err(|e| Failure::config(cannot("cli-config-invalid", path, crate::failure::one_line(e.message()))))
    }
}

/// Where the data lives; every command that touches data takes these.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// `sqlite://PATH` or `postgres://USER@HOST/DB` (default: SQLite in the data directory).
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and uploaded files.
    #[arg(long, env = "CLOUDPA_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where uploaded files live: `s3://BUCKET` (endpoint, region and
    /// credentials from the `AWS_*` variables); default DATA_DIR/files.
    #[arg(long, env = "CLOUDPA_FILES_URL")]
    pub files_url: Option<String>,
}

/// Resolved data settings.
#[derive(Debug, Clone)]
pub struct DataConfig {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub files_url: Option<String>,
}

impl DataArgs {
    /// Resolves the settings and makes sure the data directory (and its
    /// `files/`) exists and is writable.
    pub fn resolve(&self, file: &FileConfig) -> Result<DataConfig, Failure> {
        let data_dir = self.data_dir.clone().or_else(|| file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("data"));
        prepare_data_dir(&data_dir)?;
        let database_url = self
            .database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("cloudpa.db").display()));
        let files_url = self.files_url.clone().or_else(|| file.files_url.clone());
        Ok(DataConfig { database_url, data_dir, files_url })
    }
}

impl DataConfig {
    /// The store of uploaded files, checked to answer.
    pub async fn blobs(&self) -> Result<BlobStore, Failure> {
        let blobs = match self.files_url.as_deref() {
            None => BlobStore::local(&self.data_dir.join("files"))?,
            #[cfg(feature = "s3")]
            Some(url) if url.starts_with("s3://") => BlobStore::s3(url, &[])
                .map_err(|e| Failure::config(Message::new("cli-files-url").arg("error", e.to_string())))?,
            Some(url) => {
                return Err(Failure::config(Message::new("cli-files-url-scheme").arg("url", url)));
            }
        };
        blobs
            .check()
            .await
            .map_err(|e| Failure::config(Message::new("cli-file-store-down").arg("error", e.to_string())))?;
        Ok(blobs)
    }
}

fn prepare_data_dir(dir: &Path) -> Result<(), Failure> {
    let unusable = |e: std::io::Error| Failure::config(cannot("cli-data-dir", dir, e));
    std::fs::create_dir_all(dir.join("files")).map_err(unusable)?;
    let probe = dir.join(format!(".write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(unusable)?;
    std::fs::remove_file(&probe).map_err(unusable)
}
