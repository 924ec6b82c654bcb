//! The adeguamento of digital infrastructures: the operator declares an
//! infrastructure conforms to a level AI1–AI4, and the agency reviews the
//! declaration through the same lifecycle as an application for
//! qualification — sent back for integration, accepted or refused with a
//! motivation, suspended, reinstated, revoked — each decision a record and
//! each status a dated interval of the infrastructure's history.

use super::applications::transition_problem;
use super::decisions::motivation;
use super::{require, side};
use crate::{Context, Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::effects::is_superseded_by_a_new_qualification;
use cloudpa_domain::qualification::infrastructure::declaration::{DeclaredAnswer, check_answers};
use cloudpa_domain::qualification::infrastructure::{InfrastructureLevel, LEVELS};
use cloudpa_domain::qualification::lifecycle::{
    Actor as Side, DecisionKind, QualificationEvent, QualificationState, transition,
};
use cloudpa_store::StoreError;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::infrastructure_declarations::{
    Declaration, DeclarationChange, InfrastructureDecision, InfrastructureHistory, NewDeclaration,
};
use cloudpa_store::qualification::providers::Infrastructure;
use serde::Serialize;
use serde_json::json;

/// A step of a declaration's lifecycle, as the API and the pages name it:
/// the operator's (submit, withdraw, resubmit) or the agency's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Submit,
    Withdraw,
    Resubmit,
    StartReview,
    RequestIntegration,
    Accept,
    Refuse,
    Suspend,
    Reinstate,
    Revoke,
}

/// What a step carries besides its name.
#[derive(Debug, Clone, Default)]
pub struct StepFields {
    pub motivation: String,
    pub deadline: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Submit,
        Step::Withdraw,
        Step::Resubmit,
        Step::StartReview,
        Step::RequestIntegration,
        Step::Accept,
        Step::Refuse,
        Step::Suspend,
        Step::Reinstate,
        Step::Revoke,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Withdraw => "withdraw",
            Step::Resubmit => "resubmit",
            Step::StartReview => "start_review",
            Step::RequestIntegration => "request_integration",
            Step::Accept => "accept",
            Step::Refuse => "refuse",
            Step::Suspend => "suspend",
            Step::Reinstate => "reinstate",
            Step::Revoke => "revoke",
        }
    }

    pub fn parse(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The lifecycle's event for this step; a date it needs and lacks is
    /// refused by its field.
    pub fn event(self, f: StepFields) -> Result<QualificationEvent, Error> {
        let needed = |field: &'static str| Error::validation().field(field, Message::new("infra-step-needs"));
        let motivation = f.motivation;
        Ok(match self {
            Step::Submit => QualificationEvent::Submit,
            Step::Withdraw => QualificationEvent::Withdraw,
            Step::Resubmit => QualificationEvent::Resubmit,
            Step::StartReview => QualificationEvent::StartReview,
            Step::RequestIntegration => {
                QualificationEvent::RequestIntegration { deadline: f.deadline.ok_or_else(|| needed("deadline"))? }
            }
            Step::Accept => QualificationEvent::Qualify { motivation },
            Step::Refuse => QualificationEvent::Reject { motivation },
            Step::Suspend => QualificationEvent::Suspend {
                reason: motivation,
                planned_end: f.planned_end.ok_or_else(|| needed("planned_end"))?,
            },
            Step::Reinstate => QualificationEvent::Reinstate { motivation },
            Step::Revoke => QualificationEvent::Revoke { motivation },
        })
    }

    /// The steps `side` may take on a declaration in `state` on `today`,
    /// as the lifecycle allows them.
    pub fn allowed(state: QualificationState, side: Side, today: NaiveDate) -> Vec<Step> {
        let later = today.succ_opt();
        let sample = StepFields { motivation: "-".into(), deadline: later, planned_end: later };
        Step::ALL
            .into_iter()
            .filter(|s| s.event(sample.clone()).is_ok_and(|e| transition(state, &e, side, today).is_ok()))
            .collect()
    }
}

/// An infrastructure's adeguamento as its operator and the agency see it.
#[derive(Debug, Clone)]
pub struct Adeguamento {
    pub infrastructure: Infrastructure,
    pub side: Side,
    /// The latest first.
    pub declarations: Vec<Declaration>,
    pub decisions: Vec<InfrastructureDecision>,
    pub history: InfrastructureHistory,
}

