//! Headers that make every page safer to render: no framing, no MIME
//! sniffing, resources only from this origin; and no caching of what a
//! signed-in user is shown.

use crate::cookies;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum_extra::extract::CookieJar;

const HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
];

/// Whether the request comes with a session cookie.
pub(crate) fn signed_in(request: &Request) -> bool {
    CookieJar::from_headers(request.headers()).get(cookies::SESSION).is_some()
}

/// The headers of an answer to a request, `signed_in` or not, that the
/// answer does not set itself.
pub(crate) fn add(signed_in: bool, headers: &mut HeaderMap) {
    for (name, value) in HEADERS {
        headers.entry(*name).or_insert(HeaderValue::from_static(value));
    }
    if (signed_in || headers.contains_key(header::SET_COOKIE)) && !is_public(headers) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// Whether the answer says it is the same for everyone (static files, the
/// public catalogue): it may be cached whoever asked.
fn is_public(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|d| d.trim() == "public"))
}
