//! The one reading of the clock a request or a sweep makes, at its start;
//! every use case and rule below it is given this instant (`as_of`).

use chrono::{DateTime, NaiveDate, Utc};
use cloudpa_domain::time::date_in_rome;
use cloudpa_store::Millis;

/// An instant and its date in Europe/Rome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Milliseconds since the Unix epoch, as records store them.
    pub ms: Millis,
    /// The date in Rome: the `as_of` of every rule applied.
    pub today: NaiveDate,
}

impl Now {
    /// Reads the system clock: called once at the start of a request, a
    /// sweep or a command, never inside a use case.
    pub fn read() -> Now {
        Now::at(Utc::now().timestamp_millis())
    }

    /// The instant `ms`, with its date in Rome.
    pub fn at(ms: Millis) -> Now {
        Now { ms, today: date_in_rome(ms) }
    }

    /// The instant as a UTC date and time.
    pub fn utc(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.ms).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_carries_its_date_in_rome() {
        let late_evening = "2026-12-04T23:30:00Z".parse::<DateTime<Utc>>().unwrap().timestamp_millis();
        let now = Now::at(late_evening);
        assert_eq!(now.today.to_string(), "2026-12-05");
        assert_eq!(now.utc().timestamp_millis(), late_evening);
    }
}
