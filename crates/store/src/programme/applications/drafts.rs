//! The draft of an application: opening it, choosing its services, deleting
//! it; and reading applications and their services.

use super::rows::{CHOICE_COLUMNS, FIELDS, FROM, application_from_row, choice_from_row, choice_values};
use super::{CallApplication, Choice, NewApplication, audit, change_in_state, code_of};
use crate::audit::AuditEntry;
use crate::batch::insert;
use crate::qualification::sql_in_list;
use crate::read::Query;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::voucher::VoucherQuote;
use serde_json::json;
use sqlx::AssertSqlSafe;

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
        let statement = sqlx::query(
            "INSERT INTO call_applications (id, organisation_id, call_id, call_title, measure, state, tariff_code, \
             tariff_class, fee_cents, rehost_cents, upgrade_cents, amount_cents, services, services_migrated, \
             created_by, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, 0, $13, $14, $14)",
        )
        .bind(&id)
        .bind(organisation_id)
        .bind(&call.id)
        .bind(&call.title)
        .bind(&call.measure)
        .bind(CallApplicationState::Draft.code())
        .bind(tariff_code);
        let statement = bind_quote(statement, quote).bind(created_by).bind(at);
        let failed = |e| {
            let what = Message::new("store-ente-application").arg("call", call.title.as_str());
            crate::accounts::conflict(e, "create an application to a call", what)
        };
        let entry = AuditEntry {
            actor,
            action: "call_application.create",
            subject: format!("call_application:{id}"),
            details: json!({ "organisation": organisation_id, "call": call.id, "class": quote.class }),
        };
        self.write_one(statement, failed, entry, at).await?;
        self.call_application(&id)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("store-application").arg("id", id.as_str())))
    }

    pub async fn call_application(&self, id: &str) -> Result<Option<CallApplication>, StoreError> {
        let sql = format!("SELECT {FIELDS} {FROM} WHERE a.id = $1");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(id);
        self.read_one(query, "read an application to a call", application_from_row).await
    }

    /// An ente's applications, newest call first.
    pub async fn call_applications_of(&self, organisation_id: &str) -> Result<Vec<CallApplication>, StoreError> {
        let sql = format!("SELECT {FIELDS} {FROM} WHERE a.organisation_id = $1 ORDER BY a.created_at_ms DESC, a.id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(organisation_id);
        self.read_all(query, "list an ente's applications to calls", application_from_row).await
    }

    /// Applications in `states`, oldest submission first: the programme
    /// office's queue, the reminders' sweep.
    pub async fn call_applications_in(
        &self,
        states: &[CallApplicationState],
    ) -> Result<Vec<CallApplication>, StoreError> {
        let sql = format!(
            "SELECT {FIELDS} {FROM} WHERE a.state IN ({}) ORDER BY a.submitted_at, a.id",
            sql_in_list(states.iter().map(|s| s.code()))
        );
        let query = sqlx::query(AssertSqlSafe(sql));
        self.read_all(query, "list the applications to calls in some states", application_from_row).await
    }

    /// The services of an application, in the order chosen.
    pub async fn application_choices(&self, id: &str) -> Result<Vec<Choice>, StoreError> {
        let query = sqlx::query(
            "SELECT service_code, service_name, ente_service_id, data_class, origin, destination, earlier_move, \
             improved_to, migrated_on FROM call_application_services WHERE application_id = $1 ORDER BY position",
        )
        .bind(id);
        self.read_all(query, "read an application's services", choice_from_row).await
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
        let during = |e| StoreError::during("save an application's services", e);
        let mut tx = self.begin_write().await?;
        let statement = sqlx::query(
            "UPDATE call_applications SET services = $1, tariff_class = $2, fee_cents = $3, rehost_cents = $4, \
             upgrade_cents = $5, amount_cents = $6, updated_at_ms = $7 WHERE id = $8 AND state = $9",
        )
        .bind(choices.len() as i64);
        let statement = bind_quote(statement, quote).bind(at);
        change_in_state(tx.conn(), statement, app, CallApplicationState::Draft, during).await?;
        delete_choices(tx.conn(), app).await.map_err(during)?;
        let rows = choices.iter().enumerate().map(|(i, c)| choice_values(&app.id, i, c)).collect();
        insert(tx.conn(), "call_application_services", CHOICE_COLUMNS, rows).await.map_err(during)?;
        let details = json!({ "services": choices.iter().map(|c| json!({ "code": c.service_code,
            "ente_service": c.ente_service_id, "destination": code_of(c.destination),
            "earlier_move": c.earlier_move })).collect::<Vec<_>>(), "amount_cents": quote.amount.0 });
        tx.commit(audit(actor, "call_application.services", app, details), at).await?;
        Ok(())
    }

    /// Deletes a draft and its services.
    pub async fn delete_draft(&self, actor: &Actor, app: &CallApplication, at: Millis) -> Result<(), StoreError> {
        let during = |e| StoreError::during("delete a draft application", e);
        let mut tx = self.begin_write().await?;
        delete_choices(tx.conn(), app).await.map_err(during)?;
        let statement = sqlx::query("DELETE FROM call_applications WHERE id = $1 AND state = $2");
        change_in_state(tx.conn(), statement, app, CallApplicationState::Draft, during).await?;
        let details = json!({ "organisation": app.organisation_id, "call": app.call_id });
        tx.commit(audit(actor, "call_application.delete", app, details), at).await?;
        Ok(())
    }
}

/// `statement` with a quote's class and amounts bound to its next five
/// parameters, for the columns `tariff_class`, `fee_cents`, `rehost_cents`,
/// `upgrade_cents` and `amount_cents`.
fn bind_quote<'q>(statement: Query<'q>, quote: &VoucherQuote) -> Query<'q> {
    statement
        .bind(i64::from(quote.class))
        .bind(quote.fee.0)
        .bind(quote.rehost.0)
        .bind(quote.upgrade.0)
        .bind(quote.amount.0)
}

/// Deletes the services chosen for `app`.
async fn delete_choices(conn: &mut sqlx::AnyConnection, app: &CallApplication) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM call_application_services WHERE application_id = $1").bind(&app.id).execute(conn).await?;
    Ok(())
}
