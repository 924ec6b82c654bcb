//! The web layer is the edge where the clock is read; below it, instants are
//! passed explicitly.

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Today in Europe/Rome: the `as_of` of every rule applied on a request.
pub fn today() -> chrono::NaiveDate {
    date_in_rome(now_ms())
}

/// The date in Europe/Rome at the instant `ms`.
pub(crate) fn date_in_rome(ms: i64) -> chrono::NaiveDate {
    let at = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    at.with_timezone(&crate::format::rome_offset(at)).date_naive()
}
