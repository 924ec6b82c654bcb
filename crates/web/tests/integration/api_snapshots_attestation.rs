//! A snapshot of the asseverazione's answers on the demo data: the
//! programme office keeps the suppliers' directory, the demo provider
//! announces the address ranges of its infrastructure, and Genova records
//! the contract of its financed project, finds the destination of its first
//! service and fills, checks and submits that service's compliance form.

use crate::common;

use common::attestation::{pdf, submit_all_and_complete};
use common::snapshots::{Snapshots, demo, demo_user, path};
use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attestation_answers() {
    let (store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_attestation");
    let today = cloudpa_workflows::Now::read().today;
    let office = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;
    let provider = demo_user(&app, "admin@nuvola.demo.cloudpa.it").await;
    let rtd = demo_user(&app, "rtd@genova.demo.cloudpa.it").await;

    let supplier = json!({"vat_number": "IT01114601006", "name": "Migra S.r.l.", "pec": "gare@pec.migra.it", "mepa_enabled": true});
    let supplier = s.send(&office, "POST", "/api/v1/suppliers", &[], supplier).await;
    let file = "partita_iva,denominazione,pec,abilitato_mepa\n\
                00743110157,Nuvola Servizi S.p.A.,gare@pec.nuvolaservizi.it,si\n\
                00743110158,Cifra sbagliata S.r.l.,gare@pec.cifra.it,si\n";
    let import = axum::http::Request::post("/api/v1/suppliers/import")
        .header(axum::http::header::COOKIE, &office.cookie)
        .header("x-csrf-token", &office.csrf)
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(file))
        .unwrap();
    let imported = s.record("POST", "/api/v1/suppliers/import", send(&app, import).await);
    assert_eq!((imported["imported"].as_u64(), imported["rejected"][0]["line"].as_u64()), (Some(1), Some(3)));
    s.get(Some(&rtd), "/api/v1/suppliers", &[], "").await;

    let infrastructures = provider.get(&app, "/api/v1/provider/infrastructures").await.json();
    let infrastructure = infrastructures["items"][0]["id"].as_str().expect("the demo infrastructure").to_owned();
    let ranges = json!({"prefixes": ["80.211.0.0/16", "2a01:4f8::/32"]});
    s.send(&provider, "PUT", "/api/v1/infrastructures/{id}/prefixes", &[&infrastructure], ranges).await;
    s.get(Some(&provider), "/api/v1/infrastructures/{id}/prefixes", &[&infrastructure], "").await;
    s.get(None, "/api/v1/compliance-forms/{destination}", &["iaas"], "").await;

    // Genova's financed project: CUP, contract activated, a supplier contract.
    let genova = rtd.get(&app, "/api/v1/enti").await.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let apps = rtd.get(&app, &format!("/api/v1/enti/{genova}/applications")).await.json();
    let project = apps["items"][0]["id"].as_str().expect("Genova's financed project").to_owned();
    let uri = path("/api/v1/call-applications/{id}", &[&project]);
    rtd.json(&app, "PUT", &format!("{uri}/cup"), json!({"cup": "J11C22000290006"})).await;
    assert_eq!(rtd.post(&app, &format!("{uri}/contract")).await.status.as_u16(), 200);
    let signed = rtd.upload(&app, "contratto.pdf", &pdf("contratto firmato")).await.json()["id"].clone();
    let dnsh = rtd.upload(&app, "dnsh.pdf", &pdf("dichiarazione DNSH")).await.json()["id"].clone();
    let contract = json!({"supplier_id": supplier["id"], "signed_on": today, "object": "Migrazione di 17 servizi",
                          "amount_cents": 450_000_000, "document": signed, "dnsh": dnsh});
    let contract = s.send(&rtd, "POST", "/api/v1/call-applications/{id}/contracts", &[&project], contract).await;
    s.get(Some(&rtd), "/api/v1/call-applications/{id}/contracts", &[&project], "").await;

    // Its first service moves to IaaS: where to, the form, its pre-checks.
    let destinations = "/api/v1/call-applications/{id}/services/{position}/destinations";
    let found = s.get(Some(&rtd), destinations, &[&project, "1"], &format!("?contract_on={today}")).await;
    let listing = found["admissible"][0]["listing_id"].as_str().expect("the demo's qualified IaaS").to_owned();
    let report = rtd.upload(&app, "report.pdf", &pdf("report delle risorse")).await.json()["id"].clone();
    let proof = rtd.upload(&app, "qualifica.pdf", &pdf("qualificazione per dati critici")).await.json()["id"].clone();
    let answers = json!({
        "report_issuer": "Nuvola (demo)", "report_from": today - chrono::Days::new(20), "report_to": today,
        "cpu_vcpu": 8, "ram_gb": 32, "storage_gb": 500, "connectivity": "1 Gbit/s",
        "report_ente": "Comune di Genova (demo)", "report_document": report,
        "public_ips": ["80.211.10.10", "192.168.1.10"],
        "software": [{"name": "Tributi", "producer": "Acme", "description": "Tributi minori", "relevance": "principale"}],
        "system_ids": ["vm-0001"], "data_class_proof": proof,
        "accessibility": "private", "private_addresses": ["10.1.2.3"], "in_production": true,
        "origin_description": "Server nella sala CED", "origin_decommissioned": true, "decommissioned_on": today
    });
    let form = "/api/v1/call-applications/{id}/services/{position}/form";
    let input = json!({"contract_id": contract["id"], "listing_id": listing, "answers": answers});
    let draft = s.send(&rtd, "PUT", form, &[&project, "1"], input.clone()).await;
    let failed: Vec<&str> = draft["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["outcome"] == "fail")
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["report_period", "public_addresses"], "{draft}");
    assert_eq!(rtd.post(&app, &format!("{uri}/services/1/migrated")).await.status.as_u16(), 200);
    s.send(&rtd, "POST", "/api/v1/call-applications/{id}/services/{position}/form/submit", &[&project, "1"], input)
        .await;
    s.get(Some(&office), form, &[&project, "1"], "").await;

    // The other services' forms, the completion, the attestor's verification.
    submit_all_and_complete(&app, &rtd, &project, 2, &contract["id"], &json!(listing), today).await;
    let attestor = demo_user(&app, "asseveratore@asseverazioni.demo.cloudpa.it").await;
    let attestors = attestor.get(&app, "/api/v1/me").await.json();
    let assign = json!({"attestor_id": attestors["organisation"]["id"]});
    s.send(&office, "PUT", "/api/v1/call-applications/{id}/attestor", &[&project], assign).await;
    s.get(Some(&attestor), "/api/v1/attestor/projects", &[], "").await;
    let checklist = s.get(Some(&attestor), "/api/v1/call-applications/{id}/verification", &[&project], "").await;
    let verdicts = "/api/v1/call-applications/{id}/verification/verdicts";
    let first = json!({"position": 0, "item": "contract", "verdict": "pass"});
    s.send(&attestor, "PUT", verdicts, &[&project], first).await;
    for item in checklist["checklist"].as_array().unwrap().iter().skip(1) {
        let pass = json!({"position": item["position"], "item": item["item"], "verdict": "pass"});
        let done = attestor.json(&app, "PUT", &path(verdicts, &[&project]), pass).await;
        assert_eq!(done.status.as_u16(), 200, "{}", done.body);
    }
    let ask =
        json!({"position": 1, "text": "Inviare il report completo del CSP", "due_on": today + chrono::Days::new(10)});
    let asked =
        s.send(&attestor, "POST", "/api/v1/call-applications/{id}/verification/requests", &[&project], ask).await;
    let request = asked["requests"][0]["id"].as_str().unwrap().to_owned();
    s.get(Some(&rtd), "/api/v1/call-applications/{id}/requests", &[&project], "").await;
    let report = rtd.upload(&app, "report-completo.pdf", &pdf("report completo")).await.json()["id"].clone();
    let answer = json!({"answer": "In allegato il report completo", "files": [report]});
    s.send(&rtd, "POST", "/api/v1/call-applications/{id}/requests/{request_id}/answer", &[&project, &request], answer)
        .await;
    let saas = checklist["checklist"].as_array().unwrap().iter().find(|i| i["item"] == "live_verification");
    let saas = saas.expect("a SaaS service of the demo project")["position"].as_i64().unwrap();
    let starts = cloudpa_domain::time::local_in_rome(cloudpa_workflows::Now::read().ms) + chrono::Duration::seconds(2);
    let book = json!({"position": saas, "starts_at": starts.format("%Y-%m-%dT%H:%M:%S").to_string(), "mode": "videocall",
                      "details": "https://videochiamata.example.it/verifica-genova"});
    let booked = s.send(&attestor, "POST", "/api/v1/call-applications/{id}/verification/live", &[&project], book).await;
    s.get(Some(&attestor), "/api/v1/attestor/calendar", &[], "").await;
    s.get(Some(&rtd), "/api/v1/call-applications/{id}/live-verifications", &[&project], "").await;
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let live = booked["live"][0]["id"].as_str().unwrap().to_owned();
    let found = json!({"outcome": "confirmed", "notes": "Uso del servizio mostrato in videochiamata"});
    s.send(&attestor, "PUT", "/api/v1/call-applications/{id}/verification/live/{live_id}", &[&project, &live], found)
        .await;
    let positive = json!({"outcome": "positive"});
    let attested =
        s.send(&attestor, "POST", "/api/v1/call-applications/{id}/verification/outcome", &[&project], positive).await;
    assert_eq!(attested["state"], "attested");
    s.get(Some(&rtd), "/api/v1/call-applications/{id}/verification/report.pdf", &[&project], "").await;

    // The bulk pre-check as a background job: started, performed by a worker, its report kept.
    let run = s.send(&office, "POST", "/api/v1/precheck-runs", &[], json!({})).await;
    let again = office.json(&app, "POST", "/api/v1/precheck-runs", json!({})).await;
    assert_eq!(again.status.as_u16(), 409, "one run at a time: {}", again.body);
    let not_office = rtd.json(&app, "POST", "/api/v1/precheck-runs", json!({})).await;
    assert_eq!(not_office.status.as_u16(), 403);
    let unknown = office.json(&app, "POST", "/api/v1/precheck-runs", json!({"call_id": "no-such-call"})).await;
    assert_eq!((unknown.status.as_u16(), unknown.json()["errors"][0]["field"].as_str()), (422, Some("call_id")));
    let blobs = cloudpa_store::blobs::BlobStore::local(&std::env::temp_dir().join(format!(
        "cloudpa-runs-{}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    )))
    .unwrap();
    let mailbox = std::env::temp_dir().join("cloudpa-runs-mail");
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        blobs: blobs.clone(),
        mailer: cloudpa_workflows::notifications::Mailer::new(None, "cloudpa <noreply@cloudpa.localhost>", mailbox)
            .unwrap(),
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    worker.run_due(chrono::Utc::now().timestamp_millis()).await.unwrap();
    let id = run["id"].as_str().unwrap().to_owned();
    let done = s.get(Some(&office), "/api/v1/precheck-runs/{id}", &[&id], "").await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["projects_done"], done["projects_total"]);
    s.get(Some(&office), "/api/v1/precheck-runs", &[], "").await;
    let csv = store.store.blob_content(&blobs, done["result_file"].as_str().unwrap()).await.unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "project,service,check,outcome,reason");
    assert_eq!(lines.len() as i64 - 1, done["rows_total"].as_i64().unwrap(), "one row per service and check");
    assert!(lines[1..].iter().all(|l| l.starts_with(&project)), "only Genova's project has forms");

    // The ente's CRE and payment request, the office's formal checks, the payment.
    let refused = office.post(&app, &format!("{uri}/payment")).await;
    assert_eq!(refused.status.as_u16(), 409, "no payment without the ente's request: {}", refused.body);
    let cre = rtd.upload(&app, "cre.pdf", &pdf("CRE")).await.json()["id"].clone();
    let request = rtd.upload(&app, "domanda.pdf", &pdf("Domanda")).await.json()["id"].clone();
    let short = json!({"cre_file": cre, "cre_on": today, "request_file": request, "requested_cents": 100});
    let failing = s.send(&rtd, "PUT", "/api/v1/call-applications/{id}/payment-request", &[&project], short).await;
    assert_eq!(failing["payable"], false);
    s.get(Some(&office), "/api/v1/programme/payments", &[], "").await;
    let wrong = office.post(&app, &format!("{uri}/payment")).await;
    assert_eq!(wrong.status.as_u16(), 422, "{}", wrong.body);
    assert_eq!(wrong.json()["errors"][0]["field"], "requested_cents");
    common::attestation::request_payment(&app, &rtd, &uri, today).await;
    s.get(Some(&rtd), "/api/v1/call-applications/{id}/payment-request", &[&project], "").await;

    // Paid, then drawn for a sample control, which the ente answers.
    assert_eq!(office.post(&app, &format!("{uri}/payment")).await.status.as_u16(), 200);
    s.send(&office, "POST", "/api/v1/sample-controls", &[], json!({"percent": 100, "seed": 2026})).await;
    s.get(Some(&office), "/api/v1/sample-controls", &[], "").await;
    let control = json!({"answer": "Servizi attivi e raggiungibili", "files": [report]});
    s.send(&rtd, "POST", "/api/v1/call-applications/{id}/sample-control/answer", &[&project], control).await;
    s.finish();
}
