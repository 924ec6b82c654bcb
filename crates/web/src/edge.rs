//! The router's outer layer: every request passes it once, in this order.
//! The clock is read; the request is counted and timed; the client's rate
//! is checked; the URI is checked; the handler answers; the answer gets the
//! security headers, the language cookie and the rate headers. One
//! middleware instead of six: each `from_fn` layer boxes the request's
//! future and clones the service behind it, and the cached catalogue
//! search answers in tens of microseconds (BENCHMARKS.md, "Catalogue search
//! against nginx").

use crate::AppState;
use crate::{clock, metrics, pages, rate_limit, routes::uri, security_headers};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use cloudpa_workflows::Now;

pub(crate) async fn edge(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let now = Now::read();
    clock::stamp(&mut request, now);
    let timer = metrics::Timer::start(&request);
    let admission = rate_limit::admit(&state, &request, now);
    let response = match admission.refusal() {
        Some(refused) => refused,
        None => {
            let signed_in = security_headers::signed_in(&request);
            let language = pages::chosen_language(&request);
            let mut response = match uri::refusal(&request) {
                Some(refused) => refused,
                None => next.run(request).await,
            };
            security_headers::add(signed_in, response.headers_mut());
            pages::remember_language(language, response.headers_mut());
            admission.tell(response.headers_mut());
            response
        }
    };
    timer.finish(response.status());
    response
}
