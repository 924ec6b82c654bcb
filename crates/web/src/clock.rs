//! The web layer is the edge where the clock is read; below it, instants are
//! passed explicitly.

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
