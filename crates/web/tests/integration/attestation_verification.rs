//! The attestor's verification over HTTP on both engines, on the demo data:
//! an attestor sees only the projects assigned to it; the three outcomes,
//! each refused until its rule holds; a partially positive outcome sends
//! the project back and reopens its forms; a sample control after payment.

use crate::common;

use axum::Router;
use axum::http::StatusCode;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::attestation::{Project, assigned, pdf, request_payment, submit_all_and_complete};
use common::snapshots::{demo_user, seed_demo};
use common::*;
use serde_json::{Value, json};

/// Gives every item of the checklist `verdict` (with a note).
async fn judge_all(app: &Router, attestor: &Client, project: &Project, verdict: &str) {
    let checklist = attestor.get(app, &format!("{}/verification", project.uri)).await.json();
    for item in checklist["checklist"].as_array().unwrap() {
        let given =
            json!({"position": item["position"], "item": item["item"], "verdict": verdict, "note": "verificato"});
        let done = attestor.json(app, "PUT", &format!("{}/verification/verdicts", project.uri), given).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
}

engine_test!(an_attestor_sees_only_the_projects_assigned_to_it, |store| {
    let app = seed_demo(&store).await;
    user(&store, OrganisationKind::Attestor, Role::Operator, "altro@verifiche.it").await;
    let (rtd, attestor, project) = assigned(&app).await;
    let other = Client::sign_in(&app, "altro@verifiche.it").await;
    assert_eq!(other.get(&app, &format!("{}/verification", project.uri)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get(&app, "/api/v1/attestor/projects").await.json()["items"], json!([]));
    let verdict = json!({"position": 0, "item": "contract", "verdict": "pass"});
    let refused = other.json(&app, "PUT", &format!("{}/verification/verdicts", project.uri), verdict).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(attestor.get(&app, "/api/v1/attestor/projects").await.json()["items"][0]["id"], project.id.as_str());
    assert_eq!(attestor.get(&app, &format!("{}/verification", project.uri)).await.status, StatusCode::OK);
    // The destination finder: the assigned attestor weighs the ente's choice among the others.
    let finder = format!("{}/services/1/destinations", project.uri);
    let found = attestor.get(&app, &finder).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(found.json()["admissible"].as_array().is_some_and(|a| !a.is_empty()), "{}", found.body);
    assert_eq!(other.get(&app, &finder).await.status, StatusCode::NOT_FOUND, "another attestor");
    assert_eq!(rtd.get(&app, &format!("{}/verification", project.uri)).await.status, StatusCode::FORBIDDEN);
    let not_attestor = json!({"attestor_id": project.id});
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let refused = office.json(&app, "PUT", &format!("{}/attestor", project.uri), not_attestor).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The ente's documents: its attestor and the office read them; another attestor or a provider does not.
    let contracts = rtd.get(&app, &format!("{}/contracts", project.uri)).await.json();
    let document = contracts["items"][0]["document"].as_str().unwrap().to_owned();
    let file = format!("/api/v1/files/{document}");
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    for (who, client, status) in [
        ("the assigned attestor", &attestor, StatusCode::OK),
        ("the programme office", &office, StatusCode::OK),
        ("another attestor", &other, StatusCode::NOT_FOUND),
        ("a provider", &provider, StatusCode::NOT_FOUND),
    ] {
        assert_eq!(client.get(&app, &file).await.status, status, "{who}");
    }
    assert_eq!(attestor.get(&app, &file).await.body, "%PDF-1.7\n% contratto\n%%EOF\n");
});

engine_test!(the_three_outcomes_each_on_its_rule, |store| {
    let app = seed_demo(&store).await;
    let today = Now::read().today;
    let (rtd, attestor, project) = assigned(&app).await;
    let outcome = format!("{}/verification/outcome", project.uri);
    let early = attestor.json(&app, "POST", &outcome, json!({"outcome": "positive"})).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "not completed yet: {}", early.body);
    submit_all_and_complete(&app, &rtd, &project.id, 1, &project.contract, &project.listing, today).await;
    let form = format!("{}/services/1/form", project.uri);
    assert_eq!(rtd.json(&app, "PUT", &form, json!({"answers": {}})).await.status, StatusCode::CONFLICT, "frozen");

    let undecided = attestor.json(&app, "POST", &outcome, json!({"outcome": "positive"})).await;
    assert_eq!(undecided.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(undecided.body.contains("items have no verdict yet"), "{}", undecided.body);
    judge_all(&app, &attestor, &project, "pass").await;
    let fail = json!({"position": 1, "item": "report", "verdict": "fail", "note": "Report di soli 10 giorni"});
    attestor.json(&app, "PUT", &format!("{}/verification/verdicts", project.uri), fail).await;
    let positive = attestor.json(&app, "POST", &outcome, json!({"outcome": "positive"})).await;
    assert_eq!(positive.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", positive.body);
    let bare = attestor.json(&app, "POST", &outcome, json!({"outcome": "partially_positive"})).await;
    assert!(bare.body.contains("motivation"), "{}", bare.body);
    let partial = json!({"outcome": "partially_positive", "motivation": "Report del servizio 1 da integrare"});
    let back = attestor.json(&app, "POST", &outcome, partial).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(
        (back.json()["state"].as_str(), back.json()["motivation"].as_str()),
        (Some("contracted"), Some("Report del servizio 1 da integrare"))
    );
    let reopened = rtd.json(&app, "PUT", &form, json!({"answers": {"report_issuer": "Nuvola"}})).await;
    assert_eq!(reopened.status, StatusCode::OK, "the ente fixes its form: {}", reopened.body);

    let file = rtd.upload(&app, "report.pdf", &pdf("report 20 giorni")).await.json()["id"].clone();
    let answers = common::attestation::complete_answers("iaas", today, &file);
    let input = json!({"contract_id": project.contract, "listing_id": project.listing, "answers": answers});
    assert_eq!(rtd.json(&app, "POST", &format!("{form}/submit"), input).await.status, StatusCode::OK);
    assert_eq!(rtd.post(&app, &format!("{}/complete", project.uri)).await.status, StatusCode::OK);
    let negative = json!({"outcome": "negative", "motivation": "Servizio non raggiungibile"});
    let revoked = attestor.json(&app, "POST", &outcome, negative).await;
    assert_eq!(revoked.json()["state"], "revoked", "{}", revoked.body);
});

engine_test!(a_positive_outcome_then_a_sample_control, |store| {
    let app = seed_demo(&store).await;
    let today = Now::read().today;
    let (rtd, attestor, project) = assigned(&app).await;
    submit_all_and_complete(&app, &rtd, &project.id, 1, &project.contract, &project.listing, today).await;
    judge_all(&app, &attestor, &project, "pass").await;
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let by_office =
        office.json(&app, "POST", &format!("{}/attestation", project.uri), json!({"outcome": "positive"})).await;
    assert_eq!(by_office.status, StatusCode::CONFLICT, "the assigned attestor decides: {}", by_office.body);
    let attested = attestor
        .json(&app, "POST", &format!("{}/verification/outcome", project.uri), json!({"outcome": "positive"}))
        .await;
    assert_eq!(attested.json()["state"], "attested", "{}", attested.body);
    request_payment(&app, &rtd, &project.uri, today).await;
    assert_eq!(office.post(&app, &format!("{}/payment", project.uri)).await.status, StatusCode::OK);

    let none = office.json(&app, "POST", "/api/v1/sample-controls", json!({"percent": 0, "seed": 1})).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    let drawn = office.json(&app, "POST", "/api/v1/sample-controls", json!({"percent": 5, "seed": 1})).await.json();
    let control = &drawn["items"][0];
    assert_eq!(control["application_id"], project.id.as_str(), "5% of one paid project is one control: {drawn}");
    let due: chrono::NaiveDate = control["due_on"].as_str().unwrap().parse().unwrap();
    assert_eq!(due, cloudpa_domain::calendar::add_working_days(today, 20));
    assert_eq!(control["overdue"], false);
    let again = office.json(&app, "POST", "/api/v1/sample-controls", json!({"percent": 100, "seed": 2})).await.json();
    assert_eq!(again["items"].as_array().unwrap().len(), 1, "a project is drawn once");
    let answer = json!({"answer": "Servizi attivi", "files": []});
    let answered = rtd.json(&app, "POST", &format!("{}/sample-control/answer", project.uri), answer.clone()).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert_eq!(
        rtd.json(&app, "POST", &format!("{}/sample-control/answer", project.uri), answer).await.status,
        StatusCode::CONFLICT
    );
});

engine_test!(live_verifications_are_for_saas_services_ahead_of_time, |store| {
    let app = seed_demo(&store).await;
    let today = Now::read().today;
    let (rtd, attestor, project) = assigned(&app).await;
    submit_all_and_complete(&app, &rtd, &project.id, 1, &project.contract, &project.listing, today).await;
    let checklist = attestor.get(&app, &format!("{}/verification", project.uri)).await.json();
    let position = |section: &str| {
        checklist["checklist"].as_array().unwrap().iter().find(|i| i["item"] == section).unwrap()["position"].clone()
    };
    let (saas, iaas) = (position("live_verification"), position("report"));
    let local = cloudpa_domain::time::local_in_rome(Now::read().ms);
    let slot = |at: chrono::NaiveDateTime, position: &Value| {
        json!({"position": position, "starts_at": at.format("%Y-%m-%dT%H:%M:%S").to_string(), "mode": "on_site",
               "details": "Municipio, via Garibaldi 9"})
    };
    let uri = format!("{}/verification/live", project.uri);
    let tomorrow = local + chrono::Duration::days(1);
    let not_saas = attestor.json(&app, "POST", &uri, slot(tomorrow, &iaas)).await;
    assert_eq!(not_saas.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", not_saas.body);
    let past = attestor.json(&app, "POST", &uri, slot(local - chrono::Duration::hours(1), &saas)).await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", past.body);
    let booked = attestor.json(&app, "POST", &uri, slot(tomorrow, &saas)).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.body);
    let second = attestor.json(&app, "POST", &uri, slot(tomorrow + chrono::Duration::hours(2), &saas)).await;
    assert_eq!(second.status, StatusCode::UNPROCESSABLE_ENTITY, "one open slot per service");
    let live = booked.json()["live"][0]["id"].as_str().unwrap().to_owned();
    let early = attestor.json(&app, "PUT", &format!("{uri}/{live}"), json!({"outcome": "confirmed"})).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "not before the slot: {}", early.body);
    let calendar = attestor.get(&app, "/api/v1/attestor/calendar").await.json();
    assert_eq!(calendar["items"][0]["id"], live.as_str());
    let seen = rtd.get(&app, &format!("{}/live-verifications", project.uri)).await.json();
    assert_eq!(seen["items"][0]["details"], "Municipio, via Garibaldi 9");
});
