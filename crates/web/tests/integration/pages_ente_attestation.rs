//! The ente's asseverazione pages without JavaScript, on both engines, on
//! the demo data: Genova's hub and the compliance form of a service, each
//! its own and the programme office's to read; a contract recorded with its
//! documents through the page; a draft whose failing pre-checks are shown
//! under their fields; an incomplete submission refused with its items; a
//! stranger ente refused; the attestor's request, the payment request and
//! a sample control answered from the hub.

use crate::common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::attestation::{pdf, submit_all_and_complete};
use common::snapshots::{demo_user, seed_demo};
use common::*;
use serde_json::json;

const BOUNDARY: &str = "cloudpa-page-boundary";

/// A multipart form of text `fields` and `files` (field, file name, content).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        let part = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        body.extend_from_slice(part.as_bytes());
    }
    for (name, filename, content) in files {
        let head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        );
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a multipart form as the browser of `client` does.
async fn post_multipart(
    app: &Router,
    client: &Client,
    uri: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Reply {
    let mut all = vec![("csrf_token", client.csrf.as_str())];
    all.extend_from_slice(fields);
    let request = Request::post(uri)
        .header(header::COOKIE, &client.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(&all, files)))
        .unwrap();
    send(app, request).await
}

/// Genova's project with its CUP given and its contract activated, a
/// supplier in the directory and the demo provider's ranges announced:
/// (project id, supplier id).
async fn contracted(app: &Router, rtd: &Client) -> (String, String) {
    let office = demo_user(app, "misura12@dtd.demo.cloudpa.it").await;
    let supplier =
        json!({"vat_number": "01114601006", "name": "Migra S.r.l.", "pec": "gare@pec.migra.it", "mepa_enabled": true});
    let supplier =
        office.json(app, "POST", "/api/v1/suppliers", supplier).await.json()["id"].as_str().unwrap().to_owned();
    let provider = demo_user(app, "admin@nuvola.demo.cloudpa.it").await;
    let infrastructure = provider.get(app, "/api/v1/provider/infrastructures").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ranges = json!({"prefixes": ["80.211.0.0/16"]});
    provider.json(app, "PUT", &format!("/api/v1/infrastructures/{infrastructure}/prefixes"), ranges).await;
    let genova = rtd.get(app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let apps = rtd.get(app, &format!("/api/v1/enti/{genova}/applications")).await.json();
    let project = apps["items"][0]["id"].as_str().unwrap().to_owned();
    let cup = json!({"cup": "J11C22000290006"});
    rtd.json(app, "PUT", &format!("/api/v1/call-applications/{project}/cup"), cup).await;
    assert_eq!(rtd.post(app, &format!("/api/v1/call-applications/{project}/contract")).await.status, StatusCode::OK);
    (project, supplier)
}

/// Records a contract through the hub's form; its id.
async fn add_contract(app: &Router, rtd: &Client, project: &str, supplier: &str) -> String {
    let today = Now::read().today.to_string();
    let fields = [
        ("supplier_id", supplier),
        ("signed_on", &today),
        ("object", "Migrazione dei servizi"),
        ("amount", "4.500.000,00"),
    ];
    let files: [(&str, &str, &[u8]); 2] =
        [("document", "contratto.pdf", &pdf("contratto")), ("dnsh", "dnsh.pdf", &pdf("dnsh"))];
    let added =
        post_multipart(app, rtd, &format!("/candidature/{project}/asseverazione/contratti"), &fields, &files).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(added.header("location"), format!("/candidature/{project}/asseverazione#contratti"));
    let list = rtd.get(app, &format!("/api/v1/call-applications/{project}/contracts")).await.json();
    list["items"][0]["id"].as_str().unwrap().to_owned()
}

/// The items of the list of reasons under field `id`.
fn reasons_under<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("id=\"why-{id}\"")).unwrap_or_else(|| panic!("no reasons for {id}"));
    body[start..].split("</ul>").next().unwrap()
}

