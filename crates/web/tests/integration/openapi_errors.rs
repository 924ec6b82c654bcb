//! The OpenAPI document is truthful about refusals and inputs, as
//! schemathesis (`scripts/schemathesis`, all checks) reads it:
//! - every operation documents the statuses its rule, its body and the
//!   routes' shared layers can answer (400 and 429 everywhere, 401 where a
//!   signed-in identity is needed, 403 where a permission is, 413 and 415
//!   where a body is read), each error as application/problem+json;
//! - every free string of a parameter or a body carries the text rule of
//!   `cloudpa_domain::text` as its `pattern`, and that pattern agrees with
//!   the rule on every character;
//! - each parameter that was refused with 400 while the document allowed it
//!   now states its constraint, and the server accepts what the document
//!   allows and refuses what it does not.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::text::{Layout, check};
use cloudpa_store::engine_test;
use cloudpa_web::access::Access;
use common::*;
use serde_json::{Value, json};

fn operation<'a>(doc: &'a Value, method: &str, path: &str) -> &'a Value {
    let operation = &doc["paths"][path][method.to_lowercase()];
    assert!(operation.is_object(), "{method} {path} is not documented");
    operation
}

fn api_rules() -> impl Iterator<Item = &'static cloudpa_web::RouteRule> {
    cloudpa_web::rules().iter().filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
}

engine_test!(every_operation_documents_the_refusals_its_rule_and_body_can_bring, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    for rule in api_rules() {
        let op = operation(&doc, &rule.method, &rule.path);
        let mut expected = vec!["400", "429"];
        if matches!(rule.access, Access::SignedIn | Access::Can(_)) {
            expected.push("401");
        }
        if matches!(rule.access, Access::Can(_)) {
            expected.push("403");
        }
        if op.get("requestBody").is_some() {
            expected.extend(["413", "415"]);
        }
        for status in expected {
            assert!(op["responses"][status].is_object(), "{} {} does not document {status}", rule.method, rule.path);
        }
        assert!(op["responses"]["429"]["headers"]["Retry-After"].is_object(), "{} {}", rule.method, rule.path);
        if let Some(unauthorized) = op["responses"].get("401") {
            assert!(unauthorized["headers"]["WWW-Authenticate"].is_object(), "{} {}", rule.method, rule.path);
        }
    }
});

engine_test!(every_error_response_is_problem_json, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    for rule in api_rules() {
        let op = operation(&doc, &rule.method, &rule.path);
        for (status, response) in op["responses"].as_object().unwrap() {
            if status.starts_with('4') || status.starts_with('5') {
                let content = response["content"].as_object().unwrap();
                assert_eq!(
                    content.keys().collect::<Vec<_>>(),
                    ["application/problem+json"],
                    "{} {} {status}",
                    rule.method,
                    rule.path
                );
                assert_eq!(content["application/problem+json"]["schema"]["$ref"], "#/components/schemas/Problem");
            }
        }
    }
    // And the server answers so: an anonymous call, a permission refused, an unknown id.
    let reply = get(&app, "/api/v1/provider/listings").await;
    assert_eq!((reply.status, reply.header("content-type")), (StatusCode::UNAUTHORIZED, "application/problem+json"));
    let reply = get(&app, "/api/v1/decisions/no-such-decision").await;
    assert_eq!((reply.status, reply.header("content-type")), (StatusCode::NOT_FOUND, "application/problem+json"));
});

engine_test!(operations_open_to_tokens_name_the_token_first, |store| {
    // A request with a valid token is served whatever cookie it carries; a
    // client (schemathesis's `ignored_auth`) tries the first scheme named.
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    for rule in api_rules() {
        let security = &operation(&doc, &rule.method, &rule.path)["security"];
        match rule.access {
            Access::Public | Access::MetricsToken => assert!(security.is_null(), "{} {}", rule.method, rule.path),
            _ => {
                let first = security[0].as_object().unwrap().keys().next().unwrap().clone();
                let accepted = security.as_array().unwrap().len();
                assert!(accepted == 1 && first == "session" || first == "api_token", "{} {}", rule.method, rule.path);
            }
        }
    }
});

