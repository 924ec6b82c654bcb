//! Applications of enti to calls made on cloudpa: the draft and its services,
//! then every fact of the lifecycle (submission, decree, CUP, contract,
//! migration of each service, completion, asseverazione, payment,
//! withdrawal). Each change is one transaction with one audit entry; a
//! change made against a state that has moved meanwhile is a conflict.

mod drafts;
mod facts;
mod rows;

use crate::audit::AuditEntry;
use crate::read::Query;
use crate::{Actor, Millis, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use cloudpa_domain::message::Message;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{AttestationOutcome, CallApplicationState};
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::open_data::FundingStatus;
use cloudpa_domain::programme::scenarios::{Destination, Origin};
use cloudpa_domain::programme::selection::ServiceChoice;
use cloudpa_domain::programme::voucher::VoucherQuote;
use cloudpa_domain::qualification::levels::DataClass;
use serde::Serialize;
use sqlx::AnyConnection;

pub(crate) use rows::{
    CHOICE_COLUMNS, CHOICE_TEXTS, ChoiceTexts, FIELDS, FROM, application_from_row, choice_from_texts, choice_values,
};

/// The topic of the notifications about an application's state.
pub const STATE_TOPIC: &str = "call_application.state";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallApplication {
    pub id: String,
    pub organisation_id: String,
    pub ente_name: String,
    pub call_id: String,
    pub call_title: String,
    pub measure: String,
    pub state: CallApplicationState,
    pub status: Option<FundingStatus>,
    pub tariff_code: String,
    pub class: u8,
    pub fee: Cents,
    pub rehost: Cents,
    pub upgrade: Cents,
    /// The voucher asked for; once financed, the amount decreed.
    pub amount: Cents,
    pub services: u32,
    pub services_migrated: u32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub window: Option<u32>,
    pub financed_on: Option<NaiveDate>,
    pub cup: Option<String>,
    pub cup_given_on: Option<NaiveDate>,
    pub contract_activated_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub attested_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    pub motivation: Option<String>,
    pub updated_at_ms: Millis,
}

/// A service the application migrates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub service_code: String,
    pub service_name: String,
    pub ente_service_id: String,
    pub data_class: DataClass,
    pub origin: Origin,
    pub destination: Destination,
    pub earlier_move: Option<NaiveDate>,
    /// A B destination declared after the decree for an A service.
    pub improved_to: Option<Destination>,
    pub migrated_on: Option<NaiveDate>,
}

/// What a new draft needs.
#[derive(Debug, Clone, Copy)]
pub struct NewApplication<'a> {
    pub organisation_id: &'a str,
    pub call: &'a Call,
    pub tariff_code: &'a str,
    pub quote: &'a VoucherQuote,
    pub created_by: &'a str,
}

/// A fact that moves an application to a new state, with what it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    Submitted {
        at: DateTime<Utc>,
        window: u32,
    },
    Decreed {
        on: NaiveDate,
        amount: Cents,
    },
    Refused {
        motivation: String,
    },
    ContractActivated {
        on: NaiveDate,
    },
    Completed {
        on: NaiveDate,
    },
    /// The asseverazione's outcome, with its motivation (empty for a
    /// positive one given without).
    Attested {
        on: NaiveDate,
        outcome: AttestationOutcome,
        motivation: String,
    },
    Paid {
        on: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
    },
}

/// The stored code of a destination.
pub fn code_of(d: Destination) -> &'static str {
    d.key()
}

impl Choice {
    /// The choice as the domain's selection rules read it.
    pub fn declared(&self) -> ServiceChoice {
        ServiceChoice {
            service: self.service_name.clone(),
            data_class: Some(self.data_class),
            origin: Some(self.origin),
            destination: self.destination,
            earlier_move: self.earlier_move,
        }
    }
}

/// The application is no longer in the state it was read in.
fn newer_change(app: &CallApplication) -> StoreError {
    StoreError::Conflict(Message::new("store-newer-change").arg("id", app.id.as_str()))
}

/// A change that touched `rows` rows found the application no longer in the
/// state it was read in when there are none.
fn unchanged_since_read(rows: u64, app: &CallApplication) -> Result<(), StoreError> {
    if rows == 0 { Err(newer_change(app)) } else { Ok(()) }
}

/// Runs `statement`, binding `app`'s id and `state` to its last two
/// parameters (`… WHERE id = $n AND state = $n+1`): it fails, so that
/// nothing is committed, when the application has moved on since it was read.
async fn change_in_state(
    conn: &mut AnyConnection,
    statement: Query<'_>,
    app: &CallApplication,
    state: CallApplicationState,
    during: impl FnOnce(sqlx::Error) -> StoreError,
) -> Result<(), StoreError> {
    let done = statement.bind(app.id.clone()).bind(state.code()).execute(conn).await.map_err(during)?;
    unchanged_since_read(done.rows_affected(), app)
}

/// The audit entry of a change of `app`.
fn audit<'a>(actor: &'a Actor, action: &'a str, app: &CallApplication, details: serde_json::Value) -> AuditEntry<'a> {
    AuditEntry { actor, action, subject: format!("call_application:{}", app.id), details }
}
