//! The rows of applications and of the services they migrate: the columns
//! read into a [`CallApplication`] or a [`Choice`], and written from a choice.

use super::{CallApplication, Choice, code_of};
use crate::StoreError;
use crate::batch::Value;
use crate::qualification::corrupt;
use crate::read::{optional_date, parse_date};
use chrono::DateTime;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::open_data::FundingStatus;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_domain::qualification::levels::DataClass;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The fields [`application_from_row`] reads (28 columns), from [`FROM`].
pub(crate) const FIELDS: &str = "a.id, a.organisation_id, o.name AS ente_name, a.call_id, a.call_title, a.measure, \
    a.state, a.status, a.tariff_code, a.tariff_class, a.fee_cents, a.rehost_cents, a.upgrade_cents, a.amount_cents, \
    a.services, a.services_migrated, a.submitted_at, a.time_window, a.financed_on, a.cup, a.cup_given_on, \
    a.contract_activated_on, a.completed_on, a.attested_on, a.paid_on, a.withdrawn_on, a.motivation, a.updated_at_ms";

pub(crate) const FROM: &str = "FROM call_applications a JOIN organisations o ON o.id = a.organisation_id";

pub(crate) fn application_from_row(r: &AnyRow) -> Result<CallApplication, StoreError> {
    let during = |e| StoreError::during("read an application to a call", e);
    let count = |column: &str| r.try_get::<i64, _>(column).map(|n| u32::try_from(n).unwrap_or(0)).map_err(during);
    let state: String = r.try_get("state").map_err(during)?;
    let status: Option<String> = r.try_get("status").map_err(during)?;
    let submitted: Option<String> = r.try_get("submitted_at").map_err(during)?;
    Ok(CallApplication {
        id: r.try_get("id").map_err(during)?,
        organisation_id: r.try_get("organisation_id").map_err(during)?,
        ente_name: r.try_get("ente_name").map_err(during)?,
        call_id: r.try_get("call_id").map_err(during)?,
        call_title: r.try_get("call_title").map_err(during)?,
        measure: r.try_get("measure").map_err(during)?,
        state: CallApplicationState::parse(&state).ok_or_else(|| corrupt("application state", &state))?,
        status: status.map(|s| FundingStatus::parse(&s).ok_or_else(|| corrupt("status", &s))).transpose()?,
        tariff_code: r.try_get("tariff_code").map_err(during)?,
        class: u8::try_from(r.try_get::<i64, _>("tariff_class").map_err(during)?).unwrap_or(0),
        fee: Cents(r.try_get("fee_cents").map_err(during)?),
        rehost: Cents(r.try_get("rehost_cents").map_err(during)?),
        upgrade: Cents(r.try_get("upgrade_cents").map_err(during)?),
        amount: Cents(r.try_get("amount_cents").map_err(during)?),
        services: count("services")?,
        services_migrated: count("services_migrated")?,
        submitted_at: submitted
            .map(|t| DateTime::parse_from_rfc3339(&t).map(|d| d.to_utc()).map_err(|_| corrupt("instant", &t)))
            .transpose()?,
        window: r.try_get::<Option<i64>, _>("time_window").map_err(during)?.and_then(|w| u32::try_from(w).ok()),
        financed_on: optional_date(r, "financed_on", during)?,
        cup: r.try_get("cup").map_err(during)?,
        cup_given_on: optional_date(r, "cup_given_on", during)?,
        contract_activated_on: optional_date(r, "contract_activated_on", during)?,
        completed_on: optional_date(r, "completed_on", during)?,
        attested_on: optional_date(r, "attested_on", during)?,
        paid_on: optional_date(r, "paid_on", during)?,
        withdrawn_on: optional_date(r, "withdrawn_on", during)?,
        motivation: r.try_get("motivation").map_err(during)?,
        updated_at_ms: r.try_get("updated_at_ms").map_err(during)?,
    })
}

pub(crate) fn choice_from_row(r: &AnyRow) -> Result<Choice, StoreError> {
    let during = |e| StoreError::during("read an application's service", e);
    let text = |column: &str| r.try_get::<String, _>(column).map_err(during);
    let optional = |column: &str| r.try_get::<Option<String>, _>(column).map_err(during);
    choice_from_texts(ChoiceTexts {
        service_code: text("service_code")?,
        service_name: text("service_name")?,
        ente_service_id: text("ente_service_id")?,
        data_class: text("data_class")?,
        origin: text("origin")?,
        destination: text("destination")?,
        earlier_move: optional("earlier_move")?,
        improved_to: optional("improved_to")?,
        migrated_on: optional("migrated_on")?,
    })
}

/// The stored texts of a choice, column by column (as a row or a JSON
/// array gives them).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct ChoiceTexts {
    pub(crate) service_code: String,
    pub(crate) service_name: String,
    pub(crate) ente_service_id: String,
    pub(crate) data_class: String,
    pub(crate) origin: String,
    pub(crate) destination: String,
    pub(crate) earlier_move: Option<String>,
    pub(crate) improved_to: Option<String>,
    pub(crate) migrated_on: Option<String>,
}

/// The columns a [`ChoiceTexts`] holds, in its order.
pub(crate) const CHOICE_TEXTS: &str = "service_code, service_name, ente_service_id, data_class, origin, destination, earlier_move, improved_to, migrated_on";

pub(crate) fn choice_from_texts(t: ChoiceTexts) -> Result<Choice, StoreError> {
    let destination = |code: &str| Destination::ALL.into_iter().find(|d| code_of(*d) == code);
    let date = |text: Option<String>| text.as_deref().map(parse_date).transpose();
    Ok(Choice {
        data_class: DataClass::ALL
            .into_iter()
            .find(|d| d.code() == t.data_class)
            .ok_or_else(|| corrupt("data class", &t.data_class))?,
        origin: t.origin.parse().map_err(|_| corrupt("origin", "?"))?,
        destination: destination(&t.destination).ok_or_else(|| corrupt("destination", &t.destination))?,
        earlier_move: date(t.earlier_move)?,
        improved_to: t.improved_to.map(|i| destination(&i).ok_or_else(|| corrupt("destination", &i))).transpose()?,
        migrated_on: date(t.migrated_on)?,
        service_code: t.service_code,
        service_name: t.service_name,
        ente_service_id: t.ente_service_id,
    })
}

pub(crate) const CHOICE_COLUMNS: &[&str] = &[
    "application_id",
    "position",
    "service_code",
    "service_name",
    "ente_service_id",
    "data_class",
    "origin",
    "destination",
    "earlier_move",
    "improved_to",
    "migrated_on",
];

pub(crate) fn choice_values(application_id: &str, index: usize, c: &Choice) -> Vec<Value> {
    vec![
        Value::Text(application_id.to_owned()),
        Value::Int(index as i64 + 1),
        Value::Text(c.service_code.clone()),
        Value::Text(c.service_name.clone()),
        Value::Text(c.ente_service_id.clone()),
        Value::Text(c.data_class.code().to_owned()),
        Value::Text(c.origin.code().to_owned()),
        Value::Text(code_of(c.destination).to_owned()),
        Value::OptText(c.earlier_move.map(|d| d.to_string())),
        Value::OptText(c.improved_to.map(|d| code_of(d).to_owned())),
        Value::OptText(c.migrated_on.map(|d| d.to_string())),
    ]
}