impl Adeguamento {
    /// The declaration its operator may still change, if any.
    pub fn editable(&self) -> Option<&Declaration> {
        self.declarations.iter().find(|d| d.state.is_editable())
    }
}

async fn infrastructure(ctx: &Context, id: &str) -> Result<Infrastructure, Error> {
    ctx.store.infrastructure(id).await?.ok_or_else(|| {
        Error::not_found(Message::new("error-not-found").arg("what", Message::new("infra-no-infrastructure")))
    })
}

/// The permission `side` acts with.
fn permission(side: Side) -> Permission {
    if side == Side::Agency { Permission::ReviewApplications } else { Permission::ManageOwnListings }
}

/// What the operator of the infrastructure `id`, or the agency, reads of its
/// adeguamento; anyone else is refused.
pub async fn of_infrastructure(ctx: &Context, user: &SessionUser, id: &str) -> Result<Adeguamento, Error> {
    let infrastructure = infrastructure(ctx, id).await?;
    let side = side(user, &infrastructure.provider_id)?;
    require(user, if side == Side::Agency { Permission::ReviewApplications } else { Permission::ViewOwnListings })?;
    Ok(Adeguamento {
        declarations: ctx.store.infrastructure_declarations(id).await?,
        decisions: ctx.store.infrastructure_decisions(id).await?,
        history: ctx.store.infrastructure_history(id).await?,
        infrastructure,
        side,
    })
}

/// Refuses answers that name a requirement the level does not have, or one
/// twice (`sending`: also a mandatory one unanswered or not met), each by
/// the requirement it names.
fn check(level: InfrastructureLevel, answers: &[DeclaredAnswer], sending: bool) -> Result<(), Error> {
    let errors = check_answers(&LEVELS.requirements, level, answers, sending);
    if errors.is_empty() {
        return Ok(());
    }
    Err(errors
        .iter()
        .fold(Error::validation(), |e, error| e.field(format!("answers.{}", error.requirement()), error.message())))
}

/// Starts a draft declaration of the infrastructure `id` at `level`.
pub async fn start(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    (level, answers): (InfrastructureLevel, &[DeclaredAnswer]),
) -> Result<Declaration, Error> {
    require(user, Permission::ManageOwnListings)?;
    let infrastructure = infrastructure(ctx, id).await?;
    if side(user, &infrastructure.provider_id)? != Side::Provider {
        return Err(Error::forbidden(Message::new("qual-other-organisation")));
    }
    if ctx.store.infrastructure_history(id).await?.history.current().is_some_and(|i| i.status.is_final()) {
        return Err(Error::conflict(Message::new("infra-revoked")));
    }
    check(level, answers, false)?;
    let new = NewDeclaration {
        infrastructure_id: id,
        operator_id: &infrastructure.provider_id,
        level,
        requirement_version: &LEVELS.version,
        answers,
    };
    Ok(ctx.store.create_declaration(&user.actor(), new, now.ms).await?)
}

/// The declaration `id` and the side `user` is on; 404 when it does not
/// exist, 403 when it belongs to another operator.
pub async fn load(ctx: &Context, user: &SessionUser, id: &str) -> Result<(Declaration, Side), Error> {
    let declaration = ctx.store.declaration(id).await?.ok_or_else(|| {
        Error::not_found(Message::new("error-not-found").arg("what", Message::new("infra-no-declaration")))
    })?;
    let side = side(user, &declaration.operator_id)?;
    require(user, permission(side))?;
    Ok((declaration, side))
}

/// Replaces the level and answers of the declaration `id`, made to its
/// version `expected` when given, while its operator may change them.
pub async fn save(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    (id, expected): (&str, Option<i64>),
    (level, answers): (InfrastructureLevel, &[DeclaredAnswer]),
) -> Result<Declaration, Error> {
    let (declaration, side) = load(ctx, user, id).await?;
    if side != Side::Provider {
        return Err(Error::forbidden(Message::new("qual-other-organisation")));
    }
    if expected.is_some_and(|v| v != declaration.version) || !declaration.state.is_editable() {
        return Err(Error::conflict(Message::new("store-declaration-moved").arg("id", id)));
    }
    check(level, answers, false)?;
    Ok(ctx.store.save_declaration(&user.actor(), &declaration, (level, answers), now.ms).await?)
}

