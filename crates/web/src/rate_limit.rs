//! Per-client rate limiting (fixed one-minute windows), with the
//! `X-RateLimit-*` headers of the AgID ModI guidelines on every answer and
//! `Retry-After` on 429.

use crate::AppState;
use crate::problem::Problem;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cloudpa_domain::message::Message;
use cloudpa_workflows::Now;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

const WINDOW_SECS: u64 = 60;
/// Above this many tracked clients, windows that have ended are dropped.
const PRUNE_ABOVE: usize = 10_000;

pub(crate) struct RateLimiter {
    limit: u32,
    windows: Mutex<HashMap<IpAddr, (u64, u32)>>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    pub allowed: bool,
    pub remaining: u32,
    pub reset_secs: u64,
}

impl RateLimiter {
    /// `limit` requests per minute per client; 0 turns the limiter off.
    pub fn new(limit: u32) -> Self {
        RateLimiter { limit, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request of `client` at `now_secs` (Unix seconds).
    pub fn check(&self, client: IpAddr, now_secs: u64) -> Decision {
        let window = now_secs / WINDOW_SECS;
        let reset_secs = (window + 1) * WINDOW_SECS - now_secs;
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > PRUNE_ABOVE {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry(client).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        let allowed = entry.1 < self.limit;
        if allowed {
            entry.1 += 1;
        }
        Decision { allowed, remaining: self.limit - entry.1, reset_secs }
    }
}

/// A request counted against its client's budget (none with the limiter
/// off): refused when the budget is spent, told what is left otherwise.
pub(crate) struct Admission(Option<(u32, Decision)>);

/// Counts the request against its client's budget.
pub(crate) fn admit(state: &AppState, request: &Request, now: Now) -> Admission {
    let limiter = &state.limiter;
    if limiter.limit == 0 {
        return Admission(None);
    }
    let client = crate::auth::throttle::ClientAddress::of(request.extensions(), request.headers(), &state.config);
    Admission(Some((limiter.limit, limiter.check(client, (now.ms / 1000).max(0) as u64))))
}

impl Admission {
    /// The answer to a request over its budget: 429 with `Retry-After`.
    pub(crate) fn refusal(&self) -> Option<Response> {
        let Some((limit, decision)) = &self.0 else { return None };
        if decision.allowed {
            return None;
        }
        let mut refused = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limit")
            .detail(Message::new("web-rate-limit").arg("limit", *limit))
            .retry_after(decision.reset_secs)
            .into_response();
        set_headers(refused.headers_mut(), *limit, decision);
        Some(refused)
    }

    /// Adds the `X-RateLimit-*` headers to the answer to an admitted request.
    pub(crate) fn tell(self, headers: &mut HeaderMap) {
        if let Some((limit, decision)) = self.0 {
            set_headers(headers, limit, &decision);
        }
    }
}

fn set_headers(headers: &mut HeaderMap, limit: u32, d: &Decision) {
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(d.remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(d.reset_secs));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn counts_per_client_and_resets_each_minute() {
        let limiter = RateLimiter::new(2);
        assert_eq!(limiter.check(A, 600), Decision { allowed: true, remaining: 1, reset_secs: 60 });
        assert_eq!(limiter.check(A, 630), Decision { allowed: true, remaining: 0, reset_secs: 30 });
        assert_eq!(limiter.check(A, 659), Decision { allowed: false, remaining: 0, reset_secs: 1 });
        assert!(limiter.check(B, 659).allowed, "another client has its own budget");
        assert_eq!(limiter.check(A, 660), Decision { allowed: true, remaining: 1, reset_secs: 60 });
    }
}
