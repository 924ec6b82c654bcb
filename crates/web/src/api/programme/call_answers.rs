//! What the operations on a call's versions, list of services and settings
//! answer.

use chrono::NaiveDate;
use cloudpa_domain::programme::services::ListedService;
use cloudpa_domain::programme::settings::{CallSettings, ClassDeadlines, WindowDates};
use cloudpa_store::Millis;
use cloudpa_store::programme::setup::ServiceList;
use serde::Serialize;
use utoipa::ToSchema;

/// The versions of a call written by the programme office, oldest first.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallVersions {
    call_id: String,
    items: Vec<CallVersion>,
}

impl CallVersions {
    pub(crate) fn of(call_id: String, versions: Vec<(i64, serde_json::Value, String, Millis)>) -> Self {
        let items = versions
            .into_iter()
            .map(|(version, call, changed_by, at)| CallVersion {
                version,
                call,
                changed_by,
                at: chrono::DateTime::from_timestamp_millis(at).map(|t| t.to_rfc3339()),
            })
            .collect();
        CallVersions { call_id, items }
    }
}

/// A version of a call.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallVersion {
    /// From 1.
    version: i64,
    /// The call's fields as the version recorded them: `{id, title, measure,
    /// opens_on, closes_on, status, budget, measure_budget, targets}`, the
    /// amounts in cents. Stored JSON, answered as it was written (hence a
    /// free-form object in this document).
    #[schema(value_type = Object)]
    call: serde_json::Value,
    /// The id of the user who wrote it.
    changed_by: String,
    /// When it was written (RFC 3339).
    at: Option<String>,
}

/// A call's list of services as in force.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallServiceList {
    call_id: String,
    /// 0 for the shipped provisional list.
    version: i64,
    /// Whether it is the provisional list ("elenco provvisorio").
    provisional: bool,
    /// Where the list came from: the shipped file, or `API`.
    source: String,
    services: Vec<CallListedService>,
}

impl From<ServiceList> for CallServiceList {
    fn from(l: ServiceList) -> Self {
        CallServiceList {
            call_id: l.call_id,
            version: l.version,
            provisional: l.provisional,
            source: l.source,
            services: l.services.into_iter().map(CallListedService::from).collect(),
        }
    }
}

/// A service of a call's list.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallListedService {
    code: String,
    name: String,
}

impl From<ListedService> for CallListedService {
    fn from(s: ListedService) -> Self {
        CallListedService { code: s.code, name: s.name }
    }
}

/// A version of a call's settings.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallSettingsVersion {
    call_id: String,
    /// 0 for the defaults (one window, the call's dates; 6 and 15 months).
    version: i64,
    settings: CallSettingsRecord,
}

impl CallSettingsVersion {
    pub(crate) fn of(call_id: String, version: i64, settings: CallSettings) -> Self {
        CallSettingsVersion { call_id, version, settings: settings.into() }
    }
}

/// A call's windows and the deadlines of its financed projects.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallSettingsRecord {
    /// In order, not overlapping.
    windows: Vec<CallWindow>,
    /// Per range of population classes; every class in exactly one range.
    deadlines: Vec<CallClassDeadlines>,
    /// The first day of eligible activities: a contract activated earlier
    /// is not financed.
    eligibility_start: NaiveDate,
}

impl From<CallSettings> for CallSettingsRecord {
    fn from(s: CallSettings) -> Self {
        CallSettingsRecord {
            windows: s.windows.into_iter().map(CallWindow::from).collect(),
            deadlines: s.deadlines.into_iter().map(CallClassDeadlines::from).collect(),
            eligibility_start: s.eligibility_start,
        }
    }
}

/// A window of a call, both days included.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallWindow {
    opens_on: NaiveDate,
    closes_on: NaiveDate,
}

impl From<WindowDates> for CallWindow {
    fn from(w: WindowDates) -> Self {
        CallWindow { opens_on: w.opens_on, closes_on: w.closes_on }
    }
}

/// The terms of the projects of a range of population classes.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallClassDeadlines {
    from_class: u8,
    to_class: u8,
    /// Months to sign the contract after the financing decree.
    contract_months: u32,
    /// Months to complete after the contract's activation.
    completion_months: u32,
}

impl From<ClassDeadlines> for CallClassDeadlines {
    fn from(d: ClassDeadlines) -> Self {
        CallClassDeadlines {
            from_class: d.from_class,
            to_class: d.to_class,
            contract_months: d.contract_months,
            completion_months: d.completion_months,
        }
    }
}
