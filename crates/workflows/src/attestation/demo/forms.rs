//! Where Masone's services land — the IaaS ones on the demo provider's
//! qualified IaaS, whose infrastructure announces its public range, the
//! SaaS one on the first admissible SaaS of the catalogue — and the
//! compliance form of each: submitted before the completion (the draft
//! left unfinished), each with the count of failed pre-checks the bulk
//! pre-check's own code finds.

use super::contract::pdf;
use super::{Cast, DemoAttestation, MIGRATED, SERVICES, ago};
use crate::attestation::bulk::{CheckContext, project_facts};
use crate::attestation::catalogue::CatalogueFacts;
use crate::attestation::forms::{definition_of, service_facts_shape};
use crate::programme::deadlines::SettingsCache;
use crate::{Error, Now};
use cloudpa_domain::attestation::addresses::{Prefix, classify};
use cloudpa_domain::attestation::destinations::{exclusions, rank_key};
use cloudpa_domain::attestation::form::{Answer, Answers, Completeness, check_answers};
use cloudpa_domain::attestation::form_editable;
use cloudpa_domain::attestation::prechecks::Check;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_store::attestation::bulk::ProjectRecords;
use cloudpa_store::attestation::contracts::Contract;
use cloudpa_store::attestation::forms::{ComplianceForm, FormState};
use cloudpa_store::blobs::BlobStore;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_store::{Actor, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

/// How a service's form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormPlan {
    /// Submitted, every answer right.
    Complete,
    /// Submitted with a resource report of 10 days (15 are needed).
    ShortReport,
    /// Submitted with a public address outside the provider's ranges.
    ForeignAddress,
    /// Only the resource report filled in, not submitted.
    Draft,
}

const INFRASTRUCTURE: &str = "DC Appennino (demo)";
const IAAS: &str = "Calcolo Appennino (demo)";
/// The public range the provider announces for its infrastructure: a
/// real-looking one, no documentation range (the pre-checks refuse those).
const RANGE: (Ipv4Addr, u8) = (Ipv4Addr::new(185, 95, 0, 0), 22);
const ANNOUNCED: u64 = 90;
pub(super) const SHORT_REPORT_FROM: u64 = 35;
pub(super) const REPORT_TO: u64 = 26;
const DECOMMISSIONED: u64 = 30;
const SUBMITTED: u64 = 25;
const DRAFT_SAVED: u64 = 22;

/// The listings the services land on, and what the checks read.
pub(super) struct Landing {
    iaas: String,
    saas: String,
    context: CheckContext,
}

/// Announces the infrastructure's range and finds the destinations, for a
/// contract signed when `contract` was.
pub(super) async fn landing(store: &Store, now: Now, cast: &Cast, contract: &Contract) -> Result<Landing, Error> {
    let infrastructures = store.list_infrastructures(&cast.provider.id).await?;
    let infrastructure = infrastructures.iter().find(|i| i.name == INFRASTRUCTURE).ok_or_else(Error::internal)?;
    let range: Prefix = format!("{}/{}", RANGE.0, RANGE.1).parse().map_err(|_| Error::internal())?;
    classify(range.network()).map_err(|kind| Error::unprocessable(kind.reason()))?;
    let announced = ago(now, ANNOUNCED);
    let ranges = [range.to_string()];
    let by = &cast.provider_admin.id;
    store.announce_prefixes(&Actor::system(), &infrastructure.id, &ranges, announced.today, by, announced.ms).await?;

    let catalogue = CatalogueFacts::all(store, now.today).await?;
    let named = |e: &&cloudpa_store::catalogue::entries::CatalogueEntry| {
        e.provider.id == cast.provider.id && e.version(e.current_version).is_some_and(|v| v.details.name == IAAS)
    };
    let iaas = catalogue.entries().find(named).ok_or_else(Error::internal)?.listing_id.clone();
    let signed_on = contract.fields.signed_on;
    let class = SERVICES.iter().find(|s| s.destination == Destination::Saas).ok_or_else(Error::internal)?.class;
    let saas = catalogue
        .entries()
        .filter_map(|e| {
            let (candidate, version) = catalogue.candidate(&e.listing_id, signed_on, now.today)?;
            let name = &e.version(version)?.details.name;
            let admissible = exclusions(&candidate, Destination::Saas, class, signed_on).is_empty();
            admissible.then(|| (rank_key(candidate.level, name, true), e.listing_id.as_str()))
        })
        .min()
        .map(|(_, id)| id.to_owned())
        .ok_or_else(|| Error::unprocessable(Message::new("att-demo-no-saas")))?;
    Ok(Landing { iaas, saas, context: CheckContext::new(catalogue, store, now.today).await? })
}

