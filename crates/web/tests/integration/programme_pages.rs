//! The programme's pages without JavaScript, on the demo records: the
//! ente's area and an application's forms, an aggregator acting by
//! delegation, the office's queue and a team member's worklist.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::demo::DEMO_PASSWORD;
use cloudpa_store::{Store, engine_test};
use cloudpa_workflows::Now;
use common::*;

async fn demo(store: &Store) -> axum::Router {
    store.load_reference_data(T0).await.unwrap();
    store.seed_demo(T0).await.unwrap();
    assert_eq!(
        cloudpa_workflows::programme::demo::seed(store, Now { ms: T0, today: Now::read().today }).await.unwrap(),
        1
    );
    assert_eq!(
        cloudpa_workflows::programme::demo::seed(store, Now { ms: T0, today: Now::read().today }).await.unwrap(),
        0,
        "seeded once"
    );
    app(store, unlimited()).await
}

/// The first `href="/candidature/…"` of a page.
fn application_link(body: &str) -> String {
    let start = body.find("href=\"/candidature/").expect("a link to an application") + 6;
    body[start..].split('"').next().unwrap().to_owned()
}

engine_test!(the_ente_gives_its_cup_and_activates_the_contract_with_forms, |store| {
    let app = demo(&store).await;
    let cookie = sign_in(&app, "rtd@genova.demo.cloudpa.it", DEMO_PASSWORD).await;
    let csrf = session_csrf(&app, &cookie).await;
    let area = get_with_cookie(&app, "/ente", &cookie).await;
    assert_eq!(area.status, StatusCode::OK);
    assert!(area.body.contains("id=\"inventory\"") && area.body.contains("da classificare"), "{}", area.body);
    let page_uri = application_link(&area.body);
    let page = get_with_cookie(&app, &page_uri, &cookie).await;
    assert!(page.body.contains("<span id=\"cup-days\">5</span>"), "{}", page.body);
    assert!(page.body.contains("data-state=\"financed\""));
    // The stepper: sent and financed done, the CUP next with its due day.
    let steps = |body: &str| -> Vec<String> {
        let list = body.split("<ol class=\"mt-3\" id=\"steps\">").nth(1).unwrap().split("</ol>").next().unwrap();
        list.split("<li ").skip(1).map(|li| li.split("</li>").next().unwrap().to_owned()).collect()
    };
    let before = steps(&page.body);
    assert_eq!(before.len(), 7);
    assert!(before[0].contains("fatto il") && before[1].contains("fatto il"), "{before:?}");
    assert!(
        before[2].starts_with("data-step=\"cup\"") && before[2].contains("il prossimo passo, entro il"),
        "{before:?}"
    );
    assert!(before[3..].iter().all(|s| s.ends_with(": dopo")), "{before:?}");
    assert!(page.body.contains("<li class=\"active\" data-step=\"cup\">"));

    let bad =
        post_form(&app, &format!("{page_uri}/ente/cup"), Some(&cookie), &format!("csrf_token={csrf}&cup=ABC")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("il CUP deve avere 15 caratteri"), "the page explains: {}", bad.body);
    let body = format!("csrf_token={csrf}&cup=J11C22000290006");
    assert_eq!(
        post_form(&app, &format!("{page_uri}/ente/cup"), Some(&cookie), &body).await.status,
        StatusCode::SEE_OTHER
    );
    let no_csrf = post_form(&app, &format!("{page_uri}/ente/contratto"), Some(&cookie), "on=2026-01-01").await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let today = Now::read().today;
    let body = format!("csrf_token={csrf}&on={today}");
    assert_eq!(
        post_form(&app, &format!("{page_uri}/ente/contratto"), Some(&cookie), &body).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post_form(&app, &format!("{page_uri}/servizi/1/migrato"), Some(&cookie), &body).await.status,
        StatusCode::SEE_OTHER
    );
    let page = get_with_cookie(&app, &page_uri, &cookie).await;
    assert!(page.body.contains("data-state=\"contracted\""));
    let after = steps(&page.body);
    assert!(after[2].contains("fatto il") && after[3].contains(&format!("fatto il {}", today.format("%d/%m/%Y"))));
    assert!(after[4].starts_with("data-step=\"completion\"") && after[4].contains("il prossimo passo"), "{after:?}");
    assert!(page.body.contains(&today.format("%d/%m/%Y").to_string()), "the service's migration date");
    assert_eq!(page.body.matches("class=\"btn btn-sm btn-outline-primary migrate\"").count(), 16);

    let other = sign_in(&app, "rtd@masone.demo.cloudpa.it", DEMO_PASSWORD).await;
    let refused = get_with_cookie(&app, &page_uri, &other).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.header("content-type").starts_with("text/html"), "a page answers a browser with a page");
    assert!(!refused.body.contains("Comune di Genova"), "and shows nothing of the record");
});