/// Applies `event` to the declaration `id`, made to its version `expected`
/// when given; returns it as it is now, with the decision's id.
pub async fn act(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    (id, expected): (&str, Option<i64>),
    event: QualificationEvent,
) -> Result<(Declaration, Option<String>), Error> {
    let (declaration, side) = load(ctx, user, id).await?;
    if expected.is_some_and(|v| v != declaration.version) {
        return Err(Error::conflict(Message::new("store-declaration-moved").arg("id", id)));
    }
    let on = now.today;
    let t = transition(declaration.state, &event, side, on).map_err(transition_problem)?;
    if matches!(event, QualificationEvent::Submit | QualificationEvent::Resubmit) {
        check(declaration.level, &declaration.answers, true)?;
    }
    if let Some(status) = t.listing {
        let mut history = ctx.store.infrastructure_history(&declaration.infrastructure_id).await?.history;
        history.open(status, on, None).map_err(|e| Error::conflict(e.message()))?;
    }
    let supersedes = match t.decision {
        Some(DecisionKind::Qualification) => ctx
            .store
            .infrastructure_declarations(&declaration.infrastructure_id)
            .await?
            .into_iter()
            .find(|d| d.id != declaration.id && is_superseded_by_a_new_qualification(d.state))
            .map(|d| d.id),
        _ => None,
    };
    let details = json!({
        "infrastructure": declaration.infrastructure_name,
        "level": declaration.level.code(),
        "data_classes": declaration.level.admitted_classes(),
        "requirement_version": declaration.requirement_version,
        "planned_end": match &event { QualificationEvent::Suspend { planned_end, .. } => Some(*planned_end), _ => None },
    });
    let change = DeclarationChange {
        to: t.to,
        event: event.name(),
        on,
        integration_deadline: match &event {
            QualificationEvent::RequestIntegration { deadline } => Some(*deadline),
            _ => None,
        },
        decision: t.decision.map(|kind| (kind, motivation(&event), details)),
        decided_by: &user.user.id,
        status: t.listing,
        supersedes: supersedes.as_deref(),
    };
    let decision_id =
        ctx.store.apply_declaration_transition(&user.actor(), &declaration, change, now.ms).await.map_err(
            |e| match e {
                StoreError::Conflict(m) => Error::conflict(m),
                other => other.into(),
            },
        )?;
    if t.listing.is_some() {
        ctx.refresh_catalogue().await;
    }
    let declaration = ctx.store.declaration(id).await?.ok_or_else(Error::internal)?;
    Ok((declaration, decision_id))
}

/// The declarations waiting for the agency.
pub async fn queue(ctx: &Context, user: &SessionUser) -> Result<Vec<Declaration>, Error> {
    require(user, Permission::ReviewApplications)?;
    Ok(ctx.store.declaration_queue().await?)
}

/// What anyone may read of an infrastructure's adeguamento: its dated
/// history, which exists only once the agency accepted a declaration, and
/// the decisions that opened its intervals up to `as_of` (a refusal, or a
/// declaration in progress, stays between the operator and the agency).
/// 404 for an infrastructure never accepted.
pub async fn public(
    ctx: &Context,
    id: &str,
    as_of: NaiveDate,
) -> Result<(Infrastructure, InfrastructureHistory, Vec<InfrastructureDecision>), Error> {
    let infrastructure = infrastructure(ctx, id).await?;
    let history = ctx.store.infrastructure_history(id).await?;
    if history.history.intervals().is_empty() {
        return Err(Error::not_found(
            Message::new("error-not-found").arg("what", Message::new("infra-no-infrastructure")),
        ));
    }
    let decisions = ctx.store.infrastructure_decisions(id).await?;
    let opened =
        |d: &InfrastructureDecision| history.history.intervals().iter().any(|i| i.decision.as_ref() == Some(&d.id));
    let decided = decisions.into_iter().filter(|d| d.decided_on <= as_of && opened(d)).collect();
    Ok((infrastructure, history, decided))
}
