//! An ente's inventory: its services, each classified (data class, origin),
//! and its on-premise sites (server rooms, data centres) with the services
//! they host and their decommissioning.
//!
//! Sources: DOMAIN.md §2 — each PA classifies its services and data first
//! (ordinari, critici, strategici), and only classified services may be
//! migrated with Misura 1.2 funds; §4 — the 7 origins, and among the checks
//! before the asseverazione "origin environments decommissioned"; §5 — the
//! inventory ("Lista degli applicativi") of the Manuale di abilitazione al
//! cloud.

use crate::message::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What became of a service of the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Still running where it was.
    InUse,
    /// Migrated to its qualified destination.
    Migrated,
    /// Switched off without a successor (the 6R "Retire").
    Retired,
}

/// A server room (sala server, CED di piccole dimensioni) or a data centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    ServerRoom,
    DataCentre,
}

/// Where a site stands in its decommissioning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    Active,
    /// Closure planned or under way.
    Decommissioning,
    /// Closed: no service runs there any more.
    Decommissioned,
}

macro_rules! codes {
    ($ty:ident: $($variant:ident => $code:literal),+ $(,)?) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
            pub fn parse(code: &str) -> Option<$ty> {
                $ty::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

codes!(ServiceStatus: InUse => "in_use", Migrated => "migrated", Retired => "retired");
codes!(SiteKind: ServerRoom => "server_room", DataCentre => "data_centre");
codes!(SiteStatus: Active => "active", Decommissioning => "decommissioning", Decommissioned => "decommissioned");

/// A field that breaks a rule: its name and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field `{field}`: {rule}")]
pub struct FieldError {
    pub field: &'static str,
    pub rule: Message,
}

/// The longest name of a service or a site.
pub const MAX_NAME: usize = 200;

/// A name: required, at most [`MAX_NAME`] characters, without control
/// characters; returned trimmed.
pub fn check_name(field: &'static str, text: &str) -> Result<String, FieldError> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(FieldError { field, rule: Message::new("prog-name-rule").arg("max", MAX_NAME) });
    }
    Ok(name.to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    #[error("{}", self.message())]
    ServicesInUse { in_use: usize },
    #[error("{}", self.message())]
    DateMissing,
    #[error("{}", self.message())]
    InTheFuture { date: NaiveDate, as_of: NaiveDate },
    #[error("{}", self.message())]
    Closed,
}

impl SiteError {
    pub fn message(&self) -> Message {
        match self {
            SiteError::ServicesInUse { in_use } => Message::new("prog-site-services-in-use").arg("in_use", *in_use),
            SiteError::DateMissing => Message::new("prog-site-date-missing"),
            SiteError::InTheFuture { date, as_of } => Message::new("prog-date-future")
                .arg("field", "decommissioned_on")
                .arg("date", *date)
                .arg("as_of", *as_of),
            SiteError::Closed => Message::new("prog-site-closed"),
        }
    }
}

/// Whether a site may move to `to`, given the status of the services it
/// hosts: it may be closed only once none of them is in use, on a date that
/// is not in the future; a closed site is not reopened.
pub fn change_site_status(
    from: SiteStatus,
    to: SiteStatus,
    hosted: &[ServiceStatus],
    decommissioned_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<(), SiteError> {
    if from == SiteStatus::Decommissioned {
        return Err(SiteError::Closed);
    }
    if to != SiteStatus::Decommissioned {
        return Ok(());
    }
    let in_use = hosted.iter().filter(|s| **s == ServiceStatus::InUse).count();
    if in_use > 0 {
        return Err(SiteError::ServicesInUse { in_use });
    }
    match decommissioned_on {
        None => Err(SiteError::DateMissing),
        Some(date) if date > as_of => Err(SiteError::InTheFuture { date, as_of }),
        Some(_) => Ok(()),
    }
}

/// Whether a service in `status` may be hosted by a site in `site`: a closed
/// site hosts no service still in use.
pub fn check_host(site: SiteStatus, status: ServiceStatus) -> Result<(), FieldError> {
    if site == SiteStatus::Decommissioned && status == ServiceStatus::InUse {
        return Err(FieldError { field: "site_id", rule: Message::new("prog-site-closed-host") });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn names_are_one_trimmed_line() {
        assert_eq!(check_name("name", "  Tributi  ").unwrap(), "Tributi");
        assert!(check_name("name", " ").is_err());
        assert!(check_name("name", "a\nb").is_err());
        assert!(check_name("name", &"x".repeat(MAX_NAME)).is_ok());
        let long = check_name("name", &"x".repeat(MAX_NAME + 1)).unwrap_err();
        assert_eq!((long.field, long.rule), ("name", Message::new("prog-name-rule").arg("max", MAX_NAME)));
    }

    #[test]
    fn a_site_closes_once_nothing_runs_there() {
        use ServiceStatus::*;
        let today = day("2026-12-01");
        let close = |hosted: &[ServiceStatus], on: Option<&str>| {
            change_site_status(SiteStatus::Decommissioning, SiteStatus::Decommissioned, hosted, on.map(day), today)
        };
        assert_eq!(close(&[Migrated, InUse, InUse], Some("2026-11-30")), Err(SiteError::ServicesInUse { in_use: 2 }));
        assert_eq!(close(&[Migrated, Retired], Some("2026-11-30")), Ok(()));
        assert_eq!(close(&[], Some("2026-12-01")), Ok(()), "an empty room closes");
        assert_eq!(close(&[Migrated], None), Err(SiteError::DateMissing));
        assert_eq!(
            close(&[Migrated], Some("2026-12-02")),
            Err(SiteError::InTheFuture { date: day("2026-12-02"), as_of: today })
        );
    }

    #[test]
    fn planning_is_free_and_closing_is_final() {
        let today = day("2026-12-01");
        let in_use = [ServiceStatus::InUse];
        assert_eq!(change_site_status(SiteStatus::Active, SiteStatus::Decommissioning, &in_use, None, today), Ok(()));
        assert_eq!(change_site_status(SiteStatus::Decommissioning, SiteStatus::Active, &in_use, None, today), Ok(()));
        assert_eq!(
            change_site_status(SiteStatus::Decommissioned, SiteStatus::Active, &[], None, today),
            Err(SiteError::Closed)
        );
    }

    #[test]
    fn a_closed_site_hosts_nothing_in_use() {
        assert!(check_host(SiteStatus::Decommissioned, ServiceStatus::InUse).is_err());
        assert!(check_host(SiteStatus::Decommissioned, ServiceStatus::Migrated).is_ok());
        assert!(check_host(SiteStatus::Decommissioning, ServiceStatus::InUse).is_ok());
    }

    #[test]
    fn codes_round_trip() {
        for s in ServiceStatus::ALL {
            assert_eq!(ServiceStatus::parse(s.code()), Some(*s));
        }
        for k in SiteKind::ALL {
            assert_eq!(SiteKind::parse(k.code()), Some(*k));
        }
        for s in SiteStatus::ALL {
            assert_eq!(SiteStatus::parse(s.code()), Some(*s));
        }
        assert_eq!(SiteKind::parse("cloud"), None);
    }
}
