//! Civil time in Italy: every `as_of` of a rule is a date in Europe/Rome
//! (DOMAIN.md §7), derived from an instant the caller read once.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Rome;
use chrono_tz::Tz;

/// The instant `utc` on the clocks of Europe/Rome, by the IANA time-zone
/// database (chrono-tz): CET and CEST as the EU's summer-time directive
/// (2000/84/EC) sets them, and Italy's earlier rules for past dates.
pub fn in_rome(utc: DateTime<Utc>) -> DateTime<Tz> {
    utc.with_timezone(&Rome)
}

/// The date in Europe/Rome at the instant `ms` (milliseconds since the Unix
/// epoch); an instant out of range counts as the epoch.
pub fn date_in_rome(ms: i64) -> NaiveDate {
    let at = DateTime::from_timestamp_millis(ms).unwrap_or_default();
    in_rome(at).date_naive()
}

/// The wall-clock time in Europe/Rome at the instant `ms`: what a slot
/// booked "at 10:00" is compared with.
pub fn local_in_rome(ms: i64) -> chrono::NaiveDateTime {
    let at = DateTime::from_timestamp_millis(ms).unwrap_or_default();
    in_rome(at).naive_local()
}

/// The calendar days in Rome from the day of the instant `since_ms` to
/// `as_of` (how long a submission has waited in a queue): 0 on the same
/// day, never negative. Days, not periods of 24 hours, because terms are
/// counted in days of the calendar (DOMAIN.md §7).
pub fn days_since(since_ms: i64, as_of: NaiveDate) -> i64 {
    (as_of - date_in_rome(since_ms)).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Offset;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn summer_time_switches_at_one_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        let offset = |s: &str| in_rome(at(s)).offset().fix().local_minus_utc();
        assert_eq!(offset("2026-03-29T00:59:59Z"), 3600);
        assert_eq!(offset("2026-03-29T01:00:00Z"), 7200);
        assert_eq!(offset("2026-10-25T00:59:59Z"), 7200);
        assert_eq!(offset("2026-10-25T01:00:00Z"), 3600);
    }

    #[test]
    fn past_dates_follow_the_rules_of_their_time() {
        // Until 1995 Italy's summer time ended on the last Sunday of
        // September: on 28 September 1980 the clocks were back on CET.
        let local = |s: &str| local_in_rome(at(s).timestamp_millis()).to_string();
        assert_eq!(local("1980-09-28T12:00:00Z"), "1980-09-28 13:00:00");
        assert_eq!(local("2026-09-27T12:00:00Z"), "2026-09-27 14:00:00", "today's rule: CEST until October");
    }

    #[test]
    fn the_date_in_rome_turns_at_local_midnight() {
        assert_eq!(date_in_rome(at("2026-12-04T22:59:59Z").timestamp_millis()).to_string(), "2026-12-04");
        assert_eq!(date_in_rome(at("2026-12-04T23:00:00Z").timestamp_millis()).to_string(), "2026-12-05");
        assert_eq!(date_in_rome(at("2026-07-04T22:00:00Z").timestamp_millis()).to_string(), "2026-07-05");
    }

    #[test]
    fn the_wall_clock_in_rome_follows_summer_time() {
        assert_eq!(local_in_rome(at("2026-12-05T09:30:00Z").timestamp_millis()).to_string(), "2026-12-05 10:30:00");
        assert_eq!(local_in_rome(at("2026-07-05T09:30:00Z").timestamp_millis()).to_string(), "2026-07-05 11:30:00");
    }

    #[test]
    fn days_since_counts_calendar_days_in_rome() {
        let after_midnight = at("2026-12-01T23:30:00Z").timestamp_millis(); // 2 December, 00:30 in Rome
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(days_since(after_midnight, day("2026-12-02")), 0);
        assert_eq!(days_since(after_midnight, day("2026-12-03")), 1);
        assert_eq!(days_since(after_midnight, day("2026-12-05")), 3);
        assert_eq!(days_since(after_midnight, day("2026-12-01")), 0, "a clock behind the record is not a negative age");
    }
}
