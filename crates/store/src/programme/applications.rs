//! Applications of enti to calls made on cloudpa: the draft and its services,
//! then every fact of the lifecycle (submission, decree, CUP, contract,
//! migration of each service, completion, asseverazione, payment,
//! withdrawal). Each change is one transaction with one audit entry; a
//! change made against a state that has moved meanwhile is a conflict.

use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::outbox::enqueue;
use crate::qualification::corrupt;
use crate::{Actor, Millis, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{ApplicationState, AttestationOutcome};
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::open_data::FundingStatus;
use cloudpa_domain::programme::scenarios::{Destination, Origin};
use cloudpa_domain::programme::selection::ServiceChoice;
use cloudpa_domain::programme::voucher::VoucherQuote;
use cloudpa_domain::qualification::levels::DataClass;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

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
    pub state: ApplicationState,
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
    Submitted { at: DateTime<Utc>, window: u32 },
    Decreed { on: NaiveDate, amount: Cents },
    Refused { motivation: String },
    ContractActivated { on: NaiveDate },
    Completed { on: NaiveDate },
    Attested { on: NaiveDate, outcome: AttestationOutcome },
    Paid { on: NaiveDate },
    Withdrawn { on: NaiveDate },
}

/// The fields [`application_from_row`] reads (28 columns), from [`FROM`].
pub(crate) const FIELDS: &str = "a.id, a.organisation_id, o.name, a.call_id, a.call_title, a.measure, a.state, a.status, \
    a.tariff_code, a.tariff_class, a.fee_cents, a.rehost_cents, a.upgrade_cents, a.amount_cents, a.services, \
    a.services_migrated, a.submitted_at, a.time_window, a.financed_on, a.cup, a.cup_given_on, \
    a.contract_activated_on, a.completed_on, a.attested_on, a.paid_on, a.withdrawn_on, a.motivation, a.updated_at_ms";

pub(crate) const FROM: &str = "FROM call_applications a JOIN organisations o ON o.id = a.organisation_id";

fn day(r: &AnyRow, i: usize) -> Result<Option<NaiveDate>, StoreError> {
    let text: Option<String> = r.try_get(i)?;
    text.map(|t| t.parse().map_err(|_| corrupt("date", &t))).transpose()
}

fn count(r: &AnyRow, i: usize) -> Result<u32, StoreError> {
    Ok(u32::try_from(r.try_get::<i64, _>(i)?).unwrap_or(0))
}

pub(crate) fn application_from_row(r: &AnyRow) -> Result<CallApplication, StoreError> {
    let state: String = r.try_get(6)?;
    let status: Option<String> = r.try_get(7)?;
    let submitted: Option<String> = r.try_get(16)?;
    Ok(CallApplication {
        id: r.try_get(0)?,
        organisation_id: r.try_get(1)?,
        ente_name: r.try_get(2)?,
        call_id: r.try_get(3)?,
        call_title: r.try_get(4)?,
        measure: r.try_get(5)?,
        state: ApplicationState::parse(&state).ok_or_else(|| corrupt("application state", &state))?,
        status: status.map(|s| FundingStatus::parse(&s).ok_or_else(|| corrupt("status", &s))).transpose()?,
        tariff_code: r.try_get(8)?,
        class: u8::try_from(r.try_get::<i64, _>(9)?).unwrap_or(0),
        fee: Cents(r.try_get(10)?),
        rehost: Cents(r.try_get(11)?),
        upgrade: Cents(r.try_get(12)?),
        amount: Cents(r.try_get(13)?),
        services: count(r, 14)?,
        services_migrated: count(r, 15)?,
        submitted_at: submitted
            .map(|t| DateTime::parse_from_rfc3339(&t).map(|d| d.to_utc()).map_err(|_| corrupt("instant", &t)))
            .transpose()?,
        window: r.try_get::<Option<i64>, _>(17)?.and_then(|w| u32::try_from(w).ok()),
        financed_on: day(r, 18)?,
        cup: r.try_get(19)?,
        cup_given_on: day(r, 20)?,
        contract_activated_on: day(r, 21)?,
        completed_on: day(r, 22)?,
        attested_on: day(r, 23)?,
        paid_on: day(r, 24)?,
        withdrawn_on: day(r, 25)?,
        motivation: r.try_get(26)?,
        updated_at_ms: r.try_get(27)?,
    })
}

