//! What the call applications API answers: a summary per application in
//! the lists, the whole application (services, voucher, dates, deadlines)
//! after every step.

use crate::api::euros;
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_domain::programme::deadlines::Standing;
use cloudpa_domain::programme::voucher::VoucherQuote;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::programme::applications::{CallApplication, Choice, code_of};
use cloudpa_workflows::programme::applications::ApplicationView;
use cloudpa_workflows::programme::deadlines::DeadlineStatus;
use cloudpa_workflows::programme::voucher_quote::VoucherQuoteBody;
use serde::Serialize;
use utoipa::ToSchema;

/// An ente's applications, newest first.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallApplicationList {
    items: Vec<CallApplicationSummary>,
}

impl CallApplicationList {
    pub(crate) fn of(apps: &[CallApplication]) -> Self {
        CallApplicationList { items: apps.iter().map(CallApplicationSummary::from).collect() }
    }
}

/// The applications in one state, for the programme office.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallApplicationQueue {
    /// The state asked for.
    #[schema(value_type = String)]
    state: CallApplicationState,
    items: Vec<CallApplicationSummary>,
}

impl CallApplicationQueue {
    pub(crate) fn of(state: CallApplicationState, apps: &[CallApplication]) -> Self {
        CallApplicationQueue { state, items: apps.iter().map(CallApplicationSummary::from).collect() }
    }
}

/// The ente that applies.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationEnte {
    /// The ente's organisation id.
    id: String,
    name: String,
}

/// The call applied to.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationCall {
    id: String,
    title: String,
}

/// What a summary and a whole application share.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallApplicationCore {
    id: String,
    ente: ApplicationEnte,
    call: ApplicationCall,
    /// draft, submitted, not_admitted, financed, contracted, completed,
    /// attested, paid, withdrawn or revoked.
    #[schema(value_type = String)]
    state: CallApplicationState,
    /// The status in the open data once financed: A (assegnato), R
    /// (rinuncia) or E (erogato).
    status: Option<&'static str>,
    /// The population class of the voucher.
    class: u8,
    /// The voucher asked for; once financed, the amount decreed.
    #[schema(value_type = f64)]
    amount_eur: serde_json::Number,
    amount_cents: i64,
    services_migrated: u32,
    submitted_at: Option<DateTime<Utc>>,
    /// The call's window the application was submitted in, from 1.
    window: Option<u32>,
    /// The day of the financing decree.
    financed_on: Option<NaiveDate>,
    /// The project's Codice Unico di Progetto.
    cup: Option<String>,
}

impl From<&CallApplication> for CallApplicationCore {
    fn from(a: &CallApplication) -> Self {
        CallApplicationCore {
            id: a.id.clone(),
            ente: ApplicationEnte { id: a.organisation_id.clone(), name: a.ente_name.clone() },
            call: ApplicationCall { id: a.call_id.clone(), title: a.call_title.clone() },
            state: a.state,
            status: a.status.map(|s| s.code()),
            class: a.class,
            amount_eur: euros(a.amount),
            amount_cents: a.amount.0,
            services_migrated: a.services_migrated,
            submitted_at: a.submitted_at,
            window: a.window,
            financed_on: a.financed_on,
            cup: a.cup.clone(),
        }
    }
}

/// An application as the lists show it.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallApplicationSummary {
    #[serde(flatten)]
    core: CallApplicationCore,
    /// How many services it migrates.
    services: u32,
}

impl From<&CallApplication> for CallApplicationSummary {
    fn from(a: &CallApplication) -> Self {
        CallApplicationSummary { core: a.into(), services: a.services }
    }
}

/// An application with its services, voucher breakdown, dates and
/// deadlines.
#[derive(Serialize, ToSchema)]
pub(crate) struct CallApplicationBody {
    #[serde(flatten)]
    core: CallApplicationCore,
    voucher: VoucherQuoteBody,
    services: Vec<ChosenService>,
    /// How many services it migrates.
    services_count: u32,
    dates: ApplicationDates,
    /// Why the programme office refused it.
    motivation: Option<String>,
    /// The project's deadlines in order: CUP, contract and, once the
    /// contract is activated, completion.
    deadlines: Vec<ApplicationDeadline>,
    /// The CUP's due date, until it is given.
    cup_due: Option<CupDue>,
    /// What still keeps a draft from being submitted.
    problems: Vec<String>,
}

