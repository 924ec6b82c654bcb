//! The facts of an application's lifecycle after the draft: its state
//! transitions, its CUP, and the migration and improvement of each service.

use super::{
    CallApplication, Choice, Fact, STATE_TOPIC, audit, change_in_state, code_of, newer_change, unchanged_since_read,
};
use crate::outbox::enqueue;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::inventory::ServiceStatus;
use cloudpa_domain::programme::open_data::FundingStatus;
use cloudpa_domain::programme::scenarios::Destination;
use serde_json::json;

impl Store {
    /// Records `fact`, moving `app` from its state to `to` (decided by the
    /// domain), with the open-data status that follows; notifies the ente.
    pub async fn record_fact(
        &self,
        actor: &Actor,
        app: &CallApplication,
        to: CallApplicationState,
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
        let motivation = match fact {
            Fact::Attested { motivation, .. } if !motivation.is_empty() => Some(motivation.clone()),
            _ => None,
        };
        let with_motivation = if motivation.is_some() { ", motivation = $7" } else { "" };
        let (id_at, state_at) = if motivation.is_some() { (8, 9) } else { (7, 8) };
        let sql = format!(
            "UPDATE call_applications SET state = $1, status = $2, {column} = $3, time_window = $4, amount_cents = $5, \
             updated_at_ms = $6{with_motivation} WHERE id = ${id_at} AND state = ${state_at}"
        );
        let during = |e| StoreError::during("record a fact of an application", e);
        let mut tx = self.begin_write().await?;
        let statement = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to.code())
            .bind(status.map(|s| s.code()))
            .bind(value)
            .bind(window)
            .bind(amount)
            .bind(at);
        let statement = match motivation {
            Some(m) => statement.bind(m),
            None => statement,
        };
        change_in_state(tx.conn(), statement, app, app.state, during).await?;
        let details = json!({ "from": app.state.code(), "to": to.code(), "fact": fact_details(fact) });
        let payload = json!({ "application_id": app.id, "organisation_id": app.organisation_id,
                              "call": app.call_title, "from": app.state.code(), "to": to.code(),
                              "financed_on": match fact { Fact::Decreed { on, .. } => Some(*on), _ => app.financed_on },
                              "motivation": match fact {
                                  Fact::Refused { motivation } | Fact::Attested { motivation, .. } => Some(motivation),
                                  _ => None,
                              } });
        enqueue(tx.conn(), STATE_TOPIC, &payload, at).await?;
        tx.commit(audit(actor, "call_application.transition", app, details), at).await?;
        Ok(())
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
        let statement = sqlx::query(
            "UPDATE call_applications SET cup = $1, cup_given_on = $2, updated_at_ms = $3 WHERE id = $4 AND state = $5",
        )
        .bind(cup)
        .bind(on.to_string())
        .bind(at)
        .bind(&app.id)
        .bind(app.state.code());
        let failed = |e| StoreError::during("record an application's CUP", e);
        let entry = audit(actor, "call_application.cup", app, json!({ "cup": cup, "on": on }));
        self.write_one_changing(statement, failed, || newer_change(app), entry, at).await
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
        let during = |e| StoreError::during("mark a service migrated", e);
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE call_application_services SET migrated_on = $1 \
             WHERE application_id = $2 AND position = $3 AND migrated_on IS NULL",
        )
        .bind(on.to_string())
        .bind(&app.id)
        .bind(position as i64)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        unchanged_since_read(done.rows_affected(), app)?;
        let counted = sqlx::query(
            "UPDATE call_applications SET services_migrated = services_migrated + 1, updated_at_ms = $1 \
             WHERE id = $2 AND state = $3",
        )
        .bind(at);
        change_in_state(tx.conn(), counted, app, app.state, during).await?;
        sqlx::query("UPDATE ente_services SET status = $1, updated_at_ms = $2 WHERE id = $3")
            .bind(ServiceStatus::Migrated.code())
            .bind(at)
            .bind(&choice.ente_service_id)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        let details = json!({ "service": choice.service_code, "ente_service": choice.ente_service_id, "on": on });
        tx.commit(audit(actor, "call_application.migrated", app, details), at).await?;
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
        let statement = sqlx::query(
            "UPDATE call_application_services SET improved_to = $1 WHERE application_id = $2 AND position = $3 \
             AND EXISTS (SELECT 1 FROM call_applications a WHERE a.id = $2 AND a.state = $4)",
        )
        .bind(code_of(improved_to))
        .bind(&app.id)
        .bind(position as i64)
        .bind(app.state.code());
        let failed = |e| StoreError::during("declare a service's improved destination", e);
        let details = json!({ "position": position, "improved_to": code_of(improved_to) });
        let entry = audit(actor, "call_application.improved", app, details);
        self.write_one_changing(statement, failed, || newer_change(app), entry, at).await
    }
}

fn fact_details(fact: &Fact) -> serde_json::Value {
    match fact {
        Fact::Submitted { at, window } => json!({ "submitted_at": at.to_rfc3339(), "window": window }),
        Fact::Decreed { on, amount } => json!({ "decree_on": on, "amount_cents": amount.0 }),
        Fact::Refused { motivation } => json!({ "motivation": motivation }),
        Fact::ContractActivated { on } => json!({ "contract_activated_on": on }),
        Fact::Completed { on } => json!({ "completed_on": on }),
        Fact::Attested { on, outcome, motivation } => {
            json!({ "attested_on": on, "outcome": outcome, "motivation": motivation })
        }
        Fact::Paid { on } => json!({ "paid_on": on }),
        Fact::Withdrawn { on } => json!({ "withdrawn_on": on }),
    }
}