fn choice_from_row(r: &AnyRow) -> Result<Choice, StoreError> {
    let class: String = r.try_get(3)?;
    let text = |i: usize| r.try_get::<String, _>(i);
    let destination = |code: &str| Destination::ALL.into_iter().find(|d| code_of(*d) == code);
    let declared = text(5)?;
    let improved: Option<String> = r.try_get(7)?;
    Ok(Choice {
        service_code: text(0)?,
        service_name: text(1)?,
        ente_service_id: text(2)?,
        data_class: DataClass::ALL
            .into_iter()
            .find(|d| d.code() == class)
            .ok_or_else(|| corrupt("data class", &class))?,
        origin: text(4)?.parse().map_err(|_| corrupt("origin", "?"))?,
        destination: destination(&declared).ok_or_else(|| corrupt("destination", &declared))?,
        earlier_move: day(r, 6)?,
        improved_to: improved.map(|i| destination(&i).ok_or_else(|| corrupt("destination", &i))).transpose()?,
        migrated_on: day(r, 8)?,
    })
}

/// The stored code of a destination.
pub fn code_of(d: Destination) -> &'static str {
    match d {
        Destination::Iaas => "iaas",
        Destination::Paas => "paas",
        Destination::Saas => "saas",
    }
}

impl Store {
    /// Opens a draft application, worth its quote until services are
    /// chosen; returns it.
    pub async fn create_call_application(
        &self,
        actor: &Actor,
        new: &NewApplication<'_>,
        at: Millis,
    ) -> Result<CallApplication, StoreError> {
        let NewApplication { organisation_id, call, tariff_code, quote, created_by } = *new;
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO call_applications (id, organisation_id, call_id, call_title, measure, state, tariff_code, \
             tariff_class, fee_cents, rehost_cents, upgrade_cents, amount_cents, services, services_migrated, \
             created_by, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, 0, 0, $12, $13, $13)",
        )
        .bind(&id)
        .bind(organisation_id)
        .bind(&call.id)
        .bind(&call.title)
        .bind(&call.measure)
        .bind(tariff_code)
        .bind(i64::from(quote.class))
        .bind(quote.fee.0)
        .bind(quote.rehost.0)
        .bind(quote.upgrade.0)
        .bind(quote.amount.0)
        .bind(created_by)
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(|e| crate::accounts::conflict(e, format!("an application of this ente to `{}`", call.title)))?;
        let entry = AuditEntry {
            actor,
            action: "call_application.create",
            subject: format!("call_application:{id}"),
            details: json!({ "organisation": organisation_id, "call": call.id, "class": quote.class }),
        };
        tx.commit(entry, at).await?;
        self.call_application(&id).await?.ok_or_else(|| StoreError::NotFound(format!("application {id}")))
    }

    pub async fn call_application(&self, id: &str) -> Result<Option<CallApplication>, StoreError> {
        let sql = format!("SELECT {FIELDS} {FROM} WHERE a.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(application_from_row).transpose()
    }

    /// An ente's applications, newest call first.
    pub async fn call_applications_of(&self, organisation_id: &str) -> Result<Vec<CallApplication>, StoreError> {
        let sql = format!("SELECT {FIELDS} {FROM} WHERE a.organisation_id = $1 ORDER BY a.created_at_ms DESC, a.id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(organisation_id).fetch_all(&self.pool).await?;
        rows.iter().map(application_from_row).collect()
    }

    /// Applications in `states`, oldest submission first: the programme
    /// office's queue, the reminders' sweep.
    pub async fn call_applications_in(&self, states: &[ApplicationState]) -> Result<Vec<CallApplication>, StoreError> {
        let codes: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
        let sql = format!(
            "SELECT {FIELDS} {FROM} WHERE a.state IN ({}) ORDER BY a.submitted_at, a.id",
            if codes.is_empty() { "''".to_owned() } else { codes.join(", ") }
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(application_from_row).collect()
    }

    /// The services of an application, in the order chosen.
    pub async fn application_choices(&self, id: &str) -> Result<Vec<Choice>, StoreError> {
        let rows = sqlx::query(
            "SELECT service_code, service_name, ente_service_id, data_class, origin, destination, earlier_move, \
             improved_to, migrated_on FROM call_application_services WHERE application_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(choice_from_row).collect()
    }

    /// Replaces the services of a draft and its worth.
    pub async fn save_choices(
        &self,
        actor: &Actor,
        app: &CallApplication,
        choices: &[Choice],
        quote: &VoucherQuote,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE call_applications SET services = $1, tariff_class = $2, fee_cents = $3, rehost_cents = $4, \
             upgrade_cents = $5, amount_cents = $6, updated_at_ms = $7 WHERE id = $8 AND state = 'draft'",
        )
        .bind(choices.len() as i64)
        .bind(i64::from(quote.class))
        .bind(quote.fee.0)
        .bind(quote.rehost.0)
        .bind(quote.upgrade.0)
        .bind(quote.amount.0)
        .bind(at)
        .bind(&app.id)
        .execute(tx.conn())
        .await?;
        unchanged_since_read(done.rows_affected(), app)?;
        sqlx::query("DELETE FROM call_application_services WHERE application_id = $1")
            .bind(&app.id)
            .execute(tx.conn())
            .await?;
        let rows = choices.iter().enumerate().map(|(i, c)| choice_values(&app.id, i, c)).collect();
        insert(tx.conn(), "call_application_services", CHOICE_COLUMNS, rows).await?;
        commit(
            tx,
            actor,
            "call_application.services",
            app,
            json!({ "services": choices.iter().map(|c| json!({ "code": c.service_code,
                "ente_service": c.ente_service_id, "destination": code_of(c.destination),
                "earlier_move": c.earlier_move })).collect::<Vec<_>>(), "amount_cents": quote.amount.0 }),
            at,
        )
        .await?;
        Ok(())
    }

    /// Records `fact`, moving `app` from its state to `to` (decided by the
    /// domain), with the open-data status that follows; notifies the ente.
    pub async fn record_fact(
        &self,
        actor: &Actor,
        app: &CallApplication,
        to: ApplicationState,
        status: Option<FundingStatus>,
        fact: &Fact,
        at: Millis,
    ) -> Result<(), StoreError> {
        let (column, value) = match fact {
            Fact::Submitted { at, .. } => ("submitted_at", at.to_rfc3339()),
            Fact::Decreed { on, .. } => ("financed_on", on.to_string()),
            Fact::Refused { motivation } => ("motivation", motivation.clone()),
            Fact::ContractActivated { on } => ("contract_activated_on", on.to_string()),
            Fact::Completed { on } => ("completed_on", on.to_string()),
            Fact::Attested { on, .. } => ("attested_on", on.to_string()),
            Fact::Paid { on } => ("paid_on", on.to_string()),
            Fact::Withdrawn { on } => ("withdrawn_on", on.to_string()),
        };
        let (window, amount) = match fact {
            Fact::Submitted { window, .. } => (Some(i64::from(*window)), app.amount.0),
            Fact::Decreed { amount, .. } => (app.window.map(i64::from), amount.0),
            _ => (app.window.map(i64::from), app.amount.0),
        };
        let sql = format!(
            "UPDATE call_applications SET state = $1, status = $2, {column} = $3, time_window = $4, amount_cents = $5, \
             updated_at_ms = $6 WHERE id = $7 AND state = $8"
        );
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to.code())
            .bind(status.map(|s| s.code()))
            .bind(value)
            .bind(window)
            .bind(amount)
            .bind(at)
            .bind(&app.id)
            .bind(app.state.code())
            .execute(tx.conn())
            .await?;
        unchanged_since_read(done.rows_affected(), app)?;
        let details = json!({ "from": app.state.code(), "to": to.code(), "fact": fact_details(fact) });
        let payload = json!({ "application_id": app.id, "organisation_id": app.organisation_id,
                              "call": app.call_title, "from": app.state.code(), "to": to.code(),
                              "financed_on": match fact { Fact::Decreed { on, .. } => Some(*on), _ => app.financed_on },
                              "motivation": match fact { Fact::Refused { motivation } => Some(motivation), _ => None } });
        enqueue(tx.conn(), STATE_TOPIC, &payload, at).await?;
        commit(tx, actor, "call_application.transition", app, details, at).await
    }

    /// Records the CUP given on `on` (checked by the caller).
    pub async fn give_cup(
        &self,
        actor: &Actor,
        app: &CallApplication,
        cup: &str,
        on: NaiveDate,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE call_applications SET cup = $1, cup_given_on = $2, updated_at_ms = $3 WHERE id = $4 AND state = $5",
        )
        .bind(cup)
        .bind(on.to_string())
        .bind(at)
        .bind(&app.id)
        .bind(app.state.code())
        .execute(tx.conn())
        .await?;
        unchanged_since_read(done.rows_affected(), app)?;
        commit(tx, actor, "call_application.cup", app, json!({ "cup": cup, "on": on }), at).await?;
        Ok(())
    }

    /// Marks the service at `position` migrated on `on`: the application
    /// counts it, and the ente's inventory shows the service migrated.
    pub async fn mark_migrated(
        &self,
        actor: &Actor,
        app: &CallApplication,
        position: usize,
        choice: &Choice,
        on: NaiveDate,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE call_application_services SET migrated_on = $1 \
             WHERE application_id = $2 AND position = $3 AND migrated_on IS NULL",
        )
        .bind(on.to_string())
        .bind(&app.id)
        .bind(position as i64)
        .execute(tx.conn())
        .await?;
        let counted = sqlx::query(
            "UPDATE call_applications SET services_migrated = services_migrated + 1, updated_at_ms = $1 \
             WHERE id = $2 AND state = $3",
        )
        .bind(at)
        .bind(&app.id)
        .bind(app.state.code())
        .execute(tx.conn())
        .await?;
        unchanged_since_read(done.rows_affected().min(counted.rows_affected()), app)?;
        sqlx::query("UPDATE ente_services SET status = 'migrated', updated_at_ms = $1 WHERE id = $2")
            .bind(at)
            .bind(&choice.ente_service_id)
            .execute(tx.conn())
            .await?;
        commit(
            tx,
            actor,
            "call_application.migrated",
            app,
            json!({ "service": choice.service_code, "ente_service": choice.ente_service_id, "on": on }),
            at,
        )
        .await?;
        Ok(())
    }

    /// Declares the improved destination of the service at `position`.
    pub async fn improve_service(
        &self,
        actor: &Actor,
        app: &CallApplication,
        position: usize,
        improved_to: Destination,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE call_application_services SET improved_to = $1 WHERE application_id = $2 AND position = $3 \
             AND EXISTS (SELECT 1 FROM call_applications a WHERE a.id = $2 AND a.state = $4)",
        )
        .bind(code_of(improved_to))
        .bind(&app.id)
        .bind(position as i64)
        .bind(app.state.code())
        .execute(tx.conn())
        .await?;
        unchanged_since_read(done.rows_affected(), app)?;
        commit(
            tx,
            actor,
            "call_application.improved",
            app,
            json!({ "position": position, "improved_to": code_of(improved_to) }),
            at,
        )
        .await?;
        Ok(())
    }

    /// Deletes a draft and its services.
    pub async fn delete_draft(&self, actor: &Actor, app: &CallApplication, at: Millis) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM call_application_services WHERE application_id = $1")
            .bind(&app.id)
            .execute(tx.conn())
            .await?;
        let done = sqlx::query("DELETE FROM call_applications WHERE id = $1 AND state = 'draft'")
            .bind(&app.id)
            .execute(tx.conn())
            .await?;
        unchanged_since_read(done.rows_affected(), app)?;
        commit(
            tx,
            actor,
            "call_application.delete",
            app,
            json!({ "organisation": app.organisation_id, "call": app.call_id }),
            at,
        )
        .await?;
        Ok(())
    }
}

