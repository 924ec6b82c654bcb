//! What the asseverazione's API answers.

use crate::i18n::Lang;
use chrono::NaiveDate;
use cloudpa_domain::attestation::Finding;
use cloudpa_domain::attestation::destinations::Exclusion;
use cloudpa_domain::attestation::prechecks::CheckResult;
use cloudpa_store::attestation::contracts::Contract;
use cloudpa_store::attestation::prefixes::AnnouncedPrefix;
use cloudpa_store::attestation::suppliers::Supplier;
use cloudpa_store::reference::Rejection;
use cloudpa_workflows::attestation::destinations::{DestinationRow, Destinations};
use cloudpa_workflows::attestation::forms::FormView;
use serde::Serialize;
use utoipa::ToSchema;

/// A supplier of migration services.
#[derive(Serialize, ToSchema)]
pub(crate) struct SupplierBody {
    id: String,
    vat_number: String,
    name: String,
    pec: String,
    /// Enabled on MEPA for the ICT services category.
    mepa_enabled: bool,
}

impl From<Supplier> for SupplierBody {
    fn from(s: Supplier) -> Self {
        SupplierBody { id: s.id, vat_number: s.vat_number, name: s.name, pec: s.pec, mepa_enabled: s.mepa_enabled }
    }
}

/// The directory, by name.
#[derive(Serialize, ToSchema)]
pub(crate) struct SupplierList {
    items: Vec<SupplierBody>,
}

impl SupplierList {
    pub(crate) fn of(items: Vec<Supplier>) -> Self {
        SupplierList { items: items.into_iter().map(SupplierBody::from).collect() }
    }
}

/// A row of an imported file that was not imported.
#[derive(Serialize, ToSchema)]
pub(crate) struct RejectedRow {
    line: u64,
    reason: String,
}

/// What an import did with every row.
#[derive(Serialize, ToSchema)]
pub(crate) struct SupplierImportBody {
    imported: usize,
    rejected: Vec<RejectedRow>,
}

impl SupplierImportBody {
    pub(crate) fn of(imported: usize, rejected: Vec<Rejection>) -> Self {
        let rejected = rejected.into_iter().map(|r| RejectedRow { line: r.line, reason: r.reason }).collect();
        SupplierImportBody { imported, rejected }
    }
}

/// A supplier contract of a project.
#[derive(Serialize, ToSchema)]
pub(crate) struct ContractBody {
    id: String,
    application_id: String,
    supplier_id: String,
    supplier_name: String,
    supplier_vat: String,
    signed_on: NaiveDate,
    object: String,
    amount_cents: i64,
    /// The signed contract's file id.
    document: String,
    /// The DNSH self-declaration's file id.
    dnsh: Option<String>,
    /// The atto ricognitivo's file id.
    recognition: Option<String>,
}