/// The strings of a document's input: (where, schema, the field's name).
fn input_strings(doc: &Value) -> Vec<(String, Value, String)> {
    let mut found = Vec::new();
    fn walk(
        schema: &Value,
        name: &str,
        at: &str,
        doc: &Value,
        seen: &mut Vec<String>,
        found: &mut Vec<(String, Value, String)>,
    ) {
        if let Some(reference) = schema["$ref"].as_str() {
            let component = reference.trim_start_matches("#/components/schemas/").to_owned();
            if !seen.contains(&component) {
                seen.push(component.clone());
                walk(&doc["components"]["schemas"][&component], "", &component, doc, seen, found);
            }
            return;
        }
        let is_string =
            schema["type"] == "string" || schema["type"].as_array().is_some_and(|t| t.contains(&"string".into()));
        if is_string {
            found.push((at.to_owned(), schema.clone(), name.to_owned()));
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (key, property) in properties {
                walk(property, key, &format!("{at}.{key}"), doc, seen, found);
            }
        }
        if schema["items"].is_object() {
            walk(&schema["items"], name, &format!("{at}[]"), doc, seen, found);
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            for variant in schema[key].as_array().into_iter().flatten() {
                walk(variant, name, at, doc, seen, found);
            }
        }
        if schema["additionalProperties"].is_object() {
            walk(&schema["additionalProperties"], "", &format!("{at}.*"), doc, seen, found);
        }
    }
    let mut seen = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for parameter in op["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                let at = format!("{method} {path} {name}");
                walk(&parameter["schema"], name, &at, doc, &mut seen, &mut found);
            }
            if let Some(schema) = op.pointer("/requestBody/content/application~1json/schema") {
                walk(schema, "", &format!("{method} {path} body"), doc, &mut seen, &mut found);
            }
        }
    }
    found
}

engine_test!(every_free_input_string_carries_the_text_rule, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    let strings = input_strings(&doc);
    assert!(strings.len() > 100, "{} strings", strings.len());
    for (at, schema, _) in strings {
        let constrained = ["enum", "const", "format", "pattern"].iter().any(|k| schema.get(*k).is_some());
        assert!(constrained, "{at}: a free string without the text rule: {schema}");
    }
});

#[test]
fn the_text_patterns_agree_with_the_rule_on_every_character() {
    for layout in [Layout::SingleLine, Layout::Prose] {
        let pattern = regex::Regex::new(layout.pattern().unwrap()).unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(pattern.is_match(&text), check(&text, layout).is_ok(), "{layout:?} U+{:04X}", c as u32);
        }
        assert!(pattern.is_match(""));
        assert!(!pattern.is_match("riga\u{0}"), "a NUL at the end");
    }
    assert!(Layout::RedirectTarget.pattern().is_none());
}

/// Whether a query or path parameter's `value` is allowed by `schema`.
fn allows(schema: &Value, value: &str) -> bool {
    if let Some(variants) = schema["anyOf"].as_array() {
        return variants.iter().any(|v| allows(v, value));
    }
    if let Some(values) = schema["enum"].as_array() {
        return values.iter().any(|v| v == value);
    }
    if schema["type"] == "integer" {
        let Ok(n) = value.parse::<i128>() else { return false };
        return schema["minimum"].as_f64().is_none_or(|m| n as f64 >= m)
            && schema["maximum"].as_f64().is_none_or(|m| n as f64 <= m);
    }
    let format_ok = match schema["format"].as_str() {
        Some("date") => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
        Some("date-time") => chrono::DateTime::parse_from_rfc3339(value).is_ok(),
        _ => true,
    };
    let pattern_ok = schema["pattern"].as_str().is_none_or(|p| regex::Regex::new(p).unwrap().is_match(value));
    let length_ok = schema["maxLength"].as_u64().is_none_or(|max| value.chars().count() as u64 <= max);
    format_ok && pattern_ok && length_ok
}

fn parameter_schema<'a>(doc: &'a Value, path: &str, name: &str) -> &'a Value {
    let parameters = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
    &parameters.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path} has no {name}"))["schema"]
}

