//! The programme office's calls pages: a call created and edited from its
//! form, its windows and its list of services, each refusal shown on the page
//! with nothing written, and the pages closed to anyone but the office's
//! administrators.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_store::engine_test;
use common::snapshots::{demo_user, seed_demo};
use common::*;

const ADMIN: &str = "admin@dtd.demo.cloudpa.it";
const TITLE: &str = "1.2 Abilitazione al Cloud - Comuni - dicembre 2030";
const ID: &str = "1-2-abilitazione-al-cloud-comuni-dicembre-2030";

/// The call form's fields, with `changes` in place of the defaults.
fn call_form(client: &Client, changes: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("csrf_token", client.csrf.as_str()),
        ("title", TITLE),
        ("measure", "1.2 Abilitazione e facilitazione migrazione al Cloud"),
        ("opens_on", "2030-12-01"),
        ("closes_on", "2031-01-31"),
        ("status", "APERTO"),
        ("budget", "10000000,50"),
        ("measure_budget", "987000000"),
        ("targets", "Comuni"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    serde_urlencoded::to_string(fields).unwrap()
}

async fn create(app: &axum::Router, office: &Client) {
    let created = post_form(app, "/programma/ufficio/avvisi", Some(&office.cookie), &call_form(office, &[])).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.header("location"), format!("/programma/ufficio/avvisi/{ID}?salvato=nuovo"));
}

async fn call_count(app: &axum::Router) -> usize {
    get(app, "/api/v1/calls").await.json()["items"].as_array().unwrap().len()
}

