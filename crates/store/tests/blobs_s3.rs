//! Uploaded files in a real S3-compatible server (moto, started by
//! `scripts/s3-throwaway`, whose endpoint is `S3_TEST_ENDPOINT`): what one
//! process stores, another client reads; a missing bucket is an error at
//! once, not at the first upload.

use cloudpa_domain::access::OrganisationKind;
use cloudpa_store::blobs::{BlobStore, NewBlob};
use cloudpa_store::{Actor, StoreError, engine_test};

const T0: i64 = 1_767_225_600_000;

/// The bucket of `scripts/s3-throwaway` (or another), at the test server.
fn bucket(url: &str) -> Option<BlobStore> {
    let endpoint = match std::env::var("S3_TEST_ENDPOINT") {
        Ok(endpoint) => endpoint,
        Err(_) if std::env::var_os("CI").is_some() => panic!("CI must set S3_TEST_ENDPOINT to an S3-compatible server"),
        Err(_) => {
            eprintln!("S3_TEST_ENDPOINT is not set: S3 test skipped (scripts/s3-throwaway starts one)");
            return None;
        }
    };
    let settings = [
        ("aws_endpoint", endpoint.as_str()),
        ("aws_allow_http", "true"),
        ("aws_region", "eu-south-1"),
        ("aws_access_key_id", "cloudpa-test"),
        ("aws_secret_access_key", "cloudpa-test"),
    ];
    Some(BlobStore::s3(url, &settings).unwrap())
}

engine_test!(a_file_stored_in_s3_is_read_back_by_another_client, |store| {
    let Some(writer) = bucket("s3://cloudpa-test") else { return };
    writer.check().await.unwrap();
    let actor = Actor::cli();
    let owner = store.create_organisation(&actor, OrganisationKind::Provider, "Fornitore", None, T0).await.unwrap();
    let content = format!("%PDF-1.7 relazione {} {}", owner.id, store.engine()).into_bytes();
    let upload = NewBlob { owner_id: &owner.id, filename: "relazione.pdf", content_type: "application/pdf", content };
    let info = store.put_blob(&writer, &actor, upload, T0).await.unwrap();

    let reader = bucket("s3://cloudpa-test").unwrap();
    let read = store.blob_content(&reader, &info.sha256).await.unwrap();
    assert_eq!(read, format!("%PDF-1.7 relazione {} {}", owner.id, store.engine()).into_bytes());
    let missing = "0".repeat(64);
    assert!(matches!(store.blob_content(&reader, &missing).await, Err(StoreError::NotFound(_))));
});

#[tokio::test]
async fn a_bucket_that_does_not_exist_fails_the_check() {
    let Some(missing) = bucket("s3://no-such-bucket-for-cloudpa") else { return };
    let error = missing.check().await.unwrap_err().to_string();
    assert!(error.contains("NoSuchBucket") || error.contains("404"), "{error}");
}

#[test]
fn a_url_that_is_not_a_bucket_is_refused() {
    for url in ["s3://", "s3://bucket/prefix", "https://bucket"] {
        let error = BlobStore::s3(url, &[]).unwrap_err().to_string();
        assert!(error.contains("is not a bucket: write s3://BUCKET"), "{url}: {error}");
    }
}
