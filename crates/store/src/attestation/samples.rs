//! The sample controls drawn among paid projects: when each was drawn, when
//! its answer is due (the domain counts 20 working days), and the answer.

use crate::audit::AuditEntry;
use crate::batch::{Existing, Value, upsert};
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleControl {
    pub application_id: String,
    pub ente_name: String,
    pub draw_seed: i64,
    pub drawn_on: NaiveDate,
    pub due_on: NaiveDate,
    pub answer: Option<String>,
    pub answer_files: Vec<String>,
    pub answered_on: Option<NaiveDate>,
}

const COLUMNS: &[&str] = &["application_id", "draw_seed", "drawn_on", "due_on", "drawn_by", "drawn_at_ms"];

fn control_from_row(r: &sqlx::any::AnyRow) -> Result<SampleControl, StoreError> {
    let during = |e| StoreError::during("read a sample control", e);
    let date = |column: &str| -> Result<NaiveDate, StoreError> {
        parse_date(&r.try_get::<String, _>(column).map_err(during)?)
    };
    let answered: Option<String> = r.try_get("answered_on").map_err(during)?;
    let files: Option<String> = r.try_get("answer_files").map_err(during)?;
    Ok(SampleControl {
        application_id: r.try_get("application_id").map_err(during)?,
        ente_name: r.try_get("ente_name").map_err(during)?,
        draw_seed: r.try_get("draw_seed").map_err(during)?,
        drawn_on: date("drawn_on")?,
        due_on: date("due_on")?,
        answer: r.try_get("answer").map_err(during)?,
        answer_files: files
            .map_or_else(|| Ok(Vec::new()), |f| serde_json::from_str(&f))
            .map_err(|_| crate::qualification::corrupt("answer files", "not a JSON list"))?,
        answered_on: answered.as_deref().map(parse_date).transpose()?,
    })
}

const SELECT: &str = "SELECT s.application_id, o.name AS ente_name, s.draw_seed, s.drawn_on, s.due_on, s.answer, \
    s.answer_files, s.answered_on FROM sample_controls s JOIN call_applications a ON a.id = s.application_id \
    JOIN organisations o ON o.id = a.organisation_id";

impl Store {
    /// Every control drawn, the earliest due first.
    pub async fn sample_controls(&self) -> Result<Vec<SampleControl>, StoreError> {
        let sql = format!("{SELECT} ORDER BY s.due_on, s.application_id");
        self.read_all(sqlx::query(sqlx::AssertSqlSafe(sql)), "list the sample controls", control_from_row).await
    }

    pub async fn sample_control(&self, application_id: &str) -> Result<Option<SampleControl>, StoreError> {
        let sql = format!("{SELECT} WHERE s.application_id = $1");
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(application_id);
        self.read_one(query, "read a sample control", control_from_row).await
    }

    /// Records the controls of a draw: (project, due date) each, drawn on
    /// `drawn_on` with `seed`; a project already drawn keeps its control.
    pub async fn draw_sample_controls(
        &self,
        actor: &Actor,
        drawn: &[(String, NaiveDate)],
        seed: i64,
        drawn_on: NaiveDate,
        drawn_by: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let during = |e| StoreError::during("draw sample controls", e);
        let rows = drawn
            .iter()
            .map(|(id, due)| {
                vec![
                    Value::Text(id.clone()),
                    Value::Int(seed),
                    Value::Text(drawn_on.to_string()),
                    Value::Text(due.to_string()),
                    Value::Text(drawn_by.to_owned()),
                    Value::Int(at),
                ]
            })
            .collect();
        let mut tx = self.begin_write().await?;
        upsert(tx.conn(), "sample_controls", COLUMNS, &["application_id"], Existing::Keep, rows)
            .await
            .map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "attestation.sample",
            subject: "sample_controls".into(),
            details: json!({ "seed": seed, "drawn_on": drawn_on, "projects": drawn.iter().map(|(id, _)| id).collect::<Vec<_>>() }),
        };
        tx.commit(entry, at).await.map(|_| ())
    }

    /// Records the ente's answer to its project's control, once.
    pub async fn answer_sample_control(
        &self,
        actor: &Actor,
        application_id: &str,
        answer: &str,
        files: &[String],
        on: NaiveDate,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE sample_controls SET answer = $1, answer_files = $2, answered_on = $3 \
             WHERE application_id = $4 AND answered_on IS NULL",
        )
        .bind(answer)
        .bind(json!(files).to_string())
        .bind(on.to_string())
        .bind(application_id);
        let entry = AuditEntry {
            actor,
            action: "attestation.sample_answer",
            subject: format!("call_application:{application_id}"),
            details: json!({ "files": files, "on": on }),
        };
        let failed = |e| StoreError::during("answer a sample control", e);
        let answered = || StoreError::Conflict(Message::new("store-control-answer").arg("application", application_id));
        self.write_one_changing(statement, failed, answered, entry, at).await
    }
}
