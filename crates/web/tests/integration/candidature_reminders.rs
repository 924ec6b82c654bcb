//! The reminders of an application's open deadlines, on both engines: each
//! sent once per threshold before the CUP and the contract are due, and
//! delivered to the ente's users.

use crate::common;

use cloudpa_store::engine_test;
use cloudpa_workflows::Now;
use common::candidature::*;
use common::*;
use serde_json::json;

engine_test!(reminders_are_sent_once_before_each_open_deadline, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let s = submitted(&store, &app).await;
    let decree = Now::read().today;
    let reply = s.office.post(&app, &format!("{}/decree", s.uri)).await;
    let deadlines = reply.json()["deadlines"].clone();
    assert_eq!(deadlines[0]["due_on"], (decree + chrono::Days::new(5)).to_string(), "the CUP in 5 days");
    assert_eq!(deadlines[1]["due_on"], (decree + chrono::Months::new(6)).to_string(), "the contract in 6 months");

    // Today the CUP is 5 days away: its 7-day reminder is owed, once.
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: decree }).await.unwrap(),
        1
    );
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: decree }).await.unwrap(),
        0,
        "sent once"
    );
    let tomorrow = decree + chrono::Days::new(4);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: tomorrow }).await.unwrap(),
        1,
        "the 1-day reminder"
    );

    // Once the CUP is given, only the contract is reminded: 30 days before.
    s.rtd.json(&app, "PUT", &format!("{}/cup", s.uri), json!({ "cup": "J11C22000290006" })).await;
    let contract_due = decree + chrono::Months::new(6);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: tomorrow }).await.unwrap(),
        0
    );
    let month_before = contract_due - chrono::Days::new(30);
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(&store, Now { ms: T0, today: month_before }).await.unwrap(),
        1
    );
    assert_eq!(
        cloudpa_workflows::programme::reminders::send_due(
            &store,
            Now { ms: T0, today: contract_due + chrono::Days::new(1) }
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM deadline_reminders").await, 3);
    assert_eq!(store.fetch_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'programme.reminders'").await, 3);

    // The notifications go to the ente's users, each in the language they
    // chose on their profile: the RTD reads English.
    let body = format!("csrf_token={}&language=en", s.rtd.csrf);
    let chosen = post_form(&app, "/profilo/lingua", Some(&s.rtd.cookie), &body).await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let body = format!("csrf_token={}&language=fr", s.rtd.csrf);
    let refused = post_form(&app, "/profilo/lingua", Some(&s.rtd.cookie), &body).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let mailbox = std::env::temp_dir().join(format!("cloudpa-mail-{nanos}"));
    let mailer =
        cloudpa_workflows::notifications::Mailer::new(None, "cloudpa <noreply@cloudpa.localhost>", mailbox.clone())
            .unwrap();
    let worker = cloudpa_workflows::jobs::Worker {
        store: store.store.clone(),
        blobs: cloudpa_store::blobs::BlobStore::local(&std::env::temp_dir().join("cloudpa-worker-blobs")).unwrap(),
        mailer,
        public_url: "http://127.0.0.1:8080".into(),
        name: "test".into(),
    };
    let sent = worker.run_due(chrono::Utc::now().timestamp_millis()).await.unwrap();
    assert!(sent >= 3, "state changes and reminders: {sent}");
    let mails: Vec<String> =
        std::fs::read_dir(&mailbox).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let reminders: Vec<&String> = mails.iter().filter(|m| m.contains("Subject: [cloudpa] Scadenza")).collect();
    assert_eq!(reminders.len(), 3, "three reminders in Italian to the ente's other user");
    assert!(reminders.iter().all(|m| m.contains("albiano.it") && m.contains("\nCandidatura:")));
    let english: Vec<&String> = mails.iter().filter(|m| m.contains("Subject: [cloudpa] Deadline")).collect();
    assert_eq!(english.len(), 3, "and three in English to the RTD");
    assert!(english.iter().all(|m| m.contains("\nApplication:") && !m.contains("\nCandidatura:")));
    let _ = std::fs::remove_dir_all(mailbox);
});