/// Posts a multipart form of `(name, file name, content)` parts as `client`.
async fn post_multipart(app: &axum::Router, uri: &str, client: &Client, parts: &[(&str, Option<&str>, &str)]) -> Reply {
    let boundary = "cloudpa-test-boundary";
    let mut body = String::new();
    for (name, filename, content) in parts {
        let filename = filename.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{filename}\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let request = Request::post(uri)
        .header(header::COOKIE, &client.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

engine_test!(the_office_creates_a_call_from_its_form, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, ADMIN).await;
    let desk = office.get(&app, "/programma/ufficio").await;
    assert!(desk.body.contains(r#"id="office-calls""#), "the office's page links to the calls");
    let list = office.get(&app, "/programma/ufficio/avvisi").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(r#"id="calls""#) && list.body.contains("1-2-abilitazione-al-cloud-comuni-luglio-2025"));
    let new = office.get(&app, "/programma/ufficio/avvisi/nuovo").await;
    assert_eq!(new.status, StatusCode::OK);
    assert!(new.body.contains(r#"<label for="field-targets""#) && !new.body.contains(r#"id="settings-form""#));

    create(&app, &office).await;
    let calls = get(&app, "/api/v1/calls").await.json();
    let call = calls["items"].as_array().unwrap().iter().find(|c| c["id"] == ID).expect("listed by the API").clone();
    assert_eq!((call["title"].as_str(), call["budget_cents"].as_i64()), (Some(TITLE), Some(1_000_000_050)));
    assert_eq!(call["targets"], serde_json::json!(["Comuni"]));
    let edit = office.get(&app, &format!("/programma/ufficio/avvisi/{ID}?salvato=nuovo")).await;
    assert!(edit.body.contains(r#"id="saved""#) && edit.body.contains(r#"name="version" value="1""#), "{}", edit.body);
    assert!(edit.body.contains(r#"value="10000000.50""#) && edit.body.contains("Elenco provvisorio"));
    assert!(office.get(&app, "/programma/ufficio/avvisi").await.body.contains(TITLE));
});

engine_test!(a_bad_field_is_refused_naming_it_and_nothing_is_written, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, ADMIN).await;
    let before = call_count(&app).await;
    let typed = call_form(&office, &[("closes_on", "2030-11-30"), ("budget", "dieci")]);
    let refused = post_form(&app, "/programma/ufficio/avvisi", Some(&office.cookie), &typed).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(
        refused.body.contains(r##"<a href="#field-budget">Dotazione dell&#39;avviso (euro)</a>"##),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(r#"id="why-field-budget"><li>l&#39;importo `dieci`"#), "next to its input");
    assert!(refused.body.contains(r#"value="dieci""#) && refused.body.contains(r#"value="2030-11-30""#), "as typed");

    let closes_first = call_form(&office, &[("closes_on", "2030-11-30")]);
    let refused = post_form(&app, "/programma/ufficio/avvisi", Some(&office.cookie), &closes_first).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r#"id="why-field-closes_on"><li>l&#39;avviso chiude"#), "{}", refused.body);
    assert!(refused.body.contains(r#"aria-invalid="true""#));
    assert_eq!(call_count(&app).await, before, "nothing written");
});

engine_test!(an_edit_made_to_a_stale_version_is_refused, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, ADMIN).await;
    create(&app, &office).await;
    let page = format!("/programma/ufficio/avvisi/{ID}");
    let first = call_form(&office, &[("version", "1"), ("budget", "20000000")]);
    let saved = post_form(&app, &page, Some(&office.cookie), &first).await;
    assert_eq!(
        (saved.status, saved.header("location")),
        (StatusCode::SEE_OTHER, format!("{page}?salvato=avviso").as_str())
    );

    let stale = call_form(&office, &[("version", "1"), ("budget", "30000000")]);
    let refused = post_form(&app, &page, Some(&office.cookie), &stale).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains(r#"id="stale""#) && refused.body.contains("versione 2"), "{}", refused.body);
    assert!(refused.body.contains(r#"value="30000000""#), "the typed value is kept");
    let versions = get(&app, &format!("/api/v1/calls/{ID}/versions")).await.json();
    assert_eq!(versions["items"].as_array().map(Vec::len), Some(2), "{versions}");
    let call =
        get(&app, "/api/v1/calls").await.json()["items"].as_array().unwrap().iter().find(|c| c["id"] == ID).cloned();
    assert_eq!(call.unwrap()["budget_cents"], 2_000_000_000);

    let api = office.json_with(&app, ("PUT", &format!("/api/v1/calls/{ID}")), &[("if-match", "\"1\"")], serde_json::json!({
        "title": TITLE, "measure": "1.2", "opens_on": "2030-12-01", "closes_on": "2031-01-31", "status": "APERTO",
        "budget_cents": 1, "measure_budget_cents": 1, "targets": ["Comuni"],
    })).await;
    assert_eq!((api.status, api.json()["current_version"].as_i64()), (StatusCode::CONFLICT, Some(2)), "{}", api.body);

    let renamed = call_form(&office, &[("version", "2"), ("title", "Un altro titolo")]);
    let refused = post_form(&app, &page, Some(&office.cookie), &renamed).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(r#"id="why-field-title"><li>il suo identificativo"#), "{}", refused.body);
});

engine_test!(the_office_loads_a_service_list_and_sets_the_windows, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, ADMIN).await;
    create(&app, &office).await;
    let page = format!("/programma/ufficio/avvisi/{ID}");
    let token = office.csrf.clone();
    let list = "codice,servizio\r\nT1,Tributi minori\r\nT2,Canoni\r\n";
    let loaded = post_multipart(
        &app,
        &format!("{page}/servizi"),
        &office,
        &[("csrf_token", None, &token), ("list", None, list)],
    )
    .await;
    assert_eq!(
        (loaded.status, loaded.header("location")),
        (StatusCode::SEE_OTHER, format!("{page}?salvato=servizi").as_str())
    );
    let services = get(&app, &format!("/api/v1/calls/{ID}/services")).await.json();
    assert_eq!((services["version"].as_i64(), services["source"].as_str()), (Some(1), Some("web")), "{services}");
    assert_eq!(services["services"][1]["name"], "Canoni");

    let twice = "codice,servizio\nT1,Tributi\nT1,Canoni\n";
    let parts = [("csrf_token", None, token.as_str()), ("list", None, ""), ("file", Some("elenco.csv"), twice)];
    let refused = post_multipart(&app, &format!("{page}/servizi"), &office, &parts).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains(r#"id="why-field-list"><li>riga 3: il codice `T1`"#), "{}", refused.body);
    assert_eq!(get(&app, &format!("/api/v1/calls/{ID}/services")).await.json()["version"], 1, "nothing written");
    let file = [("csrf_token", None, token.as_str()), ("list", None, ""), ("file", Some("elenco.csv"), list)];
    assert_eq!(post_multipart(&app, &format!("{page}/servizi"), &office, &file).await.status, StatusCode::SEE_OTHER);
    assert_eq!(get(&app, &format!("/api/v1/calls/{ID}/services")).await.json()["source"], "web: elenco.csv");

    let windows = |second_opens: &str| {
        serde_urlencoded::to_string([
            ("csrf_token", token.as_str()),
            ("windows[0].opens_on", "2030-12-01"),
            ("windows[0].closes_on", "2030-12-30"),
            ("windows[1].opens_on", second_opens),
            ("windows[1].closes_on", "2031-01-31"),
            ("windows[2].opens_on", ""),
            ("windows[2].closes_on", ""),
            ("deadlines[0].from_class", "1"),
            ("deadlines[0].to_class", "7"),
            ("deadlines[0].contract_months", "9"),
            ("deadlines[0].completion_months", "18"),
            ("eligibility_start", "2020-02-01"),
        ])
        .unwrap()
    };
    let overlap = post_form(&app, &format!("{page}/finestre"), Some(&office.cookie), &windows("2030-12-15")).await;
    assert_eq!(overlap.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", overlap.body);
    assert!(overlap.body.contains(r#"id="why-field-windows-1-opens_on"><li>la finestra 2 apre"#), "{}", overlap.body);
    assert_eq!(get(&app, &format!("/api/v1/calls/{ID}/settings")).await.json()["version"], 0, "nothing written");
    let saved = post_form(&app, &format!("{page}/finestre"), Some(&office.cookie), &windows("2031-01-10")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let settings = get(&app, &format!("/api/v1/calls/{ID}/settings")).await.json();
    assert_eq!(settings["settings"]["windows"][1]["opens_on"], "2031-01-10", "{settings}");
    assert_eq!(settings["settings"]["deadlines"][0]["completion_months"], 18);
    let edit = office.get(&app, &page).await.body;
    assert!(edit.contains(r#"name="windows[2].opens_on" value="""#), "a blank row to add a window: {edit}");
});

engine_test!(only_the_office_administrators_may_use_the_pages, |store| {
    let app = seed_demo(&store).await;
    let office = demo_user(&app, ADMIN).await;
    create(&app, &office).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let operator = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let page = format!("/programma/ufficio/avvisi/{ID}");
    for uri in ["/programma/ufficio/avvisi", "/programma/ufficio/avvisi/nuovo", page.as_str()] {
        assert_eq!(rtd.get(&app, uri).await.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(operator.get(&app, uri).await.status, StatusCode::FORBIDDEN, "{uri}");
        let anonymous = get(&app, uri).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "{uri}");
        assert!(anonymous.header("location").starts_with("/login?next="), "{uri}");
    }
    assert!(!operator.get(&app, "/programma/ufficio").await.body.contains(r#"id="office-calls""#));
    let before = call_count(&app).await;
    let other = call_form(&rtd, &[("title", "Un avviso non dell'ufficio")]);
    let refused = post_form(&app, "/programma/ufficio/avvisi", Some(&rtd.cookie), &other).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let stale = call_form(&rtd, &[("version", "1")]);
    assert_eq!(post_form(&app, &page, Some(&rtd.cookie), &stale).await.status, StatusCode::FORBIDDEN);
    let anonymous = post_form(&app, "/programma/ufficio/avvisi", None, &call_form(&office, &[])).await;
    assert!(anonymous.header("location").starts_with("/login"), "sent to sign in: {}", anonymous.status);
    assert_eq!(call_count(&app).await, before, "nothing written");
});

// A call the open data publishes with dates and an amount that cannot be
// read is kept (issue 15): every page and the API show it, without a
// window until the office sets one.
engine_test!(a_call_without_readable_dates_is_shown_everywhere_until_the_office_sets_its_windows, |store| {
    let app = seed_demo(&store).await;
    let file = "titolo,misura,data_inizio_bando,data_fine_bando,stato,totale_importo_stanziato,totale_importo_misura,\
                soggetti_destinatari\n\"1.2 Abilitazione al Cloud - Comuni - senza date\",\
                \"1.2 Abilitazione e facilitazione migrazione al Cloud\",entro luglio,,APERTO,\"1,5\",987000000.0,Comuni\n";
    let (calls, rejected) = cloudpa_store::reference::read_calls(file.as_bytes()).unwrap();
    assert_eq!((calls.len(), rejected.len()), (1, 0));
    store.import_calls(&cloudpa_store::Actor::cli(), &calls, "avvisi.csv", T0 + 10).await.unwrap();
    let id = "1-2-abilitazione-al-cloud-comuni-senza-date";

    let public = get(&app, "/programma").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("non leggibile nei dati aperti – non leggibile nei dati aperti"), "{}", public.body);
    let api = get(&app, "/api/v1/calls").await.json();
    let item = api["items"].as_array().unwrap().iter().find(|c| c["id"] == id).cloned().unwrap();
    assert_eq!((item["opens_on"].is_null(), item["budget_cents"].is_null()), (true, true), "{item}");
    assert_eq!(item["measure_budget_cents"], serde_json::Value::Null, "not a field of the API: {item}");
    let settings = get(&app, &format!("/api/v1/calls/{id}/settings")).await.json();
    assert_eq!(
        (settings["version"].as_i64(), settings["settings"]["windows"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
    let quality = get(&app, "/qualita-dati").await.body;
    assert!(quality.contains("Avvisi (PA digitale 2026)") && quality.contains("entro luglio"), "{quality}");
    assert!(quality.contains("Campo obbligatorio vuoto") && quality.contains("Non è un importo in euro"), "{quality}");

    let office = demo_user(&app, ADMIN).await;
    let list = office.get(&app, "/programma/ufficio/avvisi").await;
    assert!(list.body.contains("Nessuna: le date dei dati aperti non sono leggibili"), "{}", list.body);
    let page = format!("/programma/ufficio/avvisi/{id}");
    let edit = office.get(&app, &page).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains(r#"name="opens_on" value="""#) && edit.body.contains(r#"name="budget" value="""#));
    let windows = serde_urlencoded::to_string([
        ("csrf_token", office.csrf.as_str()),
        ("windows[0].opens_on", "2030-07-01"),
        ("windows[0].closes_on", "2030-07-31"),
        ("deadlines[0].from_class", "1"),
        ("deadlines[0].to_class", "7"),
        ("deadlines[0].contract_months", "6"),
        ("deadlines[0].completion_months", "15"),
        ("eligibility_start", "2020-02-01"),
    ])
    .unwrap();
    let saved = post_form(&app, &format!("{page}/finestre"), Some(&office.cookie), &windows).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let settings = get(&app, &format!("/api/v1/calls/{id}/settings")).await.json();
    assert_eq!(settings["settings"]["windows"][0]["closes_on"], "2030-07-31", "{settings}");
});
