//! The texts of the ente's asseverazione pages.

/// (key, Italian, English)
pub(super) static TEXTS: &[(&str, &str, &str)] = &[];
