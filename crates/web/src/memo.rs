//! Figures derived from the whole database (the programme's dashboards),
//! kept until the data they are computed from changes: the key includes
//! the store's figures version, which every change that can move them —
//! by this process or another — moves, and no other change does (an
//! inventory record, a draft listing, a sign-in leave them kept).
//!
//! A figure is computed once per data version however many requests ask
//! for it at the same time: the first computes, the others wait for its
//! result. (Without that, 16 concurrent requests for a cold province page
//! each ran the same aggregates on 2 cores: p95 1.4 s at national scale,
//! against 8 ms once warm — `bench/programme.sh`.)

use crate::problem::Problem;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Entry = Arc<dyn Any + Send + Sync>;
type Cell = Arc<OnceCell<Entry>>;

#[derive(Default)]
pub(crate) struct Memo {
    inner: Mutex<(i64, HashMap<String, Cell>)>,
}

/// Entries kept per data version (dashboards and their filters).
const CAPACITY: usize = 2048;

impl Memo {
    /// The value of `key`, computed by `compute` unless known (or being
    /// computed) for the figures' data `version` (the store's figures
    /// version, read by the caller: [`crate::figures::Figures`]).
    pub async fn get<T, E, F>(&self, version: i64, key: String, compute: F) -> Result<Arc<T>, Problem>
    where
        T: Send + Sync + 'static,
        Problem: From<E>,
        F: Future<Output = Result<T, E>>,
    {
        let cell = {
            let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            // A request that read the version before another's newer one
            // computes its figure apart, without emptying the newer ones.
            (version >= guard.0).then(|| {
                let full = guard.1.len() >= CAPACITY && !guard.1.contains_key(&key);
                if guard.0 != version || full {
                    *guard = (version, HashMap::new());
                }
                guard.1.entry(key).or_default().clone()
            })
        };
        let Some(cell) = cell else { return Ok(Arc::new(compute.await?)) };
        let entry = cell.get_or_try_init(|| async { Ok::<Entry, E>(Arc::new(compute.await?)) }).await?;
        entry.clone().downcast::<T>().map_err(|_| Problem::internal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_store::StoreError;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_requests_compute_a_figure_once() {
        let memo = Arc::new(Memo::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (memo, runs) = (memo.clone(), runs.clone());
            tasks.push(tokio::spawn(async move {
                let compute = async {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    Ok::<u64, StoreError>(42)
                };
                *memo.get(7, "figure".into(), compute).await.unwrap()
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), 42);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1, "one computation for sixteen requests");
    }
}
