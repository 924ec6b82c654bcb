//! The attestor's and the programme office's asseverazione pages without
//! JavaScript, on the demo data: the office assigns Genova's project to the
//! demo attestor, who alone sees it; verdicts, a request and a live
//! verification through the forms; the outcome refused with the domain's
//! reason, then recorded; the office draws a sample control once it is paid.

use crate::common;

use axum::Router;
use axum::http::StatusCode;
use chrono::{Days, NaiveDate};
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::attestation::{Project, contracted, request_payment, submit_all_and_complete};
use common::snapshots::{demo_user, seed_demo};
use common::*;

const ATTESTOR: &str = "asseveratore@asseverazioni.demo.cloudpa.it";
const ATTESTOR_NAME: &str = "Asseverazioni Tecniche S.r.l. (demo)";
const OFFICE: &str = "misura12@dtd.demo.cloudpa.it";
const OFFICE_PAGE: &str = "/programma/ufficio/asseverazioni";

/// Posts a page form as `who`, with the session's token.
async fn post(app: &Router, who: &Client, uri: &str, fields: &str) -> Reply {
    post_form(app, uri, Some(&who.cookie), &format!("csrf_token={}&{fields}", who.csrf)).await
}

/// The office assigns project `id` to the demo attestor through its page.
async fn assign_on_the_page(app: &Router, office: &Client, attestor: &Client, id: &str, state: &str) {
    let org = attestor.get(app, "/api/v1/me").await.json()["organisation"]["id"].as_str().unwrap().to_owned();
    let assigned = post(
        app,
        office,
        &format!("{OFFICE_PAGE}/{id}/asseveratore"),
        &format!("attestor_id={org}&stato={state}&pagina=1"),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    assert_eq!(assigned.header("location"), format!("{OFFICE_PAGE}?stato={state}&pagina=1"));
}

/// The row of project `id` in a page's table.
fn row<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("<tr data-id=\"{id}\"")).unwrap_or_else(|| panic!("a row for {id}: {body}"));
    body[start..].split("</tr>").next().unwrap()
}

/// The verdict block of item `item` at `position` on the project page.
fn verdict<'a>(body: &'a str, position: i64, item: &str) -> &'a str {
    let start = body.find(&format!("data-item=\"{position}-{item}\"")).expect("the item is on the page");
    let block = &body[start..];
    let from = block.find("data-verdict=\"").unwrap() + 14;
    block[from..].split('"').next().unwrap()
}

