//! The jobs table on both engines: two workers claiming at once run each job
//! once; a failed job waits for its back-off, then is given up and listed; a
//! claim whose worker died is taken over when its lease ends; a scheduled
//! job is added once per period.

use cloudpa_domain::jobs::{LEASE_MS, MAX_ATTEMPTS, period_key, retry_delay_ms};
use cloudpa_store::jobs::NewJob;
use cloudpa_store::{Store, engine_test};
use std::collections::HashMap;

const T0: i64 = 1_790_000_000_000;

fn job(n: usize) -> NewJob<'static> {
    NewJob { kind: "test", payload: serde_json::json!({ "n": n }), unique_key: None, run_at_ms: T0 }
}

/// Claims and finishes jobs until none is due; returns the payloads it ran.
async fn work(store: Store, name: &'static str) -> Vec<i64> {
    let mut ran = Vec::new();
    while let Some(claimed) = store.claim_job(name, T0).await.unwrap() {
        ran.push(claimed.payload["n"].as_i64().unwrap());
        tokio::task::yield_now().await;
        store.finish_job(&claimed.id, name, T0).await.unwrap();
    }
    ran
}

engine_test!(two_workers_run_each_job_once, |store| {
    const JOBS: usize = 200;
    for n in 0..JOBS {
        store.enqueue_job(&job(n), T0).await.unwrap();
    }
    let a = tokio::spawn(work(store.store.clone(), "worker-a"));
    let b = tokio::spawn(work(store.store.clone(), "worker-b"));
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let mut runs: HashMap<i64, usize> = HashMap::new();
    for n in a.iter().chain(&b) {
        *runs.entry(*n).or_default() += 1;
    }
    assert_eq!(runs.len(), JOBS, "every job ran");
    assert!(runs.values().all(|&count| count == 1), "no job ran twice: {} and {} runs", a.len(), b.len());
    assert!(!a.is_empty() && !b.is_empty(), "both workers took jobs: {} and {}", a.len(), b.len());
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE finished_at_ms IS NULL").await, 0);
});

engine_test!(a_failed_job_backs_off_then_is_given_up, |store| {
    store.enqueue_job(&job(1), T0).await.unwrap();
    let mut now = T0;
    for attempt in 1..=MAX_ATTEMPTS {
        let claimed = store.claim_job("w", now).await.unwrap().expect("due");
        assert_eq!(claimed.attempt, attempt);
        store.fail_job(&claimed, "w", &format!("SMTP down ({attempt})"), now).await.unwrap();
        if attempt < MAX_ATTEMPTS {
            assert!(store.claim_job("w", now + retry_delay_ms(attempt) - 1).await.unwrap().is_none(), "backing off");
            now += retry_delay_ms(attempt);
        }
    }
    assert!(store.claim_job("w", now + 365 * 86_400_000).await.unwrap().is_none(), "given up");
    let troubled = store.troubled_jobs().await.unwrap();
    assert_eq!(troubled.len(), 1);
    assert_eq!(troubled[0].attempts, MAX_ATTEMPTS);
    assert_eq!(troubled[0].last_error.as_deref(), Some("SMTP down (10)"));
    assert!(troubled[0].failed_at_ms.is_some());

    store.retry_job(&troubled[0].id, now).await.unwrap();
    let again = store.claim_job("w", now).await.unwrap().expect("due again");
    assert_eq!(again.attempt, 1, "attempts counted afresh");
    store.finish_job(&again.id, "w", now).await.unwrap();
    assert!(store.troubled_jobs().await.unwrap().is_empty());
    assert!(store.retry_job(&again.id, now).await.is_err(), "only a given-up job is retried");
});

engine_test!(a_dead_workers_claim_is_taken_over_after_the_lease, |store| {
    store.enqueue_job(&job(1), T0).await.unwrap();
    let first = store.claim_job("dead", T0).await.unwrap().expect("due");
    assert!(store.claim_job("alive", T0 + LEASE_MS - 1).await.unwrap().is_none(), "leased");
    let second = store.claim_job("alive", T0 + LEASE_MS + 1).await.unwrap().expect("lease over");
    assert_eq!((second.id.as_str(), second.attempt), (first.id.as_str(), 2));
    store.finish_job(&first.id, "dead", T0 + LEASE_MS + 2).await.unwrap();
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE finished_at_ms IS NULL").await, 1, "not its claim");
    store.finish_job(&second.id, "alive", T0 + LEASE_MS + 2).await.unwrap();
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs WHERE finished_at_ms IS NULL").await, 0);
});

engine_test!(a_scheduled_job_is_added_once_per_period, |store| {
    let hour = 3_600_000;
    for at in [T0, T0 + 1, T0 + 2] {
        let sweep = NewJob {
            kind: "sweep",
            payload: serde_json::json!({}),
            unique_key: Some(period_key("sweep", at, hour)),
            run_at_ms: at,
        };
        store.enqueue_job(&sweep, at).await.unwrap();
    }
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs").await, 1);
    let next = NewJob {
        kind: "sweep",
        payload: serde_json::json!({}),
        unique_key: Some(period_key("sweep", T0 + hour, hour)),
        run_at_ms: T0 + hour,
    };
    store.enqueue_job(&next, T0 + hour).await.unwrap();
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM jobs").await, 2);
});
