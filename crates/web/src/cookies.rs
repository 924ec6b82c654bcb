//! The cookies cloudpa sets: all `HttpOnly` and `SameSite=Lax`, and `Secure`
//! when the service is published over TLS. They are browser-session cookies;
//! the server decides when a sign-in expires.

use crate::WebConfig;
use axum_extra::extract::cookie::{Cookie, SameSite};

pub(crate) const SESSION: &str = "cloudpa_session";
pub(crate) const CSRF: &str = "cloudpa_csrf";
pub(crate) const LANG: &str = "cloudpa_lang";

pub(crate) fn build(config: &WebConfig, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.secure_cookies())
        .build()
}

/// A cookie that, added to a jar, tells the browser to drop `name`.
pub(crate) fn removal(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path("/").build()
}
