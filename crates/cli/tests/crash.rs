//! Crash safety: concurrent writers — an ente's inventory and uploads, the
//! agency's decisions, a service's record saved again and again — against
//! `cloudpa serve`, killed with SIGKILL at a random moment, restarted; every
//! write that was acknowledged is there and whole, the database passes its
//! integrity check and the audit chain verifies. CRASH_ROUNDS rounds per
//! engine (20 by default); CRASH_SEED repeats a run's kill moments.

mod common;

use common::server::{Failed, Server, User, public};
use common::{TempDir, run, text};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server acknowledged, and the one write of each kind that may
/// have committed without its answer arriving.
#[derive(Default, Clone)]
struct Ledger {
    services: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
    decisions: Vec<String>,
    /// The saved record's name: the last acknowledged, the one in flight.
    renamed: (Option<String>, Option<String>),
}

struct Setup {
    rtd: User,
    agency: User,
    ente: String,
    listing: String,
    edited: String,
}

fn rounds() -> u64 {
    std::env::var("CRASH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(20)
}

/// A small deterministic generator for the kill moments (xorshift).
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn seed() -> u64 {
    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("CRASH_SEED={seed}");
    seed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    crash_rounds(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    let Some(database) = cloudpa_store::testing::fresh_postgres_database().await else {
        assert!(std::env::var_os("CI").is_none(), "CI must set TEST_DATABASE_URL");
        eprintln!("TEST_DATABASE_URL is not set: PostgreSQL crash rounds skipped");
        return;
    };
    crash_rounds(Some(database.url.clone())).await;
}

async fn crash_rounds(database_url: Option<String>) {
    let mut draw = Draw(seed());
    let start = |dir: TempDir, demo: bool| {
        let url = database_url.clone();
        Server::start(dir, move |command| {
            if let Some(url) = url {
                command.args(["--database-url", &url]);
            }
            if demo {
                command.arg("--demo");
            }
        })
    };
    let mut server = start(TempDir::new(), true);
    let setup = setup(&server).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let total = rounds();
    for round in 0..total {
        let writers = writers(&server, &setup, &ledger, round).await;
        tokio::time::sleep(Duration::from_millis(100 + draw.below(1_400))).await;
        let dir = server.kill();
        for writer in writers {
            writer.await.unwrap();
        }
        check_database(&dir, database_url.as_deref()).await;
        server = start(dir, false);
        let acknowledged = ledger.lock().unwrap().clone();
        check_ledger(&server, &setup, &acknowledged).await;
    }
    let ledger = ledger.lock().unwrap();
    eprintln!(
        "{total} rounds: {} services, {} files, {} decisions acknowledged and found whole",
        ledger.services.len(),
        ledger.files.len(),
        ledger.decisions.len()
    );
    assert!(ledger.services.len() as u64 >= total, "the writers wrote in every round");
}

async fn setup(server: &Server) -> Setup {
    let rtd = User::sign_in(server, "rtd@genova.demo.cloudpa.it").await;
    let agency = User::sign_in(server, "revisore@acn.demo.cloudpa.it").await;
    let ente = rtd.me["organisation"]["id"].as_str().unwrap().to_owned();
    let found = public(server, "/api/v1/listings?q=Calcolo%20Appennino").await;
    let listing = found["items"][0]["id"].as_str().unwrap_or_else(|| panic!("{found}")).to_owned();
    let (_, inventory) = rtd.get(server, &format!("/api/v1/enti/{ente}/inventory")).await;
    let edited = inventory["services"][0]["id"].as_str().unwrap().to_owned();
    Setup { rtd, agency, ente, listing, edited }
}

fn service(name: &str) -> Value {
    json!({"name": name, "data_class": "ordinari", "origin": "On premise strutturato"})
}

/// Four writers, each until the server stops answering.
async fn writers(
    server: &Server,
    setup: &Setup,
    ledger: &Arc<Mutex<Ledger>>,
    round: u64,
) -> Vec<tokio::task::JoinHandle<()>> {
    let status = public(server, &format!("/api/v1/listings/{}/status", setup.listing)).await;
    let suspended = status["status"] == "suspended";
    let spawn = |work: &'static str| {
        let (server, ledger) = (server.address.clone(), ledger.clone());
        let (rtd, agency) = (setup.rtd.clone(), setup.agency.clone());
        let (ente, listing, edited) = (setup.ente.clone(), setup.listing.clone(), setup.edited.clone());
        tokio::spawn(async move {
            for n in 0.. {
                let done = match work {
                    "inventory" => {
                        let name = format!("Servizio di prova {round}.{n}");
                        let path = format!("/api/v1/enti/{ente}/services");
                        let added = rtd.try_send(&server, Method::POST, &path, service(&name)).await;
                        added.map(|a| ledger.lock().unwrap().services.push((a["id"].as_str().unwrap().into(), name)))
                    }
                    "uploads" => {
                        let content =
                            format!("%PDF-1.7\n% documento {round}.{n} {}\n%%EOF\n", "x".repeat(n * 97 % 4000));
                        let uploaded = rtd.upload(&server, content.clone().into_bytes()).await;
                        uploaded.map(|id| ledger.lock().unwrap().files.push((id, content.into_bytes())))
                    }
                    "decisions" => {
                        let suspend = (n % 2 == 0) != suspended;
                        let (action, body) = if suspend {
                            let end = (chrono::Utc::now().date_naive() + chrono::Days::new(60)).to_string();
                            ("suspend", json!({"reason": "Certificato in rinnovo", "planned_end": end}))
                        } else {
                            ("reinstate", json!({"motivation": "Certificato rinnovato"}))
                        };
                        let path = format!("/api/v1/listings/{listing}/{action}");
                        let decided = agency.try_send(&server, Method::POST, &path, body).await;
                        decided
                            .map(|d| ledger.lock().unwrap().decisions.push(d["decision_id"].as_str().unwrap().into()))
                    }
                    _ => {
                        let name = format!("Servizio salvato {round}.{n}");
                        ledger.lock().unwrap().renamed.1 = Some(name.clone());
                        let path = format!("/api/v1/ente-services/{edited}");
                        let saved = rtd.try_send(&server, Method::PUT, &path, service(&name)).await;
                        saved.map(|_| ledger.lock().unwrap().renamed = (Some(name), None))
                    }
                };
                match done {
                    Ok(()) => {}
                    Err(Failed::NoAnswer) => return,
                    Err(Failed::Status(status, body)) => panic!("{work} {round}.{n}: {status} {body}"),
                }
            }
        })
    };
    ["inventory", "uploads", "decisions", "saves"].into_iter().map(spawn).collect()
}

async fn check_database(dir: &TempDir, database_url: Option<&str>) {
    let url = database(dir, database_url);
    let store = cloudpa_store::Store::connect(&url).await.unwrap();
    match database_url {
        None => {
            use sqlx::Row;
            let row = sqlx::query("PRAGMA integrity_check").fetch_one(store.pool()).await.unwrap();
            assert_eq!(row.get::<String, _>(0), "ok", "SQLite's integrity check");
        }
        Some(_) => {
            sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck").execute(store.pool()).await.unwrap();
            let checked = store
                .fetch_i64(
                    "SELECT COUNT(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_index i \
                     JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE a.amname = 'btree' AND n.nspname = 'public') checked",
                )
                .await;
            assert!(checked > 10, "amcheck checked every B-tree index of the schema ({checked})");
        }
    }
    store.close().await;
    let verified = run(&["audit", "verify", "--data-dir", &dir.arg(), "--database-url", &url]);
    assert!(verified.status.success(), "audit verify: {}{}", text(&verified.stdout), text(&verified.stderr));
}

/// Every service of the ente's inventory, read a page of 500 at a time.
async fn every_service(server: &Server, setup: &Setup) -> Vec<Value> {
    let mut services = Vec::new();
    for page in 1.. {
        let uri = format!("/api/v1/enti/{}/inventory?page={page}&page_size=500", setup.ente);
        let (_, inventory) = setup.rtd.get(server, &uri).await;
        let found = inventory["services"].as_array().unwrap();
        services.extend(found.iter().cloned());
        if services.len() as u64 >= inventory["services_total"].as_u64().unwrap() || found.is_empty() {
            break;
        }
    }
    services
}

async fn check_ledger(server: &Server, setup: &Setup, ledger: &Ledger) {
    let services = every_service(server, setup).await;
    for (id, name) in &ledger.services {
        let found = services.iter().find(|s| s["id"] == id.as_str()).unwrap_or_else(|| panic!("service {name} lost"));
        assert_eq!((&found["name"], &found["data_class"]), (&json!(name), &json!("ordinari")), "{found}");
    }
    let saved = services.iter().find(|s| s["id"] == setup.edited.as_str()).unwrap()["name"].clone();
    let (acknowledged, in_flight) = &ledger.renamed;
    if let Some(acknowledged) = acknowledged {
        assert!(
            saved == json!(acknowledged) || in_flight.as_ref().is_some_and(|n| saved == json!(n)),
            "the saved record is {saved}, not the last acknowledged save {acknowledged} nor the one in flight"
        );
    }
    for (id, content) in &ledger.files {
        let reply = setup.rtd.http.get(server.url(&format!("/api/v1/files/{id}"))).send().await.unwrap();
        assert_eq!(reply.status(), StatusCode::OK, "file {id}");
        assert_eq!(&reply.bytes().await.unwrap().to_vec(), content, "file {id} whole");
    }
    let status = public(server, &format!("/api/v1/listings/{}/status", setup.listing)).await;
    let history: Vec<&str> =
        status["history"].as_array().unwrap().iter().filter_map(|i| i["decision"].as_str()).collect();
    for decision in &ledger.decisions {
        assert!(history.contains(&decision.as_str()), "decision {decision} lost from {status}");
    }
}

/// The data directory and database URL of a killed command's checks.
fn database(dir: &TempDir, database_url: Option<&str>) -> String {
    database_url.map_or_else(|| format!("sqlite://{}", dir.path().join("cloudpa.db").display()), str::to_owned)
}

/// Runs `args` on a migrated database and kills it after `after`; whether
/// it had finished by then.
async fn kill_after(args: &[&str], dir: &TempDir, url: &str, after: Duration) -> bool {
    let mut child = common::cloudpa()
        .args(args)
        .args(["--data-dir", &dir.arg(), "--database-url", url])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(after).await;
    let finished = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    finished
}

const OPEN_DATA: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/candidature_finanziate_12_campione.csv");

/// SIGKILL at random moments of `import applications` (400 rows, one
/// transaction): the rows are all there or none, on both engines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_import_applications_leaves_all_or_nothing() {
    let mut draw = Draw(seed());
    let mut seen = (0, 0);
    for attempt in 0..16 {
        let dir = TempDir::new();
        let postgres = match attempt % 2 {
            1 => cloudpa_store::testing::fresh_postgres_database().await,
            _ => None,
        };
        let url = postgres.as_ref().map_or_else(|| database(&dir, None), |p| p.url.clone());
        let migrated = run(&["migrate", "--data-dir", &dir.arg(), "--database-url", &url]);
        assert!(migrated.status.success());
        let store = cloudpa_store::Store::connect(&url).await.unwrap();
        let before = store.fetch_i64("SELECT COUNT(*) FROM financed_applications").await;
        store.close().await;
        let finished =
            kill_after(&["import", "applications", OPEN_DATA], &dir, &url, Duration::from_millis(draw.below(400)))
                .await;
        check_database(&dir, (url.starts_with("postgres")).then_some(url.as_str())).await;
        let store = cloudpa_store::Store::connect(&url).await.unwrap();
        let rows = store.fetch_i64("SELECT COUNT(*) FROM financed_applications").await;
        store.close().await;
        if rows == before {
            seen.0 += 1;
            assert!(!finished, "a finished import wrote its rows");
        } else {
            assert_eq!(rows, 400, "all the file's rows or none ({before} before the import)");
            seen.1 += 1;
        }
    }
    assert!(seen.0 > 0, "some kills landed before the commit");
    eprintln!("import applications killed 16 times: {} left nothing, {} left every row", seen.0, seen.1);
}

