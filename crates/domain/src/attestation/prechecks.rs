//! The automatic pre-checks of a compliance form: what the attestor checks
//! by hand today, run on every save (DOMAIN.md §4, "before asseverazione":
//! the contract date and object, a qualified service really available to
//! the ente, no double funding, DNSH; the CSP's report; the origin
//! decommissioned). Each check is a function of the facts and `as_of`; a
//! failure names its field and says why, in words the translation files
//! give in plain Italian (and English).

use super::Finding;
use super::addresses::Prefix;
use super::destinations::{Candidate, Exclusion, exclusions};
use super::form::{Answer, Answers, Completeness, FormDefinition, FormFacts, ItemKind, check_answers, url_finding};
use crate::message::Message;
use crate::programme::scenarios::{Destination, Origin, ScenarioTable, admissible};
use crate::qualification::levels::DataClass;
use chrono::NaiveDate;
use network::{address_lists_agree, provider_ranges, public_addresses};
use serde::Serialize;
use std::collections::BTreeSet;

/// The pre-checks, in the order the attestor's checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Complete,
    ContractPinned,
    ContractDate,
    Dnsh,
    DestinationType,
    DestinationLevel,
    QualifiedOnContract,
    QualifiedToday,
    Scenario,
    ReportPeriod,
    ReportNamesEnte,
    PublicAddresses,
    ProviderRanges,
    AddressListsAgree,
    Identifiers,
    Url,
    OriginDecommissioned,
    NotFundedTwice,
}

impl Check {
    pub fn code(self) -> &'static str {
        match self {
            Check::Complete => "complete",
            Check::ContractPinned => "contract_pinned",
            Check::ContractDate => "contract_date",
            Check::Dnsh => "dnsh",
            Check::DestinationType => "destination_type",
            Check::DestinationLevel => "destination_level",
            Check::QualifiedOnContract => "qualified_on_contract",
            Check::QualifiedToday => "qualified_today",
            Check::Scenario => "scenario",
            Check::ReportPeriod => "report_period",
            Check::ReportNamesEnte => "report_names_ente",
            Check::PublicAddresses => "public_addresses",
            Check::ProviderRanges => "provider_ranges",
            Check::AddressListsAgree => "address_lists_agree",
            Check::Identifiers => "identifiers",
            Check::Url => "url",
            Check::OriginDecommissioned => "origin_decommissioned",
            Check::NotFundedTwice => "not_funded_twice",
        }
    }
}

/// The shortest period of use a resource or consumption report covers
/// (DOMAIN.md §4: "≥ 15 days of use"), both ends counted.
pub const REPORT_MIN_DAYS: i64 = 15;

/// The project a service belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFacts {
    pub ente_name: String,
    pub ipa_code: String,
    /// The first day of eligible activities (the call's, or 1 Feb 2020).
    pub eligible_from: NaiveDate,
    pub completed_on: Option<NaiveDate>,
}

/// The contract a service's migration is under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractFacts {
    pub signed_on: NaiveDate,
    /// The DNSH self-declaration is attached.
    pub dnsh_declared: bool,
}

/// One migrated service with what the checks need to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFacts {
    pub origin: Origin,
    pub declared: Destination,
    pub improved_to: Option<Destination>,
    pub earlier_move: Option<NaiveDate>,
    pub data_class: DataClass,
    pub contract: Option<ContractFacts>,
    /// The listing the form pins, weighed on the contract date and today.
    pub listing: Option<Candidate>,
    /// The address ranges the listing's provider declares for the
    /// infrastructure it runs on, as in force today.
    pub prefixes: Vec<Prefix>,
    /// The identifiers other services of the same project declare.
    pub identifiers_elsewhere: BTreeSet<String>,
    /// The same ente service is in another financed project.
    pub funded_elsewhere: bool,
}

impl ServiceFacts {
    /// Where the service lands: the improved destination when declared.
    pub fn destination(&self) -> Destination {
        self.improved_to.unwrap_or(self.declared)
    }

    pub fn form_facts(&self) -> FormFacts {
        FormFacts { data_class: self.data_class, improved: self.improved_to.is_some() }
    }
}

/// The outcome of one check: passed when it has no findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub check: Check,
    pub findings: Vec<Finding>,
}

