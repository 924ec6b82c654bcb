//! The demo of the asseverazione on both engines, seeded as `serve --demo`
//! seeds it: Masone's completed project on a closed call, its contract with
//! real files, a form per service in each state with the counts of failed
//! pre-checks the bulk pre-check finds, and the demo attestor at work; a
//! second run adds nothing.

use cloudpa_domain::attestation::form::{FormDefinition, ItemKind};
use cloudpa_domain::attestation::verification::Verdict;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_domain::time::local_in_rome;
use cloudpa_store::attestation::forms::FormState;
use cloudpa_store::blobs::BlobStore;
use cloudpa_store::{Actor, Store, engine_test};
use cloudpa_workflows::Now;
use cloudpa_workflows::attestation::bulk::precheck_all;
use cloudpa_workflows::attestation::demo::seed;
use std::collections::BTreeMap;

/// 2026-09-21, a Monday.
const T0: i64 = 1_790_000_000_000;

/// The demo as `serve --demo` seeds it before the asseverazione's records.
async fn demo(store: &Store, blobs: &BlobStore, now: Now) {
    store.load_reference_data(now.ms).await.unwrap();
    store.seed_demo(now.ms).await.unwrap();
    assert_eq!(cloudpa_workflows::qualification::demo::seed(store, blobs, now).await.unwrap(), 2);
    let records: Vec<_> = cloudpa_store::catalogue::synthetic::catalogue(300, 2026, now.today)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 1, r))
        .collect();
    store.import_catalogue(&Actor::cli(), "synthetic", &records, now.ms).await.unwrap();
    assert_eq!(cloudpa_workflows::programme::demo::seed(store, now).await.unwrap(), 1);
}

engine_test!(the_demo_attestor_works_on_masones_completed_project, |store| {
    let now = Now::at(T0);
    let dir = std::env::temp_dir().join(format!("cloudpa-attestation-demo-{}", uuid::Uuid::now_v7()));
    let blobs = BlobStore::local(&dir).unwrap();
    demo(&store, &blobs, now).await;
    let seeded = seed(&store, &blobs, now).await.unwrap().expect("the demo is written");
    assert_eq!((seeded.forms, seeded.drafts), (10, 1), "{seeded:?}");
    assert!(seeded.failing >= 2, "{seeded:?}");

    // Masone's project on the closed call, completed; Genova's untouched.
    let masone = store.find_organisation_by_name("Comune di Masone (demo)").await.unwrap().unwrap();
    let apps = store.call_applications_of(&masone.id).await.unwrap();
    assert_eq!(apps.len(), 1);
    let app = &apps[0];
    assert_eq!(app.state, CallApplicationState::Completed);
    assert!(app.cup.is_some() && app.services_migrated == app.services && app.services == 10);
    let call = store.find_call(&app.call_id).await.unwrap().unwrap();
    assert!(call.closes_on < Some(now.today) && call.title.contains("giugno 2026"), "{call:?}");
    let genova = store.find_organisation_by_name("Comune di Genova (demo)").await.unwrap().unwrap();
    let genova = store.call_applications_of(&genova.id).await.unwrap();
    assert_eq!(genova.iter().map(|a| a.state).collect::<Vec<_>>(), [CallApplicationState::Financed]);

    // The contract and every document the forms name are Masone's files.
    let contracts = store.contracts(&app.id).await.unwrap();
    assert_eq!(contracts.len(), 1);
    let contract = &contracts[0].fields;
    assert_eq!(Some(contract.signed_on), app.contract_activated_on);
    let mut files = vec![contract.document.clone(), contract.dnsh.clone().unwrap()];
    let forms = store.compliance_forms(&app.id).await.unwrap();
    let choices = store.application_choices(&app.id).await.unwrap();
    for form in &forms {
        let choice = &choices[form.position as usize - 1];
        let definition = FormDefinition::shipped(choice.destination).unwrap();
        let documents = definition.items().filter(|i| i.kind == ItemKind::Document);
        files.extend(documents.filter_map(|i| form.answers.get(&i.id)).filter_map(|a| a.text()).map(str::to_owned));
        let listing = store.current_listing(form.listing_id.as_deref().unwrap()).await.unwrap().unwrap();
        assert_eq!(form.listing_version, Some(listing.version));
        if choice.destination == Destination::Iaas {
            assert_eq!(listing.details.name, "Calcolo Appennino (demo)");
        }
    }
    assert!(files.len() > 10);
    for sha in &files {
        assert!(store.blob_info(&masone.id, sha).await.unwrap().is_some(), "{sha} is Masone's file");
        assert!(store.blob_content(&blobs, sha).await.unwrap().starts_with(b"%PDF-1.7"));
    }

    // A form in each state; each keeps the failures the bulk pre-check finds.
    let report = precheck_all(&store, now, None).await.unwrap();
    assert_eq!(report.forms, forms.len());
    let mut failed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in report.rows.iter().filter(|r| !r.passed) {
        failed.entry(row.service.as_str()).or_default().push(row.check);
    }
    let failing = |position: i64| failed.get(choices[position as usize - 1].service_code.as_str());
    for form in &forms {
        assert_eq!(form.checks_failed, failing(form.position).map_or(0, |f| f.len() as i64), "{form:?}");
    }
    let submitted = |f: &&cloudpa_store::attestation::forms::ComplianceForm| f.state == FormState::Submitted;
    assert_eq!(forms.iter().filter(|f| f.state == FormState::Draft).count(), 1);
    assert!(forms.iter().filter(submitted).any(|f| f.checks_failed == 0), "one submitted form passes every check");
    for check in ["report_period", "provider_ranges"] {
        let fails = |f: &&cloudpa_store::attestation::forms::ComplianceForm| {
            failing(f.position).is_some_and(|c| c.contains(&check))
        };
        assert!(forms.iter().filter(submitted).any(|f| fails(&f)), "a submitted form fails {check}");
    }

    // The attestor at work: verdicts, an open request, a live verification.
    let attestor = store.find_organisation_by_name("Asseverazioni Tecniche S.r.l. (demo)").await.unwrap().unwrap();
    assert_eq!(store.attestor_of(&app.id).await.unwrap(), Some(attestor.id));
    let verdicts = store.verdicts(&app.id).await.unwrap();
    assert!(verdicts.iter().filter(|v| v.position == 0).all(|v| v.verdict == Verdict::Pass));
    for verdict in [Verdict::Pass, Verdict::Fail, Verdict::RequestDocuments] {
        assert!(verdicts.iter().any(|v| v.verdict == verdict), "{verdict:?}");
    }
    let requests = store.document_requests(&app.id).await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].answer.is_none() && requests[0].due_on > now.today);
    let lives = store.live_verifications(&app.id).await.unwrap();
    assert_eq!(lives.len(), 1);
    assert!(lives[0].outcome.is_none() && lives[0].starts_at > local_in_rome(now.ms));
    assert!(lives[0].details.starts_with("https://"));
    assert_eq!(choices[lives[0].position as usize - 1].destination, Destination::Saas);

    // A second run adds nothing.
    let counts = store.attestation_record_counts().await.unwrap();
    assert_eq!(seed(&store, &blobs, now).await.unwrap(), None);
    assert_eq!(store.attestation_record_counts().await.unwrap(), counts);
    assert_eq!(store.call_applications_of(&masone.id).await.unwrap().len(), 1);
    assert_eq!(store.verdicts(&app.id).await.unwrap(), verdicts);
    let _ = std::fs::remove_dir_all(dir);
});
