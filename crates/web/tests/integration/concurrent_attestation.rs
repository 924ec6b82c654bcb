//! Two saves of the same compliance form and two verdicts on the same item
//! of the checklist, on both engines: sent with `If-Match`, exactly one wins
//! and the other is 409 naming the latest version and who made it; the
//! refused one leaves nothing.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::attestation::{assigned, contracted, submit_all_and_complete};
use common::snapshots::{demo_user, seed_demo};
use serde_json::json;

engine_test!(a_form_saved_over_a_colleagues_save_is_refused, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let project = contracted(&app, &rtd).await;
    let form = format!("{}/services/1/form", project.uri);
    let fresh = rtd.get(&app, &form).await;
    assert_eq!((fresh.header("etag"), &fresh.json()["version"]), ("\"0\"", &json!(0)), "no save yet");
    let draft = |issuer: &str| json!({"answers": {"report_issuer": issuer}});

    let first = rtd.json_with(&app, ("PUT", &form), &[("if-match", "\"0\"")], draft("Nuvola")).await;
    assert_eq!((first.status, first.header("etag")), (StatusCode::OK, "\"1\""), "{}", first.body);
    let second = rtd.json_with(&app, ("PUT", &form), &[("if-match", "\"0\"")], draft("Altro")).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    let problem = second.json();
    assert_eq!(problem["current_version"], 1, "{problem}");
    assert!(!problem["changed_by"].as_str().unwrap().is_empty(), "{problem}");
    assert_eq!(second.header("etag"), "\"1\"");
    let stored = rtd.get(&app, &form).await.json();
    assert_eq!((&stored["answers"]["report_issuer"], &stored["version"]), (&json!("Nuvola"), &json!(1)));

    for round in 1..=4 {
        let version = format!("\"{round}\"");
        let if_match = [("if-match", version.as_str())];
        let (a, b) = tokio::join!(
            rtd.json_with(&app, ("PUT", &form), &if_match, draft(&format!("A{round}"))),
            rtd.json_with(&app, ("PUT", &form), &if_match, draft(&format!("B{round}"))),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    }
    let stored = rtd.get(&app, &form).await.json();
    assert_eq!(stored["version"], 5, "one save per round: {stored}");
    let unconditional = rtd.json(&app, "PUT", &form, draft("Nuvola")).await;
    assert_eq!(unconditional.header("etag"), "\"6\"", "without If-Match a save applies to the latest");
});

engine_test!(a_verdict_given_over_a_colleagues_verdict_is_refused, |store| {
    let app = seed_demo(&store).await;
    let (rtd, attestor, project) = assigned(&app).await;
    submit_all_and_complete(&app, &rtd, &project.id, 1, &project.contract, &project.listing, Now::read().today).await;
    let verdicts = format!("{}/verification/verdicts", project.uri);
    let colleague = demo_user(&app, "asseveratore@asseverazioni.demo.cloudpa.it").await;
    let given = |verdict: &str| json!({"position": 0, "item": "contract", "verdict": verdict, "note": "visto"});
    let version_of = |body: &serde_json::Value| {
        let items = body["checklist"].as_array().unwrap();
        items.iter().find(|i| i["position"] == 0 && i["item"] == "contract").unwrap()["version"].clone()
    };

    let first = attestor.json_with(&app, ("PUT", &verdicts), &[("if-match", "\"0\"")], given("pass")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(version_of(&first.json()), 1);
    let late = colleague.json_with(&app, ("PUT", &verdicts), &[("if-match", "\"0\"")], given("fail")).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert_eq!(late.json()["current_version"], 1, "{}", late.body);
    let shown = attestor.get(&app, &format!("{}/verification", project.uri)).await.json();
    let item = shown["checklist"].as_array().unwrap().iter().find(|i| i["item"] == "contract").unwrap().clone();
    assert_eq!((&item["verdict"], &item["version"]), (&json!("pass"), &json!(1)), "the refused verdict left nothing");

    let if_match = [("if-match", "\"1\"")];
    let (a, b) = tokio::join!(
        attestor.json_with(&app, ("PUT", &verdicts), &if_match, given("fail")),
        colleague.json_with(&app, ("PUT", &verdicts), &if_match, given("request_documents")),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
});
