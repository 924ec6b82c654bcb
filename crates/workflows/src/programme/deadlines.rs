//! The deadlines of a financed application, from its call's settings (the
//! terms of its population class) and its dates.

use crate::Error;
use chrono::NaiveDate;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::deadlines::{Deadline, DeadlineKind, DeadlineRules, Period, ProjectDates, deadlines};
use cloudpa_domain::programme::settings::{CallSettings, defaults};
use cloudpa_store::Store;
use cloudpa_store::programme::applications::CallApplication;
use serde::Serialize;
use std::collections::HashMap;

/// How many population classes a call's deadlines cover: its tariff's, or
/// one for a call without a per-class tariff.
pub async fn classes_of(store: &Store, call: &Call) -> Result<u8, Error> {
    Ok(match call.voucher_tariff() {
        Some(code) => store.tariff(code).await?.map_or(1, |t| t.classes().len() as u8),
        None => 1,
    })
}

/// A call's settings in force, with their version (0: the defaults).
pub async fn settings_of(store: &Store, call: &Call) -> Result<(i64, CallSettings), Error> {
    Ok(match store.call_settings(&call.id).await? {
        Some(saved) => saved,
        None => (0, defaults(call.opens_on, call.closes_on, classes_of(store, call).await?)),
    })
}

/// The settings of the calls met so far, read once each.
#[derive(Default)]
pub struct SettingsCache(HashMap<String, CallSettings>);

impl SettingsCache {
    pub async fn get(&mut self, store: &Store, call_id: &str) -> Result<&CallSettings, Error> {
        if !self.0.contains_key(call_id) {
            let call = store.find_call(call_id).await?.ok_or_else(Error::internal)?;
            let settings = settings_of(store, &call).await?.1;
            self.0.insert(call_id.to_owned(), settings);
        }
        self.0.get(call_id).ok_or_else(Error::internal)
    }
}

/// A deadline with whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineStatus {
    #[serde(flatten)]
    pub deadline: Deadline,
    pub met: bool,
}

impl DeadlineStatus {
    /// Open and past its day.
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        !self.met && self.deadline.overdue(as_of)
    }
}

/// The deadlines of `app` (none before the decree) and which are met: the
/// CUP once given, the contract once activated, completion once complete.
pub fn deadlines_of(app: &CallApplication, settings: &CallSettings) -> Vec<DeadlineStatus> {
    let (Some(decree_on), Some(terms)) = (app.financed_on, settings.deadlines_for(app.class)) else {
        return Vec::new();
    };
    let rules = DeadlineRules {
        contract: Period::Months(terms.contract_months),
        completion: Period::Months(terms.completion_months),
        final_by: None,
    };
    let dates = ProjectDates { admitted_on: decree_on, decree_on, contract_activated_on: app.contract_activated_on };
    deadlines(&rules, &dates)
        .into_iter()
        .map(|deadline| {
            let met = match deadline.kind {
                DeadlineKind::Cup => app.cup_given_on.is_some(),
                DeadlineKind::Contract => app.contract_activated_on.is_some(),
                DeadlineKind::Completion => app.completed_on.is_some(),
            };
            DeadlineStatus { deadline, met: met || !app.state.is_running() }
        })
        .collect()
}

/// The first open deadline, if any.
pub fn next_open(list: &[DeadlineStatus]) -> Option<&DeadlineStatus> {
    list.iter().filter(|d| !d.met).min_by_key(|d| d.deadline.due_on)
}
