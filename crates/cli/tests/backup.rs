//! `cloudpa backup` and `restore` as an operator runs them: a backup taken
//! while another process writes is a consistent snapshot that restores and
//! verifies, on SQLite and on PostgreSQL; a tampered backup is refused.

mod common;

use cloudpa_domain::access::OrganisationKind;
use cloudpa_store::{Actor, Store};
use common::*;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

fn ok(args: &[&str]) -> String {
    let output = run(args);
    assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
    text(&output.stdout)
}

fn manifest_of(backup: &Path) -> Value {
    let text = std::fs::read_to_string(format!("{}.manifest.json", backup.display())).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Seeds `source` with the demo, keeps a second process writing audited rows
/// into it while `cloudpa backup` runs, then restores into `target` and checks
/// that the copy is one consistent moment: every row the writer made is there
/// with its audit entry, and the chain ends at the manifest's head.
async fn backup_under_load(source: &str, target: &str) {
    let dir = TempDir::new();
    let data = dir.arg();
    ok(&["demo", "--database-url", source, "--data-dir", &data]);
    let store = Store::connect(source).await.unwrap();
    let before = store.data_version().await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, stop) = (store.clone(), stop.clone());
        tokio::spawn(async move {
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                let name = format!("Carico {written}");
                store
                    .create_organisation(&Actor::cli(), OrganisationKind::Provider, &name, None, written)
                    .await
                    .unwrap();
                written += 1;
            }
            written
        })
    };
    while store.data_version().await.unwrap() < before + 20 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let out = dir.path().join("load.backup");
    let args = ["backup", "--database-url", source, "--data-dir", &data, "--out", &out.display().to_string()];
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let output = tokio::task::spawn_blocking(move || cloudpa().args(&args).output().unwrap()).await.unwrap();
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let after = store.data_version().await.unwrap();
    store.close().await;

    let manifest = manifest_of(&out);
    let entries = manifest["audit_entries"].as_i64().unwrap();
    assert!(entries >= before + 20 && entries <= after, "{before} <= {entries} <= {after}, {written} written");

    let restored_dir = TempDir::new();
    let said = ok(&[
        "restore",
        "--database-url",
        target,
        "--data-dir",
        &restored_dir.arg(),
        "--from",
        &out.display().to_string(),
    ]);
    assert!(said.contains(&format!("({entries} entries")), "{said}");
    let restored = Store::connect(target).await.unwrap();
    assert_eq!(restored.data_version().await.unwrap(), entries);
    let rows = restored.fetch_i64("SELECT COUNT(*) FROM organisations WHERE name LIKE 'Carico %'").await;
    let audited = restored
        .fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'organisation.create' AND details LIKE '%Carico %'")
        .await;
    assert_eq!(rows, audited, "each row of the snapshot has its audit entry, and no entry lacks its row");
    assert_eq!(rows, entries - before, "the snapshot holds exactly the writes its chain records");
    restored.close().await;
    ok(&["audit", "verify", "--database-url", target, "--data-dir", &restored_dir.arg()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_under_load_restores_and_verifies() {
    let dir = TempDir::new();
    let source = format!("sqlite://{}", dir.path().join("live.db").display());
    let target = format!("sqlite://{}", dir.path().join("restored.db").display());
    backup_under_load(&source, &target).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_under_load_restores_and_verifies() {
    let (Some(source), Some(target)) = (
        cloudpa_store::testing::fresh_postgres_database().await,
        cloudpa_store::testing::fresh_postgres_database().await,
    ) else {
        eprintln!("TEST_DATABASE_URL is not set: PostgreSQL backup skipped");
        return;
    };
    backup_under_load(&source, &target).await;
}

/// A demo database and its backup, for the refusals below.
struct Backed {
    dir: TempDir,
    backup: std::path::PathBuf,
}

impl Backed {
    fn new() -> Backed {
        let dir = TempDir::new();
        ok(&["demo", "--data-dir", &dir.arg()]);
        let backup = dir.path().join("demo.backup");
        ok(&["backup", "--data-dir", &dir.arg(), "--out", &backup.display().to_string()]);
        Backed { dir, backup }
    }

    fn restore(&self) -> std::process::Output {
        let target = format!("sqlite://{}", self.dir.path().join(format!("r{}.db", rand_suffix())).display());
        run(&[
            "restore",
            "--database-url",
            &target,
            "--data-dir",
            &self.dir.arg(),
            "--from",
            &self.backup.display().to_string(),
        ])
    }

    /// Alters the backup with `sql` and rewrites its manifest's checksum, as
    /// someone covering their tracks would.
    async fn tamper(&self, sql: &[&str]) {
        let store = Store::connect(&format!("sqlite://{}", self.backup.display())).await.unwrap();
        for statement in sql {
            sqlx::query(sqlx::AssertSqlSafe(statement.to_string())).execute(store.pool()).await.unwrap();
        }
        store.close().await;
        let bytes = std::fs::read(&self.backup).unwrap();
        let mut manifest = manifest_of(&self.backup);
        manifest["bytes"] = bytes.len().into();
        manifest["sha256"] = sha256_hex(&bytes).into();
        std::fs::write(format!("{}.manifest.json", self.backup.display()), manifest.to_string()).unwrap();
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn assert_refused(output: &std::process::Output, needle: &str) {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(needle), "`{needle}` not in: {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_altered_audit_entry_is_refused_even_with_a_matching_checksum() {
    let backed = Backed::new();
    backed.tamper(&["UPDATE audit_log SET details = '{}' WHERE seq = 3"]).await;
    assert_refused(&backed.restore(), "audit chain is broken at entry 3");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_cut_short_is_refused_by_the_manifests_head() {
    let backed = Backed::new();
    backed
        .tamper(&[
            "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
            "UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)",
        ])
        .await;
    assert_refused(&backed.restore(), "its manifest at entry");
}

#[test]
fn a_changed_byte_is_refused_by_the_checksum_and_nothing_is_written() {
    let backed = Backed::new();
    let mut bytes = std::fs::read(&backed.backup).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&backed.backup, bytes).unwrap();
    let before: Vec<_> = std::fs::read_dir(backed.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_refused(&backed.restore(), "not the file its manifest describes");
    let after: Vec<_> = std::fs::read_dir(backed.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before.len(), after.len(), "no database and no staged copy left behind");
}

#[test]
fn backup_and_restore_name_what_is_wrong_with_their_arguments() {
    let backed = Backed::new();
    let existing = backed.backup.display().to_string();
    assert_config_error(&run(&["backup", "--data-dir", &backed.dir.arg(), "--out", &existing]), "exists already");
    let lone = backed.dir.path().join("lone.backup");
    std::fs::copy(&backed.backup, &lone).unwrap();
    let target = format!("sqlite://{}", backed.dir.path().join("x.db").display());
    let from = lone.display().to_string();
    let output = run(&["restore", "--database-url", &target, "--data-dir", &backed.dir.arg(), "--from", &from]);
    assert_config_error(&output, "manifest");
    let live = format!("sqlite://{}", backed.dir.path().join("cloudpa.db").display());
    let output = run(&["restore", "--database-url", &live, "--data-dir", &backed.dir.arg(), "--from", &existing]);
    assert_config_error(&output, "pass --replace");
}
