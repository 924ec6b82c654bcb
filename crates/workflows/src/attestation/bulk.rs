//! The pre-checks of every compliance form at once (`cloudpa attest
//! precheck`, and the programme office's background job): one row per
//! service and check, `pass` or `fail` with its reason. The facts are read
//! in a few queries and every form goes through the same domain rules as a
//! save.

use super::catalogue::CatalogueFacts;
use super::forms::{contract_facts, service_facts_shape};
use crate::programme::deadlines::SettingsCache;
use crate::{Error, Now};
use cloudpa_domain::attestation::form::FormDefinition;
use cloudpa_domain::attestation::prechecks::{ProjectFacts, precheck};
use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable};
use cloudpa_store::Store;
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

/// Runs every pre-check of every form (of `call_id` only, when given).
pub async fn precheck_all(store: &Store, now: Now, call_id: Option<&str>) -> Result<BulkReport, Error> {
    let projects = store.projects_with_forms(call_id).await?;
    let mut forms = HashMap::new();
    for form in store.all_compliance_forms().await? {
        forms.entry(form.application_id.clone()).or_insert_with(Vec::new).push(form);
    }
    let catalogue = CatalogueFacts::all(store, now.today).await?;
    let twice = store.funded_elsewhere(None).await?;
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let definitions: HashMap<Destination, FormDefinition> = Destination::ALL
        .into_iter()
        .map(|d| FormDefinition::shipped(d).map(|f| (d, f)))
        .collect::<Result<_, _>>()
        .map_err(|_| Error::internal())?;
    let mut settings = SettingsCache::default();
    let (mut count, mut rows) = (0, Vec::new());
    for project in projects {
        let app = &project.application;
        let eligible_from = settings.get(store, &app.call_id).await?.eligibility_start;
        let facts = ProjectFacts {
            ente_name: app.ente_name.clone(),
            ipa_code: project.ipa_code.clone().unwrap_or_default(),
            eligible_from,
            completed_on: app.completed_on,
        };
        let app_forms = forms.remove(&app.id).unwrap_or_default();
        let identifiers: Vec<(i64, BTreeSet<String>)> = app_forms
            .iter()
            .map(|f| {
                let ids = f.answers.get("system_ids").map(|a| a.entries().into_iter().map(str::to_owned).collect());
                (f.position, ids.unwrap_or_default())
            })
            .collect();
        for form in &app_forms {
            let Some(choice) = usize::try_from(form.position - 1).ok().and_then(|i| project.choices.get(i)) else {
                continue;
            };
            let definition =
                definitions.get(&choice.improved_to.unwrap_or(choice.destination)).ok_or_else(Error::internal)?;
            let mut service = service_facts_shape(choice);
            let contract = form.contract_id.as_deref().and_then(|id| project.contracts.iter().find(|c| c.id == id));
            service.contract = contract.map(contract_facts);
            if let Some(listing) = form.listing_id.as_deref() {
                let on = service.contract.map_or(now.today, |c| c.signed_on);
                service.listing = catalogue.candidate(listing, on, now.today).map(|(c, _)| c);
                service.prefixes = catalogue.prefixes(listing);
            }
            service.identifiers_elsewhere = identifiers
                .iter()
                .filter(|(p, _)| *p != form.position)
                .flat_map(|(_, ids)| ids.iter().cloned())
                .collect();
            service.funded_elsewhere = twice.contains(&(app.id.clone(), choice.ente_service_id.clone()));
            count += 1;
            for result in precheck(definition, &facts, &service, &form.answers, &table, now.today) {
                let reason = result.findings.iter().map(|f| format!("{}: {}", f.field, f.it)).collect::<Vec<_>>();
                rows.push(CheckRow {
                    project: app.id.clone(),
                    service: choice.service_code.clone(),
                    check: result.check.code(),
                    passed: result.findings.is_empty(),
                    reason: reason.join("; "),
                });
            }
        }
    }
    Ok(BulkReport { forms: count, rows })
}
