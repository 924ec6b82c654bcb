//! Live verifications of SaaS migrations (DOMAIN.md §4: for B/SaaS "usage
//! verified live (videocall or on site) → scheduling and outcome of a
//! synchronous verification"): scheduled by the attestor in the future for
//! a service that lands on a SaaS, one open at a time per service, and its
//! outcome recorded once the slot has begun.

use crate::message::Message;
use crate::programme::scenarios::Destination;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How the verification is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveMode {
    Videocall,
    OnSite,
}

/// What a held (or missed) verification found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveOutcome {
    /// The ente used the qualified SaaS in front of the attestor.
    Confirmed,
    /// It was held, and the use was not shown.
    NotConfirmed,
    /// It did not take place.
    NotHeld,
}

impl LiveMode {
    pub fn code(self) -> &'static str {
        match self {
            LiveMode::Videocall => "videocall",
            LiveMode::OnSite => "on_site",
        }
    }

    pub fn parse(code: &str) -> Option<LiveMode> {
        [LiveMode::Videocall, LiveMode::OnSite].into_iter().find(|m| m.code() == code)
    }
}

impl LiveOutcome {
    pub fn code(self) -> &'static str {
        match self {
            LiveOutcome::Confirmed => "confirmed",
            LiveOutcome::NotConfirmed => "not_confirmed",
            LiveOutcome::NotHeld => "not_held",
        }
    }

    pub fn parse(code: &str) -> Option<LiveOutcome> {
        [LiveOutcome::Confirmed, LiveOutcome::NotConfirmed, LiveOutcome::NotHeld].into_iter().find(|o| o.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LiveError {
    #[error("{}", self.message())]
    NotSaas(&'static str),
    #[error("{}", self.message())]
    InThePast,
    #[error("{}", self.message())]
    AlreadyOpen,
    #[error("{}", self.message())]
    NotYet,
    #[error("{}", self.message())]
    Recorded,
}

impl LiveError {
    pub fn message(&self) -> Message {
        match self {
            LiveError::NotSaas(destination) => Message::new("att-live-not-saas").arg("destination", *destination),
            LiveError::InThePast => Message::new("att-live-in-the-past"),
            LiveError::AlreadyOpen => Message::new("att-live-already-open"),
            LiveError::NotYet => Message::new("att-live-not-yet"),
            LiveError::Recorded => Message::new("att-live-recorded"),
        }
    }
}

/// Whether a verification may be scheduled at `starts_at` for a service
/// landing on `destination`, `open` telling whether one awaits its outcome.
pub fn check_schedule(
    destination: Destination,
    starts_at: NaiveDateTime,
    open: bool,
    now: NaiveDateTime,
) -> Result<(), LiveError> {
    if destination != Destination::Saas {
        return Err(LiveError::NotSaas(destination.key()));
    }
    if starts_at <= now {
        return Err(LiveError::InThePast);
    }
    if open {
        return Err(LiveError::AlreadyOpen);
    }
    Ok(())
}

/// Whether the outcome of a verification starting at `starts_at` may be
/// recorded at `now` (`recorded`: it has one already).
pub fn check_record(starts_at: NaiveDateTime, recorded: bool, now: NaiveDateTime) -> Result<(), LiveError> {
    if recorded {
        return Err(LiveError::Recorded);
    }
    if now < starts_at {
        return Err(LiveError::NotYet);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn a_live_verification_is_scheduled_ahead_for_a_saas_one_at_a_time() {
        let now = at("2026-12-05T10:00:00");
        assert_eq!(check_schedule(Destination::Saas, at("2026-12-05T10:00:01"), false, now), Ok(()));
        assert_eq!(check_schedule(Destination::Saas, at("2026-12-05T10:00:00"), false, now), Err(LiveError::InThePast));
        assert_eq!(
            check_schedule(Destination::Iaas, at("2026-12-09T10:00:00"), false, now),
            Err(LiveError::NotSaas("iaas"))
        );
        assert_eq!(
            check_schedule(Destination::Saas, at("2026-12-09T10:00:00"), true, now),
            Err(LiveError::AlreadyOpen)
        );
    }

    #[test]
    fn its_outcome_is_recorded_once_after_it_begins() {
        let starts = at("2026-12-09T10:00:00");
        assert_eq!(check_record(starts, false, at("2026-12-09T09:59:59")), Err(LiveError::NotYet));
        assert_eq!(check_record(starts, false, starts), Ok(()));
        assert_eq!(check_record(starts, true, at("2026-12-10T09:00:00")), Err(LiveError::Recorded));
    }
}