impl From<Contract> for ContractBody {
    fn from(c: Contract) -> Self {
        let f = c.fields;
        ContractBody {
            id: c.id,
            application_id: c.application_id,
            supplier_id: f.supplier_id,
            supplier_name: c.supplier_name,
            supplier_vat: c.supplier_vat,
            signed_on: f.signed_on,
            object: f.object,
            amount_cents: f.amount.0,
            document: f.document,
            dnsh: f.dnsh,
            recognition: f.recognition,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ContractList {
    items: Vec<ContractBody>,
}

impl ContractList {
    pub(crate) fn of(items: Vec<Contract>) -> Self {
        ContractList { items: items.into_iter().map(ContractBody::from).collect() }
    }
}

/// A field and what is wrong with it, in Italian and English, with the
/// code of the sentence (its key in the translation files).
#[derive(Serialize, ToSchema)]
pub(crate) struct FindingBody {
    field: String,
    code: String,
    it: String,
    en: String,
}

impl From<Finding> for FindingBody {
    fn from(f: Finding) -> Self {
        let (it, en) = (Lang::It.text(&f.message), Lang::En.text(&f.message));
        FindingBody { field: f.field, code: f.message.key.to_owned(), it, en }
    }
}

/// A listing weighed as a destination.
#[derive(Serialize, ToSchema)]
pub(crate) struct DestinationBody {
    listing_id: String,
    /// The version in force on the contract date.
    version: i64,
    name: String,
    provider: String,
    /// IaaS, PaaS or SaaS.
    kind: String,
    level: String,
    /// Why it is excluded (empty when admissible): `wrong_type`,
    /// `level_too_low`, `not_qualified_on_contract`, `not_qualified_today`.
    reasons: Vec<ExclusionBody>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ExclusionBody {
    reason: String,
    it: String,
    en: String,
}

impl From<DestinationRow> for DestinationBody {
    fn from(r: DestinationRow) -> Self {
        let reasons = r
            .exclusions
            .iter()
            .map(|e: &Exclusion| {
                let f = e.finding("listing_id");
                let reason = serde_json::to_value(e).ok().and_then(|v| v["reason"].as_str().map(str::to_owned));
                let (it, en) = (Lang::It.text(&f.message), Lang::En.text(&f.message));
                ExclusionBody { reason: reason.unwrap_or_default(), it, en }
            })
            .collect();
        DestinationBody {
            listing_id: r.listing_id,
            version: r.version,
            name: r.name,
            provider: r.provider,
            kind: r.kind.code().to_owned(),
            level: r.level.code().to_owned(),
            reasons,
        }
    }
}

/// The destinations of a service: admissible first (lowest sufficient
/// level first), then the excluded listings of its type with the reasons.
#[derive(Serialize, ToSchema)]
pub(crate) struct DestinationsBody {
    /// The day the qualification is weighed on: the contract's, or today.
    contract_on: NaiveDate,
    admissible: Vec<DestinationBody>,
    excluded: Vec<DestinationBody>,
    /// Listings of other types, left out.
    other_types: usize,
}

impl From<Destinations> for DestinationsBody {
    fn from(d: Destinations) -> Self {
        let (admissible, excluded): (Vec<_>, Vec<_>) = d.rows.into_iter().partition(|r| r.exclusions.is_empty());
        DestinationsBody {
            contract_on: d.contract_on,
            admissible: admissible.into_iter().map(DestinationBody::from).collect(),
            excluded: excluded.into_iter().map(DestinationBody::from).collect(),
            other_types: d.other_types,
        }
    }
}

/// The outcome of one pre-check.
#[derive(Serialize, ToSchema)]
pub(crate) struct CheckBody {
    check: String,
    /// `pass` or `fail`.
    outcome: String,
    findings: Vec<FindingBody>,
}

impl From<CheckResult> for CheckBody {
    fn from(r: CheckResult) -> Self {
        CheckBody {
            check: r.check.code().to_owned(),
            outcome: if r.passed() { "pass" } else { "fail" }.to_owned(),
            findings: r.findings.into_iter().map(FindingBody::from).collect(),
        }
    }
}

/// A migrated service's compliance form with its pre-checks as of today.
#[derive(Serialize, ToSchema)]
pub(crate) struct FormBody {
    application_id: String,
    position: i64,
    service_code: String,
    service_name: String,
    /// Where the service lands: iaas, paas or saas.
    destination: String,
    form_id: String,
    form_version: String,
    /// `new` before the first save, then `draft` or `submitted`.
    state: String,
    contract_id: Option<String>,
    listing_id: Option<String>,
    listing_version: Option<i64>,
    /// The answers by item id (see `/api/v1/compliance-forms/{destination}`).
    #[schema(value_type = Object)]
    answers: serde_json::Value,
    checks_failed: usize,
    checks: Vec<CheckBody>,
    /// The form's version, 0 before the first save (also its `ETag`): a
    /// save sends it back in `If-Match`.
    version: i64,
}

impl From<FormView> for FormBody {
    fn from(v: FormView) -> Self {
        let form = v.form.as_ref();
        FormBody {
            application_id: v.application.id,
            position: v.position,
            service_code: v.choice.service_code,
            service_name: v.choice.service_name,
            destination: v.definition.destination.key().to_owned(),
            form_id: v.definition.id,
            form_version: v.definition.version,
            state: form.map_or("new", |f| f.state.code()).to_owned(),
            contract_id: form.and_then(|f| f.contract_id.clone()),
            listing_id: form.and_then(|f| f.listing_id.clone()),
            listing_version: form.and_then(|f| f.listing_version),
            version: form.map_or(0, |f| f.version),
            answers: form.map_or(serde_json::json!({}), |f| serde_json::json!(f.answers)),
            checks_failed: v.checks.iter().filter(|c| !c.passed()).count(),
            checks: v.checks.into_iter().map(CheckBody::from).collect(),
        }
    }
}

/// A range announced for an infrastructure, and when it was in force.
#[derive(Serialize, ToSchema)]
pub(crate) struct PrefixBody {
    prefix: String,
    valid_from: NaiveDate,
    /// The last day in force; none while it is.
    valid_to: Option<NaiveDate>,
}

/// Every range ever announced, newest first.
#[derive(Serialize, ToSchema)]
pub(crate) struct PrefixHistory {
    items: Vec<PrefixBody>,
}

impl PrefixHistory {
    pub(crate) fn of(items: Vec<AnnouncedPrefix>) -> Self {
        let items =
            items.into_iter().map(|p| PrefixBody { prefix: p.prefix, valid_from: p.valid_from, valid_to: p.valid_to });
        PrefixHistory { items: items.collect() }
    }
}