impl CheckResult {
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Runs every check that applies to the form's type on `answers`.
pub fn precheck(
    form: &FormDefinition,
    project: &ProjectFacts,
    service: &ServiceFacts,
    answers: &Answers,
    scenarios: &ScenarioTable,
    as_of: NaiveDate,
) -> Vec<CheckResult> {
    let facts = service.form_facts();
    let has = |id: &str| form.applicable(&facts, answers).any(|i| i.id == id);
    let mut results = vec![
        (Check::Complete, check_answers(form, &facts, answers, Completeness::Submit)),
        (Check::ContractPinned, contract_pinned(service)),
        (Check::ContractDate, contract_date(project, service.contract, as_of)),
        (Check::Dnsh, dnsh(service.contract)),
    ];
    results.extend(destination(service));
    results.push((Check::Scenario, scenario(service, scenarios)));
    if has("report_from") {
        results.push((Check::ReportPeriod, report_period(answers, service.contract, as_of)));
        results.push((Check::ReportNamesEnte, report_names_ente(answers, project)));
    }
    let lists: Vec<&str> =
        form.applicable(&facts, answers).filter(|i| i.kind == ItemKind::IpList).map(|i| i.id.as_str()).collect();
    if !lists.is_empty() {
        results.push((Check::PublicAddresses, public_addresses(answers, &lists)));
        results.push((Check::ProviderRanges, provider_ranges(answers, &lists, &service.prefixes)));
    }
    if has("public_ips") && has("access_ips") {
        results.push((Check::AddressListsAgree, address_lists_agree(answers)));
    }
    if has("system_ids") {
        results.push((Check::Identifiers, identifiers(answers, &service.identifiers_elsewhere)));
    }
    if has("public_url") {
        let url = answers.get("public_url").and_then(Answer::text).unwrap_or_default();
        results.push((Check::Url, url_finding("public_url", url).into_iter().collect()));
    }
    results.push((Check::OriginDecommissioned, origin_decommissioned(answers, as_of)));
    results.push((Check::NotFundedTwice, not_funded_twice(service.funded_elsewhere)));
    results.into_iter().map(|(check, findings)| CheckResult { check, findings }).collect()
}

/// The form names the contract and the catalogue listing it lands on.
fn contract_pinned(service: &ServiceFacts) -> Vec<Finding> {
    let mut found = Vec::new();
    if service.contract.is_none() {
        found.push(Finding::new("contract_id", Message::new("att-check-contract-missing")));
    }
    if service.listing.is_none() {
        found.push(Finding::new("listing_id", Message::new("att-check-listing-missing")));
    }
    found
}

/// Signed no earlier than the first eligible day and no later than the
/// completion (or today): eligible activities start on 1 Feb 2020 unless
/// the call says otherwise (DOMAIN.md §4).
fn contract_date(project: &ProjectFacts, contract: Option<ContractFacts>, as_of: NaiveDate) -> Vec<Finding> {
    let Some(c) = contract else { return Vec::new() };
    let last = project.completed_on.map_or(as_of, |done| done.min(as_of));
    if c.signed_on < project.eligible_from {
        let message =
            Message::new("att-check-contract-too-early").arg("signed", c.signed_on).arg("from", project.eligible_from);
        vec![Finding::new("contract_id", message)]
    } else if c.signed_on > last {
        let message = Message::new("att-check-contract-too-late").arg("signed", c.signed_on).arg("last", last);
        vec![Finding::new("contract_id", message)]
    } else {
        Vec::new()
    }
}

/// The contract carries the DNSH self-declaration (step 3 of the project).
fn dnsh(contract: Option<ContractFacts>) -> Vec<Finding> {
    match contract {
        Some(c) if !c.dnsh_declared => vec![Finding::new("contract_id", Message::new("att-check-dnsh-missing"))],
        _ => Vec::new(),
    }
}

/// The pinned listing: its type, its level, its qualification on the
/// contract date and today, each a check of its own.
fn destination(service: &ServiceFacts) -> Vec<(Check, Vec<Finding>)> {
    let found = match (&service.listing, service.contract) {
        (Some(listing), Some(c)) => exclusions(listing, service.destination(), service.data_class, c.signed_on),
        _ => Vec::new(),
    };
    let of =
        |wanted: fn(&Exclusion) -> bool| found.iter().filter(|e| wanted(e)).map(|e| e.finding("listing_id")).collect();
    vec![
        (Check::DestinationType, of(|e| matches!(e, Exclusion::WrongType { .. }))),
        (Check::DestinationLevel, of(|e| matches!(e, Exclusion::LevelTooLow { .. }))),
        (Check::QualifiedOnContract, of(|e| matches!(e, Exclusion::NotQualifiedOnContract { .. }))),
        (Check::QualifiedToday, of(|e| matches!(e, Exclusion::NotQualifiedToday { .. }))),
    ]
}

/// The origin → destination move is an admissible scenario.
fn scenario(service: &ServiceFacts, table: &ScenarioTable) -> Vec<Finding> {
    match admissible(table, service.origin, service.destination(), service.earlier_move) {
        Ok(()) => Vec::new(),
        Err(e) => vec![Finding::new("destination", e.message())],
    }
}

/// At least [`REPORT_MIN_DAYS`] of use, not before the contract was signed
/// and not after today.
fn report_period(answers: &Answers, contract: Option<ContractFacts>, as_of: NaiveDate) -> Vec<Finding> {
    let date = |id: &str| answers.get(id).and_then(Answer::date);
    let (Some(from), Some(to)) = (date("report_from"), date("report_to")) else {
        return vec![Finding::new("report_to", Message::new("att-check-report-period-missing"))];
    };
    let days = (to - from).num_days() + 1;
    let mut found = Vec::new();
    if days < REPORT_MIN_DAYS {
        let message = Message::new("att-check-report-too-short").arg("days", days).arg("minimum", REPORT_MIN_DAYS);
        found.push(Finding::new("report_to", message));
    }
    if let Some(c) = contract.filter(|c| from < c.signed_on) {
        let message = Message::new("att-check-report-before-contract").arg("signed", c.signed_on);
        found.push(Finding::new("report_from", message));
    }
    if to > as_of {
        found.push(Finding::new("report_to", Message::new("att-check-report-in-future")));
    }
    found
}

/// The report names the ente unequivocally: its full name or its IPA code.
fn report_names_ente(answers: &Answers, project: &ProjectFacts) -> Vec<Finding> {
    let named = normalise(answers.get("report_ente").and_then(Answer::text).unwrap_or_default());
    let words: Vec<&str> = named.split(' ').collect();
    let (name, ipa) = (normalise(&project.ente_name), normalise(&project.ipa_code));
    let names_it = (!name.is_empty() && named.contains(&name)) || (!ipa.is_empty() && words.contains(&ipa.as_str()));
    if names_it {
        return Vec::new();
    }
    let message =
        Message::new("att-check-report-names-ente").arg("name", &project.ente_name).arg("ipa", &project.ipa_code);
    vec![Finding::new("report_ente", message)]
}

/// Lower case, letters, digits and `_` (IPA codes have it) only, single
/// spaces.
fn normalise(text: &str) -> String {
    let kept: String = text.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { ' ' }).collect();
    kept.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Identifiers are given, each once, and no other service of the project
/// declares the same one.
fn identifiers(answers: &Answers, elsewhere: &BTreeSet<String>) -> Vec<Finding> {
    let entries = answers.get("system_ids").map(Answer::entries).unwrap_or_default();
    let mut seen = BTreeSet::new();
    let repeated: BTreeSet<&str> = entries.iter().copied().filter(|e| !seen.insert(*e)).collect();
    let shared: Vec<&str> = seen.iter().copied().filter(|e| elsewhere.contains(*e)).collect();
    let mut found = Vec::new();
    if entries.is_empty() {
        found.push(Finding::new("system_ids", Message::new("att-check-identifiers-missing")));
    }
    if !repeated.is_empty() {
        let list = repeated.into_iter().collect::<Vec<_>>().join(", ");
        found.push(Finding::new("system_ids", Message::new("att-check-identifiers-repeated").arg("list", list)));
    }
    if !shared.is_empty() {
        let list = shared.join(", ");
        found.push(Finding::new("system_ids", Message::new("att-check-identifiers-shared").arg("list", list)));
    }
    found
}

/// The origin environment is declared decommissioned, on a day not in the
/// future.
fn origin_decommissioned(answers: &Answers, as_of: NaiveDate) -> Vec<Finding> {
    if answers.get("origin_decommissioned") != Some(&Answer::Bool(true)) {
        return vec![Finding::new("origin_decommissioned", Message::new("att-check-origin-not-decommissioned"))];
    }
    match answers.get("decommissioned_on").and_then(Answer::date) {
        None => vec![Finding::new("decommissioned_on", Message::new("att-check-decommissioned-date-missing"))],
        Some(day) if day > as_of => {
            vec![Finding::new("decommissioned_on", Message::new("att-check-decommissioned-in-future"))]
        }
        Some(_) => Vec::new(),
    }
}

/// No double funding: the same ente service in another financed project
/// (DOMAIN.md §4).
fn not_funded_twice(funded_elsewhere: bool) -> Vec<Finding> {
    if !funded_elsewhere {
        return Vec::new();
    }
    vec![Finding::new("service", Message::new("att-check-funded-twice"))]
}

mod network;
#[cfg(test)]
mod tests;
