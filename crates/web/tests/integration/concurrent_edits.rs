//! Two edits of the same listing, on both engines: sent with `If-Match`,
//! exactly one wins and the other is 409 with the latest version (its
//! `ETag`) and who made it; sent at the same moment, they still number
//! their versions one after the other.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::qualification::{iaas, setup};
use common::*;
use serde_json::json;

/// A provider's new listing: the app, the provider, the listing's id and URI.
async fn new_listing(store: &cloudpa_store::Store) -> (axum::Router, Client, String, String) {
    setup(store).await;
    let app = app(store, unlimited()).await;
    let provider = Client::sign_in(&app, "op@nuvola.it").await;
    let created = provider.json(&app, "POST", "/api/v1/provider/listings", iaas()).await;
    let id = created.json()["listing_id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/provider/listings/{id}");
    (app, provider, id, uri)
}

/// The listing's fields, named `name`.
fn edit(name: &str) -> serde_json::Value {
    let mut body = iaas();
    body["name"] = json!(name);
    body
}

engine_test!(an_edit_of_a_version_that_is_no_longer_the_latest_is_refused, |store| {
    let (app, provider, id, uri) = new_listing(&store).await;

    let first = provider.json_with(&app, ("PUT", &uri), &[("if-match", "\"1\"")], edit("Calcolo A")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.header("etag"), "\"2\"");
    let second = provider.json_with(&app, ("PUT", &uri), &[("if-match", "\"1\"")], edit("Calcolo B")).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert_eq!(second.header("etag"), "\"2\"");
    let problem = second.json();
    assert_eq!((&problem["current_version"], &problem["changed_by"]), (&json!(2), &json!("Test")), "{problem}");
    assert!(problem["changed_at"].as_str().unwrap().ends_with('Z'), "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("read it again"), "{problem}");
    let listings = provider.get(&app, "/api/v1/provider/listings").await.json();
    let mine = listings["items"].as_array().unwrap().iter().find(|l| l["listing_id"] == id.as_str()).unwrap().clone();
    assert_eq!(
        (&mine["details"]["name"], &mine["version"]),
        (&json!("Calcolo A"), &json!(2)),
        "the refused edit left nothing"
    );

    let again = provider.json_with(&app, ("PUT", &uri), &[("if-match", "\"2\"")], edit("Calcolo B")).await;
    assert_eq!((again.status, again.header("etag")), (StatusCode::OK, "\"3\""), "made again on the latest version");
    let any = provider.json_with(&app, ("PUT", &uri), &[("if-match", "*")], edit("Calcolo C")).await;
    assert_eq!(any.status, StatusCode::OK);
    let unconditional = provider.json(&app, "PUT", &uri, edit("Calcolo D")).await;
    assert_eq!(unconditional.status, StatusCode::OK, "without If-Match the change applies to the latest");
    let malformed = provider.json_with(&app, ("PUT", &uri), &[("if-match", "W/\"5\"")], edit("Calcolo E")).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST, "{}", malformed.body);
    assert_eq!(malformed.json()["errors"][0]["field"], "If-Match");
});

engine_test!(two_edits_at_the_same_moment_one_wins, |store| {
    let (app, provider, _, uri) = new_listing(&store).await;
    for round in 1..=5 {
        let version = format!("\"{round}\"");
        let if_match = [("if-match", version.as_str())];
        let (a, b) = tokio::join!(
            provider.json_with(&app, ("PUT", &uri), &if_match, edit(&format!("A{round}"))),
            provider.json_with(&app, ("PUT", &uri), &if_match, edit(&format!("B{round}"))),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    }
    let (a, b) = tokio::join!(provider.json(&app, "PUT", &uri, iaas()), provider.json(&app, "PUT", &uri, iaas()),);
    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK), "unconditional edits both apply, in turn");
    let versions = [a.json()["version"]["version"].as_i64(), b.json()["version"]["version"].as_i64()];
    assert!(versions.contains(&Some(7)) && versions.contains(&Some(8)), "{versions:?}");
});
