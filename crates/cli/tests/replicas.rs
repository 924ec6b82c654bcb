//! Two `cloudpa serve` processes on one PostgreSQL database and one
//! S3-compatible bucket, sharing nothing else: what is changed through one —
//! a session, an uploaded document, an application's state, a qualification
//! decision, a catalogue import by a third process — is seen through the
//! other (search within the change feed's polling), and the background work
//! runs once across both.
//!
//! Needs TEST_DATABASE_URL (scripts/postgres-throwaway) and S3_TEST_ENDPOINT
//! (scripts/s3-throwaway); CI sets both, elsewhere the test is skipped
//! without them.

mod common;

use common::server::{Server, User, public};
use common::{TempDir, cloudpa};
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};

/// The PostgreSQL server and the S3 endpoint, or None (skip) outside CI.
fn servers() -> Option<(String, String)> {
    match (std::env::var("TEST_DATABASE_URL"), std::env::var("S3_TEST_ENDPOINT")) {
        (Ok(db), Ok(s3)) => Some((db, s3)),
        _ if std::env::var_os("CI").is_some() => panic!("CI must set TEST_DATABASE_URL and S3_TEST_ENDPOINT"),
        _ => {
            eprintln!("TEST_DATABASE_URL or S3_TEST_ENDPOINT is not set: replica test skipped");
            None
        }
    }
}

/// A replica: `serve` on the shared database and bucket, with a data
/// directory (its mailbox) of its own.
fn replica(database_url: &str, s3: &str, demo: bool) -> Server {
    Server::start(TempDir::new(), |command| {
        command
            .args(["--database-url", database_url, "--files-url", "s3://cloudpa-test"])
            .env("AWS_ENDPOINT", s3)
            .env("AWS_ALLOW_HTTP", "true")
            .env("AWS_REGION", "eu-south-1")
            .env("AWS_ACCESS_KEY_ID", "cloudpa-test")
            .env("AWS_SECRET_ACCESS_KEY", "cloudpa-test");
        if demo {
            command.arg("--demo");
        }
    })
}

