//! The deadlines of a financed application, from its call's settings (the
//! terms of its population class) and its dates.

use crate::Error;
use chrono::NaiveDate;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::deadlines::{
    Deadline, DeadlineRules, Fulfilment, Period, ProjectDates, Standing, deadlines,
};
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

/// A deadline with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineStatus {
    #[serde(flatten)]
    pub deadline: Deadline,
    pub standing: Standing,
}

impl DeadlineStatus {
    pub fn is_open(&self) -> bool {
        self.standing == Standing::Open
    }

    /// Open and past its day.
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        self.is_open() && self.deadline.overdue(as_of)
    }
}

/// The deadlines of `app` (none before the decree) and where each stands.
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
    let done = Fulfilment {
        cup_given_on: app.cup_given_on,
        contract_activated_on: app.contract_activated_on,
        completed_on: app.completed_on,
    };
    deadlines(&rules, &dates)
        .into_iter()
        .map(|deadline| DeadlineStatus { standing: deadline.standing(&done, app.state.is_running()), deadline })
        .collect()
}

/// The first open deadline, if any.
pub fn next_open(list: &[DeadlineStatus]) -> Option<&DeadlineStatus> {
    list.iter().filter(|d| d.is_open()).min_by_key(|d| d.deadline.due_on)
}