engine_test!(the_hub_and_a_form_are_the_entes_and_the_offices_only, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, _) = contracted(&app, &rtd).await;
    let hub = format!("/candidature/{project}/asseverazione");
    let form = format!("/candidature/{project}/servizi/1/conformita");

    let page = rtd.get(&app, &hub).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for section in
        ["id=\"contratti\"", "id=\"servizi\"", "id=\"richieste\"", "id=\"verifiche-sincrone\"", "id=\"contract-form\""]
    {
        assert!(page.body.contains(section), "the hub has {section}");
    }
    assert_eq!(page.body.matches("/conformita\">").count(), 17, "a link to each service's form");
    assert!(page.body.contains("Migra S.r.l."), "the supplier is picked from the directory");
    let shown = rtd.get(&app, &form).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("<legend class=\"h4\">Report delle risorse (terza parte)</legend>"));
    assert!(shown.body.contains("name=\"a.public_ips\"") && shown.body.contains("name=\"f.report_document\""));
    assert!(shown.body.contains("data-when-item=\"accessibility\""), "conditional items say on what");
    assert!(!shown.body.contains("improved_declaration"), "an item for improved migrations only is left out");
    assert!(shown.body.contains("aria-describedby=\"why-contract_id\""));
    let english = rtd.get(&app, &format!("{form}?lang=en")).await;
    assert!(english.body.contains("Resource report (third party)"), "the definition's English titles");

    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let read = office.get(&app, &hub).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("id=\"contract-form\""), "the office reads, and records nothing");
    let read = office.get(&app, &form).await;
    assert!(read.body.contains("id=\"read-only\"") && read.body.contains("<fieldset disabled>"));

    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    for uri in [&hub, &form] {
        let refused = masone.get(&app, uri).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(!refused.body.contains("Comune di Genova"), "nothing of the record is shown");
    }
    assert_eq!(
        rtd.get(&app, &format!("/candidature/{project}/servizi/99/conformita")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(rtd.get(&app, "/candidature/nessuna/asseverazione").await.status, StatusCode::NOT_FOUND);
});

engine_test!(a_contract_is_recorded_with_its_documents_through_the_page, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, supplier) = contracted(&app, &rtd).await;
    let uri = format!("/candidature/{project}/asseverazione/contratti");

    let fields =
        [("supplier_id", supplier.as_str()), ("signed_on", "ieri"), ("object", "Migrazione"), ("amount", "tanti")];
    let refused = post_multipart(&app, &rtd, &uri, &fields, &[]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    for field in ["signed_on", "amount", "document"] {
        assert!(refused.body.contains(&format!("<strong>{field}</strong>")), "{field} is named: {}", refused.body);
    }
    assert!(refused.body.contains("value=\"Migrazione\""), "what was typed is kept");
    let today = Now::read().today.to_string();
    let fields =
        [("supplier_id", supplier.as_str()), ("signed_on", &today), ("object", "Migrazione"), ("amount", "10")];
    let not_a_pdf = post_multipart(&app, &rtd, &uri, &fields, &[("document", "x.pdf", b"plain text")]).await;
    assert_eq!(not_a_pdf.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", not_a_pdf.body);
    assert!(not_a_pdf.body.contains("<strong>document</strong>"), "the file's field is named");

    let mut large = pdf("grande");
    large.resize(10 * 1024 * 1024 + 1, b' ');
    let too_large = post_multipart(&app, &rtd, &uri, &fields, &[("document", "grande.pdf", &large)]).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);

    add_contract(&app, &rtd, &project, &supplier).await;
    let hub = rtd.get(&app, &format!("/candidature/{project}/asseverazione")).await;
    assert!(hub.body.contains("Migrazione dei servizi") && hub.body.contains("4.500.000,00 €"), "{}", hub.body);
    assert_eq!(hub.body.matches("href=\"/api/v1/files/").count(), 2, "the contract and its DNSH declaration");
    assert!(!hub.body.contains("id=\"no-contracts\""));

    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    let files: [(&str, &str, &[u8]); 1] = [("document", "contratto.pdf", &pdf("altro"))];
    let stranger = post_multipart(&app, &masone, &uri, &fields, &files).await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN);
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    assert_eq!(post_multipart(&app, &office, &uri, &fields, &files).await.status, StatusCode::FORBIDDEN);
    let forged = Client { cookie: rtd.cookie.clone(), csrf: "forged".into() };
    assert_eq!(post_multipart(&app, &forged, &uri, &fields, &files).await.status, StatusCode::FORBIDDEN);
    let list = rtd.get(&app, &format!("/api/v1/call-applications/{project}/contracts")).await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "nothing else was recorded");
});

