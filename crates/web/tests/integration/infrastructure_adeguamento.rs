//! The adeguamento of an infrastructure, on both engines (issue 16 item 1):
//! its operator declares it conforms to a level, the agency sends it back
//! for integration and accepts it, which dates its status and gives it the
//! level that caps its services; a second declaration supersedes the first;
//! a refusal stays between the operator and the agency. Each refusal names
//! its field and rule; only the operator and the agency see a declaration.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::qualification::setup;
use common::*;
use serde_json::json;

fn yes(id: &str) -> serde_json::Value {
    json!({"requirement_id": id, "conforms": true, "note": "verbale di collaudo 2026"})
}

/// The mandatory requirements of AI1, all declared met.
fn ai1() -> Vec<serde_json::Value> {
    ["AI-DICHIARAZIONE", "AI-LIVELLI-MINIMI", "AI-PERIMETRO"].into_iter().map(yes).collect()
}

async fn step(app: &axum::Router, who: &Client, id: &str, body: serde_json::Value) -> Reply {
    who.json(app, "POST", &format!("/api/v1/infrastructure-declarations/{id}/steps"), body).await
}

engine_test!(an_infrastructure_declared_reviewed_and_accepted_carries_its_level_on_a_date, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let operator = Client::sign_in(&app, "op@nuvola.it").await;
    let other = Client::sign_in(&app, "op@altro.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;
    let today = chrono::Utc::now().date_naive();

    let requirements = get(&app, "/api/v1/infrastructure-requirements").await.json();
    assert_eq!(requirements["confirmed"], false, "the levels' classes rest on an analogy");
    assert!(
        requirements["items"].as_array().unwrap().iter().all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty()))
    );

    let body = json!({"name": "DC Bari", "location": "IT", "sites": "Bari", "level": "AI1"});
    let infra = operator.json(&app, "POST", "/api/v1/provider/infrastructures", body).await;
    let infra_id = infra.json()["id"].as_str().unwrap().to_owned();
    let declarations = format!("/api/v1/infrastructures/{infra_id}/declarations");

    // A requirement of another level, or a level that does not exist, is refused by name.
    let wrong = operator
        .json(&app, "POST", &declarations, json!({"level": "AI1", "answers": [yes("AI-ACCESSI-EXTRA-UE")]}))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert_eq!(wrong.json()["errors"][0]["field"], "answers.AI-ACCESSI-EXTRA-UE", "{}", wrong.body);
    let bad = operator.json(&app, "POST", &declarations, json!({"level": "AI9", "answers": []})).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    let foreign = other.json(&app, "POST", &declarations, json!({"level": "AI1", "answers": []})).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN, "another operator's infrastructure");

    // A draft at AI3 lacks the extra-EU requirement: it cannot be sent, and the refusal names it.
    let draft = operator.json(&app, "POST", &declarations, json!({"level": "AI3", "answers": ai1()})).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
    let id = draft.json()["id"].as_str().unwrap().to_owned();
    let again = operator.json(&app, "POST", &declarations, json!({"level": "AI1", "answers": []})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "one declaration in progress");
    let unsent = step(&app, &operator, &id, json!({"step": "submit"})).await;
    assert_eq!(unsent.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unsent.body);
    assert_eq!(unsent.json()["errors"][0]["field"], "answers.AI-ACCESSI-EXTRA-UE");
    let mut answers = ai1();
    answers.push(yes("AI-ACCESSI-EXTRA-UE"));
    let saved = operator
        .json(
            &app,
            "PUT",
            &format!("/api/v1/infrastructure-declarations/{id}"),
            json!({"level": "AI3", "answers": answers}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(step(&app, &operator, &id, json!({"step": "submit"})).await.status, StatusCode::OK);
    assert_eq!(
        step(&app, &operator, &id, json!({"step": "accept", "motivation": "x"})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other.get(&app, &format!("/api/v1/infrastructures/{infra_id}/adeguamento")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&app, &format!("/api/v1/infrastructures/{infra_id}/adeguamento")).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&app, &format!("/api/v1/infrastructures/{infra_id}/status")).await.status,
        StatusCode::NOT_FOUND,
        "not public yet"
    );

    // The agency sends it back, the operator resubmits, the agency accepts it.
    let queue = agency.get(&app, "/api/v1/infrastructure-declarations").await.json();
    assert_eq!(queue["items"].as_array().unwrap().len(), 1, "{queue}");
    assert_eq!(step(&app, &agency, &id, json!({"step": "start_review"})).await.status, StatusCode::OK);
    let no_date = step(&app, &agency, &id, json!({"step": "request_integration"})).await;
    assert_eq!(
        (no_date.status, no_date.json()["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("deadline"))
    );
    let deadline = (today + chrono::Days::new(20)).to_string();
    let sent_back = step(&app, &agency, &id, json!({"step": "request_integration", "deadline": deadline})).await;
    assert_eq!(sent_back.json()["declaration"]["state"], "integration_requested", "{}", sent_back.body);
    assert_eq!(step(&app, &operator, &id, json!({"step": "resubmit"})).await.status, StatusCode::OK);
    let unmotivated = step(&app, &agency, &id, json!({"step": "accept"})).await;
    assert_eq!(
        (unmotivated.status, unmotivated.json()["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("motivation"))
    );
    let accepted =
        step(&app, &agency, &id, json!({"step": "accept", "motivation": "Dichiarazione AI3 verificata"})).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert!(accepted.json()["decision_id"].is_string());

    // Public from today on, at AI3; not on the day before.
    let status = get(&app, &format!("/api/v1/infrastructures/{infra_id}/status")).await.json();
    assert_eq!((status["status"].as_str(), status["level"].as_str()), (Some("qualified"), Some("AI3")), "{status}");
    assert_eq!(status["decisions"][0]["kind"], "qualification");
    let yesterday = (today - chrono::Days::new(1)).to_string();
    let before = get(&app, &format!("/api/v1/infrastructures/{infra_id}/status?on={yesterday}")).await.json();
    assert!(before["status"].is_null(), "{before}");
    let listed = operator.get(&app, "/api/v1/provider/infrastructures").await.json();
    let listed = listed["items"].as_array().unwrap().iter().find(|i| i["id"] == infra_id.as_str()).unwrap().clone();
    assert_eq!(listed["level"], "AI3", "the accepted level caps its services");

    // A second declaration, at AI2, refused: the refusal is not public and AI3 stands.
    let second = operator.json(&app, "POST", &declarations, json!({"level": "AI2", "answers": ai1()})).await;
    let second_id = second.json()["id"].as_str().unwrap().to_owned();
    step(&app, &operator, &second_id, json!({"step": "submit"})).await;
    step(&app, &agency, &second_id, json!({"step": "start_review"})).await;
    let refused =
        step(&app, &agency, &second_id, json!({"step": "refuse", "motivation": "Evidenze insufficienti"})).await;
    assert_eq!(refused.json()["declaration"]["state"], "rejected", "{}", refused.body);
    let status = get(&app, &format!("/api/v1/infrastructures/{infra_id}/status")).await.json();
    assert_eq!((status["level"].as_str(), status["decisions"].as_array().unwrap().len()), (Some("AI3"), 1), "{status}");

    // A third, at AI2, accepted: it supersedes the first and moves the level down.
    let third = operator.json(&app, "POST", &declarations, json!({"level": "AI2", "answers": ai1()})).await;
    let third_id = third.json()["id"].as_str().unwrap().to_owned();
    step(&app, &operator, &third_id, json!({"step": "submit"})).await;
    step(&app, &agency, &third_id, json!({"step": "start_review"})).await;
    step(&app, &agency, &third_id, json!({"step": "accept", "motivation": "Dichiarazione AI2 verificata"})).await;
    let seen = agency.get(&app, &format!("/api/v1/infrastructures/{infra_id}/adeguamento")).await.json();
    let states: Vec<&str> =
        seen["declarations"].as_array().unwrap().iter().map(|d| d["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["qualified", "rejected", "superseded"], "{seen}");
    assert_eq!(seen["level"], "AI2");

    // Suspended and revoked; after a revocation nothing can be declared again.
    let stale = agency
        .json_with(
            &app,
            ("POST", &format!("/api/v1/infrastructure-declarations/{third_id}/steps")),
            &[("if-match", "\"1\"")],
            json!({"step": "revoke", "motivation": "x"}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "a step made to an old version");
    let end = (today + chrono::Days::new(30)).to_string();
    let suspended = step(
        &app,
        &agency,
        &third_id,
        json!({"step": "suspend", "motivation": "Verifica in corso", "planned_end": end}),
    )
    .await;
    assert_eq!(suspended.json()["declaration"]["state"], "suspended", "{}", suspended.body);
    step(&app, &agency, &third_id, json!({"step": "revoke", "motivation": "Requisiti non più soddisfatti"})).await;
    let status = get(&app, &format!("/api/v1/infrastructures/{infra_id}/status")).await.json();
    assert_eq!(status["status"], "revoked", "{status}");
    let after = operator.json(&app, "POST", &declarations, json!({"level": "AI1", "answers": ai1()})).await;
    assert_eq!(after.status, StatusCode::CONFLICT, "{}", after.body);
});

engine_test!(the_declaration_form_keeps_what_the_operator_declared_and_the_agency_acts_from_the_page, |store| {
    setup(&store).await;
    let app = app(&store, unlimited()).await;
    let operator = Client::sign_in(&app, "op@nuvola.it").await;
    let agency = Client::sign_in(&app, "revisore@acn.gov.it").await;
    let body = json!({"name": "DC Lecce", "location": "IT", "sites": "Lecce", "level": null});
    let infra = operator.json(&app, "POST", "/api/v1/provider/infrastructures", body).await;
    let infra_id = infra.json()["id"].as_str().unwrap().to_owned();
    let page = format!("/infrastrutture/{infra_id}/adeguamento");

    // Unticked mandatory requirements are saved as not met, and sending names one.
    let form = format!(
        "csrf_token={}&level=AI1&conforms.AI-DICHIARAZIONE=on&note.AI-DICHIARAZIONE=Firmata&conforms.AI-LIVELLI-MINIMI=on&note.AI-ACCESSI-EXTRA-UE=ignorata",
        operator.csrf
    );
    let saved = post_form(&app, &page, Some(&operator.cookie), &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let seen = operator.get(&app, &format!("/api/v1/infrastructures/{infra_id}/adeguamento")).await.json();
    let d = &seen["declarations"][0];
    let answers = d["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 4, "the AI1 requirements only: {d}");
    assert!(answers.iter().any(|a| a["requirement_id"] == "AI-PERIMETRO" && a["conforms"] == false));
    assert!(answers.iter().any(|a| a["requirement_id"] == "AI-DICHIARAZIONE" && a["note"] == "Firmata"));
    let id = d["id"].as_str().unwrap().to_owned();
    let submit = format!("csrf_token={}&step=submit", operator.csrf);
    let refused =
        post_form(&app, &format!("/infrastrutture/dichiarazioni/{id}/passo"), Some(&operator.cookie), &submit).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("AI-PERIMETRO"), "the page names the requirement");

    let form = format!(
        "csrf_token={}&level=AI1&conforms.AI-DICHIARAZIONE=on&conforms.AI-LIVELLI-MINIMI=on&conforms.AI-PERIMETRO=on",
        operator.csrf
    );
    post_form(&app, &page, Some(&operator.cookie), &form).await;
    let sent =
        post_form(&app, &format!("/infrastrutture/dichiarazioni/{id}/passo"), Some(&operator.cookie), &submit).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

    let queue = agency.get(&app, "/agenzia/infrastrutture").await;
    assert!(queue.body.contains("DC Lecce"), "{}", queue.body);
    let review = agency.get(&app, &page).await;
    assert!(review.body.contains("step-start_review") && !review.body.contains("declaration-form"), "{}", review.body);
    for s in ["start_review", "accept"] {
        let f = format!("csrf_token={}&step={s}&motivation=Conforme", agency.csrf);
        let done =
            post_form(&app, &format!("/infrastrutture/dichiarazioni/{id}/passo"), Some(&agency.cookie), &f).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{s}: {}", done.body);
    }
    let public = get(&app, &format!("/infrastrutture/{infra_id}")).await;
    assert_eq!(public.status, StatusCode::OK, "public once accepted");
    assert!(public.body.contains("AI1"), "{}", public.body);

    // While the operator drafts the next declaration, the agency can still suspend the one in force.
    let next = format!("csrf_token={}&level=AI2", operator.csrf);
    assert_eq!(post_form(&app, &page, Some(&operator.cookie), &next).await.status, StatusCode::SEE_OTHER);
    let both = agency.get(&app, &page).await.body;
    assert!(both.contains("id=\"current\" data-state=\"draft\"") && both.contains("id=\"in-force\""), "{both}");
    assert!(both.contains("step-suspend") && both.contains("step-revoke"), "{both}");
});