/// A change found the application no longer in the state it was read in.
fn unchanged_since_read(rows: u64, app: &CallApplication) -> Result<(), StoreError> {
    if rows == 0 { Err(StoreError::Conflict(format!("a newer change to application {}", app.id))) } else { Ok(()) }
}

/// Commits a change of `app` with its audit entry.
async fn commit(
    tx: crate::WriteTx,
    actor: &Actor,
    action: &str,
    app: &CallApplication,
    details: serde_json::Value,
    at: Millis,
) -> Result<(), StoreError> {
    let entry = AuditEntry { actor, action, subject: format!("call_application:{}", app.id), details };
    tx.commit(entry, at).await?;
    Ok(())
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

fn fact_details(fact: &Fact) -> serde_json::Value {
    match fact {
        Fact::Submitted { at, window } => json!({ "submitted_at": at.to_rfc3339(), "window": window }),
        Fact::Decreed { on, amount } => json!({ "decree_on": on, "amount_cents": amount.0 }),
        Fact::Refused { motivation } => json!({ "motivation": motivation }),
        Fact::ContractActivated { on } => json!({ "contract_activated_on": on }),
        Fact::Completed { on } => json!({ "completed_on": on }),
        Fact::Attested { on, outcome } => json!({ "attested_on": on, "outcome": outcome }),
        Fact::Paid { on } => json!({ "paid_on": on }),
        Fact::Withdrawn { on } => json!({ "withdrawn_on": on }),
    }
}
