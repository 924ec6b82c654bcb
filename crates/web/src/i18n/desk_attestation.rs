//! The texts of the attestor's and the programme office's asseverazione pages.

/// (key, Italian, English)
pub(super) static TEXTS: &[(&str, &str, &str)] = &[];
