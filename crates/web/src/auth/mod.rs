//! Who is asking: sessions, the sign-in throttle and CSRF
//! protection (the sign-in page itself is `pages::login`).

pub(crate) mod csrf;
pub(crate) mod session;
pub(crate) mod throttle;
