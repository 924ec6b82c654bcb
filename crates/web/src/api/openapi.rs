//! The OpenAPI document, generated from the handlers' annotations.

use crate::problem::Problem;
use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cloudpa API",
        description = "Qualification, catalogue and migration programme of Italy's Cloud della PA. \
                       Errors are application/problem+json (RFC 9457); every 2xx response carries \
                       X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    tags(
        (name = "status", description = "Service health"),
        (name = "programme", description = "Calls and vouchers of the PNRR migration programme"),
        (name = "accounts", description = "The signed-in user"),
        (name = "qualification", description = "Providers, listings, applications, reviews and decisions"),
        (name = "catalogue", description = "The public catalogue: search, listings with history, change feed, exports")
    )
)]
pub(crate) struct ApiDoc;

/// The document, built once with the router.
pub(crate) async fn serve(doc: DocCell) -> Response {
    match doc.get() {
        Some(doc) => Json(doc.as_ref().clone()).into_response(),
        None => Problem::internal().into_response(),
    }
}

/// The OpenAPI document, known once every API route is registered.
pub(crate) type DocCell = std::sync::Arc<std::sync::OnceLock<std::sync::Arc<utoipa::openapi::OpenApi>>>;

/// Declares how a client authenticates (a session cookie from the sign-in
/// page, or an API token) and, on every operation that needs a signed-in
/// identity, which of the two it accepts and the token scopes that open it.
pub(crate) fn add_security(doc: &mut utoipa::openapi::OpenApi, rules: &[crate::routes::RouteRule]) {
    use crate::access::Access;
    use cloudpa_domain::api_tokens::Scope;
    use utoipa::openapi::security::{
        ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
    };
    let components = doc.components.get_or_insert_with(Default::default);
    let bearer = HttpBuilder::new()
        .scheme(HttpAuthScheme::Bearer)
        .bearer_format("cpa_… (an API token made on POST /api/v1/api-tokens)")
        .build();
    components.add_security_scheme("api_token", SecurityScheme::Http(bearer));
    let cookie = ApiKeyValue::with_description(
        crate::cookies::SESSION,
        "The session cookie of the sign-in page; state-changing calls also send X-CSRF-Token",
    );
    components.add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
    for rule in rules {
        let scopes: Vec<&str> = match rule.access {
            Access::SignedIn => vec!["any"],
            Access::Can(permission) => Scope::ALL.iter().filter(|s| s.covers(permission)).map(|s| s.code()).collect(),
            Access::Public | Access::MetricsToken => continue,
        };
        let Some(item) = doc.paths.paths.get_mut(&rule.path) else { continue };
        let operation = match rule.method.as_str() {
            "GET" => item.get.as_mut(),
            "POST" => item.post.as_mut(),
            "PUT" => item.put.as_mut(),
            "DELETE" => item.delete.as_mut(),
            "PATCH" => item.patch.as_mut(),
            _ => None,
        };
        let Some(operation) = operation else { continue };
        let empty = Vec::<String>::new();
        let mut accepted = vec![SecurityRequirement::new("session", empty.clone())];
        if !scopes.is_empty() {
            accepted.push(SecurityRequirement::new("api_token", empty));
        }
        operation.security = Some(accepted);
        let note = if scopes.is_empty() {
            "Not open to API tokens.".to_owned()
        } else {
            format!("API token scopes: {}.", scopes.join(", "))
        };
        let description = operation.description.take().map_or(note.clone(), |d| format!("{d}\n\n{note}"));
        operation.description = Some(description);
    }
}
