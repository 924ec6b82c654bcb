//! The JSON API on both engines: status, OpenAPI, calls, voucher quotes,
//! problem+json errors and rate limiting.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cloudpa_store::engine_test;
use cloudpa_web::WebConfig;
use common::*;

const COMUNI_CALL: &str = "1-2-abilitazione-al-cloud-comuni-luglio-2025";

engine_test!(status_is_ok_as_problem_json_and_503_without_database, |store| {
    let app = app(&store, WebConfig::default()).await;
    let reply = get(&app, "/api/v1/status").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(reply.json()["status"], 200);
    assert_eq!(reply.json()["title"], "OK");
    assert_eq!(reply.header("x-ratelimit-limit"), "600");
    assert_eq!(reply.header("x-ratelimit-remaining"), "599");
    assert!(!reply.header("x-ratelimit-reset").is_empty());

    store.close().await;
    let reply = get(&app, "/api/v1/status").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(reply.json()["status"], 503);
    assert!(!reply.header("retry-after").is_empty());
});

engine_test!(openapi_documents_every_api_route, |store| {
    let app = app(&store, unlimited()).await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for rule in
        cloudpa_web::rules().iter().filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
    {
        let method = rule.method.to_lowercase();
        assert!(
            doc["paths"][rule.path.as_str()][&method].is_object(),
            "{} {} is not documented",
            rule.method,
            rule.path
        );
    }
});

engine_test!(calls_are_listed_as_an_object, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let body = get(&app, "/api/v1/calls").await.json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 57);
    let call = items.iter().find(|c| c["id"] == COMUNI_CALL).unwrap();
    assert_eq!(call["title"], "1.2 Abilitazione al Cloud - Comuni - luglio 2025");
    assert_eq!(call["measure"], "1.2 Abilitazione e facilitazione migrazione al Cloud");
    assert_eq!(call["target"], "Comuni");
    assert_eq!(call["opens_on"], "2025-07-17");
    assert_eq!(call["budget_cents"], 1_117_938_300i64);
    assert_eq!(call["has_voucher_tariff"], true);
});

engine_test!(voucher_quote_for_genova, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let uri = format!("/api/v1/calls/{COMUNI_CALL}/voucher-quote?population=586180&rehost=18&upgrade=3");
    let reply = get(&app, &uri).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json(),
        serde_json::json!({"class": 7, "fee_eur": 3_500_000, "rehost_eur": 839_412, "upgrade_eur": 227_448,
                           "amount_eur": 4_566_860, "amount_cents": 456_686_000i64})
    );
});

engine_test!(voucher_quote_errors_name_the_field_and_rule, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let base = format!("/api/v1/calls/{COMUNI_CALL}/voucher-quote");

    let reply = get(&app, &format!("{base}?population=-5&rehost=1")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let errors = reply.json()["errors"].clone();
    let rule =
        serde_json::json!({"field": "population", "rule": "must be a whole number ≥ 0", "code": "error-whole-number"});
    assert_eq!(errors[0], rule, "the rule in English, and its code");
    assert_eq!(errors[1]["field"], "upgrade");
    assert_eq!(errors[1]["code"], "error-required");
    assert_eq!(errors.as_array().unwrap().len(), 2);

    let reply = get(&app, &format!("{base}?population=2500&rehost=10&upgrade=0")).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json()["detail"].as_str().unwrap().contains("allows 7 to 9 services"), "{}", reply.body);

    let reply = get(&app, "/api/v1/calls/no-such-call/voucher-quote?population=1&rehost=7&upgrade=0").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["status"], 404);

    let asl = "1-2-abilitazione-al-cloud-asl-ao-dicembre-2022";
    let reply = get(&app, &format!("/api/v1/calls/{asl}/voucher-quote?population=1&rehost=7&upgrade=0")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.json()["detail"].as_str().unwrap().contains("no lump-sum voucher tariff"));

    let schools = "1-2-abilitazione-al-cloud-scuole-dicembre-2025";
    let reply = get(&app, &format!("/api/v1/calls/{schools}/voucher-quote?population=0&rehost=20&upgrade=3")).await;
    assert_eq!(reply.json()["amount_eur"], 12_719, "23 × 553 €, the largest school amount of the real sample");
    let reply = get(&app, &format!("/api/v1/calls/{schools}/voucher-quote?population=0&rehost=20&upgrade=4")).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "at most 23 services");
});

