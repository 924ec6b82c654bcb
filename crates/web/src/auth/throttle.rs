//! Sign-in throttling per account and per client: reads the failures the
//! store kept, lets the domain decide (`accounts::locked_until`), and
//! records each new failure with the lockouts it starts (audited).

use crate::problem::Problem;
use crate::{AppState, WebConfig};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};
use cloudpa_domain::accounts::{ACCOUNT_THROTTLE, CLIENT_THROTTLE, THROTTLE_MEMORY_MS, Throttle, locked_until as rule};
use cloudpa_domain::forwarding::client_address;
use cloudpa_store::sign_in::Lockout;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The address the request came from: the TCP peer, or behind trusted
/// proxies the client they forward (`forwarding::client_address`); the
/// unspecified address when the server runs without connection info, as in
/// in-process tests.
pub(crate) struct ClientAddress(pub IpAddr);

impl ClientAddress {
    pub(crate) fn of(extensions: &Extensions, headers: &HeaderMap, config: &WebConfig) -> IpAddr {
        let peer = extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        if config.trusted_proxies.is_empty() {
            return peer;
        }
        let forwarded: Vec<&str> =
            headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect();
        client_address(peer, &forwarded, &config.trusted_proxies)
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(ClientAddress(ClientAddress::of(&parts.extensions, &parts.headers, &state.config)))
    }
}

/// The throttle that counts a subject's failures.
fn throttle_of(subject: &str) -> &'static Throttle {
    if subject.starts_with("client:") { &CLIENT_THROTTLE } else { &ACCOUNT_THROTTLE }
}

/// The latest time until which any of `subjects` is locked, as of `now`.
pub(crate) async fn locked_until(state: &AppState, subjects: &[&str], now: i64) -> Result<Option<i64>, Problem> {
    let mut until = None;
    for subject in subjects {
        let failures = state.store.sign_in_failures(subject, now - THROTTLE_MEMORY_MS).await?;
        until = until.max(rule(&failures, now, throttle_of(subject)));
    }
    Ok(until)
}

/// Records a failure of each of `subjects` at `now`, naming the subjects it
/// locks.
pub(crate) async fn record_failure(state: &AppState, subjects: &[&str], now: i64) -> Result<(), Problem> {
    let mut lockouts = Vec::new();
    for subject in subjects {
        let mut failures = state.store.sign_in_failures(subject, now - THROTTLE_MEMORY_MS).await?;
        failures.push(now);
        if let Some(until) = rule(&failures, now, throttle_of(subject)) {
            lockouts.push(Lockout { subject, until });
        }
    }
    if !lockouts.is_empty() {
        tracing::warn!(event = "login.lockout", subjects = lockouts.len(), "sign-in locked after repeated failures");
    }
    state.store.record_sign_in_failure(subjects, &lockouts, now).await?;
    Ok(())
}
