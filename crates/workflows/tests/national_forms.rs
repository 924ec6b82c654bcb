//! The asseverazione of the national picture on both engines, on a small
//! part of it (the full ≥ 100,000 forms are measured by
//! `bench/attest-precheck.sh`): every form passes the domain's rules, keeps
//! the count the bulk pre-check finds, and the planted mistakes reach their
//! shares and fail their checks.

use cloudpa_domain::attestation::addresses::classify;
use cloudpa_domain::attestation::form::{Completeness, FormDefinition, check_answers};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_store::attestation::bulk::ProjectRecords;
use cloudpa_store::attestation::forms::FormState;
use cloudpa_store::{Actor, engine_test};
use cloudpa_workflows::Now;
use cloudpa_workflows::attestation::bulk::precheck_all;
use cloudpa_workflows::attestation::national::{Mistake, seed_forms};
use std::collections::{BTreeMap, BTreeSet};

/// 2026-09-21, a Monday.
const T0: i64 = 1_790_000_000_000;
/// Projects kept contracted or later; the others are put back to
/// `submitted`, which has no forms.
const KEPT: i64 = 600;

engine_test!(the_national_forms_follow_the_domains_rules, |store| {
    let now = Now::at(T0);
    store.load_reference_data(T0).await.unwrap();
    store.seed_national(&Actor::cli(), 2026, now.today, T0).await.unwrap();
    let states = "'contracted', 'completed', 'attested', 'paid'";
    let sql = format!(
        "UPDATE call_applications SET state = 'submitted' WHERE state IN ({states}) AND id NOT IN \
         (SELECT id FROM call_applications WHERE state IN ({states}) ORDER BY id LIMIT {KEPT})"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(store.pool()).await.unwrap();

    let seeded = seed_forms(&store, &Actor::cli(), 7, now).await.unwrap();
    assert_eq!((seeded.projects, seeded.contracts), (KEPT as usize, KEPT as usize));
    assert_eq!(seeded.listings_imported, 2_000, "the picture has no catalogue: the synthetic one is added");
    assert!(seeded.suppliers >= 290 && seeded.infrastructures > 100, "{seeded:?}");
    assert!(seeded.forms > KEPT as usize * 8, "{} forms", seeded.forms);
    let again = seed_forms(&store, &Actor::cli(), 7, now).await;
    assert!(again.is_err(), "only into a database without forms");

    // Every form is stored as its project's state says and passes the
    // answers' rules; its count of failed checks is the bulk pre-check's.
    let report = precheck_all(&store, now, None).await.unwrap();
    assert_eq!(report.forms, seeded.forms);
    let mut failed_by_form: BTreeMap<(String, String), i64> = BTreeMap::new();
    for row in &report.rows {
        *failed_by_form.entry((row.project.clone(), row.service.clone())).or_default() += i64::from(!row.passed);
    }
    let mut failed_by_check: BTreeMap<&str, usize> = BTreeMap::new();
    for row in report.rows.iter().filter(|r| !r.passed) {
        *failed_by_check.entry(row.check).or_default() += 1;
    }
    assert_eq!(failed_by_check.into_iter().collect::<Vec<_>>(), seeded.failed.clone().into_iter().collect::<Vec<_>>());
    let incomplete: BTreeSet<(String, String)> = report
        .rows
        .iter()
        .filter(|r| !r.passed && r.check == "complete")
        .map(|r| (r.project.clone(), r.service.clone()))
        .collect();
    let projects = store.projects_in(&CallApplicationState::ALL).await.unwrap();
    let mut forms = 0;
    let with_forms = |p: &&ProjectRecords| {
        use CallApplicationState::*;
        matches!(p.application.state, Contracted | Completed | Attested | Paid)
    };
    for project in projects.iter().filter(with_forms) {
        let submitted = project.application.state != CallApplicationState::Contracted;
        let contracts = store.contracts(&project.application.id).await.unwrap();
        assert_eq!(contracts.len(), 1);
        let contract = &contracts[0].fields;
        assert!(Some(contract.signed_on) >= project.application.financed_on);
        assert!(Some(contract.signed_on) <= project.application.contract_activated_on);
        for form in store.compliance_forms(&project.application.id).await.unwrap() {
            let choice = &project.choices[form.position as usize - 1];
            let definition = FormDefinition::shipped(choice.improved_to.unwrap_or(choice.destination)).unwrap();
            let facts = cloudpa_workflows::attestation::forms::service_facts_shape(choice).form_facts();
            let mode = if submitted { Completeness::Submit } else { Completeness::Draft };
            assert_eq!(check_answers(&definition, &facts, &form.answers, mode), vec![]);
            assert_eq!(form.state == FormState::Submitted, submitted);
            let key = (project.application.id.clone(), choice.service_code.clone());
            assert_eq!(form.checks_failed, failed_by_form[&key], "{key:?}");
            assert!(!submitted || !incomplete.contains(&key), "a submitted form is complete: {key:?}");
            forms += 1;
        }
    }
    assert_eq!(forms, seeded.forms);

    // Each mistake is planted at about its share, and fails its check.
    for mistake in Mistake::ALL {
        let (planted, could) = seeded.planted[&mistake];
        let share = planted as f64 * 1000.0 / could as f64;
        let expected = mistake.per_mille() as f64;
        assert!(planted > 0 && share > expected * 0.4 && share < expected * 1.8, "{mistake:?}: {planted} of {could}");
    }
    for (mistake, check) in [
        (Mistake::MissingDnsh, "dnsh"),
        (Mistake::ListingLapsed, "qualified_today"),
        (Mistake::LevelTooLow, "destination_level"),
        (Mistake::PrivateAddress, "public_addresses"),
        (Mistake::OutsideRanges, "provider_ranges"),
        (Mistake::ShortReport, "report_period"),
        (Mistake::OtherEnte, "report_names_ente"),
        (Mistake::DuplicateIdentifier, "identifiers"),
        (Mistake::HttpUrl, "url"),
        (Mistake::OriginNotDecommissioned, "origin_decommissioned"),
    ] {
        let failed = seeded.failed.get(check).copied().unwrap_or_default();
        assert!(failed >= seeded.planted[&mistake].0, "{mistake:?}: {check} fails on {failed} forms");
    }

    // The announced ranges are public; the suppliers' partite IVA valid.
    for (_, _, prefix) in store.prefixes_in_force(None, now.today).await.unwrap() {
        let prefix: cloudpa_domain::attestation::addresses::Prefix = prefix.parse().unwrap();
        assert_eq!(classify(prefix.network()), Ok(()), "{prefix}");
    }
    let vats: BTreeSet<String> = store.suppliers().await.unwrap().into_iter().map(|s| s.vat_number).collect();
    assert_eq!(vats.len(), seeded.suppliers);
    assert!(vats.iter().all(|v| cloudpa_domain::qualification::vat::check_vat_number(v).is_ok()));
});
