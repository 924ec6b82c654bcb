//! The web layer is the edge where the clock is read; below it, instants are
//! passed explicitly.

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Today in Europe/Rome: the `as_of` of every rule applied on a request.
pub fn today() -> chrono::NaiveDate {
    let now = chrono::Utc::now();
    now.with_timezone(&crate::format::rome_offset(now)).date_naive()
}
