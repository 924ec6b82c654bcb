//! The adeguamento of digital infrastructures: operators' declarations of
//! conformity to a level AI1–AI4, the agency's decisions on them, and the
//! dated status intervals of each infrastructure with the level it held.

mod rows;
mod transitions;

use crate::audit::AuditEntry;
use crate::qualification::sql_in_list;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::history::{History, ListingStatus};
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::infrastructure::declaration::DeclaredAnswer;
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
use rows::{DECISION_COLUMNS, SELECT_DECLARATIONS, decision_from_row, declaration_from_row, interval_from_row};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declaration {
    pub id: String,
    pub infrastructure_id: String,
    /// The infrastructure's name, for lists.
    pub infrastructure_name: String,
    pub operator_id: String,
    pub operator_name: String,
    pub level: InfrastructureLevel,
    pub requirement_version: String,
    pub answers: Vec<DeclaredAnswer>,
    pub state: QualificationState,
    pub integration_deadline: Option<NaiveDate>,
    pub submitted_at_ms: Option<Millis>,
    pub created_at_ms: Millis,
    pub updated_at_ms: Millis,
    /// Moved by each change: a change is made to the version it was read
    /// at, and refused when another came first.
    pub version: i64,
}

/// A decision of the agency on a declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InfrastructureDecision {
    pub id: String,
    pub declaration_id: String,
    pub infrastructure_id: String,
    pub kind: String,
    pub motivation: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub details: serde_json::Value,
}

/// An infrastructure's history: its status intervals and, for each, the
/// level it held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfrastructureHistory {
    pub history: History,
    pub levels: Vec<InfrastructureLevel>,
}

impl InfrastructureHistory {
    /// Its status and level on `date`, if it had one.
    pub fn at(&self, date: NaiveDate) -> Option<(ListingStatus, InfrastructureLevel)> {
        let i = self.history.index_at(date)?;
        Some((self.history.intervals()[i].status, *self.levels.get(i)?))
    }
}

/// A declaration to start, as a draft.
#[derive(Debug, Clone, Copy)]
pub struct NewDeclaration<'a> {
    pub infrastructure_id: &'a str,
    pub operator_id: &'a str,
    pub level: InfrastructureLevel,
    pub requirement_version: &'a str,
    pub answers: &'a [DeclaredAnswer],
}

/// What a transition the domain allowed writes, in one transaction.
#[derive(Debug, Clone)]
pub struct DeclarationChange<'a> {
    pub to: QualificationState,
    /// A past participle for the audit log.
    pub event: &'a str,
    pub on: NaiveDate,
    pub integration_deadline: Option<NaiveDate>,
    pub decision: Option<(DecisionKind, &'a str, serde_json::Value)>,
    pub decided_by: &'a str,
    pub status: Option<ListingStatus>,
    /// The accepted declaration this one replaces, moved to `superseded`.
    pub supersedes: Option<&'a str>,
}

impl Store {
    /// Starts a draft declaration; refused while the infrastructure has one
    /// in progress.
    pub async fn create_declaration(
        &self,
        actor: &Actor,
        new: NewDeclaration<'_>,
        at: Millis,
    ) -> Result<Declaration, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let answers = json!(new.answers).to_string();
        let statement = sqlx::query(
            "INSERT INTO infrastructure_declarations (id, infrastructure_id, operator_id, level, requirement_version, \
             answers, state, created_at_ms, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(&id)
        .bind(new.infrastructure_id)
        .bind(new.operator_id)
        .bind(new.level.code())
        .bind(new.requirement_version)
        .bind(answers)
        .bind(QualificationState::Draft.code())
        .bind(at)
        .bind(actor.as_str());
        let entry = AuditEntry {
            actor,
            action: "infrastructure.declaration.create",
            subject: format!("infrastructure:{}", new.infrastructure_id),
            details: json!({ "declaration": id, "level": new.level.code() }),
        };
        let failed = |e: sqlx::Error| {
            if StoreError::is_unique_violation(&e) {
                StoreError::Conflict(Message::new("store-declaration-open").arg("id", new.infrastructure_id))
            } else {
                StoreError::during("start a declaration", e)
            }
        };
        self.write_one(statement, failed, entry, at).await?;
        self.declaration(&id).await?.ok_or_else(|| StoreError::NotFound(Message::new("infra-no-declaration")))
    }

