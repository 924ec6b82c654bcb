//! The `cloudpa` binary, run as a user would: exit codes, one-line errors,
//! start-up, graceful shutdown, audit verification, accounts and jobs.

mod common;

use common::*;
use std::io::Write;
use std::net::TcpListener;
use std::process::{Command, Stdio};

#[test]
fn voucher_for_every_class_boundary() {
    // (population, class, fee, A, B, min services)
    let cases = [
        (2_500, 1, 6_000, 1_528, 4_603, 7),
        (2_501, 2, 12_000, 2_352, 5_069, 10),
        (5_000, 2, 12_000, 2_352, 5_069, 10),
        (5_001, 3, 25_000, 4_146, 6_928, 11),
        (20_000, 3, 25_000, 4_146, 6_928, 11),
        (20_001, 4, 50_000, 9_143, 14_437, 11),
        (50_000, 4, 50_000, 9_143, 14_437, 11),
        (50_001, 5, 120_000, 14_254, 16_618, 14),
        (100_000, 5, 120_000, 14_254, 16_618, 14),
        (100_001, 6, 450_000, 15_394, 27_694, 17),
        (250_000, 6, 450_000, 15_394, 27_694, 17),
        (250_001, 7, 3_500_000, 46_634, 75_816, 17),
    ];
    for (population, class, fee, a, b, min) in cases {
        let rehost = min - 1;
        let output = run(&[
            "voucher",
            "--population",
            &population.to_string(),
            "--rehost",
            &rehost.to_string(),
            "--upgrade",
            "1",
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["class"], class, "population {population}");
        assert_eq!(json["fee_eur"], fee);
        assert_eq!(json["rehost_eur"], rehost * a);
        assert_eq!(json["upgrade_eur"], b);
        assert_eq!(json["amount_eur"], fee + rehost * a + b, "population {population}");
    }
}

#[test]
fn voucher_genova() {
    let output = run(&["voucher", "--population", "586180", "--rehost", "18", "--upgrade", "3"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["amount_eur"], 4_566_860);
    assert_eq!(text(&output.stdout).lines().count(), 1, "one JSON object");
}

#[test]
fn voucher_outside_the_service_range_gives_the_allowed_range() {
    assert_config_error(
        &run(&["voucher", "--population", "2500", "--rehost", "10", "--upgrade", "0"]),
        "allows 7 to 9 services",
    );
    assert_config_error(
        &run(&["voucher", "--population", "586180", "--rehost", "0", "--upgrade", "16"]),
        "allows 17 to 21",
    );
    let missing = run(&["voucher", "--population", "100"]);
    assert_eq!(missing.status.code(), Some(2), "clap usage errors exit 2");
}

#[test]
fn unknown_database_scheme() {
    let dir = TempDir::new();
    let output =
        run(&["serve", "--data-dir", &dir.arg(), "--addr", "127.0.0.1:0", "--database-url", "mysql://localhost/x"]);
    assert_config_error(&output, "unsupported database URL `mysql://localhost/x`");
}

#[test]
fn unreachable_database_hides_the_password() {
    let dir = TempDir::new();
    let url = "postgres://cloudpa:s3cret@127.0.0.1:1/cloudpa";
    let output = run(&["migrate", "--data-dir", &dir.arg(), "--database-url", url]);
    assert_config_error(&output, "cannot open the PostgreSQL database at postgres://cloudpa:***@127.0.0.1:1/cloudpa");
    assert!(!text(&output.stderr).contains("s3cret"));
}

#[test]
fn port_in_use() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = TempDir::new();
    let output = run(&["serve", "--data-dir", &dir.arg(), "--addr", &addr]);
    assert_config_error(&output, &format!("cannot listen on {addr}"));
}

#[test]
fn unwritable_data_dir() {
    let dir = TempDir::new();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let output = run(&["serve", "--data-dir", &file.display().to_string(), "--addr", "127.0.0.1:0"]);
    assert_config_error(&output, "is not writable");
}

#[test]
fn trusted_proxy_that_is_not_a_network() {
    let dir = TempDir::new();
    let serve =
        |proxy: &str| run(&["serve", "--data-dir", &dir.arg(), "--addr", "127.0.0.1:0", "--trusted-proxy", proxy]);
    assert_config_error(
        &serve("10.0.0.1/8"),
        "--trusted-proxy: `10.0.0.1/8` has host bits set: the network is 10.0.0.0/8",
    );
    assert_config_error(&serve("10.0.0.0/8,proxy.internal"), "--trusted-proxy: `proxy.internal` is not an IP address");
}

#[test]
fn bad_config_file() {
    let dir = TempDir::new();
    let config = dir.path().join("cloudpa.toml");
    std::fs::write(&config, "adress = \"127.0.0.1:1\"\n").unwrap();
    let output = run(&["--config", &config.display().to_string(), "migrate", "--data-dir", &dir.arg()]);
    assert_config_error(&output, "unknown field `adress`");
    let output = run(&["--config", "/nonexistent/cloudpa.toml", "migrate"]);
    assert_config_error(&output, "cannot read configuration file /nonexistent/cloudpa.toml");
}

#[test]
fn serve_starts_with_demo_data_and_stops_gracefully_on_sigterm() {
    let dir = TempDir::new();
    let port = free_port();
    let mut child = cloudpa()
        .args(["serve", "--demo", "--data-dir", &dir.arg(), "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_ready(&mut child, port);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(status.contains("application/problem+json"));
    let home = http_get(port, "/").unwrap();
    assert!(home.contains("<html lang=\"it\">"));
    assert!(dir.path().join("cloudpa.db").exists() && dir.path().join("files").is_dir());

    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit after SIGTERM: {:?}", output.status);
    let stdout = text(&output.stdout);
    assert!(stdout.contains("rtd@genova.demo.cloudpa.it"), "demo accounts listed: {stdout}");
    let logs = text(&output.stderr);
    assert!(logs.contains("\"level\":\"INFO\""), "JSON logs when not a terminal: {logs}");
    assert!(logs.contains("database closed"), "{logs}");

    let verify = run(&["audit", "verify", "--data-dir", &dir.arg()]);
    assert!(verify.status.success(), "{}", text(&verify.stderr));
}

async fn tamper(url: &str) {
    let store = cloudpa_store::Store::connect(url).await.unwrap();
    sqlx::query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").execute(store.pool()).await.unwrap();
    store.close().await;
}

fn audit_detects_tampering(url: &str, dir: &TempDir) {
    let migrate = run(&["migrate", "--data-dir", &dir.arg(), "--database-url", url]);
    assert!(migrate.status.success(), "{}", text(&migrate.stderr));
    let verify = run(&["audit", "verify", "--data-dir", &dir.arg(), "--database-url", url]);
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stderr));
    let expected = format!("audit chain verified: {} entries", cloudpa_store::reference::DATASETS.len());
    assert!(text(&verify.stdout).contains(&expected), "{}", text(&verify.stdout));

    tokio::runtime::Runtime::new().unwrap().block_on(tamper(url));
    let verify = run(&["audit", "verify", "--data-dir", &dir.arg(), "--database-url", url]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(text(&verify.stderr).contains("audit chain broken at entry 2"), "{}", text(&verify.stderr));
}

#[test]
fn audit_verify_detects_an_edited_row_on_sqlite() {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("audit.db").display());
    audit_detects_tampering(&url, &dir);
}

#[test]
fn audit_verify_detects_an_edited_row_on_postgres() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Some(url) = runtime.block_on(cloudpa_store::testing::fresh_postgres_database()) else {
        eprintln!("TEST_DATABASE_URL is not set: PostgreSQL half skipped");
        return;
    };
    audit_detects_tampering(&url, &TempDir::new());
}

