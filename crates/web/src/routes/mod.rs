//! Every route of cloudpa, declared once with the access rule it answers to
//! ([`pages::routes`] and [`api::routes`]). The router and the rules table
//! (`cloudpa_web::rules()`, which docs/security.md is checked against) are
//! both built from these declarations: a route cannot exist without a rule,
//! nor a rule without a route.

mod api;
mod desk_attestation;
mod ente_attestation;
mod pages;
pub(crate) mod uri;

use crate::access::{Access, Guard, enforce};
use crate::api::openapi::{ApiDoc, DocCell};
use crate::pages::error::not_found;
use crate::problem::Problem;
use crate::{AppState, metrics};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

/// One route's access rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRule {
    pub method: String,
    pub path: String,
    pub access: Access,
}

/// A route: its rule and its handler.
pub(crate) struct Route {
    rule: RouteRule,
    handler: Handler,
}

enum Handler {
    /// A page (or another non-API route): a refusal below it becomes an
    /// error page.
    Page(MethodRouter<AppState>),
    /// An API operation, documented in the OpenAPI document.
    Api(UtoipaMethodRouter<AppState>),
}

/// A page at `method` `path`.
pub(crate) fn page(method: &str, path: &str, access: Access, handler: MethodRouter<AppState>) -> Route {
    let rule = RouteRule { method: method.to_owned(), path: path.to_owned(), access };
    Route { rule, handler: Handler::Page(handler) }
}

/// An API operation; its method and path are its OpenAPI annotation's.
pub(crate) fn api(access: Access, handler: UtoipaMethodRouter<AppState>) -> Route {
    let (_, paths, _) = &handler;
    let mut operations = paths.paths.iter().flat_map(|(path, item)| {
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
            ("PATCH", item.patch.is_some()),
        ];
        methods.into_iter().filter(|(_, present)| *present).map(move |(method, _)| (method, path.clone()))
    });
    let (Some((method, path)), None) = (operations.next(), operations.next()) else {
        panic!("an API handler documents exactly one operation");
    };
    Route { rule: RouteRule { method: method.to_owned(), path, access }, handler: Handler::Api(handler) }
}

/// An API operation that takes an upload of up to `limit` bytes.
pub(crate) fn upload(access: Access, (schemas, paths, handler): UtoipaMethodRouter<AppState>, limit: usize) -> Route {
    api(access, (schemas, paths, handler.layer(DefaultBodyLimit::max(limit))))
}

fn declarations(doc: &DocCell) -> Vec<Route> {
    let routes: Vec<Route> = pages::routes(doc)
        .into_iter()
        .chain(ente_attestation::routes())
        .chain(desk_attestation::routes())
        .chain(api::routes())
        .collect();
    for (i, route) in routes.iter().enumerate() {
        let (method, path) = (&route.rule.method, &route.rule.path);
        let twice = routes[i + 1..].iter().any(|r| (&r.rule.method, &r.rule.path) == (method, path));
        assert!(!twice, "route {method} {path} is declared twice");
    }
    routes
}

/// The rule of every route, for documentation and tests.
pub fn rules() -> &'static [RouteRule] {
    static RULES: OnceLock<Vec<RouteRule>> = OnceLock::new();
    RULES.get_or_init(|| declarations(&DocCell::default()).into_iter().map(|r| r.rule).collect())
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    metrics::install_recorder();
    let doc = DocCell::default();
    let mut router = OpenApiRouter::with_openapi(ApiDoc::openapi());
    let mut api_rules = Vec::new();
    for Route { rule, handler } in declarations(&doc) {
        // A public route's guard would let every request through: it is
        // left out, and with it a layer on the catalogue's hot path.
        let guarded = |handler: MethodRouter<AppState>| match rule.access {
            Access::Public => handler,
            access => handler.route_layer(from_fn_with_state(Guard { state: state.clone(), access }, enforce)),
        };
        router = match handler {
            Handler::Page(handler) => {
                let html_errors = from_fn_with_state(state.clone(), crate::pages::error::html_errors);
                router.route(&rule.path, guarded(handler.layer(html_errors)))
            }
            Handler::Api((schemas, paths, handler)) => {
                let handler = guarded(handler);
                api_rules.push(rule);
                router.routes((schemas, paths, handler))
            }
        };
    }
    let (router, document) = router.split_for_parts();
    let _ = doc.set(crate::api::openapi::finish(document, &api_rules));
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), crate::edge::edge))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// A fixed body of the size set by `serve --bench-static-bytes`: the
/// baseline the search benchmark compares against (same server, same
/// middleware, no work). 404 when not set.
pub(crate) async fn bench_static(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
) -> Response {
    match &state.config.bench_static {
        Some(body) => ([(axum::http::header::CONTENT_TYPE, "application/json")], body.clone()).into_response(),
        None => not_found(request).await,
    }
}

async fn method_not_allowed(request: Request) -> Response {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method")
        .detail(
            cloudpa_domain::message::Message::new("web-method-not-allowed")
                .arg("method", request.method().as_str())
                .arg("path", request.uri().path()),
        )
        .into_response()
}