/// Fills and saves the form of every service; what was written.
pub(super) async fn fill(
    store: &Store,
    blobs: &BlobStore,
    now: Now,
    cast: &Cast,
    app: &CallApplication,
    contract: &Contract,
    landing: &Landing,
) -> Result<DemoAttestation, Error> {
    let choices = store.application_choices(&app.id).await?;
    let (submitted, saved) = (ago(now, SUBMITTED), ago(now, DRAFT_SAVED));
    let owner = &cast.masone.id;
    let proof = pdf(store, blobs, owner, "qualificazione.pdf", "Scheda di qualificazione QC2", submitted).await?;
    let screenshot = pdf(store, blobs, owner, "homepage.pdf", "Schermata della homepage", submitted).await?;
    let mut forms = Vec::with_capacity(choices.len());
    for (i, (s, choice)) in SERVICES.iter().zip(&choices).enumerate() {
        let position = i as i64 + 1;
        let definition = definition_of(choice)?;
        let facts = service_facts_shape(choice).form_facts();
        let report = match s.destination {
            Destination::Iaas => {
                let (file, title) =
                    (format!("report-risorse-{position}.pdf"), format!("Report delle risorse: {}", s.name));
                Some(pdf(store, blobs, owner, &file, &title, submitted).await?)
            }
            _ => None,
        };
        let files = Files { proof: &proof, screenshot: &screenshot, report: report.as_deref() };
        let mut answers = answers(s, position as u32, &files, cast, now);
        let applicable: BTreeSet<String> = definition.applicable(&facts, &answers).map(|i| i.id.clone()).collect();
        answers.retain(|k, _| applicable.contains(k));
        let draft = s.form == FormPlan::Draft;
        if draft {
            let report = definition.sections.iter().find(|s| s.id == "report").ok_or_else(Error::internal)?;
            answers.retain(|k, _| report.items.iter().any(|i| &i.id == k));
        }
        let mode = if draft { Completeness::Draft } else { Completeness::Submit };
        let refused = check_answers(&definition, &facts, &answers, mode);
        if !refused.is_empty() {
            return Err(Error::invalid(refused.into_iter().map(|f| (format!("answers.{}", f.field), f.message))));
        }
        let listing = if s.destination == Destination::Iaas { &landing.iaas } else { &landing.saas };
        let pinned = landing.context.catalogue.candidate(listing, contract.fields.signed_on, now.today);
        let (_, version) = pinned.ok_or_else(Error::internal)?;
        let at = if draft { saved } else { submitted };
        forms.push(ComplianceForm {
            application_id: app.id.clone(),
            position,
            contract_id: Some(contract.id.clone()),
            listing_id: Some(listing.clone()),
            listing_version: Some(version),
            form_id: definition.id.clone(),
            form_version: definition.version.clone(),
            answers,
            state: if draft { FormState::Draft } else { FormState::Submitted },
            checks_failed: 0,
            updated_at_ms: at.ms,
            submitted_at_ms: (!draft).then_some(at.ms),
            version: 1,
        });
    }
    let records = ProjectRecords {
        application: app.clone(),
        ipa_code: cast.masone.ipa_code.clone(),
        choices,
        contracts: vec![contract.clone()],
        forms: Vec::new(),
    };
    let facts = project_facts(store, &mut SettingsCache::default(), &records).await?;
    let mut failed = BTreeMap::new();
    for (form, choice, results) in landing.context.check_project(&records, &facts, &forms)? {
        let pinned = results.iter().find(|r| r.check == Check::ContractPinned).is_none_or(|r| r.passed());
        if form.state == FormState::Submitted && (!pinned || choice.migrated_on.is_none()) {
            return Err(Error::conflict(Message::new("att-demo-form-unpinned")));
        }
        failed.insert(form.position, results.iter().filter(|r| !r.passed()).count() as i64);
    }
    let mut summary = DemoAttestation { forms: forms.len(), drafts: 0, failing: 0 };
    for mut form in forms {
        form.checks_failed = failed.get(&form.position).copied().ok_or_else(Error::internal)?;
        if !form_editable(app.state, false) {
            return Err(Error::conflict(Message::new("att-demo-form-state")));
        }
        store.save_compliance_form(&Actor::system(), &form, (false, None), &cast.rtd.id, form.updated_at_ms).await?;
        summary.drafts += usize::from(form.state == FormState::Draft);
        summary.failing += usize::from(form.state == FormState::Submitted && form.checks_failed > 0);
    }
    Ok(summary)
}