engine_test!(parameters_refused_while_documented_state_their_constraint, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    // (path template, parameter, a value the server refuses, a value it accepts, the URI with VALUE)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        ("/api/v1/listings", "page", "0", "1", "/api/v1/listings?page=VALUE"),
        ("/api/v1/listings", "page_size", "101", "100", "/api/v1/listings?page_size=VALUE"),
        ("/api/v1/listings", "type", "XaaS", "IaaS", "/api/v1/listings?type=VALUE"),
        ("/api/v1/listings", "as_of", "2026-02-30", "", "/api/v1/listings?as_of=VALUE"),
        ("/api/v1/listings", "q", &"x".repeat(201), "posta", "/api/v1/listings?q=VALUE"),
        ("/api/v1/listings/export.csv", "level", "QC9", "QC2", "/api/v1/listings/export.csv?level=VALUE"),
        ("/api/v1/listings/changes", "since", "", "2026-01-01T00:00:00Z", "/api/v1/listings/changes?since=VALUE"),
        ("/api/v1/listings/{id}/status", "on", "", "2026-01-01", "/api/v1/listings/x/status?on=VALUE"),
        ("/api/v1/listings/{id}", "as_of", "", "2026-01-01", "/api/v1/listings/x?as_of=VALUE"),
        ("/api/v1/requirement-sets/{id}", "format", "", "csv", "/api/v1/requirement-sets/acn-2024-qc?format=VALUE"),
        ("/api/v1/stats/applications", "format", "", "csv", "/api/v1/stats/applications?format=VALUE"),
        ("/api/v1/stats/applications", "group_by", "comune", "", "/api/v1/stats/applications?group_by=VALUE"),
        (
            "/api/v1/programme/applications.csv",
            "kind",
            "infrastructure",
            "scuola",
            "/api/v1/programme/applications.csv?kind=VALUE",
        ),
        (
            "/api/v1/programme/applications.csv",
            "province",
            "Gen%C2%85ova",
            "Genova",
            "/api/v1/programme/applications.csv?province=VALUE",
        ),
    ];
    for (path, name, refused, accepted, uri) in cases {
        let schema = parameter_schema(&doc, path, name);
        let decoded = |v: &str| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned();
        assert!(!allows(schema, &decoded(refused)), "{path} {name}={refused} is allowed by {schema}");
        assert!(allows(schema, &decoded(accepted)), "{path} {name}={accepted} is not allowed by {schema}");
        let reply = get(&app, &uri.replace("VALUE", refused)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri} with {refused}: {}", reply.body);
        let reply = get(&app, &uri.replace("VALUE", accepted)).await;
        assert!(matches!(reply.status.as_u16(), 200 | 404), "{uri} with {accepted}: {} {}", reply.status, reply.body);
    }
    // A path parameter with a control character (here U+0085, next line) is
    // refused by the URI check, and the document's pattern says so.
    let schema = &doc["paths"]["/api/v1/calls/{call_id}/voucher-quote"]["get"]["parameters"][0]["schema"];
    assert!(!allows(schema, "a\u{85}b") && allows(schema, "1-2-comuni"));
    let reply = get(&app, "/api/v1/calls/a%C2%85b/voucher-quote?population=1&rehost=1&upgrade=0").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
});

engine_test!(bodies_state_what_the_server_reads, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    // The upload is a multipart form with its `file` (it had no request body).
    let upload = &doc["paths"]["/api/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert!(upload.is_object(), "{upload}");
    // A step's date is a date, not any text.
    assert_eq!(doc["components"]["schemas"]["DateBody"]["properties"]["on"]["format"], "date");
    // The upload has its one part and no other (schemathesis sent parts
    // whose names were not UTF-8).
    let form = &doc["components"]["schemas"]["UploadForm"];
    assert_eq!(form["additionalProperties"], false, "{form}");
    // The answers of a form are what an answer may be (schemathesis sent
    // objects), with keys that pass the text rule.
    let answers = &doc["components"]["schemas"]["FormInputBody"]["properties"]["answers"];
    assert_eq!(answers["additionalProperties"]["$ref"], "#/components/schemas/FormAnswer");
    assert!(answers["propertyNames"]["pattern"].is_string());
    let kinds: Vec<&Value> =
        doc["components"]["schemas"]["FormAnswer"]["anyOf"].as_array().unwrap().iter().map(|k| &k["type"]).collect();
    assert_eq!(kinds, [&json!("boolean"), &json!("integer"), &json!("string"), &json!("array"), &json!("array")]);
    // A requirement's answer names its types (schemathesis sent one without).
    let answer = &doc["paths"]["/api/v1/applications/{id}/answers/{requirement_id}"]["put"]["requestBody"]["content"]["application/json"]
        ["schema"];
    let answer = &doc["components"]["schemas"][answer["$ref"].as_str().unwrap().rsplit('/').next().unwrap()];
    assert_eq!(answer["oneOf"].as_array().map(Vec::len), Some(6), "{answer}");
    // A write may be refused by a rule of the domain: 422, documented.
    let profile = &doc["paths"]["/api/v1/provider/profile"]["put"]["responses"];
    assert!(profile["422"]["content"]["application/problem+json"].is_object(), "{profile}");
    // A listing's closed fields name their values.
    let listing = &doc["components"]["schemas"]["ListingBody"]["properties"];
    assert!(allows(&listing["kind"], "SaaS") && !allows(&listing["kind"], "XaaS"));
    assert!(allows(&listing["level"], "QC4") && !allows(&listing["level"], "QC5"));
    assert!(!allows(&listing["name"], "   "), "a blank name is refused");
    assert!(allows(&listing["name"], " Calcolo "));
    assert!(!allows(&listing["name"], "\r\tCalcolo"), "leading control characters are not white space here");
    assert!(allows(&listing["description"], "riga\nriga") && !allows(&listing["description"], "\u{b}riga"));
});
