//! Uploaded files: the bytes in an object store (a local directory by
//! default, S3-compatible with the `s3` feature), content-addressed by
//! SHA-256, stored once; in the database the content's type and size, and
//! each organisation that uploaded it with the name it gave.
//!
//! The type and size rules are the domain's (`cloudpa_domain::files`); this
//! module stores what passed them.

use crate::audit::AuditEntry;
use crate::batch::{Existing, Value, upsert};
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use object_store::ObjectStore;
use object_store::path::Path as ObjectPath;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Row};
use std::sync::Arc;

/// Where file contents live.
#[derive(Clone, Debug)]
pub struct BlobStore {
    objects: Arc<dyn ObjectStore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlobInfo {
    /// The file's id: the SHA-256 of its content.
    #[serde(rename = "id")]
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub owner_id: String,
}

/// A file that passed the domain's checks, to be stored.
#[derive(Debug)]
pub struct NewBlob<'a> {
    pub owner_id: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub content: Vec<u8>,
}

impl BlobStore {
    /// Files under `dir` (created if missing).
    pub fn local(dir: &std::path::Path) -> Result<BlobStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Blob(format!("{}: {e}", dir.display())))?;
        let fs =
            object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(|e| StoreError::Blob(e.to_string()))?;
        Ok(BlobStore { objects: Arc::new(fs) })
    }

    /// An S3-compatible bucket, `s3://BUCKET`, configured by the usual
    /// `AWS_*` variables (`AWS_ENDPOINT`, `AWS_REGION`, credentials…), each
    /// overridden by `settings` (object_store's keys, e.g. `aws_endpoint`).
    #[cfg(feature = "s3")]
    pub fn s3(url: &str, settings: &[(&str, &str)]) -> Result<BlobStore, StoreError> {
        use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
        let bucket = url
            .strip_prefix("s3://")
            .filter(|b| !b.is_empty() && !b.contains('/'))
            .ok_or_else(|| StoreError::Blob(format!("`{url}` is not a bucket: write s3://BUCKET")))?;
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        for (key, value) in settings {
            let key: AmazonS3ConfigKey =
                key.parse().map_err(|e: object_store::Error| StoreError::Blob(e.to_string()))?;
            builder = builder.with_config(key, *value);
        }
        let s3 = builder.build().map_err(|e| StoreError::Blob(e.to_string()))?;
        Ok(BlobStore { objects: Arc::new(s3) })
    }

    /// Whether files can be stored: writes a small object of its own (a
    /// read would not tell, as S3 answers a missing bucket and a missing
    /// object alike with 404).
    pub async fn check(&self) -> Result<(), StoreError> {
        let probe = ObjectPath::from("readiness-probe");
        self.objects.put(&probe, b"cloudpa".to_vec().into()).await.map_err(|e| StoreError::Blob(e.to_string()))?;
        Ok(())
    }

    fn path(sha256: &str) -> ObjectPath {
        ObjectPath::from(format!("{}/{sha256}", &sha256[..2]))
    }
}

