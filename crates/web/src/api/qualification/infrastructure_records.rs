//! What the infrastructures' adeguamento API answers with.

use crate::api::qualification::codes::{ApplicationStateCode, InfrastructureLevelCode, ListingStatusCode};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::infrastructure::declaration::DeclaredAnswer;
use cloudpa_domain::qualification::lifecycle::QualificationState;
use cloudpa_store::qualification::infrastructure_declarations::{
    Declaration, InfrastructureDecision, InfrastructureHistory,
};
use cloudpa_workflows::qualification::infrastructures::Adeguamento;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the operator declares of one requirement.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerRecord {
    /// A requirement of the level (`GET /api/v1/infrastructure-requirements`).
    requirement_id: String,
    /// Whether the infrastructure conforms to it.
    conforms: bool,
    /// The evidence held, or why it does not conform.
    #[serde(default)]
    note: String,
}

impl From<AnswerRecord> for DeclaredAnswer {
    fn from(a: AnswerRecord) -> Self {
        DeclaredAnswer { requirement_id: a.requirement_id, conforms: a.conforms, note: a.note }
    }
}

impl From<&DeclaredAnswer> for AnswerRecord {
    fn from(a: &DeclaredAnswer) -> Self {
        AnswerRecord { requirement_id: a.requirement_id.clone(), conforms: a.conforms, note: a.note.clone() }
    }
}

/// A declaration of conformity of an infrastructure to a level. Its
/// `version` is what `If-Match` names on its next step.
#[derive(Serialize, ToSchema)]
pub(crate) struct DeclarationRecord {
    id: String,
    infrastructure_id: String,
    infrastructure_name: String,
    operator_id: String,
    operator_name: String,
    #[schema(value_type = InfrastructureLevelCode)]
    level: InfrastructureLevel,
    /// The version of the requirements it answers.
    requirement_version: String,
    answers: Vec<AnswerRecord>,
    #[schema(value_type = ApplicationStateCode)]
    state: QualificationState,
    integration_deadline: Option<NaiveDate>,
    version: i64,
}

impl From<&Declaration> for DeclarationRecord {
    fn from(d: &Declaration) -> Self {
        DeclarationRecord {
            id: d.id.clone(),
            infrastructure_id: d.infrastructure_id.clone(),
            infrastructure_name: d.infrastructure_name.clone(),
            operator_id: d.operator_id.clone(),
            operator_name: d.operator_name.clone(),
            level: d.level,
            requirement_version: d.requirement_version.clone(),
            answers: d.answers.iter().map(Into::into).collect(),
            state: d.state,
            integration_deadline: d.integration_deadline,
            version: d.version,
        }
    }
}

/// A decision of the agency on a declaration.
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureDecisionRecord {
    id: String,
    declaration_id: String,
    /// qualification (accepted), rejection, suspension, reinstatement or
    /// revocation.
    kind: String,
    motivation: String,
    decided_on: NaiveDate,
    /// What was decided on, as stored: `infrastructure`, `level`,
    /// `data_classes`, `requirement_version`, `planned_end`.
    #[schema(value_type = Object)]
    details: serde_json::Value,
}

impl From<&InfrastructureDecision> for InfrastructureDecisionRecord {
    fn from(d: &InfrastructureDecision) -> Self {
        InfrastructureDecisionRecord {
            id: d.id.clone(),
            declaration_id: d.declaration_id.clone(),
            kind: d.kind.clone(),
            motivation: d.motivation.clone(),
            decided_on: d.decided_on,
            details: d.details.clone(),
        }
    }
}

/// One interval `[from, to)` of an infrastructure's status, with the level
/// it held and the decision behind it.
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureInterval {
    #[schema(value_type = ListingStatusCode)]
    status: ListingStatus,
    #[schema(value_type = InfrastructureLevelCode)]
    level: InfrastructureLevel,
    from: NaiveDate,
    /// Exclusive end; null while the status lasts.
    to: Option<NaiveDate>,
    decision: Option<String>,
}

pub(crate) fn intervals(h: &InfrastructureHistory) -> Vec<InfrastructureInterval> {
    h.history
        .intervals()
        .iter()
        .zip(&h.levels)
        .map(|(i, level)| InfrastructureInterval {
            status: i.status,
            level: *level,
            from: i.from,
            to: i.to,
            decision: i.decision.clone(),
        })
        .collect()
}

/// An infrastructure's adeguamento, for its operator and the agency.
#[derive(Serialize, ToSchema)]
pub(crate) struct AdeguamentoRecord {
    infrastructure_id: String,
    name: String,
    /// The level that caps its services: the accepted one, or the one
    /// declared at registration until a declaration is accepted.
    #[schema(value_type = Option<InfrastructureLevelCode>)]
    level: Option<InfrastructureLevel>,
    /// The latest first.
    declarations: Vec<DeclarationRecord>,
    decisions: Vec<InfrastructureDecisionRecord>,
    history: Vec<InfrastructureInterval>,
}

impl From<Adeguamento> for AdeguamentoRecord {
    fn from(a: Adeguamento) -> Self {
        AdeguamentoRecord {
            infrastructure_id: a.infrastructure.id.clone(),
            name: a.infrastructure.name.clone(),
            level: a.infrastructure.level,
            declarations: a.declarations.iter().map(Into::into).collect(),
            decisions: a.decisions.iter().map(Into::into).collect(),
            history: intervals(&a.history),
        }
    }
}

/// The public status of an infrastructure on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureStatusOn {
    infrastructure_id: String,
    name: String,
    on: NaiveDate,
    /// Null when no declaration was accepted yet on the date.
    #[schema(value_type = Option<ListingStatusCode>)]
    status: Option<ListingStatus>,
    #[schema(value_type = Option<InfrastructureLevelCode>)]
    level: Option<InfrastructureLevel>,
    /// Every interval, oldest first.
    history: Vec<InfrastructureInterval>,
    /// The decisions that opened them, up to the date.
    decisions: Vec<InfrastructureDecisionRecord>,
}

impl InfrastructureStatusOn {
    pub(crate) fn new(
        (id, name): (String, String),
        on: NaiveDate,
        history: &InfrastructureHistory,
        decisions: &[InfrastructureDecision],
    ) -> Self {
        let held = history.at(on);
        InfrastructureStatusOn {
            infrastructure_id: id,
            name,
            on,
            status: held.map(|(s, _)| s),
            level: held.map(|(_, l)| l),
            history: intervals(history),
            decisions: decisions.iter().map(Into::into).collect(),
        }
    }
}
