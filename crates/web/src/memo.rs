//! Figures derived from the whole database (the programme's dashboards),
//! kept until the database changes: the key includes the store's data
//! version, which every change — by this process or another — moves.

use crate::problem::Problem;
use cloudpa_store::{Store, StoreError};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Entry = Arc<dyn Any + Send + Sync>;

#[derive(Default)]
pub(crate) struct Memo {
    inner: Mutex<(i64, HashMap<String, Entry>)>,
}

/// Entries kept per data version (dashboards and their filters).
const CAPACITY: usize = 2048;

impl Memo {
    /// The value of `key`, computed by `compute` unless known for the
    /// database as it is now.
    pub async fn get<T, F>(&self, store: &Store, key: String, compute: F) -> Result<Arc<T>, Problem>
    where
        T: Send + Sync + 'static,
        F: Future<Output = Result<T, StoreError>>,
    {
        let version = store.data_version().await?;
        {
            let guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if guard.0 == version
                && let Some(hit) = guard.1.get(&key).and_then(|v| v.clone().downcast::<T>().ok())
            {
                return Ok(hit);
            }
        }
        let value = Arc::new(compute.await?);
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if guard.0 != version || guard.1.len() >= CAPACITY {
            *guard = (version, HashMap::new());
        }
        guard.1.insert(key, value.clone());
        Ok(value)
    }
}
