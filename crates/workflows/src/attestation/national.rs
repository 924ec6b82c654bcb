//! The asseverazione at national scale, for demonstrations and benchmarks
//! (`cloudpa demo --scale national`, after the programme's national
//! picture): a directory of synthetic suppliers; the synthetic catalogue
//! when the database has no public listing; a /22 and a /48 announced for
//! each infrastructure of the catalogue that has none; one contract per
//! project that is contracted or later; and one compliance form per service
//! of those projects — submitted for completed, attested and paid projects,
//! a draft for contracted ones — with the mistakes of [`Mistake`] at the
//! shares it gives. Every supplier passes the directory's rule, every
//! contract `check_contract`, every form `check_answers` (to submit for a
//! submitted form, as a draft for a draft): a refusal is a bug of the
//! generator and an error. Each form keeps how many pre-checks it fails,
//! computed by the bulk pre-check's own code. The documents the rows name
//! are synthetic file ids (64 hex digits), not stored as blobs. The same
//! seed on the same picture gives the same rows.

mod answers;
mod directory;
mod listings;
mod mistakes;

pub use mistakes::Mistake;

use super::bulk::{CheckContext, project_facts};
use super::catalogue::CatalogueFacts;
use crate::programme::deadlines::SettingsCache;
use crate::{Error, Now};
use answers::Draw;
use chrono::{Days, NaiveDate};
use cloudpa_domain::attestation::addresses::Prefix;
use cloudpa_domain::attestation::contracts::{ContractTerms, check_contract};
use cloudpa_domain::attestation::form::{Completeness, ItemKind, check_answers};
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_store::attestation::batch_rows::{AttestationRows, ContractRow};
use cloudpa_store::attestation::bulk::ProjectRecords;
use cloudpa_store::attestation::contracts::{Contract, ContractFields};
use cloudpa_store::attestation::forms::{ComplianceForm, FormState};
use cloudpa_store::attestation::suppliers::Supplier;
use cloudpa_store::catalogue::import::RowOutcome;
use cloudpa_store::{Actor, Store};
use directory::{Rng, generator, uuid_like};
use listings::{Pool, Want};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NationalForms {
    /// Services of the synthetic catalogue added (none when it had some).
    pub listings_imported: usize,
    pub suppliers: usize,
    /// Ranges announced, and the infrastructures they were announced for.
    pub ranges: usize,
    pub infrastructures: usize,
    pub contracts: usize,
    pub projects: usize,
    pub forms: usize,
    pub submitted: usize,
    /// Forms that fail at least one pre-check.
    pub forms_failing: usize,
    /// Per mistake: how many contracts or forms have it, of how many could.
    pub planted: BTreeMap<Mistake, (usize, usize)>,
    /// Per pre-check: how many forms fail it.
    pub failed: BTreeMap<&'static str, usize>,
}

const SUPPLIERS: usize = 300;
/// Services of the synthetic catalogue added to a database without any.
const LISTINGS: usize = 2_000;
/// The states whose projects have a contract and forms.
const WITH_FORMS: [CallApplicationState; 4] = [
    CallApplicationState::Contracted,
    CallApplicationState::Completed,
    CallApplicationState::Attested,
    CallApplicationState::Paid,
];

