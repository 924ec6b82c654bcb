//! The pre-checks of a compliance form as its page shows them: each check
//! with its outcome and reasons, each reason named by the field it is about
//! and linked to it; and, by field, the reasons read with it (the
//! pre-checks' findings and a refused save's problems).

use super::fields::Reasons;
use crate::i18n::Lang;
use crate::problem::Problem;
use cloudpa_domain::attestation::prechecks::{Check, CheckResult};
use std::collections::BTreeMap;

/// A reason a check fails, linked to its field when the page has it.
pub(super) struct Reason {
    pub text: String,
    pub field: Option<String>,
}

/// A pre-check and its outcome.
pub(super) struct CheckRow {
    pub code: &'static str,
    pub key: &'static str,
    pub passed: bool,
    pub reasons: Vec<Reason>,
}

/// Why each field fails: the pre-checks' findings, then the problem's.
pub(super) fn reasons(checks: &[CheckResult], problem: Option<&Problem>, lang: Lang) -> Reasons {
    let mut reasons = Reasons::new();
    for finding in checks.iter().flat_map(|c| &c.findings) {
        reasons.entry(finding.field.clone()).or_default().push(lang.text(&finding.message));
    }
    for error in problem.map_or(&[][..], |p| p.errors.as_slice()) {
        let field = error.field.strip_prefix("answers.").unwrap_or(&error.field);
        reasons.entry(field.to_owned()).or_default().push(lang.text(&error.rule));
    }
    reasons
}

/// A check's row; each reason about a field of the page is named by the
/// field's label and links to it.
pub(super) fn check_row(result: &CheckResult, labels: &BTreeMap<&str, &str>, lang: Lang) -> CheckRow {
    let reasons = result
        .findings
        .iter()
        .map(|f| {
            let text = lang.text(&f.message);
            match labels.get(f.field.as_str()) {
                Some(label) => Reason { text: format!("{label}: {text}"), field: Some(f.field.clone()) },
                None => Reason { text, field: None },
            }
        })
        .collect();
    CheckRow { code: result.check.code(), key: check_key(result.check), passed: result.passed(), reasons }
}

/// Every pre-check, for the names the script shows.
const CHECKS: [Check; 18] = [
    Check::Complete,
    Check::ContractPinned,
    Check::ContractDate,
    Check::Dnsh,
    Check::DestinationType,
    Check::DestinationLevel,
    Check::QualifiedOnContract,
    Check::QualifiedToday,
    Check::Scenario,
    Check::ReportPeriod,
    Check::ReportNamesEnte,
    Check::PublicAddresses,
    Check::ProviderRanges,
    Check::AddressListsAgree,
    Check::Identifiers,
    Check::Url,
    Check::OriginDecommissioned,
    Check::NotFundedTwice,
];

pub(super) fn check_labels(lang: Lang) -> String {
    let labels: BTreeMap<&str, &str> = CHECKS.iter().map(|c| (c.code(), lang.t(check_key(*c)))).collect();
    serde_json::to_string(&labels).unwrap_or_default()
}

/// The text key of a pre-check.
fn check_key(check: Check) -> &'static str {
    match check {
        Check::Complete => "ente_att-check-complete",
        Check::ContractPinned => "ente_att-check-contract_pinned",
        Check::ContractDate => "ente_att-check-contract_date",
        Check::Dnsh => "ente_att-check-dnsh",
        Check::DestinationType => "ente_att-check-destination_type",
        Check::DestinationLevel => "ente_att-check-destination_level",
        Check::QualifiedOnContract => "ente_att-check-qualified_on_contract",
        Check::QualifiedToday => "ente_att-check-qualified_today",
        Check::Scenario => "ente_att-check-scenario",
        Check::ReportPeriod => "ente_att-check-report_period",
        Check::ReportNamesEnte => "ente_att-check-report_names_ente",
        Check::PublicAddresses => "ente_att-check-public_addresses",
        Check::ProviderRanges => "ente_att-check-provider_ranges",
        Check::AddressListsAgree => "ente_att-check-address_lists_agree",
        Check::Identifiers => "ente_att-check-identifiers",
        Check::Url => "ente_att-check-url",
        Check::OriginDecommissioned => "ente_att-check-origin_decommissioned",
        Check::NotFundedTwice => "ente_att-check-not_funded_twice",
    }
}