fn dmy(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

engine_test!(the_office_assigns_and_only_the_assigned_attestor_sees_the_project, |store| {
    let app = seed_demo(&store).await;
    user(&store, OrganisationKind::Attestor, Role::Operator, "altro@verifiche.it").await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let id = contracted(&app, &rtd).await.id;
    let office = demo_user(&app, OFFICE).await;
    let attestor = demo_user(&app, ATTESTOR).await;

    let page = office.get(&app, &format!("{OFFICE_PAGE}?stato=contracted")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(row(&page.body, &id).contains("Nessuno"), "no attestor yet");
    assert!(page.body.contains("Org of altro@verifiche.it") && page.body.contains(ATTESTOR_NAME), "both attestors");
    let bad = post(&app, &office, &format!("{OFFICE_PAGE}/{id}/asseveratore"), &format!("attestor_id={id}")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("non è un&#39;organizzazione di asseverazione"), "the page says why: {}", bad.body);
    assert_eq!(attestor.get(&app, "/asseveratore").await.body.matches("/asseveratore/progetti/").count(), 0);

    assign_on_the_page(&app, &office, &attestor, &id, "contracted").await;
    let page = office.get(&app, &format!("{OFFICE_PAGE}?stato=contracted")).await;
    assert!(row(&page.body, &id).contains(&format!("<td class=\"attestor\">{ATTESTOR_NAME}</td>")), "{}", page.body);
    let refused = post(&app, &attestor, &format!("{OFFICE_PAGE}/{id}/asseveratore"), "attestor_id=x").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "an attestor does not assign");

    let worklist = attestor.get(&app, "/asseveratore").await;
    assert_eq!(worklist.status, StatusCode::OK);
    assert!(row(&worklist.body, &id).contains("Comune di Genova (demo)"), "{}", worklist.body);
    assert!(worklist.body.contains(&format!("href=\"/asseveratore/progetti/{id}\"")));
    let project = attestor.get(&app, &format!("/asseveratore/progetti/{id}")).await;
    assert_eq!(project.status, StatusCode::OK);
    assert!(project.body.contains("id=\"read-only\""), "a contracted project is not verified yet");

    let other = Client::sign_in(&app, "altro@verifiche.it").await;
    let theirs = other.get(&app, "/asseveratore").await;
    assert!(theirs.body.contains("id=\"no-projects\"") && !theirs.body.contains(&id), "{}", theirs.body);
    let hidden = other.get(&app, &format!("/asseveratore/progetti/{id}")).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(!hidden.body.contains("Genova"), "nothing of the project shows");
    let verdict = post(&app, &other, &format!("/asseveratore/progetti/{id}/voci/0/contract"), "verdict=pass").await;
    assert_eq!(verdict.status, StatusCode::NOT_FOUND);
    assert_eq!(rtd.get(&app, "/asseveratore").await.status, StatusCode::FORBIDDEN, "an ente has no worklist");
    assert_eq!(attestor.get(&app, OFFICE_PAGE).await.status, StatusCode::FORBIDDEN);
});

engine_test!(the_attestor_verifies_through_the_pages_and_the_office_draws_a_sample, |store| {
    let app = seed_demo(&store).await;
    let today = Now::read().today;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let Project { id, contract, listing, .. } = contracted(&app, &rtd).await;
    let (office, attestor) = (demo_user(&app, OFFICE).await, demo_user(&app, ATTESTOR).await);
    assign_on_the_page(&app, &office, &attestor, &id, "contracted").await;
    submit_all_and_complete(&app, &rtd, &id, 1, &contract, &listing, today).await;
    let page_uri = format!("/asseveratore/progetti/{id}");
    let page = attestor.get(&app, &page_uri).await;
    assert!(page.body.contains("data-state=\"completed\"") && page.body.contains("id=\"outcome-form\""));
    assert!(page.body.contains("id=\"checks-1\""), "the pre-checks of the first form");
    assert!(page.body.contains("href=\"/api/v1/files/"), "the ente's documents are linked");

    // A verdict, and a failure without its note.
    let given = post(&app, &attestor, &format!("{page_uri}/voci/0/contract"), "verdict=pass&note=").await;
    assert_eq!((given.status, given.header("location")), (StatusCode::SEE_OTHER, page_uri.as_str()));
    let page = attestor.get(&app, &page_uri).await;
    assert_eq!(verdict(&page.body, 0, "contract"), "pass");
    assert_eq!(verdict(&page.body, 0, "dnsh"), "", "the others wait");
    let bare = post(&app, &attestor, &format!("{page_uri}/voci/1/report"), "verdict=fail&note=").await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bare.body.contains("una voce non superata o una richiesta di documenti richiede una nota"),
        "{}",
        bare.body
    );
    let unknown = post(&app, &attestor, &format!("{page_uri}/voci/0/contract"), "verdict=maybe").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    // A request for documents.
    let tomorrow = today + Days::new(1);
    let text = "Inviare+il+report+del+CSP+di+30+giorni";
    let late =
        post(&app, &attestor, &format!("{page_uri}/richieste"), &format!("position=1&text={text}&due_on={today}"))
            .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("deve essere successiva a oggi"), "{}", late.body);
    let sent =
        post(&app, &attestor, &format!("{page_uri}/richieste"), &format!("position=1&text={text}&due_on={tomorrow}"))
            .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = attestor.get(&app, &page_uri).await;
    assert!(page.body.contains("Inviare il report del CSP di 30 giorni"), "the request is in the thread");
    assert!(page.body.contains(&dmy(tomorrow)) && page.body.contains("In attesa della risposta dell&#39;ente"));

    // A live verification of a SaaS service, in the calendar; recorded only once begun.
    let start = page.body.find("id=\"live-position\"").expect("a SaaS service to verify live");
    let option = &page.body[start..];
    let saas = option[option.find("value=\"").unwrap() + 7..].split('"').next().unwrap().to_owned();
    let slot = format!(
        "position={saas}&date={tomorrow}&time=10:30&mode=videocall&details=https%3A%2F%2Fmeet.example%2Fgenova"
    );
    assert_eq!(
        post(&app, &attestor, &format!("{page_uri}/verifiche-sincrone"), &slot).await.status,
        StatusCode::SEE_OTHER
    );
    let past = slot.replace(&tomorrow.to_string(), &(today - Days::new(1)).to_string());
    let refused = post(&app, &attestor, &format!("{page_uri}/verifiche-sincrone"), &past).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let calendar = attestor.get(&app, "/asseveratore").await;
    assert!(calendar.body.contains(&format!("{} 10:30", dmy(tomorrow))), "{}", calendar.body);
    assert!(calendar.body.contains("Videochiamata"));
    let live =
        attestor.get(&app, &format!("/api/v1/call-applications/{id}/verification")).await.json()["live"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let early = post(&app, &attestor, &format!("{page_uri}/verifiche-sincrone/{live}"), "outcome=confirmed").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("l&#39;esito si registra una volta iniziato l&#39;appuntamento"), "{}", early.body);

    // The outcome: refused while items wait, and without a failure for a
    // negative one; then positive.
    let outcome = format!("{page_uri}/esito");
    let early = post(&app, &attestor, &outcome, "outcome=positive&motivation=").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("ancora un esito") && early.body.contains("data-state=\"completed\""));
    let checklist = attestor.get(&app, &format!("/api/v1/call-applications/{id}/verification")).await.json();
    for item in checklist["checklist"].as_array().unwrap() {
        let fields = "verdict=pass&note=ok";
        let uri = format!("{page_uri}/voci/{}/{}", item["position"], item["item"].as_str().unwrap());
        assert_eq!(post(&app, &attestor, &uri, fields).await.status, StatusCode::SEE_OTHER);
    }
    let negative = post(&app, &attestor, &outcome, "outcome=negative&motivation=Servizio+assente").await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(negative.body.contains("richiede almeno una voce non superata"), "{}", negative.body);
    let attested = post(&app, &attestor, &outcome, "outcome=positive&motivation=").await;
    assert_eq!(attested.status, StatusCode::SEE_OTHER, "{}", attested.body);
    let page = attestor.get(&app, &page_uri).await;
    assert!(page.body.contains("data-state=\"attested\"") && !page.body.contains("id=\"outcome-form\""));
    assert!(page.body.contains(&format!("href=\"/api/v1/call-applications/{id}/verification/report.pdf\"")));
    let report = attestor.get(&app, &format!("/api/v1/call-applications/{id}/verification/report.pdf")).await;
    assert_eq!((report.status, report.header("content-type")), (StatusCode::OK, "application/pdf"));

    // Paid, then drawn for a control through the office's page.
    let uri = format!("/api/v1/call-applications/{id}");
    request_payment(&app, &rtd, &uri, today).await;
    assert_eq!(office.post(&app, &format!("{uri}/payment")).await.status, StatusCode::OK);
    let none = post(&app, &office, &format!("{OFFICE_PAGE}/controlli"), "percent=0&seed=7&stato=paid&pagina=1").await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("deve essere da 1 a 100"), "{}", none.body);
    let drawn =
        post(&app, &office, &format!("{OFFICE_PAGE}/controlli"), "percent=100&seed=7&stato=paid&pagina=1").await;
    assert_eq!(
        (drawn.status, drawn.header("location")),
        (StatusCode::SEE_OTHER, "/programma/ufficio/asseverazioni?stato=paid&pagina=1")
    );
    let page = office.get(&app, &format!("{OFFICE_PAGE}?stato=paid")).await;
    let control = row(&page.body[page.body.find("id=\"controls\"").unwrap()..], &id);
    let due = cloudpa_domain::calendar::add_working_days(today, 20);
    assert!(control.contains(&dmy(due)) && control.contains("20 giorni lavorativi rimanenti"), "{control}");
    assert!(!control.contains("table-danger"), "not overdue");
    assert!(row(&page.body, &id).contains(ATTESTOR_NAME), "the paid project keeps its attestor");
});