engine_test!(an_aggregator_applies_for_a_comune_that_delegated_it, |store| {
    let app = demo(&store).await;
    let cookie = sign_in(&app, "ict@unionevalli.demo.cloudpa.it", DEMO_PASSWORD).await;
    let csrf = session_csrf(&app, &cookie).await;
    let own = get_with_cookie(&app, "/ente", &cookie).await;
    let masone = own.body.split("<option value=\"").nth(2).unwrap().split('"').next().unwrap().to_owned();
    assert!(own.body.contains("Comune di Masone (demo) (per delega)"), "{}", own.body);
    let area_uri = format!("/ente?ente={masone}");
    for name in ["Anagrafe", "Stato civile", "Protocollo informatico", "Tributi"] {
        let body = format!(
            "csrf_token={csrf}&ente={masone}&name={}&data_class=ordinari&origin=On+premise+strutturato",
            name.replace(' ', "+")
        );
        assert_eq!(post_form(&app, "/ente/servizi", Some(&cookie), &body).await.status, StatusCode::SEE_OTHER);
    }
    let area = get_with_cookie(&app, &area_uri, &cookie).await;
    assert_eq!(area.body.matches("value=\"On premise strutturato\"").count(), 0, "origins are shown by name");
    let call =
        area.body.split("id=\"call_id\" name=\"call_id\"><option value=\"").nth(1).unwrap().split('"').next().unwrap();
    let opened =
        post_form(&app, "/ente/candidature", Some(&cookie), &format!("csrf_token={csrf}&ente={masone}&call_id={call}"))
            .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let page_uri = opened.header("location").to_owned();
    let draft = get_with_cookie(&app, &page_uri, &cookie).await;
    assert!(draft.body.contains("id=\"draft-services\""));
    let ids: Vec<String> = draft
        .body
        .split("name=\"pick_")
        .skip(1)
        .map(|p| p.split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 4);
    let picks: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("pick_{i}={id}&code_{i}=S0{}&dest_{i}=iaas&earlier_{i}=", i + 1))
        .collect();
    let body = format!("csrf_token={csrf}&{}", picks.join("&"));
    assert_eq!(
        post_form(&app, &format!("{page_uri}/servizi"), Some(&cookie), &body).await.status,
        StatusCode::SEE_OTHER
    );
    let draft = get_with_cookie(&app, &page_uri, &cookie).await;
    assert_eq!(draft.body.matches(" checked>").count(), 4);
    assert!(
        draft.body.contains("ammette da 10 a 13 servizi; ne sono stati selezionati 4"),
        "Masone is class 2: {}",
        draft.body
    );
    let refused =
        post_form(&app, &format!("{page_uri}/ente/presenta"), Some(&cookie), &format!("csrf_token={csrf}")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rtd = sign_in(&app, "rtd@masone.demo.cloudpa.it", DEMO_PASSWORD).await;
    assert_eq!(get_with_cookie(&app, &page_uri, &rtd).await.status, StatusCode::OK, "the ente sees its own draft");
});

engine_test!(the_office_sees_its_queue_and_a_member_the_worklist, |store| {
    let app = demo(&store).await;
    let cookie = sign_in(&app, "misura12@dtd.demo.cloudpa.it", DEMO_PASSWORD).await;
    let queue = get_with_cookie(&app, "/programma/ufficio?stato=financed", &cookie).await;
    assert!(queue.body.contains("Comune di Genova (demo)"), "{}", queue.body);
    assert_eq!(get_with_cookie(&app, "/programma/ufficio?stato=draft", &cookie).await.status, StatusCode::BAD_REQUEST);
    let team = get_with_cookie(&app, "/team", &cookie).await;
    assert!(team.body.contains("id=\"worklist\"") && team.body.contains("Comune di Genova (demo)"));
    assert!(!team.body.contains("id=\"members\""), "only administrators manage the teams");
    let admin = sign_in(&app, "admin@dtd.demo.cloudpa.it", DEMO_PASSWORD).await;
    let csrf = session_csrf(&app, &admin).await;
    let page = get_with_cookie(&app, "/team", &admin).await;
    assert!(page.body.contains("id=\"not-member\"") && page.body.contains("id=\"members\""));
    let user_id = page
        .body
        .split("id=\"member-user\" name=\"user_id\"><option value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let body = format!("csrf_token={csrf}&user_id={user_id}&area=Isole&role=operation_assistant");
    assert_eq!(post_form(&app, "/team/membri", Some(&admin), &body).await.status, StatusCode::SEE_OTHER);
    let bad = format!("csrf_token={csrf}&user_id={user_id}&area=Atlantide&role=operation_assistant");
    let refused = post_form(&app, "/team/membri", Some(&admin), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("deve essere uno tra"), "{}", refused.body);
    let rtd = sign_in(&app, "rtd@genova.demo.cloudpa.it", DEMO_PASSWORD).await;
    assert_eq!(get_with_cookie(&app, "/team", &rtd).await.status, StatusCode::FORBIDDEN);
    let page_uri = application_link(&queue.body);
    let office_page = get_with_cookie(&app, &page_uri, &cookie).await;
    assert!(office_page.body.contains("id=\"office-title\""), "the office decides from the page");
});