/// SIGKILL at a random moment of `demo --scale national` on SQLite: each of
/// its steps (the picture, the catalogue, the forms) is whole or absent,
/// and running it again completes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_demo_national_leaves_whole_steps_and_a_rerun_completes() {
    let mut draw = Draw(seed());
    let dir = TempDir::new();
    let url = database(&dir, None);
    assert!(run(&["migrate", "--data-dir", &dir.arg()]).status.success());
    let after = Duration::from_millis(1_000 + draw.below(30_000));
    kill_after(&["demo", "--scale", "national"], &dir, &url, after).await;
    check_database(&dir, None).await;
    let counts = async || {
        let store = cloudpa_store::Store::connect(&url).await.unwrap();
        let counts = [
            store.fetch_i64("SELECT COUNT(*) FROM enti").await,
            store.fetch_i64("SELECT COUNT(*) FROM call_applications").await,
            store.fetch_i64("SELECT COUNT(*) FROM project_contracts").await,
            store.fetch_i64("SELECT COUNT(*) FROM compliance_forms").await,
        ];
        store.close().await;
        counts
    };
    let killed = counts().await;
    assert!(killed[0] == 0 || killed[0] == 12_934, "the picture whole or absent after {after:?}: {killed:?}");
    assert_eq!(killed[0], killed[1], "{killed:?}");
    assert!((killed[2] == 0) == (killed[3] == 0), "contracts and forms together: {killed:?}");
    let rerun = run(&["demo", "--scale", "national", "--data-dir", &dir.arg()]);
    assert!(rerun.status.success(), "{}", text(&rerun.stderr));
    check_database(&dir, None).await;
    let done = counts().await;
    assert_eq!(&done[..2], &[12_934, 12_934], "{done:?}");
    assert!(done[2] > 0 && done[3] > done[2], "{done:?}");
    let store = cloudpa_store::Store::connect(&url).await.unwrap();
    let audit =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('programme.demo_national', 'attestation.demo_national')";
    assert_eq!(store.fetch_i64(audit).await, 2, "each step written once");
    store.close().await;
    eprintln!(
        "demo --scale national killed after {after:?} with {killed:?} written; the rerun completed it to {done:?}"
    );
}