/// Polls `check` until it holds, for at most `limit`; how long it took.
async fn within<F: AsyncFn() -> bool>(limit: Duration, check: F) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check().await {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_one_database_and_one_bucket() {
    let Some((_, s3)) = servers() else { return };
    let database_url = cloudpa_store::testing::fresh_postgres_database().await.unwrap();
    let a = replica(&database_url, &s3, true);
    let b = replica(&database_url, &s3, false);

    // A session opened through A holds through B.
    let rtd = User::sign_in(&a, "rtd@genova.demo.cloudpa.it").await;
    let (status, me) = rtd.get(&b, "/api/v1/me").await;
    assert_eq!(
        (status, &me["user"]),
        (StatusCode::OK, &rtd.me["user"]),
        "the session is a row, not a replica's memory"
    );

    // A document uploaded through A is downloaded through B, from the bucket.
    let content = format!("%PDF-1.7\n% relazione di migrazione {}\n%%EOF\n", database_url.url).into_bytes();
    let file_id = rtd.upload(&a, content.clone()).await.unwrap();
    let downloaded = rtd.http.get(b.url(&format!("/api/v1/files/{file_id}"))).send().await.unwrap();
    assert_eq!(downloaded.status(), StatusCode::OK);
    assert_eq!(downloaded.bytes().await.unwrap().to_vec(), content);

    // An application's state changed through A is read through B, and B's
    // dashboard figures move with it.
    let totals = async |replica: &Server| public(replica, "/api/v1/stats/applications").await["totals"].clone();
    let before = totals(&b).await;
    let genova = rtd.me["organisation"]["id"].as_str().unwrap();
    let (_, applications) = rtd.get(&a, &format!("/api/v1/enti/{genova}/applications")).await;
    let project = applications["items"][0]["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/call-applications/{project}");
    rtd.send(&a, Method::PUT, &format!("{uri}/cup"), json!({"cup": "J11C22000290006"})).await;
    let contracted = rtd.send(&a, Method::POST, &format!("{uri}/contract"), json!({})).await;
    let (_, through_b) = rtd.get(&b, &uri).await;
    assert_eq!(through_b["status"], contracted["status"], "{through_b}");
    rtd.send(&a, Method::POST, &format!("{uri}/services/1/migrated"), json!({})).await;
    let after = totals(&b).await;
    assert_eq!(after["services_migrated"], before["services_migrated"].as_i64().unwrap() + 1, "{before} {after}");
    assert_eq!(after, totals(&a).await, "both replicas show the same figures");

    // A qualification decision (a suspension) through A: B's history says so
    // at once, and B's search index within its change-feed polling.
    let agency = User::sign_in(&b, "revisore@acn.demo.cloudpa.it").await;
    let found = public(&b, "/api/v1/listings?q=Calcolo%20Appennino").await;
    let listing = found["items"][0]["id"].as_str().unwrap_or_else(|| panic!("{found}")).to_owned();
    let planned_end = (chrono::Utc::now().date_naive() + chrono::Days::new(60)).to_string();
    let suspension = json!({"reason": "Certificato in rinnovo", "planned_end": planned_end});
    agency.send(&a, Method::POST, &format!("/api/v1/listings/{listing}/suspend"), suspension).await;
    assert_eq!(public(&b, &format!("/api/v1/listings/{listing}/status")).await["status"], "suspended");
    let shown = within(Duration::from_secs(6), async || {
        let found = public(&b, "/api/v1/listings?q=Calcolo%20Appennino").await;
        found["items"][0]["status"] == "suspended"
    })
    .await;
    assert!(shown.is_some(), "B's search shows the suspension within its polling interval (2 s)");

    // A catalogue import by a third process shows in both replicas' search.
    let import_dir = TempDir::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/catalogo_esempio.csv");
    let import = cloudpa()
        .args(["import", "listings", sample, "--data-dir", &import_dir.arg(), "--database-url", &database_url])
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    for replica in [&a, &b] {
        let shown = within(Duration::from_secs(6), async || {
            public(replica, "/api/v1/listings?q=Macchine%20virtuali%20Esempio").await["total"] == 1
        })
        .await;
        assert!(shown.is_some(), "{} shows the imported listing within its polling interval", replica.0);
    }

    // A bulk pre-check run started through A is run by one worker, and its
    // report, written to the bucket, is downloaded through B.
    let office = User::sign_in(&a, "admin@dtd.demo.cloudpa.it").await;
    let form = [("csrf_token", office.csrf.as_str()), ("call_id", "")];
    let started = office.http.post(a.url("/programma/ufficio/preverifiche")).header("origin", &a.0).form(&form);
    assert_eq!(started.send().await.unwrap().status(), StatusCode::SEE_OTHER, "the run is started");
    let mut report = None;
    for _ in 0..300 {
        let page = office.http.get(b.url("/programma/ufficio/preverifiche")).send().await.unwrap();
        let page = page.text().await.unwrap();
        report = page.split("href=\"/api/v1/files/").nth(1).and_then(|rest| rest.split('"').next()).map(str::to_owned);
        if report.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let report = report.expect("the run's report is listed through B within 30 s");
    let downloaded = office.http.get(b.url(&format!("/api/v1/files/{report}"))).send().await.unwrap();
    assert_eq!(downloaded.status(), StatusCode::OK);
    assert!(downloaded.text().await.unwrap().starts_with("project,"), "the report's CSV, from the bucket");

    // Background work ran once across both: every job finished in one
    // attempt by one worker, and each e-mail was written once.
    let store = cloudpa_store::Store::connect(&database_url).await.unwrap();
    let settled = within(Duration::from_secs(30), async || {
        store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE finished_at_ms IS NULL AND failed_at_ms IS NULL").await == 0
    })
    .await;
    assert!(settled.is_some(), "every job done within 30 s");
    assert!(
        store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE kind = 'deliver_event'").await > 0,
        "events were delivered"
    );
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE attempts <> 1 OR failed_at_ms IS NOT NULL").await, 0);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE kind = 'sweep'").await, 1, "one sweep for this hour");
    assert_eq!(
        store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE kind = 'attest_precheck'").await,
        1,
        "one run, run once"
    );
    let mails: Vec<String> = a.mails().into_iter().chain(b.mails()).collect();
    let mut ids: Vec<&str> = mails
        .iter()
        .map(|m| {
            m.lines().find(|l| l.to_lowercase().starts_with("message-id: <event-")).expect("an event's Message-ID")
        })
        .collect();
    assert!(!ids.is_empty(), "the events' e-mails were written");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), mails.len(), "no e-mail written twice (a retried one keeps its Message-ID)");
    store.close().await;
}