engine_test!(a_saved_form_shows_its_failing_checks_under_the_fields, |store| {
    let app = seed_demo(&store).await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, supplier) = contracted(&app, &rtd).await;
    let contract = add_contract(&app, &rtd, &project, &supplier).await;
    let today = Now::read().today;
    let found = rtd.get(&app, &format!("/api/v1/call-applications/{project}/services/1/destinations")).await.json();
    let listing = found["admissible"][0]["listing_id"].as_str().unwrap().to_owned();
    let form = format!("/candidature/{project}/servizi/1/conformita");

    let from = (today - chrono::Days::new(3)).to_string();
    let fields = [
        ("contract_id", contract.as_str()),
        ("listing_id", &listing),
        ("a.report_from", &from),
        ("a.report_to", &today.to_string()),
        ("a.cpu_vcpu", "4"),
        ("a.public_ips", "10.0.0.1\n80.211.1.1"),
        ("a.accessibility", "private"),
        ("a.private_addresses", "10.0.0.1"),
        ("t.software.0.name", "Anagrafe"),
        ("t.software.0.producer", "Acme"),
        ("t.software.0.description", "Anagrafe della popolazione"),
        ("t.software.0.relevance", "principale"),
    ];
    let files: [(&str, &str, &[u8]); 1] = [("f.report_document", "report.pdf", &pdf("report"))];
    let saved = post_multipart(&app, &rtd, &form, &fields, &files).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = rtd.get(&app, &form).await;
    assert!(page.body.contains("data-state=\"draft\""));
    assert!(reasons_under(&page.body, "public_ips").contains("10.0.0.1"), "the private address is explained");
    assert!(reasons_under(&page.body, "report_to").contains("ne servono almeno 15"), "the report's period");
    assert!(reasons_under(&page.body, "report_ente").contains("c_d969"), "the report must name the ente");
    assert!(page.body.contains("<a href=\"#field-public_ips\">"), "the check links to its field");
    assert!(page.body.contains("value=\"Anagrafe della popolazione\""), "the table's row is kept");
    assert!(page.body.contains("href=\"/api/v1/files/"), "the report uploaded is linked");
    let stored = rtd.get(&app, &format!("/api/v1/call-applications/{project}/services/1/form")).await.json();
    assert_eq!(stored["answers"]["public_ips"], json!(["10.0.0.1", "80.211.1.1"]));
    assert_eq!(stored["answers"]["cpu_vcpu"], 4);
    assert!(stored["answers"]["report_document"].is_string(), "the document is the file uploaded");

    let bad = [("contract_id", contract.as_str()), ("a.cpu_vcpu", "quattro")];
    let refused = post_multipart(&app, &rtd, &form, &bad, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reasons_under(&refused.body, "cpu_vcpu").contains("numero intero"), "{}", refused.body);
    assert!(refused.body.contains("value=\"quattro\""), "what was typed is shown again");

    let submit = format!("{form}/presenta");
    let incomplete = post_multipart(&app, &rtd, &submit, &fields, &[]).await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", incomplete.body);
    assert!(incomplete.body.contains("<strong>answers.report_issuer</strong>"), "the problem names each item");
    assert!(reasons_under(&incomplete.body, "report_issuer").contains("obbligatorio"));
    let after = rtd.get(&app, &format!("/api/v1/call-applications/{project}/services/1/form")).await.json();
    assert_eq!(after["state"], "draft", "nothing submitted");

    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    assert_eq!(post_multipart(&app, &masone, &form, &fields, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(post_multipart(&app, &masone, &submit, &fields, &[]).await.status, StatusCode::FORBIDDEN);
});

engine_test!(the_hub_answers_the_attestor_then_asks_for_payment_then_answers_a_control, |store| {
    let app = seed_demo(&store).await;
    let today = Now::read().today;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;
    let (project, supplier) = contracted(&app, &rtd).await;
    let contract = json!(add_contract(&app, &rtd, &project, &supplier).await);
    let uri = format!("/api/v1/call-applications/{project}");
    let listing =
        rtd.get(&app, &format!("{uri}/services/1/destinations")).await.json()["admissible"][0]["listing_id"].clone();
    submit_all_and_complete(&app, &rtd, &project, 1, &contract, &listing, today).await;
    let attestor = demo_user(&app, "asseveratore@asseverazioni.demo.cloudpa.it").await;
    let own = attestor.get(&app, "/api/v1/me").await.json()["organisation"]["id"].clone();
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    office.json(&app, "PUT", &format!("{uri}/attestor"), json!({"attestor_id": own})).await;
    let due = today + chrono::Days::new(10);
    let asked = json!({"position": 1, "text": "Inviare il report firmato dal CSP", "due_on": due});
    let sent = attestor.json(&app, "POST", &format!("{uri}/verification/requests"), asked).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let hub = format!("/candidature/{project}/asseverazione");

    // The request, with its deadline, answered with a file.
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains("Inviare il report firmato dal CSP"));
    assert!(page.body.contains(&due.format("%d/%m/%Y").to_string()) && page.body.contains("data-overdue=\"false\""));
    let request = rtd.get(&app, &format!("{uri}/requests")).await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let answer_uri = format!("/candidature/{project}/richieste/{request}/risposta");
    let files: [(&str, &str, &[u8]); 1] = [("files", "report-firmato.pdf", &pdf("report firmato"))];
    let answered = post_multipart(&app, &rtd, &answer_uri, &[("text", "In allegato il report\nfirmato")], &files).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains("In allegato il report\nfirmato"), "the answer, lines kept");
    assert!(!page.body.contains(&format!("action=\"{answer_uri}\"")), "answered once");
    let again = post_multipart(&app, &rtd, &answer_uri, &[("text", "di nuovo")], &[]).await;
    assert!(again.status.is_client_error(), "{}", again.status);

    // A positive outcome: the report, and the payment request.
    let checklist = attestor.get(&app, &format!("{uri}/verification")).await.json();
    for item in checklist["checklist"].as_array().unwrap() {
        let given = json!({"position": item["position"], "item": item["item"], "verdict": "pass", "note": "ok"});
        attestor.json(&app, "PUT", &format!("{uri}/verification/verdicts"), given).await;
    }
    let outcome = json!({"outcome": "positive"});
    assert_eq!(
        attestor.json(&app, "POST", &format!("{uri}/verification/outcome"), outcome).await.status,
        StatusCode::OK
    );
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains(&format!("{uri}/verification/report.pdf")), "the attestor's report is linked");
    assert!(page.body.contains("id=\"payment-form\"") && page.body.contains("id=\"no-payment-request\""));
    let decreed = rtd.get(&app, &uri).await.json()["amount_cents"].as_i64().unwrap();
    let amount = format!("{},{:02}", decreed / 100, decreed % 100);
    let payment_uri = format!("/candidature/{project}/domanda-erogazione");
    let cre_on = today.to_string();
    let fields = [("cre_on", cre_on.as_str()), ("requested", amount.as_str())];
    let refused = post_multipart(&app, &rtd, &payment_uri, &fields, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "the documents are required: {}", refused.body);
    assert!(refused.body.contains("<strong>cre_file</strong>"));
    let files: [(&str, &str, &[u8]); 2] = [
        ("cre_file", "cre.pdf", &pdf("Certificato di Regolare Esecuzione")),
        ("request_file", "domanda.pdf", &pdf("Domanda di erogazione")),
    ];
    let sent = post_multipart(&app, &rtd, &payment_uri, &fields, &files).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.header("location"), format!("{hub}#erogazione"));
    let page = rtd.get(&app, &hub).await;
    assert_eq!(page.body.matches("data-passed=\"true\"").count(), 6, "every formal check passes: {}", page.body);
    let resent = post_multipart(&app, &rtd, &payment_uri, &[("cre_on", &cre_on), ("requested", "1,00")], &[]).await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "sent again, the documents kept: {}", resent.body);
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains("data-check=\"amount_as_decreed\" data-passed=\"false\""), "the office would not pay");
    post_multipart(&app, &rtd, &payment_uri, &fields, &[]).await;
    assert_eq!(office.post(&app, &format!("{uri}/payment")).await.status, StatusCode::OK);

    // Drawn for a sample control: answered from the hub, once.
    office.json(&app, "POST", "/api/v1/sample-controls", json!({"percent": 100, "seed": 7})).await;
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains("id=\"controllo\"") && page.body.contains("id=\"answer-control\""), "{}", page.body);
    let control_uri = format!("/candidature/{project}/controllo/risposta");
    let masone = demo_user(&app, "rtd@masone.demo.cloudpa.it").await;
    assert_eq!(post_multipart(&app, &masone, &control_uri, &[("text", "no")], &[]).await.status, StatusCode::FORBIDDEN);
    let files: [(&str, &str, &[u8]); 1] = [("files", "servizi.pdf", &pdf("servizi attivi"))];
    let answered = post_multipart(&app, &rtd, &control_uri, &[("text", "Servizi attivi e in uso")], &files).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let page = rtd.get(&app, &hub).await;
    assert!(page.body.contains("Servizi attivi e in uso") && !page.body.contains("id=\"answer-control\""));
});