/// The files a form names.
struct Files<'a> {
    proof: &'a str,
    screenshot: &'a str,
    /// The resource report, of a service landing on an IaaS.
    report: Option<&'a str>,
}

/// Every answer of the service's form as the ente would give it (those
/// that do not apply are left out by the caller), with the mistake its
/// plan calls for.
fn answers(s: &super::DemoService, position: u32, files: &Files<'_>, cast: &Cast, now: Now) -> Answers {
    let day = |days: u64| Answer::Text(ago(now, days).today.to_string());
    let text = |t: &str| Answer::Text(t.to_owned());
    let ip = |offset: u32| Ipv4Addr::from(u32::from(RANGE.0) + offset).to_string();
    let own = ip(256 + 10 * position);
    let mut public_ips = vec![own.clone()];
    if s.form == FormPlan::ForeignAddress {
        public_ips.push(ip((1 << (32 - RANGE.1)) + 20 + position));
    }
    let ente = format!("Cliente: {} (codice IPA {})", cast.masone.name, cast.masone.ipa_code.as_deref().unwrap_or("—"));
    let report_from = if s.form == FormPlan::ShortReport { SHORT_REPORT_FROM } else { MIGRATED };
    let software = BTreeMap::from([
        ("name".to_owned(), s.name.to_owned()),
        ("producer".to_owned(), "Gestionali per la PA S.r.l. (demo)".to_owned()),
        ("description".to_owned(), format!("Gestionale del servizio {}", s.name.to_lowercase())),
        ("relevance".to_owned(), "principale".to_owned()),
    ]);
    let contact = format!("Segreteria del {}, {}", cast.masone.name, cast.rtd.email);
    let mut answers: Answers = [
        ("data_class_proof", text(files.proof)),
        ("accessibility", text(if s.public { "public" } else { "private" })),
        ("public_url", Answer::Text(format!("https://servizio{position}.masone.demo.cloudpa.it/"))),
        ("homepage_screenshot", text(files.screenshot)),
        ("access_ips", Answer::List(vec![own])),
        (
            "private_addresses",
            Answer::List(vec![
                format!("10.20.{position}.10"),
                format!("https://intranet.masone.local/servizio{position}/"),
            ]),
        ),
        ("in_production", Answer::Bool(true)),
        ("origin_description", Answer::Text(format!("Server nella sala server del municipio, {} in locale", s.name))),
        ("origin_decommissioned", Answer::Bool(true)),
        ("decommissioned_on", day(DECOMMISSIONED)),
        ("verification_mode", text("videocall")),
        ("verification_contact", Answer::Text(contact)),
        ("verification_available_from", day(super::COMPLETED)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if let Some(report) = files.report {
        answers.insert("report_document".to_owned(), text(report));
        answers.extend(
            [
                ("report_issuer", text(&cast.provider.name)),
                ("report_from", day(report_from)),
                ("report_to", day(REPORT_TO)),
                ("cpu_vcpu", Answer::Number(4)),
                ("ram_gb", Answer::Number(16)),
                ("storage_gb", Answer::Number(250)),
                ("connectivity", text("1 Gbit/s, 2 collegamenti")),
                ("report_ente", Answer::Text(ente)),
                ("public_ips", Answer::List(public_ips)),
                ("software", Answer::Rows(vec![software])),
                ("system_ids", Answer::List(vec![format!("vm-masone-{position:02}")])),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v)),
        );
    }
    answers
}
