//! Sign-in, sessions and CSRF protection.

pub(crate) mod cookies;
pub(crate) mod csrf;
pub(crate) mod login;
pub(crate) mod session;
pub(crate) mod throttle;
