//! Background jobs: how long a claim lasts, when a failed job is tried
//! again, when it is given up, and which period a scheduled job belongs to.
//!
//! Source: crates.io's background worker (`crates_io_worker`: a job that
//! fails is retried with exponential back-off, and a job is claimed by one
//! worker at a time); the PNRR programme's sweeps run hourly (DOMAIN.md §5:
//! reminders 30, 7 and 1 day before a deadline, once each).

/// How long a worker holds a job it claimed before another may take it over
/// (a worker that died mid-job releases it this way).
pub const LEASE_MS: i64 = 5 * 60_000;

/// After this many failed attempts a job is given up, and shown to the
/// administrator as failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// The delay before the next attempt after `attempts` failed ones: 30
/// seconds, doubled each time, at most 6 hours.
pub fn retry_delay_ms(attempts: i64) -> i64 {
    const FIRST_MS: i64 = 30_000;
    const LONGEST_MS: i64 = 6 * 3_600_000;
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    FIRST_MS.saturating_mul(1 << doublings).min(LONGEST_MS)
}

/// Whether a job that has failed `attempts` times is given up.
pub fn gives_up(attempts: i64) -> bool {
    attempts >= MAX_ATTEMPTS
}

/// The key that makes a scheduled job of `kind` run once per period of
/// `period_ms` however many processes schedule it: the kind and the start of
/// the period holding `as_of_ms`.
pub fn period_key(kind: &str, as_of_ms: i64, period_ms: i64) -> String {
    format!("{kind}@{}", as_of_ms.div_euclid(period_ms) * period_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_six_hours() {
        assert_eq!(retry_delay_ms(1), 30_000);
        assert_eq!(retry_delay_ms(2), 60_000);
        assert_eq!(retry_delay_ms(5), 480_000);
        assert_eq!(retry_delay_ms(10), 15_360_000);
        assert_eq!(retry_delay_ms(11), 6 * 3_600_000);
        assert_eq!(retry_delay_ms(1_000), 6 * 3_600_000);
        assert_eq!(retry_delay_ms(0), 30_000);
    }

    #[test]
    fn a_job_is_given_up_after_ten_attempts() {
        assert!(!gives_up(9));
        assert!(gives_up(10));
    }

    #[test]
    fn a_period_has_one_key() {
        let hour = 3_600_000;
        assert_eq!(period_key("sweep", 7_200_000, hour), period_key("sweep", 10_799_999, hour));
        assert_ne!(period_key("sweep", 7_200_000, hour), period_key("sweep", 10_800_000, hour));
        assert_eq!(period_key("sweep", 7_200_001, hour), "sweep@7200000");
    }
}
