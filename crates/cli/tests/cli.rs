//! The `cloudpa` binary, run as a user would: exit codes, one-line errors,
//! start-up, graceful shutdown, audit verification and imports.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn cloudpa() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cloudpa"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("CLOUDPA_DATA_DIR")
        .env_remove("CLOUDPA_ADDR")
        .env("RUST_LOG", "info");
    command
}

fn run(args: &[&str]) -> Output {
    cloudpa().args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("cloudpa-cli-{}-{}", std::process::id(), rand_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

/// A configuration error: exit code 2 and exactly one line naming `needle`.
fn assert_config_error(output: &Output, needle: &str) {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    let lines: Vec<_> = stderr.lines().filter(|l| l.starts_with("cloudpa: ")).collect();
    assert_eq!(lines.len(), 1, "one message line: {stderr}");
    assert!(lines[0].contains(needle), "`{needle}` not in: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
}

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
fn bad_config_file() {
    let dir = TempDir::new();
    let config = dir.path().join("cloudpa.toml");
    std::fs::write(&config, "adress = \"127.0.0.1:1\"\n").unwrap();
    let output = run(&["--config", &config.display().to_string(), "migrate", "--data-dir", &dir.arg()]);
    assert_config_error(&output, "unknown field `adress`");
    let output = run(&["--config", "/nonexistent/cloudpa.toml", "migrate"]);
    assert_config_error(&output, "cannot read configuration file /nonexistent/cloudpa.toml");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn wait_ready(child: &mut Child, port: u16) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(response) = http_get(port, "/api/v1/status") {
            return response;
        }
        assert!(child.try_wait().unwrap().is_none(), "server exited early");
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("server not ready in 60 s");
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
fn import_calls_accounts_for_every_row() {
    let dir = TempDir::new();
    let file = dir.path().join("avvisi.csv");
    std::fs::write(
        &file,
        "titolo,misura,data_inizio_bando,data_fine_bando,stato,totale_importo_stanziato,totale_importo_misura,soggetti_destinatari\n\
         \"Avviso di prova - Comuni\",\"1.2 Abilitazione e facilitazione migrazione al Cloud\",2026-01-10,2026-03-10,APERTO,1000000.5,987000000.0,Comuni\n\
         \"Avviso senza data\",\"1.4.1 Esperienza del cittadino\",,2026-03-10,APERTO,10,10,Comuni\n\
         \"Avviso con importo errato\",\"1.4.1 Esperienza del cittadino\",2026-01-10,2026-03-10,APERTO,\"1,5\",10,Scuole\n\
         \"Secondo avviso\",\"1.3.1 PDND\",2026-02-01,2026-02-28,APERTO,20,30,\"Comuni;Scuole\"\n",
    )
    .unwrap();
    let output = run(&["import", "calls", &file.display().to_string(), "--data-dir", &dir.arg()]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("2 imported, 2 rejected"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("avvisi.csv:3: rejected: field `data_inizio_bando`"), "{stderr}");
    assert!(stderr.contains("avvisi.csv:4: rejected: field `totale_importo_stanziato`"), "{stderr}");
    let again = run(&["import", "calls", &file.display().to_string(), "--data-dir", &dir.arg()]);
    assert!(text(&again.stdout).contains("2 imported, 2 rejected"), "re-import is idempotent");
    let verify = run(&["audit", "verify", "--data-dir", &dir.arg()]);
    let expected = format!("{} entries", cloudpa_store::reference::DATASETS.len() + 2);
    assert!(text(&verify.stdout).contains(&expected), "{}", text(&verify.stdout));

    let missing = run(&["import", "calls", "/nonexistent.csv", "--data-dir", &dir.arg()]);
    assert_config_error(&missing, "cannot read /nonexistent.csv");
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
fn import_listings_accounts_for_every_row_and_is_idempotent() {
    let dir = TempDir::new();
    let file = dir.path().join("catalogo.csv");
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/catalogo_esempio.csv"))
            .unwrap();
    let bad = [
        "12345670018,Altro S.r.l.,,DC,IT,Posta,SaaS,QC1,Collaborazione,,IT,,,,qualified:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,Paghe,SaaS,QC1,Personale,,IT,,,SLI42=1h,qualified:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,Tributi,SaaS,QC1,Tributi,,IT,,,,suspended:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,\"Anagrafe,SaaS,QC1,Servizi demografici,,IT,,,,qualified:2024-01-01",
    ];
    std::fs::write(&file, format!("{sample}{}\n", bad.join("\n"))).unwrap();
    let data = dir.path().join("data");
    let args = ["import", "listings", file.to_str().unwrap(), "--data-dir", data.to_str().unwrap()];
    let first = run(&args);
    let stderr = text(&first.stderr);
    assert_eq!(first.status.code(), Some(1), "rejections are found problems: {stderr}");
    assert!(
        text(&first.stdout).contains("2 imported, 0 already in the catalogue, 4 rejected"),
        "{}",
        text(&first.stdout)
    );
    for (line, reason) in [
        (4, "provider_vat: the check digit should be 7"),
        (5, "service_levels: `SLI42` is not an indicator of the AgID SLI table"),
        (6, "history: must start with a qualification"),
        (7, "not valid CSV"),
    ] {
        let expected = format!("catalogo.csv:{line}: rejected: {reason}");
        assert!(stderr.lines().any(|l| l.contains(&expected)), "`{expected}` not in:\n{stderr}");
    }
    let again = run(&args);
    assert!(
        text(&again.stdout).contains("0 imported, 2 already in the catalogue, 4 rejected"),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn demo_generates_a_synthetic_catalogue() {
    let dir = TempDir::new();
    let output = run(&["demo", "--listings", "250", "--data-dir", &dir.arg()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("synthetic catalogue: 250 of 250 services imported"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn demo_writes_the_national_picture_once() {
    let dir = TempDir::new();
    let output = run(&["demo", "--scale", "national", "--data-dir", &dir.arg()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("national picture: 12934 enti, 12934 applications"),
        "{}",
        text(&output.stdout)
    );
    let again = run(&["demo", "--scale", "national", "--data-dir", &dir.arg()]);
    assert!(!again.status.success(), "a second picture is refused");
    assert_eq!(text(&again.stderr).trim().lines().count(), 1, "one line: {}", text(&again.stderr));
    assert!(text(&again.stderr).contains("fresh database"), "{}", text(&again.stderr));
    let unknown = run(&["demo", "--scale", "world", "--data-dir", &dir.arg()]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn import_applications_reads_the_real_sample_and_reimports_nothing() {
    let dir = TempDir::new();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/candidature_finanziate_12_campione.csv");
    let args = ["import", "applications", file, "--data-dir", &dir.arg()];
    let first = run(&args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("400 imported, 0 updated, 0 unchanged, 0 rejected; 399 enti created"),
        "{}",
        text(&first.stdout)
    );
    let again = run(&args);
    assert!(
        text(&again.stdout).contains("0 imported, 0 updated, 400 unchanged, 0 rejected; 0 enti created"),
        "{}",
        text(&again.stdout)
    );

    let broken = dir.path().join("broken.csv");
    let sample = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<String> = sample.lines().take(3).map(str::to_owned).collect();
    lines[2] = lines[2].replacen(",013075,", ",000000,", 1);
    std::fs::write(&broken, lines.join("\n")).unwrap();
    let output = run(&["import", "applications", broken.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr)
            .contains("broken.csv:3: rejected: cod_comune: `000000` is not the ISTAT code of a municipality"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn import_services_replaces_the_provisional_list_of_a_call() {
    let dir = TempDir::new();
    let file = dir.path().join("servizi.csv");
    std::fs::write(&file, "codice,servizio\nT1,TRIBUTI MINORI\nT2,CANONI\n").unwrap();
    let call = "1-2-abilitazione-al-cloud-comuni-luglio-2025";
    let ok = run(&["import", "services", call, file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains(&format!("2 services loaded for `{call}` as version 1")), "{}", text(&ok.stdout));
    let unknown = run(&["import", "services", "no-such-call", file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_config_error(&unknown, "no call `no-such-call`");
    std::fs::write(&file, "codice,servizio\nT1,CANONI\nT1,TARI\n").unwrap();
    let bad = run(&["import", "services", call, file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("servizi.csv:3: rejected: codice `T1` appears twice"), "{}", text(&bad.stderr));
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