/// Writes the suppliers, ranges, contracts and forms of the national
/// picture, in one transaction with one audit entry (the catalogue, when
/// added, in one more).
pub async fn seed_forms(store: &Store, actor: &Actor, seed: u64, now: Now) -> Result<NationalForms, Error> {
    let (contracts, forms) = store.attestation_record_counts().await?;
    if contracts + forms > 0 {
        return Err(Error::conflict(Message::new("att-national-not-empty")));
    }
    let mut projects = store.projects_in(&WITH_FORMS).await?;
    if projects.is_empty() {
        return Err(Error::conflict(Message::new("att-national-nothing-contracted")));
    }
    projects.sort_by(|a, b| (&a.ipa_code, &a.application.call_id).cmp(&(&b.ipa_code, &b.application.call_id)));
    let mut summary = NationalForms::default();
    let mut catalogue = CatalogueFacts::all(store, now.today).await?;
    if catalogue.entries().next().is_none() {
        summary.listings_imported = import_catalogue(store, actor, seed, now).await?;
        catalogue = CatalogueFacts::all(store, now.today).await?;
    }
    let mut rng = Rng(seed);
    let taken: BTreeSet<String> = store.suppliers().await?.into_iter().map(|s| s.vat_number).collect();
    let suppliers = directory::suppliers(&mut rng, SUPPLIERS, &taken)?;
    let pool = Pool::new(&catalogue);
    let bare: Vec<(String, NaiveDate)> = pool.bare.iter().map(|b| (b.id.clone(), b.first_qualified)).collect();
    let ranges = directory::ranges(&mut rng, &bare)?;
    catalogue.add_prefixes(
        ranges
            .iter()
            .map(|r| (r.infrastructure_id.clone(), pool.provider_of(&r.infrastructure_id), r.prefix.clone()))
            .collect(),
    );
    let all_ranges: Vec<Prefix> = ranges.iter().filter_map(|r| r.prefix.parse().ok()).collect();
    let context = CheckContext::new(catalogue, store, now.today).await?;
    let names: Vec<String> = projects.iter().map(|p| p.application.ente_name.clone()).collect();
    let mut settings = SettingsCache::default();
    let mut rows = AttestationRows { recorded_by: "system".into(), ..AttestationRows::default() };
    let seeder =
        Seeder { context: &context, pool: &pool, all_ranges: &all_ranges, names: &names, suppliers: &suppliers, now };
    for project in &mut projects {
        let facts = project_facts(store, &mut settings, project).await?;
        let (contract, mut forms) = seeder.project(&mut rng, project, facts.eligible_from, &mut summary)?;
        project.contracts.push(contract.clone());
        let failed: Vec<usize> = context
            .check_project(project, &facts, &forms)?
            .into_iter()
            .map(|(_, _, results)| {
                let failing: Vec<&'static str> =
                    results.iter().filter(|r| !r.passed()).map(|r| r.check.code()).collect();
                for code in &failing {
                    *summary.failed.entry(code).or_default() += 1;
                }
                failing.len()
            })
            .collect();
        if failed.len() != forms.len() {
            return Err(generator(format!("a form of {} has no service", project.application.id)));
        }
        for (form, failed) in forms.iter_mut().zip(failed) {
            form.checks_failed = failed as i64;
            summary.forms_failing += usize::from(failed > 0);
        }
        summary.submitted += forms.iter().filter(|f| f.state == FormState::Submitted).count();
        summary.forms += forms.len();
        summary.projects += usize::from(!forms.is_empty());
        rows.contracts.push(ContractRow {
            id: contract.id,
            application_id: contract.application_id,
            fields: contract.fields,
        });
        rows.forms.extend(forms);
    }
    summary.suppliers = suppliers.len();
    summary.ranges = ranges.len();
    summary.infrastructures = bare.len();
    summary.contracts = rows.contracts.len();
    rows.suppliers = suppliers;
    rows.prefixes = ranges;
    let details = json!({ "seed": seed, "suppliers": summary.suppliers, "ranges": summary.ranges,
                          "contracts": summary.contracts, "forms": summary.forms, "projects": summary.projects,
                          "documents": "synthetic file ids, not stored" });
    store.write_attestation_rows(actor, rows, "attestation.demo_national", "programme", details, now.ms).await?;
    Ok(summary)
}