impl Store {
    /// Stores `content` (already checked by the domain) and records that
    /// `owner_id` uploaded it under `filename`. The content is stored once
    /// whoever uploads it; each organisation that uploads it has its own
    /// record, and sees only its own (a second upload by the same one keeps
    /// the first name).
    pub async fn put_blob(
        &self,
        blobs: &BlobStore,
        actor: &Actor,
        upload: NewBlob<'_>,
        at: Millis,
    ) -> Result<BlobInfo, StoreError> {
        let NewBlob { owner_id, filename, content_type, content } = upload;
        let sha256 = hex::encode(Sha256::digest(&content));
        let size = content.len() as i64;
        blobs
            .objects
            .put(&BlobStore::path(&sha256), content.into())
            .await
            .map_err(|e| StoreError::Blob(e.to_string()))?;
        let during = |e| StoreError::during("record an uploaded file", e);
        let mut tx = self.begin_write().await?;
        let content_row =
            vec![Value::Text(sha256.clone()), Value::Int(size), Value::Text(content_type.to_owned()), Value::Int(at)];
        upsert(
            tx.conn(),
            "blob_contents",
            &["sha256", "size", "content_type", "created_at_ms"],
            &["sha256"],
            Existing::Keep,
            vec![content_row],
        )
        .await
        .map_err(during)?;
        let file_row = vec![
            Value::Text(owner_id.to_owned()),
            Value::Text(sha256.clone()),
            Value::Text(filename.to_owned()),
            Value::Int(at),
        ];
        upsert(
            tx.conn(),
            "files",
            &["owner_id", "sha256", "filename", "created_at_ms"],
            &["owner_id", "sha256"],
            Existing::Keep,
            vec![file_row],
        )
        .await
        .map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "file.upload",
            subject: format!("file:{sha256}"),
            details: json!({ "size": size, "content_type": content_type, "filename": filename, "owner_id": owner_id }),
        };
        tx.commit(entry, at).await?;
        self.blob_info(owner_id, &sha256)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-file").arg("sha256", sha256)))
    }

    /// The file `sha256` as `owner_id` uploaded it, if it did.
    pub async fn blob_info(&self, owner_id: &str, sha256: &str) -> Result<Option<BlobInfo>, StoreError> {
        let sql = AssertSqlSafe(format!("{FILE_COLUMNS} WHERE f.owner_id = $1 AND f.sha256 = $2"));
        self.read_one(sqlx::query(sql).bind(owner_id).bind(sha256), "read a file's record", file_from_row).await
    }

    /// The file `sha256` as its first uploader named it: for the agency,
    /// which reads every provider's documents.
    pub async fn first_upload(&self, sha256: &str) -> Result<Option<BlobInfo>, StoreError> {
        let sql =
            AssertSqlSafe(format!("{FILE_COLUMNS} WHERE f.sha256 = $1 ORDER BY f.created_at_ms, f.owner_id LIMIT 1"));
        self.read_one(sqlx::query(sql).bind(sha256), "read a file's first upload", file_from_row).await
    }

    /// The file `sha256` as an ente (or an aggregator acting for one)
    /// uploaded it, when one of the ente's projects is assigned to the
    /// attestor organisation `attestor_id`: the documents it verifies.
    pub async fn upload_for_attestor(&self, attestor_id: &str, sha256: &str) -> Result<Option<BlobInfo>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "{FILE_COLUMNS} WHERE f.sha256 = $1 AND f.owner_id IN ( \
               SELECT a.organisation_id FROM call_applications a \
               JOIN attestation_assignments s ON s.application_id = a.id WHERE s.attestor_id = $2 \
               UNION SELECT d.aggregator_id FROM delegations d \
               JOIN call_applications a ON a.organisation_id = d.ente_id \
               JOIN attestation_assignments s ON s.application_id = a.id WHERE s.attestor_id = $2) \
             ORDER BY f.created_at_ms, f.owner_id LIMIT 1"
        ));
        self.read_one(sqlx::query(sql).bind(sha256).bind(attestor_id), "read a file to verify", file_from_row).await
    }

    /// The file `sha256` as a public body (an ente or an aggregator)
    /// uploaded it: the programme's documents, which the office oversees.
    pub async fn upload_of_public_body(&self, sha256: &str) -> Result<Option<BlobInfo>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "{FILE_COLUMNS} JOIN organisations o ON o.id = f.owner_id WHERE f.sha256 = $1 AND o.kind = 'public_body' \
             ORDER BY f.created_at_ms, f.owner_id LIMIT 1"
        ));
        self.read_one(sqlx::query(sql).bind(sha256), "read a programme document", file_from_row).await
    }

    /// The content of a stored file.
    pub async fn blob_content(&self, blobs: &BlobStore, sha256: &str) -> Result<Vec<u8>, StoreError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound(Message::new("store-file").arg("sha256", sha256)));
        }
        let object = blobs.objects.get(&BlobStore::path(sha256)).await.map_err(|e| match e {
            object_store::Error::NotFound { .. } => {
                StoreError::NotFound(Message::new("store-file").arg("sha256", sha256))
            }
            other => StoreError::Blob(other.to_string()),
        })?;
        let bytes = object.bytes().await.map_err(|e| StoreError::Blob(e.to_string()))?;
        Ok(bytes.to_vec())
    }
}

const FILE_COLUMNS: &str = "SELECT f.sha256, c.size, c.content_type, f.filename, f.owner_id \
     FROM files f JOIN blob_contents c ON c.sha256 = f.sha256";

fn file_from_row(r: &sqlx::any::AnyRow) -> Result<BlobInfo, StoreError> {
    let during = |e| StoreError::during("read a file's record", e);
    Ok(BlobInfo {
        sha256: r.try_get("sha256").map_err(during)?,
        size: r.try_get("size").map_err(during)?,
        content_type: r.try_get("content_type").map_err(during)?,
        filename: r.try_get("filename").map_err(during)?,
        owner_id: r.try_get("owner_id").map_err(during)?,
    })
}
