//! Security findings about other organisations' records (issue 10), on both
//! engines: a file belongs to each organisation that uploaded it, and a
//! draft listing shows nothing of itself to those who may not see it.

use crate::common;

use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use common::*;
use serde_json::{Value, json};

async fn setup(store: &cloudpa_store::Store) {
    store.load_reference_data(T0).await.unwrap();
    for email in ["op@nuvola.it", "op@altro.it", "op@terzo.it"] {
        user(store, OrganisationKind::Provider, Role::Operator, email).await;
    }
    user(store, OrganisationKind::Agency, Role::Operator, "revisore@acn.gov.it").await;
}

fn listing(kind: &str, runs_on: Option<&str>) -> Value {
    json!({
        "name": format!("Servizio {kind}"), "description": "Un servizio", "category": "Infrastruttura",
        "kind": kind, "level": "QC1", "runs_on": runs_on, "location": "IT", "pricing_model": "canone",
        "procurement_channel": "MEPA", "service_levels": {}
    })
}

const CONTENT: &[u8] = b"%PDF-1.7\n% the same certificate, uploaded twice\n%%EOF\n";

engine_test!(a_file_belongs_to_each_organisation_that_uploaded_it, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let first = Client::sign_in(&app, "op@nuvola.it").await;
    let second = Client::sign_in(&app, "op@altro.it").await;
    let third = Client::sign_in(&app, "op@terzo.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;

    let a = first.upload(&app, "certificato-nuvola.pdf", CONTENT).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let b = second.upload(&app, "iso-altro.pdf", CONTENT).await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.body);
    let (a, b) = (a.json(), b.json());
    assert_eq!(a["id"], b["id"], "the id is the content's digest");
    let second_org = second.get(&app, "/api/v1/me").await.json()["organisation"]["id"].clone();
    assert_eq!(b["owner_id"], second_org, "the second uploader owns its upload");
    assert_eq!(b["filename"], "iso-altro.pdf", "under its own name");
    assert!(!b.to_string().contains("nuvola"), "nothing of the first uploader: {b}");
    let id = b["id"].as_str().unwrap();

    let file_uri = format!("/api/v1/files/{id}");
    let mine = second.get(&app, &file_uri).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.header("content-disposition"), "attachment; filename=\"iso-altro.pdf\"");
    assert_eq!(mine.bytes, CONTENT);
    assert!(first.get(&app, &file_uri).await.header("content-disposition").contains("certificato-nuvola.pdf"));
    let stranger = third.get(&app, &file_uri).await;
    let unknown = third.get(&app, &format!("/api/v1/files/{}", "0".repeat(64))).await;
    assert_eq!((stranger.status, unknown.status), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(stranger.body.replace(id, "ID"), unknown.body.replace(&"0".repeat(64), "ID"), "nothing to tell apart");
    assert_eq!(agency.get(&app, &file_uri).await.status, StatusCode::OK, "the agency reads every provider's documents");

    let created = second.json(&app, "POST", "/api/v1/provider/listings", listing("IaaS", None)).await.json();
    let opened =
        second.json(&app, "POST", "/api/v1/applications", json!({"listing_id": created["listing_id"]})).await.json();
    let answer = json!({"type": "certificate", "expires_on": "2099-12-31", "document": id});
    let uri = format!("/api/v1/applications/{}/answers/CERT-9001", opened["id"].as_str().unwrap());
    let cited = second.json(&app, "PUT", &uri, answer).await;
    assert_eq!(cited.status, StatusCode::NO_CONTENT, "the second uploader cites its file: {}", cited.body);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM blob_contents").await, 1, "the content is stored once");
});

engine_test!(a_draft_listing_looks_like_an_unknown_one, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let owner = Client::sign_in(&app, "op@nuvola.it").await;
    let other = Client::sign_in(&app, "op@altro.it").await;
    let draft = owner.json(&app, "POST", "/api/v1/provider/listings", listing("IaaS", None)).await.json();
    let draft_id = draft["listing_id"].as_str().unwrap().to_owned();
    let unknown_id = "0198f1d2-0000-7000-8000-000000000000";

    for client in [None, Some(&other)] {
        let ask = |id: &str| {
            let uri = format!("/api/v1/listings/{id}/status");
            let app = app.clone();
            async move {
                match client {
                    Some(c) => c.get(&app, &uri).await,
                    None => get(&app, &uri).await,
                }
            }
        };
        let (drafted, unknown) = (ask(&draft_id).await, ask(unknown_id).await);
        assert_eq!((drafted.status, unknown.status), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
        assert_eq!(drafted.body.replace(&draft_id, "ID"), unknown.body.replace(unknown_id, "ID"));
    }

    let on_draft = other.json(&app, "POST", "/api/v1/provider/listings", listing("SaaS", Some(&draft_id))).await;
    let on_unknown = other.json(&app, "POST", "/api/v1/provider/listings", listing("SaaS", Some(unknown_id))).await;
    assert_eq!(
        (on_draft.status, on_unknown.status),
        (StatusCode::UNPROCESSABLE_ENTITY, StatusCode::UNPROCESSABLE_ENTITY)
    );
    assert_eq!(on_draft.json()["errors"], on_unknown.json()["errors"], "another provider's draft is as unknown");
    assert_eq!(on_draft.json()["errors"][0]["field"], "runs_on");
    let own = owner.json(&app, "POST", "/api/v1/provider/listings", listing("SaaS", Some(&draft_id))).await;
    assert_eq!(own.status, StatusCode::CREATED, "a provider's SaaS may run on its own IaaS: {}", own.body);
});
