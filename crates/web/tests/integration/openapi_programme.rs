//! The OpenAPI document describes what the programme's operations (calls,
//! stats, enti, call applications, teams) answer: each JSON 2xx response
//! names a schema with fields (not a bare object), each file response its
//! content type.

use crate::common;

use cloudpa_store::engine_test;
use common::*;
use serde_json::Value;

/// The tags of the programme's operations.
const TAGS: [&str; 4] = ["programme", "enti", "applications", "teams"];

/// The JSON operations: method, path and success status.
const JSON_OPERATIONS: &[(&str, &str, &str)] = &[
    ("get", "/api/v1/calls", "200"),
    ("post", "/api/v1/calls", "201"),
    ("put", "/api/v1/calls/{call_id}", "200"),
    ("get", "/api/v1/calls/{call_id}/versions", "200"),
    ("get", "/api/v1/calls/{call_id}/voucher-quote", "200"),
    ("get", "/api/v1/calls/{call_id}/services", "200"),
    ("put", "/api/v1/calls/{call_id}/services", "200"),
    ("get", "/api/v1/calls/{call_id}/settings", "200"),
    ("put", "/api/v1/calls/{call_id}/settings", "200"),
    ("get", "/api/v1/stats/applications", "200"),
    ("get", "/api/v1/stats/targets", "200"),
    ("get", "/api/v1/enti", "200"),
    ("get", "/api/v1/enti/{ente_id}/inventory", "200"),
    ("put", "/api/v1/enti/{ente_id}/profile", "200"),
    ("post", "/api/v1/enti/{ente_id}/sites", "201"),
    ("post", "/api/v1/sites/{id}/status", "200"),
    ("post", "/api/v1/enti/{ente_id}/services", "201"),
    ("put", "/api/v1/ente-services/{id}", "200"),
    ("get", "/api/v1/delegations", "200"),
    ("post", "/api/v1/delegations", "201"),
    ("post", "/api/v1/delegations/{id}/revoke", "200"),
    ("get", "/api/v1/enti/{ente_id}/applications", "200"),
    ("post", "/api/v1/enti/{ente_id}/applications", "201"),
    ("get", "/api/v1/enti/{ente_id}/classifications", "200"),
    ("post", "/api/v1/enti/{ente_id}/classifications", "201"),
    ("get", "/api/v1/classifications", "200"),
    ("get", "/api/v1/call-applications", "200"),
    ("get", "/api/v1/call-applications/{id}", "200"),
    ("put", "/api/v1/call-applications/{id}/services", "200"),
    ("post", "/api/v1/call-applications/{id}/submit", "200"),
    ("put", "/api/v1/call-applications/{id}/cup", "200"),
    ("post", "/api/v1/call-applications/{id}/contract", "200"),
    ("post", "/api/v1/call-applications/{id}/complete", "200"),
    ("post", "/api/v1/call-applications/{id}/withdraw", "200"),
    ("post", "/api/v1/call-applications/{id}/services/{position}/migrated", "200"),
    ("post", "/api/v1/call-applications/{id}/services/{position}/improvement", "200"),
    ("post", "/api/v1/call-applications/{id}/decree", "200"),
    ("post", "/api/v1/call-applications/{id}/refusal", "200"),
    ("post", "/api/v1/call-applications/{id}/attestation", "200"),
    ("post", "/api/v1/call-applications/{id}/payment", "200"),
    ("get", "/api/v1/teams", "200"),
    ("put", "/api/v1/teams/members/{user_id}", "200"),
    ("get", "/api/v1/teams/worklist", "200"),
];

/// The operations that answer a file (or, for the stats, a file on
/// request): path and the media types declared.
const FILE_OPERATIONS: &[(&str, &[&str])] = &[
    ("/api/v1/stats/applications", &["text/csv"]),
    ("/api/v1/programme/applications.csv", &["text/csv"]),
    ("/api/v1/programme/applications.xlsx", &["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
    ("/api/v1/programme/open-data/candidature_finanziate.csv", &["text/csv"]),
    ("/api/v1/calls/export.csv", &["text/csv"]),
    ("/api/v1/programme/open-data/numero_progetti_regione_1_2.csv", &["text/csv"]),
];

/// The operations that answer 204 No Content.
const EMPTY_OPERATIONS: &[(&str, &str)] =
    &[("delete", "/api/v1/call-applications/{id}"), ("delete", "/api/v1/teams/members/{user_id}")];

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.strip_prefix("#/components/schemas/").expect("a local reference");
            let target = &doc["components"]["schemas"][name];
            assert!(target.is_object(), "{reference} is not in the document");
            resolve(doc, target)
        }
        None => schema,
    }
}

/// Whether `schema` (or a schema it is `allOf`) names fields.
fn names_fields(doc: &Value, schema: &Value) -> bool {
    let schema = resolve(doc, schema);
    schema.get("properties").is_some_and(Value::is_object)
        || schema["allOf"].as_array().into_iter().flatten().any(|part| names_fields(doc, part))
}

engine_test!(every_programme_answer_has_a_schema_with_fields, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    for &(method, path, status) in JSON_OPERATIONS {
        let schema = &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
        assert!(schema.get("$ref").is_some() || schema.get("properties").is_some(), "{method} {path}: {schema}");
        assert!(names_fields(&doc, schema), "{method} {path}: {schema} names no fields");
    }
    for &(path, media) in FILE_OPERATIONS {
        let content = doc["paths"][path]["get"]["responses"]["200"]["content"]
            .as_object()
            .unwrap_or_else(|| panic!("GET {path}: no content"));
        for media in media {
            assert!(content.contains_key(*media), "GET {path} does not declare {media}: {content:?}");
        }
    }
    for &(method, path) in EMPTY_OPERATIONS {
        let responses = doc["paths"][path][method]["responses"].as_object().unwrap();
        assert!(responses["204"].get("content").is_none(), "{method} {path}");
        assert!(!responses.keys().any(|s| s.starts_with('2') && s != "204"), "{method} {path}");
    }
});

engine_test!(every_programme_operation_is_listed_here, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    let listed = |method: &str, path: &str| {
        JSON_OPERATIONS.iter().any(|&(m, p, _)| m == method && p == path)
            || FILE_OPERATIONS.iter().any(|&(p, _)| method == "get" && p == path)
            || EMPTY_OPERATIONS.contains(&(method, path))
    };
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let tagged = operation["tags"].as_array().into_iter().flatten().any(|t| TAGS.iter().any(|tag| t == tag));
            assert!(!tagged || listed(method, path), "{method} {path} is a programme operation not checked here");
        }
    }
});
