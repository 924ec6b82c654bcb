//! The pre-checks of every compliance form at once (`cloudpa attest
//! precheck`, and the programme office's background job): one row per
//! service and check, `pass` or `fail` with its reason. The facts are read
//! in a few queries and every form goes through the same domain rules as a
//! save.

use super::catalogue::CatalogueFacts;
use super::forms::{contract_facts, service_facts_shape};
use crate::programme::deadlines::SettingsCache;
use crate::{Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::attestation::form::FormDefinition;
use cloudpa_domain::attestation::prechecks::{CheckResult, ProjectFacts, precheck};
use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable};
use cloudpa_i18n::Lang;
use cloudpa_store::Store;
use cloudpa_store::attestation::bulk::ProjectRecords;
use cloudpa_store::attestation::forms::ComplianceForm;
use cloudpa_store::programme::applications::Choice;
use std::collections::{BTreeSet, HashMap};

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    pub project: String,
    /// The service's code in the call's list.
    pub service: String,
    pub check: &'static str,
    pub passed: bool,
    /// Why it failed: each finding's field and reason, in Italian.
    pub reason: String,
}

/// How many forms were checked, and the rows.
pub struct BulkReport {
    pub forms: usize,
    pub rows: Vec<CheckRow>,
}

/// Projects checked between two reports of progress.
const BATCH: usize = 2_000;

/// Runs every pre-check of every form (of `call_id` only, when given).
pub async fn precheck_all(store: &Store, now: Now, call_id: Option<&str>) -> Result<BulkReport, Error> {
    precheck_with_progress(store, now, call_id, &mut ()).await
}

/// Who follows a bulk pre-check: told the projects done, of how many.
pub trait Progress {
    fn report(&mut self, done: usize, total: usize) -> impl Future<Output = Result<(), Error>> + Send;
}

/// Nobody follows.
impl Progress for () {
    async fn report(&mut self, _: usize, _: usize) -> Result<(), Error> {
        Ok(())
    }
}

/// [`precheck_all`], telling `progress` (projects done, of how many) after
/// each batch. The checks are pure: each core takes a share of a batch.
pub async fn precheck_with_progress(
    store: &Store,
    now: Now,
    call_id: Option<&str>,
    progress: &mut impl Progress,
) -> Result<BulkReport, Error> {
    let projects = store.projects_with_forms(call_id).await?;
    let context = CheckContext::new(CatalogueFacts::all(store, now.today).await?, store, now.today).await?;
    let mut settings = SettingsCache::default();
    let mut report = BulkReport { forms: 0, rows: Vec::new() };
    let mut done = 0;
    progress.report(done, projects.len()).await?;
    for batch in projects.chunks(BATCH) {
        let mut facts = Vec::with_capacity(batch.len());
        for project in batch {
            facts.push(project_facts(store, &mut settings, project).await?);
        }
        for part in context.report_in_parallel(batch, &facts) {
            let part = part?;
            report.forms += part.forms;
            report.rows.extend(part.rows);
        }
        done += batch.len();
        progress.report(done, projects.len()).await?;
    }
    Ok(report)
}

impl BulkReport {
    /// The report as CSV: `project,service,check,outcome,reason`.
    pub fn write_csv(&self, sink: impl std::io::Write) -> Result<(), csv::Error> {
        let mut csv = csv::Writer::from_writer(sink);
        csv.write_record(["project", "service", "check", "outcome", "reason"])?;
        for row in &self.rows {
            let outcome = if row.passed { "pass" } else { "fail" };
            csv.write_record([row.project.as_str(), &row.service, row.check, outcome, &row.reason])?;
        }
        csv.flush()?;
        Ok(())
    }

    /// How many rows fail.
    pub fn failed(&self) -> usize {
        self.rows.iter().filter(|r| !r.passed).count()
    }
}

/// The facts of a project the checks read: its ente and the first day of
/// eligible activities of its call.
pub async fn project_facts(
    store: &Store,
    settings: &mut SettingsCache,
    project: &ProjectRecords,
) -> Result<ProjectFacts, Error> {
    let app = &project.application;
    Ok(ProjectFacts {
        ente_name: app.ente_name.clone(),
        ipa_code: project.ipa_code.clone().unwrap_or_default(),
        eligible_from: settings.get(store, &app.call_id).await?.eligibility_start,
        completed_on: app.completed_on,
    })
}

/// A form, the service it is for, and the outcome of each of its pre-checks.
pub type Checked<'a> = (&'a ComplianceForm, &'a Choice, Vec<CheckResult>);

/// What the checks of every form read beyond its project: the catalogue
/// with its ranges, the services funded twice, the admissible scenarios and
/// the form of each destination, as of one day.
pub struct CheckContext {
    pub catalogue: CatalogueFacts,
    twice: BTreeSet<(String, String)>,
    table: ScenarioTable,
    definitions: HashMap<Destination, FormDefinition>,
    today: NaiveDate,
}