impl From<&ApplicationView> for CallApplicationBody {
    fn from(view: &ApplicationView) -> Self {
        let a = &view.app;
        let today = view.as_of;
        let quote = VoucherQuote { class: a.class, fee: a.fee, rehost: a.rehost, upgrade: a.upgrade, amount: a.amount };
        CallApplicationBody {
            core: a.into(),
            voucher: quote.into(),
            services: view.choices.iter().enumerate().map(|(i, c)| ChosenService::of(i, c)).collect(),
            services_count: a.services,
            dates: ApplicationDates {
                cup_given_on: a.cup_given_on,
                contract_activated_on: a.contract_activated_on,
                completed_on: a.completed_on,
                attested_on: a.attested_on,
                paid_on: a.paid_on,
                withdrawn_on: a.withdrawn_on,
            },
            motivation: a.motivation.clone(),
            deadlines: view.deadlines.iter().map(|d| ApplicationDeadline::of(d, today)).collect(),
            cup_due: view.cup_due.map(|(due_on, days_left)| CupDue { due_on, days_left }),
            problems: view.problems.iter().map(|m| Lang::En.text(m)).collect(),
        }
    }
}

/// A service the application migrates.
#[derive(Serialize, ToSchema)]
pub(crate) struct ChosenService {
    /// Its place in the application, from 1.
    position: usize,
    /// The code on the call's list of services.
    service_code: String,
    service_name: String,
    /// The service of the ente's inventory.
    ente_service_id: String,
    /// ordinari, critici or strategici.
    #[schema(value_type = String)]
    data_class: DataClass,
    /// Where it runs today, as the call names it (e.g. `On premise strutturato`).
    origin: &'static str,
    /// iaas, paas or saas.
    destination: &'static str,
    /// A (rehost to IaaS) or B (upgrade to PaaS or SaaS).
    migration_type: &'static str,
    /// The day of an earlier move to a qualified IaaS (for IaaS qualificato → SaaS).
    earlier_move: Option<NaiveDate>,
    /// paas or saas: the improved destination declared after the decree.
    improved_to: Option<&'static str>,
    migrated_on: Option<NaiveDate>,
}

impl ChosenService {
    fn of(index: usize, c: &Choice) -> Self {
        ChosenService {
            position: index + 1,
            service_code: c.service_code.clone(),
            service_name: c.service_name.clone(),
            ente_service_id: c.ente_service_id.clone(),
            data_class: c.data_class,
            origin: c.origin.code(),
            destination: code_of(c.destination),
            migration_type: c.destination.migration_type().letter(),
            earlier_move: c.earlier_move,
            improved_to: c.improved_to.map(code_of),
            migrated_on: c.migrated_on,
        }
    }
}

/// The days each step of the project was recorded.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationDates {
    cup_given_on: Option<NaiveDate>,
    contract_activated_on: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    attested_on: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
}

/// A deadline of the project.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationDeadline {
    /// cup, contract or completion.
    #[schema(value_type = String)]
    kind: DeadlineKind,
    due_on: NaiveDate,
    /// Whether the obligation is fulfilled.
    met: bool,
    /// met, open (owed), or closed (not met and no longer owed: the
    /// project was withdrawn or revoked first).
    #[schema(value_type = String)]
    standing: Standing,
    /// Not met and past its day.
    overdue: bool,
    /// Days from today to the due date (negative once past).
    days_left: i64,
}

impl ApplicationDeadline {
    fn of(d: &DeadlineStatus, today: NaiveDate) -> Self {
        ApplicationDeadline {
            kind: d.deadline.kind,
            due_on: d.deadline.due_on,
            met: d.standing == Standing::Met,
            standing: d.standing,
            overdue: d.overdue(today),
            days_left: (d.deadline.due_on - today).num_days(),
        }
    }
}

/// When the CUP is due (within 5 days of the decree).
#[derive(Serialize, ToSchema)]
pub(crate) struct CupDue {
    due_on: NaiveDate,
    /// Days from today to the due date (negative once past).
    days_left: i64,
}
