//! The OpenAPI document, generated from the handlers' annotations and
//! completed once, in one place, with what every operation shares: how a
//! client authenticates, the refusals its access rule and its request body
//! can bring (401, 403, 413, 415), those every route can bring (400 from the
//! URI check, 429 from the rate limit), every error as
//! `application/problem+json`, and the text rule of `crate::input` as a
//! `pattern` on every free string of a parameter or a body.

use crate::access::Access;
use crate::problem::{PROBLEM_JSON, Problem};
use crate::routes::RouteRule;
use axum::body::Bytes;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::text::{Layout, layout_of};
use serde_json::{Map, Value, json};
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
        (name = "monitoring", description = "Qualified services' 36 months: certificates, alerts, notified changes, checks"),
        (name = "infrastructures", description = "Digital infrastructures' adeguamento: declarations of conformity to AI1–AI4, the agency's decisions, status on a date"),
        (name = "catalogue", description = "The public catalogue: search, listings with history, change feed, exports")
    ),
    components(schemas(Problem, crate::api::etag::IfMatch))
)]
pub(crate) struct ApiDoc;

/// The document, built once with the router.
pub(crate) async fn serve(doc: DocCell) -> Response {
    match doc.get() {
        Some(doc) => ([(header::CONTENT_TYPE, "application/json")], doc.clone()).into_response(),
        None => Problem::internal().into_response(),
    }
}

/// The OpenAPI document (serialised), known once every API route is registered.
pub(crate) type DocCell = std::sync::Arc<std::sync::OnceLock<Bytes>>;

/// The finished document: the handlers' annotations completed with the
/// security of each operation ([`add_security`]) and what every operation
/// shares ([`add_shared`]).
pub(crate) fn finish(mut doc: utoipa::openapi::OpenApi, rules: &[RouteRule]) -> Bytes {
    add_security(&mut doc, rules);
    let mut doc = serde_json::to_value(doc).expect("the OpenAPI document serialises");
    add_shared(&mut doc, rules);
    headers_never_null(&mut doc);
    Bytes::from(serde_json::to_vec(&doc).expect("the OpenAPI document serialises"))
}

/// An optional header is absent, never null: its schema loses the `null`
/// that an `Option` gives it (a client would otherwise send the text "null").
fn headers_never_null(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    let parameters = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|operations| operations.values_mut())
        .filter_map(|operation| operation.get_mut("parameters").and_then(Value::as_array_mut))
        .flatten()
        .filter(|parameter| parameter["in"] == "header");
    for parameter in parameters {
        let schema = &mut parameter["schema"];
        let not_null: Vec<Value> = schema["oneOf"]
            .as_array()
            .map(|options| options.iter().filter(|o| o["type"] != "null").cloned().collect())
            .unwrap_or_default();
        if let [only] = not_null.as_slice() {
            *schema = only.clone();
        }
    }
}

/// Declares how a client authenticates (a session cookie from the sign-in
/// page, or an API token) and, on every operation that needs a signed-in
/// identity, which of the two it accepts and the token scopes that open it.
/// The API token comes first where both are accepted: a machine client is
/// the API's first audience, and a request with a valid token is served
/// whatever cookie it carries.
pub(crate) fn add_security(doc: &mut utoipa::openapi::OpenApi, rules: &[RouteRule]) {
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
        let session = SecurityRequirement::new("session", empty.clone());
        let accepted =
            if scopes.is_empty() { vec![session] } else { vec![SecurityRequirement::new("api_token", empty), session] };
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

/// What a refusal shared by many operations means, by status.
pub(crate) fn shared_refusal(status: u16) -> &'static str {
    match status {
        400 => "A parameter or the body does not match this document (`errors` names each field and rule)",
        401 => "No signed-in user, or the API token is revoked, expired or unknown",
        403 => {
            "The user's organisation kind or role, or the API token's scopes, do not allow it; \
                or X-CSRF-Token is missing or wrong"
        }
        413 => "The body is over its size limit",
        415 => "The body is not of the declared media type",
        422 => {
            "The fields match this document, but a rule of the domain refuses their values \
                (`errors` names each field and rule)"
        }
        429 => "Too many requests from this client; see Retry-After",
        _ => "Refused",
    }
}

/// The statuses an operation with `access` and `request_body` can answer
/// whatever its handler does: 400 and 429 everywhere (the URI check and the
/// rate limit run before any route), 401 where a signed-in identity is
/// needed, 403 where a permission is, and 413 and 415 where a body is read.
pub(crate) fn shared_statuses(access: Access, method: &str, request_body: Option<&Value>) -> Vec<u16> {
    let mut statuses = vec![400, 429];
    if matches!(access, Access::SignedIn | Access::Can(_)) {
        statuses.push(401);
    }
    if matches!(access, Access::Can(_)) {
        statuses.push(403);
    }
    if request_body.is_some() {
        statuses.extend([413, 415]);
    }
    if request_body.is_some() || !method.eq_ignore_ascii_case("get") {
        statuses.push(422);
    }
    statuses
}