engine_test!(unknown_api_paths_and_methods_are_problems, |store| {
    let app = app(&store, unlimited()).await;
    let reply = get(&app, "/api/v1/nothing-here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let reply = post_form(&app, "/api/v1/status", None, "").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.header("content-type"), "application/problem+json");
});

engine_test!(rate_limit_answers_429_with_retry_after, |store| {
    let app = app(&store, WebConfig { rate_limit_per_minute: 2, ..WebConfig::default() }).await;
    assert_eq!(get(&app, "/api/v1/status").await.header("x-ratelimit-remaining"), "1");
    assert_eq!(get(&app, "/api/v1/status").await.header("x-ratelimit-remaining"), "0");
    let reply = get(&app, "/api/v1/status").await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let retry: u64 = reply.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry));
});

engine_test!(behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget, |store| {
    let proxy = "10.0.0.0/8".parse().unwrap();
    let config = WebConfig { rate_limit_per_minute: 1, trusted_proxies: vec![proxy], ..WebConfig::default() };
    let app = app(&store, config).await;
    let from = |peer: &str, forwarded: Option<&str>| {
        let mut request = Request::get("/api/v1/status");
        if let Some(forwarded) = forwarded {
            request = request.header("x-forwarded-for", forwarded);
        }
        let mut request = request.body(Body::empty()).unwrap();
        let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
        send(&app, request)
    };
    assert_eq!(from("10.0.0.1", Some("198.51.100.7")).await.status, StatusCode::OK);
    assert_eq!(from("10.0.0.2", Some("198.51.100.7")).await.status, StatusCode::TOO_MANY_REQUESTS, "same client");
    assert_eq!(from("10.0.0.1", Some("198.51.100.8")).await.status, StatusCode::OK, "another client");
    let spoofed = from("10.0.0.1", Some("203.0.113.5, 198.51.100.7")).await;
    assert_eq!(spoofed.status, StatusCode::TOO_MANY_REQUESTS, "what the client wrote left of its address is not read");
    assert_eq!(from("192.0.2.1", Some("198.51.100.9")).await.status, StatusCode::OK);
    let untrusted = from("192.0.2.1", Some("198.51.100.10")).await;
    assert_eq!(untrusted.status, StatusCode::TOO_MANY_REQUESTS, "a peer that is not a proxy cannot name its client");
});

engine_test!(metrics_count_requests_by_route_and_show_the_pool, |store| {
    let token = cloudpa_web::Secret("metrics-token-for-tests".into());
    let app = app(&store, WebConfig { metrics_token: Some(token), ..unlimited() }).await;
    get(&app, "/api/v1/status").await;
    let text = get_with_header(&app, "/metrics", "authorization", "Bearer metrics-token-for-tests").await.body;
    assert!(text.contains("http_requests_total{route=\"/api/v1/status\",method=\"GET\",status=\"200\"}"), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket{route=\"/api/v1/status\""), "{text}");
    assert!(text.contains("db_pool_connections"), "{text}");
});

engine_test!(public_response_shapes, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    insta::assert_json_snapshot!("status", get(&app, "/api/v1/status").await.json());
    let calls = get(&app, "/api/v1/calls").await.json();
    let comuni = calls["items"].as_array().unwrap().iter().find(|c| c["id"] == COMUNI_CALL).unwrap().clone();
    insta::assert_json_snapshot!("call", comuni);
    let base = format!("/api/v1/calls/{COMUNI_CALL}/voucher-quote");
    insta::assert_json_snapshot!(
        "voucher_quote",
        get(&app, &format!("{base}?population=586180&rehost=18&upgrade=3")).await.json()
    );
    insta::assert_json_snapshot!(
        "validation_problem",
        get(&app, &format!("{base}?population=x&rehost=1")).await.json()
    );
    insta::assert_json_snapshot!(
        "rule_problem",
        get(&app, &format!("{base}?population=2500&rehost=10&upgrade=0")).await.json()
    );
});