#[test]
fn admin_create_user_reads_the_password_from_stdin() {
    let dir = TempDir::new();
    let create = |password: &str, email: &str| {
        let mut child = cloudpa()
            .args([
                "admin",
                "create-user",
                "--email",
                email,
                "--name",
                "Admin ACN",
                "--organisation",
                "ACN",
                "--kind",
                "agency",
                "--role",
                "admin",
                "--data-dir",
                &dir.arg(),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = create("una-password-robusta", "Admin@ACN.gov.it");
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("created admin@acn.gov.it (admin) in ACN"));
    assert_config_error(&create("corta", "altro@acn.gov.it"), "at least 12 characters");
    assert_config_error(&create("una-password-robusta", "admin@acn.gov.it"), "already exists");
    assert_config_error(&create("una-password-robusta", "not-an-email"), "--email");
    let bad_role = run(&[
        "admin",
        "create-user",
        "--email",
        "a@b.it",
        "--name",
        "A",
        "--organisation",
        "O",
        "--kind",
        "agency",
        "--role",
        "boss",
    ]);
    assert_eq!(bad_role.status.code(), Some(2));
    assert!(text(&bad_role.stderr).contains("`boss` is not a valid role"));
}

#[test]
fn jobs_failed_lists_given_up_jobs_and_retry_puts_one_back() {
    let dir = TempDir::new();
    let empty = run(&["jobs", "failed", "--data-dir", &dir.arg()]);
    assert!(empty.status.success(), "{}", text(&empty.stderr));
    assert_eq!(text(&empty.stdout).trim(), "no failed job");

    let url = format!("sqlite://{}", dir.path().join("cloudpa.db").display());
    let id = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = cloudpa_store::Store::connect(&url).await.unwrap();
        let job = cloudpa_store::jobs::NewJob {
            kind: "deliver_event",
            payload: serde_json::json!({ "event_id": 1 }),
            unique_key: None,
            run_at_ms: 0,
        };
        store.enqueue_job(&job, 0).await.unwrap();
        let mut claimed = store.claim_job("w", 0).await.unwrap().unwrap();
        claimed.attempt = cloudpa_domain::jobs::MAX_ATTEMPTS;
        store.fail_job(&claimed, "w", "SMTP server unreachable", 0).await.unwrap();
        store.close().await;
        claimed.id
    });
    let listed = run(&["jobs", "failed", "--data-dir", &dir.arg()]);
    let out = text(&listed.stdout);
    assert!(out.contains(&id) && out.contains("given up") && out.contains("SMTP server unreachable"), "{out}");

    let retried = run(&["jobs", "retry", &id, "--data-dir", &dir.arg()]);
    assert!(retried.status.success(), "{}", text(&retried.stderr));
    let again = run(&["jobs", "retry", &id, "--data-dir", &dir.arg()]);
    assert_eq!(again.status.code(), Some(1), "only a given-up job is retried");
    assert!(text(&again.stderr).contains("not found"), "{}", text(&again.stderr));
}
