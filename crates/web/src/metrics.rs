//! Prometheus metrics: requests by route, method and status, a latency
//! histogram by route, and the database pool. They are served on the
//! service's address only to whoever holds the token of `--metrics-token`,
//! or without one on a separate address (`--metrics-addr`, [`router`]).

use crate::AppState;
use crate::pages::error::not_found;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// Installs the process-wide recorder once; later calls return the same handle.
pub fn install_recorder() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full("http_request_duration_seconds".into()), LATENCY_BUCKETS)
            .expect("non-empty buckets")
            .install_recorder()
            .expect("no other metrics recorder is installed")
    })
}

/// Folds the latency samples recorded since the last fold into their
/// histograms, every `every` until `stop` changes. The recorder keeps each
/// sample until it is folded (a scrape folds them too), so a server that
/// nobody scrapes would grow by a few bytes per request: the soak measured
/// RSS 152 → 220 MB in 8 minutes without it (`bench/soak.sh`). A fold walks
/// every sample since the last (tens of thousands a second under load): it
/// runs on a blocking thread, not on a worker that has requests waiting.
pub async fn fold_metrics_every(every: Duration, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let _ = tokio::task::spawn_blocking(|| install_recorder().run_upkeep()).await;
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}

/// A request being timed: its route (as the router matched it) and method.
pub(crate) struct Timer {
    handles: Arc<RouteHandles>,
    method: &'static str,
    start: Instant,
}

/// The metrics of one route, found once: the recorder's lookup builds its
/// key from owned strings, which cost four allocations per request.
struct RouteHandles {
    route: &'static str,
    duration: Histogram,
    requests: RwLock<HashMap<(&'static str, u16), Counter>>,
}

/// The handles of every route seen so far, by the router's path pattern (a
/// bounded set: the routes declared, and `unmatched`).
static ROUTES: LazyLock<RwLock<HashMap<Box<str>, Arc<RouteHandles>>>> = LazyLock::new(Default::default);

impl Timer {
    pub(crate) fn start(request: &Request) -> Self {
        let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |m| m.as_str());
        Timer { handles: handles(route), method: method_label(request.method()), start: Instant::now() }
    }

    /// Counts the request by its route, method and `status`, and records
    /// how long it took.
    pub(crate) fn finish(self, status: StatusCode) {
        self.handles.duration.record(self.start.elapsed().as_secs_f64());
        let key = (self.method, status.as_u16());
        if let Some(counter) = read(&self.handles.requests).get(&key) {
            counter.increment(1);
            return;
        }
        let route = self.handles.route;
        let counter = metrics::counter!("http_requests_total", "route" => route, "method" => key.0, "status" => key.1.to_string());
        counter.increment(1);
        write(&self.handles.requests).insert(key, counter);
    }
}

/// The method as a label: one of those the service answers, or `other` (a
/// client may send any token as a method, and each label value is a series
/// kept for as long as the process runs).
fn method_label(method: &Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

fn handles(route: &str) -> Arc<RouteHandles> {
    if let Some(found) = read(&ROUTES).get(route) {
        return found.clone();
    }
    let mut routes = write(&ROUTES);
    routes
        .entry(route.into())
        .or_insert_with(|| {
            let route: &'static str = Box::leak(route.into());
            Arc::new(RouteHandles {
                route,
                duration: metrics::histogram!("http_request_duration_seconds", "route" => route),
                requests: RwLock::default(),
            })
        })
        .clone()
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) async fn serve(State(state): State<AppState>) -> Response {
    let (size, idle) = state.store.pool_stats();
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_idle_connections").set(idle as f64);
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], install_recorder().render())
        .into_response()
}

/// The rule of `GET /metrics` on the service's address: the bearer token of
/// `--metrics-token`, compared in constant time; 404 when none is set (as if
/// the route did not exist), 401 for a missing or wrong token.
pub(crate) async fn guard(state: &AppState, request: Request, next: Next) -> Response {
    let Some(expected) = state.config.metrics_token.as_ref().map(|t| t.0.as_str()).filter(|t| !t.is_empty()) else {
        return not_found(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        next.run(request).await
    } else {
        (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")], "metrics token required\n")
            .into_response()
    }
}

/// `GET /metrics` alone, without a token: for a separate address that only
/// the monitoring network reaches (`serve --metrics-addr`).
pub fn router(state: AppState) -> Router {
    install_recorder();
    Router::new().route("/metrics", axum::routing::get(serve)).with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_of_its_own_is_labelled_other() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
        for own in ["BREW", "PROPFIND", "get"] {
            assert_eq!(method_label(&Method::from_bytes(own.as_bytes()).unwrap()), "other", "{own}");
        }
    }
}