    /// Replaces the level and answers of `declaration` while its operator
    /// may still change them, made to the version it was read at.
    pub async fn save_declaration(
        &self,
        actor: &Actor,
        declaration: &Declaration,
        (level, answers): (InfrastructureLevel, &[DeclaredAnswer]),
        at: Millis,
    ) -> Result<Declaration, StoreError> {
        let statement = sqlx::query(
            "UPDATE infrastructure_declarations SET level = $1, answers = $2, updated_at_ms = $3, updated_by = $4, \
             version = version + 1 WHERE id = $5 AND version = $6 AND state IN ($7, $8)",
        )
        .bind(level.code())
        .bind(json!(answers).to_string())
        .bind(at)
        .bind(actor.as_str())
        .bind(&declaration.id)
        .bind(declaration.version)
        .bind(QualificationState::Draft.code())
        .bind(QualificationState::IntegrationRequested.code());
        let entry = AuditEntry {
            actor,
            action: "infrastructure.declaration.save",
            subject: format!("infrastructure:{}", declaration.infrastructure_id),
            details: json!({ "declaration": declaration.id, "level": level.code() }),
        };
        let stale = || StoreError::Frozen(Message::new("store-declaration-moved").arg("id", declaration.id.as_str()));
        let failed = |e| StoreError::during("save a declaration", e);
        self.write_one_changing(statement, failed, stale, entry, at).await?;
        self.declaration(&declaration.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(Message::new("infra-no-declaration")))
    }

    pub async fn declaration(&self, id: &str) -> Result<Option<Declaration>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT_DECLARATIONS} WHERE d.id = $1"))).bind(id);
        self.read_one(query, "read a declaration", declaration_from_row).await
    }

    /// An infrastructure's declarations, the latest first.
    pub async fn infrastructure_declarations(&self, infrastructure_id: &str) -> Result<Vec<Declaration>, StoreError> {
        let sql =
            format!("{SELECT_DECLARATIONS} WHERE d.infrastructure_id = $1 ORDER BY d.created_at_ms DESC, d.id DESC");
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(infrastructure_id);
        self.read_all(query, "list an infrastructure's declarations", declaration_from_row).await
    }

    /// The declarations waiting for the agency (sent, in review, sent back
    /// or resubmitted), the oldest first.
    pub async fn declaration_queue(&self) -> Result<Vec<Declaration>, StoreError> {
        use QualificationState as S;
        let waiting = sql_in_list([S::Submitted, S::InReview, S::IntegrationRequested, S::Resubmitted].map(S::code));
        let sql = format!("{SELECT_DECLARATIONS} WHERE d.state IN ({waiting}) ORDER BY d.submitted_at_ms, d.id");
        self.read_all(sqlx::query(sqlx::AssertSqlSafe(sql)), "list the declarations to review", declaration_from_row)
            .await
    }

    /// The agency's decisions on an infrastructure, oldest first.
    pub async fn infrastructure_decisions(
        &self,
        infrastructure_id: &str,
    ) -> Result<Vec<InfrastructureDecision>, StoreError> {
        let sql = format!(
            "SELECT {DECISION_COLUMNS} FROM infrastructure_decisions WHERE infrastructure_id = $1 ORDER BY at_ms, id"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(infrastructure_id);
        self.read_all(query, "list an infrastructure's decisions", decision_from_row).await
    }

    /// An infrastructure's dated status intervals with their levels.
    pub async fn infrastructure_history(&self, infrastructure_id: &str) -> Result<InfrastructureHistory, StoreError> {
        let query = sqlx::query(
            "SELECT status, level, valid_from, valid_to, decision_id FROM infrastructure_status_intervals \
             WHERE infrastructure_id = $1 ORDER BY seq",
        )
        .bind(infrastructure_id);
        let rows = self.read_all(query, "read an infrastructure's history", interval_from_row).await?;
        let (intervals, levels) = rows.into_iter().unzip();
        let history = History::from_intervals(intervals)
            .map_err(|e| crate::qualification::corrupt("infrastructure history", &e.to_string()))?;
        Ok(InfrastructureHistory { history, levels })
    }
}