/// Adds to every operation of `rules` what they share (see the module).
pub(crate) fn add_shared(doc: &mut Value, rules: &[RouteRule]) {
    let problem = json!({"schema": {"$ref": "#/components/schemas/Problem"}});
    let mut bodies = Vec::new();
    for rule in rules {
        let method = rule.method.to_ascii_lowercase();
        let Some(operation) = doc.pointer_mut(&format!("/paths/{}/{method}", escape(&rule.path))) else { continue };
        let statuses = shared_statuses(rule.access, &method, operation.get("requestBody"));
        let responses = operation.as_object_mut().map(|o| o.entry("responses").or_insert_with(|| json!({})));
        let Some(responses) = responses.and_then(Value::as_object_mut) else { continue };
        for status in statuses {
            responses.entry(status.to_string()).or_insert_with(|| json!({"description": shared_refusal(status)}));
        }
        for (status, response) in responses.iter_mut() {
            if status.starts_with('4') || status.starts_with('5') {
                response["content"] = Value::Object(Map::from_iter([(PROBLEM_JSON.to_owned(), problem.clone())]));
            }
            let header = match status.as_str() {
                "429" | "503" => ("Retry-After", "Seconds to wait before trying again", json!({"type": "integer"})),
                "401" => ("WWW-Authenticate", "Bearer realm=\"cloudpa\"", json!({"type": "string"})),
                _ => continue,
            };
            response["headers"][header.0] = json!({"description": header.1, "schema": header.2});
        }
        if let Some(parameters) = operation.get_mut("parameters").and_then(Value::as_array_mut) {
            for parameter in parameters {
                let name = parameter["name"].as_str().unwrap_or_default().to_owned();
                let layout = if parameter["in"] == "path" { Layout::SingleLine } else { layout_of(&name) };
                if let Some(schema) = parameter.get_mut("schema") {
                    constrain_string(schema, layout);
                }
            }
        }
        if let Some(schema) = operation.pointer_mut("/requestBody/content/application~1json/schema") {
            constrain_schema(schema, "");
            bodies.push(schema.clone());
        }
    }
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        schemas.insert(FREE_JSON.into(), free_json());
    }
    // The components a request body uses, however deep, are input too.
    let mut input: Vec<String> = Vec::new();
    let mut todo = bodies;
    while let Some(schema) = todo.pop() {
        for name in references(&schema) {
            if !input.contains(&name) {
                if let Some(component) = doc.pointer(&format!("/components/schemas/{}", escape(&name))) {
                    todo.push(component.clone());
                }
                input.push(name);
            }
        }
    }
    for name in input {
        if let Some(component) = doc.pointer_mut(&format!("/components/schemas/{}", escape(&name))) {
            constrain_schema(component, "");
        }
    }
}

/// The component of a free-form JSON value in a body.
const FREE_JSON: &str = "FreeJson";

/// Any JSON value whose keys and strings hold no control character: what
/// `crate::input::check_json` lets through where a body's schema leaves the
/// value free (an unknown field, a map of answers). Line breaks and tabs,
/// allowed under a prose key, are left out: the rule is the stricter one.
fn free_json() -> Value {
    let line = Layout::SingleLine.pattern();
    let this = json!({"$ref": format!("#/components/schemas/{FREE_JSON}")});
    json!({
        "description": "Any JSON value whose keys and strings hold no control character",
        "anyOf": [
            {"type": ["null", "boolean", "number"]},
            {"type": "string", "pattern": line},
            {"type": "array", "items": this.clone()},
            {"type": "object", "propertyNames": {"pattern": line}, "additionalProperties": this},
        ]
    })
}

/// The components a schema refers to (`$ref`), directly.
fn references(schema: &Value) -> Vec<String> {
    match schema {
        Value::Object(object) => {
            let own = object.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"));
            own.map(str::to_owned).into_iter().chain(object.values().flat_map(references)).collect()
        }
        Value::Array(items) => items.iter().flat_map(references).collect(),
        _ => Vec::new(),
    }
}

/// A path or a name as a JSON pointer segment.
fn escape(path: &str) -> String {
    path.replace('~', "~0").replace('/', "~1")
}

/// Adds the text rule of `layout` to a free string (one without an enum, a
/// format or a pattern of its own).
fn constrain_string(schema: &mut Value, layout: Layout) {
    let Some(object) = schema.as_object_mut() else { return };
    let is_string = match object.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    let constrained = ["enum", "const", "format", "pattern"].iter().any(|k| object.contains_key(*k));
    if let (true, false, Some(pattern)) = (is_string, constrained, layout.pattern()) {
        object.insert("pattern".into(), Value::String(pattern.to_owned()));
    }
}

/// Walks a body schema: each string gets the rule of the field that holds
/// it (`crate::input::check_json` names a string by its key, an array's
/// items by the array's key), a map's keys and values the single-line rule.
fn constrain_schema(schema: &mut Value, name: &str) {
    constrain_string(schema, layout_of(name));
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for (key, property) in properties.iter_mut() {
            constrain_schema(property, key);
        }
    }
    if let Some(items) = object.get_mut("items") {
        constrain_schema(items, name);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(variants) = object.get_mut(key).and_then(Value::as_array_mut) {
            for variant in variants {
                constrain_schema(variant, name);
            }
        }
    }
    if object.get("type").is_some_and(|t| t == "object" || t.as_array().is_some_and(|a| a.contains(&json!("object")))) {
        // Keys outside `properties` are read (or ignored) only once they pass the text rule.
        let free = json!({"$ref": format!("#/components/schemas/{FREE_JSON}")});
        match object.get_mut("additionalProperties") {
            Some(Value::Bool(false)) => {}
            Some(values @ Value::Object(_)) if !values.as_object().is_some_and(Map::is_empty) => {
                constrain_schema(values, "")
            }
            _ => _ = object.insert("additionalProperties".into(), free),
        }
        if !matches!(object.get("additionalProperties"), Some(Value::Bool(false))) {
            object.insert("propertyNames".into(), json!({ "pattern": Layout::SingleLine.pattern() }));
        }
    }
}
