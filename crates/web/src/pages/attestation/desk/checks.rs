//! The automatic pre-checks of a project's compliance forms as its
//! attestor reads them: run again as of today, through the same rules as
//! the ente's saves and the bulk pre-check, so that a listing suspended
//! since the submission shows.

use crate::AppState;
use crate::i18n::Lang;
use crate::problem::Problem;
use cloudpa_domain::attestation::prechecks::{Check, CheckResult};
use cloudpa_store::attestation::bulk::ProjectRecords;
use cloudpa_workflows::Now;
use cloudpa_workflows::attestation::bulk::{CheckContext, project_facts};
use cloudpa_workflows::attestation::verification::Verification;
use cloudpa_workflows::programme::deadlines::SettingsCache;
use std::collections::HashMap;

/// One pre-check of a form: its text key, and why it failed (none when
/// it passed), in the page's language.
pub(super) struct CheckView {
    pub key: &'static str,
    pub passed: bool,
    pub findings: Vec<String>,
}

/// The pre-checks of each form of the project, by the service's position.
pub(super) async fn of_project(
    state: &AppState,
    now: Now,
    lang: Lang,
    verification: &Verification,
) -> Result<HashMap<i64, Vec<CheckView>>, Problem> {
    let store = &state.store;
    let application = verification.application.clone();
    let ipa_code = store.organisation(&application.organisation_id).await?.and_then(|o| o.ipa_code);
    let contracts = store.contracts(&application.id).await?;
    let records = ProjectRecords {
        application,
        ipa_code,
        choices: verification.choices.clone(),
        contracts,
        forms: verification.forms.clone(),
    };
    let facts = project_facts(store, &mut SettingsCache::default(), &records).await?;
    let context = CheckContext::of_project(&records, store, now.today).await?;
    let checked = context.check_project(&records, &facts, &records.forms)?;
    Ok(checked.into_iter().map(|(form, _, results)| (form.position, views(results, lang))).collect())
}

fn views(results: Vec<CheckResult>, lang: Lang) -> Vec<CheckView> {
    results
        .into_iter()
        .map(|r| CheckView {
            key: check_key(r.check),
            passed: r.passed(),
            findings: r.findings.into_iter().map(|f| format!("{}: {}", f.field, lang.text(&f.message))).collect(),
        })
        .collect()
}

/// The text key of a pre-check.
fn check_key(check: Check) -> &'static str {
    match check {
        Check::Complete => "desk_att-check-complete",
        Check::ContractPinned => "desk_att-check-contract_pinned",
        Check::ContractDate => "desk_att-check-contract_date",
        Check::Dnsh => "desk_att-check-dnsh",
        Check::DestinationType => "desk_att-check-destination_type",
        Check::DestinationLevel => "desk_att-check-destination_level",
        Check::QualifiedOnContract => "desk_att-check-qualified_on_contract",
        Check::QualifiedToday => "desk_att-check-qualified_today",
        Check::Scenario => "desk_att-check-scenario",
        Check::ReportPeriod => "desk_att-check-report_period",
        Check::ReportNamesEnte => "desk_att-check-report_names_ente",
        Check::PublicAddresses => "desk_att-check-public_addresses",
        Check::ProviderRanges => "desk_att-check-provider_ranges",
        Check::AddressListsAgree => "desk_att-check-address_lists_agree",
        Check::Identifiers => "desk_att-check-identifiers",
        Check::Url => "desk_att-check-url",
        Check::OriginDecommissioned => "desk_att-check-origin_decommissioned",
        Check::NotFundedTwice => "desk_att-check-not_funded_twice",
    }
}