/// Imports the synthetic catalogue; how many services it added.
async fn import_catalogue(store: &Store, actor: &Actor, seed: u64, now: Now) -> Result<usize, Error> {
    let records: Vec<_> = cloudpa_store::catalogue::synthetic::catalogue(LISTINGS, seed, now.today)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 1, r))
        .collect();
    let outcomes = store.import_catalogue(actor, "synthetic (national forms)", &records, now.ms).await?;
    Ok(outcomes.iter().filter(|(_, o)| matches!(o, RowOutcome::Imported { .. })).count())
}

/// What every project is drawn with.
struct Seeder<'a> {
    context: &'a CheckContext,
    pool: &'a Pool,
    all_ranges: &'a [Prefix],
    names: &'a [String],
    suppliers: &'a [Supplier],
    now: Now,
}

impl Seeder<'_> {
    /// The contract of `project` and a form per service.
    fn project(
        &self,
        rng: &mut Rng,
        project: &ProjectRecords,
        eligible_from: NaiveDate,
        summary: &mut NationalForms,
    ) -> Result<(Contract, Vec<ComplianceForm>), Error> {
        let app = &project.application;
        let missing = |what: &str| generator(format!("{} is {} without {what}", app.id, app.state.code()));
        let decree = app.financed_on.ok_or_else(|| missing("a decree"))?;
        let activated = app.contract_activated_on.ok_or_else(|| missing("a contract"))?;
        let signed_on = decree + Days::new(rng.below((activated - decree).num_days().max(0) as usize + 1) as u64);
        let supplier = rng.pick(self.suppliers);
        let dnsh = !rng.per_mille(Mistake::MissingDnsh.per_mille());
        tally(summary, Mistake::MissingDnsh, !dnsh);
        let fields = ContractFields {
            supplier_id: supplier.id.clone(),
            signed_on,
            object: format!("Migrazione al cloud di {} servizi — {}", project.choices.len(), app.ente_name),
            amount: Cents((app.amount.0 * (70 + rng.below(31)) as i64 / 100).max(1)),
            document: rng.file_id(),
            dnsh: dnsh.then(|| rng.file_id()),
            recognition: None,
        };
        let terms = ContractTerms { signed_on, object: &fields.object, amount: fields.amount, recognition: false };
        let refused = check_contract(CallApplicationState::Financed, &terms, eligible_from, Some(decree), activated);
        if !refused.is_empty() {
            return Err(generator(format!("contract of {}: {refused:?}", app.id)));
        }
        let contract = Contract {
            id: uuid_like(rng),
            application_id: app.id.clone(),
            supplier_name: supplier.name.clone(),
            supplier_vat: supplier.vat_number.clone(),
            fields,
        };
        let submitted = app.state != CallApplicationState::Contracted;
        let end = if submitted { app.completed_on.ok_or_else(|| missing("a completion"))? } else { self.now.today };
        let at_ms = end.and_hms_opt(9, 0, 0).map_or(self.now.ms, |t| t.and_utc().timestamp_millis());
        let mut earlier_ids: Vec<String> = Vec::new();
        let mut pinned = BTreeMap::new();
        let mut forms = Vec::with_capacity(project.choices.len());
        for (i, choice) in project.choices.iter().enumerate() {
            let destination = choice.improved_to.unwrap_or(choice.destination);
            let definition = self.context.definition(destination)?;
            let facts = super::forms::service_facts_shape(choice).form_facts();
            let critical = choice.data_class.minimum_level() > Level::QC1;
            let of_forms = Mistake::ALL.into_iter().filter(|m| *m != Mistake::MissingDnsh);
            let mut plan: BTreeSet<Mistake> = of_forms.filter(|m| rng.per_mille(m.per_mille())).collect();
            if !critical || plan.contains(&Mistake::ListingLapsed) {
                plan.remove(&Mistake::LevelTooLow);
            }
            let want = match (plan.contains(&Mistake::ListingLapsed), plan.contains(&Mistake::LevelTooLow)) {
                (true, _) => Want::LapsedAfter,
                (_, true) => Want::LevelTooLow,
                _ => Want::Admissible,
            };
            let on = (signed_on, self.now.today);
            let (listing, version, got) = self.pool.pick(
                rng,
                &self.context.catalogue,
                &mut pinned,
                (destination, choice.data_class),
                on,
                want,
            )?;
            tally(summary, Mistake::ListingLapsed, got == Want::LapsedAfter);
            if critical {
                tally(summary, Mistake::LevelTooLow, got == Want::LevelTooLow);
            }
            let ranges = self.context.catalogue.prefixes(&listing);
            let days = if plan.contains(&Mistake::ShortReport) { 5 + rng.below(10) } else { 30 + rng.below(60) } as u64;
            let other =
                if plan.contains(&Mistake::OtherEnte) { self.other_ente(rng, &app.ente_name) } else { String::new() };
            let draw = Draw {
                ente_name: &app.ente_name,
                ipa_code: project.ipa_code.as_deref().unwrap_or_default(),
                other_ente: &other,
                provider: self.pool.provider_name(&listing),
                service_name: &choice.service_name,
                migrated_on: choice.migrated_on,
                report: ((end - Days::new(days - 1)).max(signed_on), end),
                end,
                today: self.now.today,
                submitted,
                ranges: &ranges,
                all_ranges: self.all_ranges,
                earlier_ids: &earlier_ids,
            };
            let (answers, mut planted) = answers::answers(rng, definition, &facts, &draw, &plan)?;
            if plan.contains(&Mistake::ShortReport) && answers.contains_key("report_to") {
                planted.insert(Mistake::ShortReport);
            }
            let has = |id: &str| answers.contains_key(id);
            let lists = definition.items().any(|i| i.kind == ItemKind::IpList && has(&i.id));
            for (mistake, could) in [
                (Mistake::PrivateAddress, lists),
                (Mistake::OutsideRanges, lists),
                (Mistake::ShortReport, has("report_to")),
                (Mistake::OtherEnte, has("report_ente")),
                (Mistake::DuplicateIdentifier, has("system_ids") && !earlier_ids.is_empty()),
                (Mistake::HttpUrl, has("public_url")),
                (Mistake::OriginNotDecommissioned, submitted),
            ] {
                if could {
                    tally(summary, mistake, planted.contains(&mistake));
                }
            }
            let mode = if submitted { Completeness::Submit } else { Completeness::Draft };
            let refused = check_answers(definition, &facts, &answers, mode);
            if !refused.is_empty() {
                return Err(generator(format!("form {} of {}: {refused:?}", i + 1, app.id)));
            }
            if let Some(ids) = answers.get("system_ids") {
                earlier_ids.extend(ids.entries().into_iter().map(str::to_owned));
            }
            forms.push(ComplianceForm {
                application_id: app.id.clone(),
                position: i as i64 + 1,
                contract_id: Some(contract.id.clone()),
                listing_id: Some(listing),
                listing_version: Some(version),
                form_id: definition.id.clone(),
                form_version: definition.version.clone(),
                answers,
                state: if submitted { FormState::Submitted } else { FormState::Draft },
                checks_failed: 0,
                updated_at_ms: if submitted { at_ms } else { self.now.ms },
                submitted_at_ms: submitted.then_some(at_ms),
                version: 1,
            });
        }
        Ok((contract, forms))
    }

    /// Another ente's name, for a report that names the wrong one.
    fn other_ente(&self, rng: &mut Rng, ours: &str) -> String {
        let ours = ours.to_lowercase();
        (0..10)
            .map(|_| rng.pick(self.names).clone())
            .find(|n| !n.to_lowercase().contains(&ours))
            .unwrap_or_else(|| "Comune di Roma".to_owned())
    }
}

fn tally(summary: &mut NationalForms, mistake: Mistake, has: bool) {
    let (planted, could) = summary.planted.entry(mistake).or_default();
    *planted += usize::from(has);
    *could += 1;
}