impl CheckContext {
    /// Reads the services funded twice; the catalogue is the caller's.
    pub async fn new(catalogue: CatalogueFacts, store: &Store, today: NaiveDate) -> Result<CheckContext, Error> {
        CheckContext::reading(catalogue, store, None, today).await
    }

    /// The context of one project's checks: the listings its forms name,
    /// and its own services funded twice.
    pub async fn of_project(project: &ProjectRecords, store: &Store, today: NaiveDate) -> Result<CheckContext, Error> {
        let listings: Vec<String> = project.forms.iter().filter_map(|f| f.listing_id.clone()).collect();
        let catalogue = CatalogueFacts::of_listings(store, &listings, today).await?;
        CheckContext::reading(catalogue, store, Some(&project.application.id), today).await
    }

    async fn reading(
        catalogue: CatalogueFacts,
        store: &Store,
        application_id: Option<&str>,
        today: NaiveDate,
    ) -> Result<CheckContext, Error> {
        let twice = store.funded_elsewhere(application_id).await?;
        let table = ScenarioTable::official().map_err(|_| Error::internal())?;
        let definitions = Destination::ALL
            .into_iter()
            .map(|d| FormDefinition::shipped(d).map(|f| (d, f)))
            .collect::<Result<_, _>>()
            .map_err(|_| Error::internal())?;
        Ok(CheckContext { catalogue, twice, table, definitions, today })
    }

    /// The form of a service landing on `destination`.
    pub fn definition(&self, destination: Destination) -> Result<&FormDefinition, Error> {
        self.definitions.get(&destination).ok_or_else(Error::internal)
    }

    /// The reports of `projects` (each with its `facts`), one per core.
    fn report_in_parallel(
        &self,
        projects: &[ProjectRecords],
        facts: &[ProjectFacts],
    ) -> Vec<Result<BulkReport, Error>> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let share = projects.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = projects
                .chunks(share)
                .zip(facts.chunks(share))
                .map(|(projects, facts)| scope.spawn(move || self.report(projects, facts)))
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_else(|_| Err(Error::internal()))).collect()
        })
    }

    /// The report of `projects`, each with its `facts`.
    fn report(&self, projects: &[ProjectRecords], facts: &[ProjectFacts]) -> Result<BulkReport, Error> {
        let mut report = BulkReport { forms: 0, rows: Vec::new() };
        for (project, facts) in projects.iter().zip(facts) {
            for (_, choice, results) in self.check_project(project, facts, &project.forms)? {
                report.forms += 1;
                for result in results {
                    let reason = result
                        .findings
                        .iter()
                        .map(|f| format!("{}: {}", f.field, Lang::It.text(&f.message)))
                        .collect::<Vec<_>>();
                    report.rows.push(CheckRow {
                        project: project.application.id.clone(),
                        service: choice.service_code.clone(),
                        check: result.check.code(),
                        passed: result.findings.is_empty(),
                        reason: reason.join("; "),
                    });
                }
            }
        }
        Ok(report)
    }

    /// The pre-checks of each of `forms` (the forms of `project`, by
    /// position) that belongs to one of the project's services.
    pub fn check_project<'a>(
        &self,
        project: &'a ProjectRecords,
        facts: &ProjectFacts,
        forms: &'a [ComplianceForm],
    ) -> Result<Vec<Checked<'a>>, Error> {
        let app = &project.application;
        let identifiers: Vec<(i64, BTreeSet<String>)> = forms
            .iter()
            .map(|f| {
                let ids = f.answers.get("system_ids").map(|a| a.entries().into_iter().map(str::to_owned).collect());
                (f.position, ids.unwrap_or_default())
            })
            .collect();
        let mut checked = Vec::with_capacity(forms.len());
        for form in forms {
            let Some(choice) = usize::try_from(form.position - 1).ok().and_then(|i| project.choices.get(i)) else {
                continue;
            };
            let definition = self.definition(choice.improved_to.unwrap_or(choice.destination))?;
            let mut service = service_facts_shape(choice);
            let contract = form.contract_id.as_deref().and_then(|id| project.contracts.iter().find(|c| c.id == id));
            service.contract = contract.map(contract_facts);
            if let Some(listing) = form.listing_id.as_deref() {
                let on = service.contract.map_or(self.today, |c| c.signed_on);
                service.listing = self.catalogue.candidate(listing, on, self.today).map(|(c, _)| c);
                service.prefixes = self.catalogue.prefixes(listing);
            }
            service.identifiers_elsewhere = identifiers
                .iter()
                .filter(|(p, _)| *p != form.position)
                .flat_map(|(_, ids)| ids.iter().cloned())
                .collect();
            service.funded_elsewhere = self.twice.contains(&(app.id.clone(), choice.ente_service_id.clone()));
            let results = precheck(definition, facts, &service, &form.answers, &self.table, self.today);
            checked.push((form, choice, results));
        }
        Ok(checked)
    }
}
