//! The adeguamento of digital infrastructures: the requirements of each
//! level, an operator's declarations, the agency's steps on them, and the
//! public status of an infrastructure on a date.

use crate::AppState;
use crate::api::etag::{self, IfMatch};
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::{DeclarationStepCode, InfrastructureLevelCode};
use crate::api::qualification::infrastructure_records::{
    AdeguamentoRecord, AnswerRecord, DeclarationRecord, InfrastructureStatusOn,
};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::infrastructure::declaration::{DeclaredAnswer, InfrastructureRequirement};
use cloudpa_domain::qualification::infrastructure::{InfrastructureLevel, LEVELS};
use cloudpa_domain::qualification::lifecycle::QualificationEvent;
use cloudpa_workflows::qualification::infrastructures::{self as flow, Step, StepFields};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// A level and the data classes it may host.
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureLevelClasses {
    #[schema(value_type = InfrastructureLevelCode)]
    code: InfrastructureLevel,
    data_classes: Vec<String>,
}

/// The levels of digital infrastructures and what an operator declares for
/// each, with the source of every requirement.
#[derive(Serialize, ToSchema)]
pub(crate) struct InfrastructureRequirements {
    /// False while the mapping of levels to data classes rests on an
    /// analogy, not on an article read.
    confirmed: bool,
    source: String,
    version: String,
    levels: Vec<InfrastructureLevelClasses>,
    #[schema(value_type = Vec<Object>)]
    items: Vec<InfrastructureRequirement>,
}

/// The levels AI1–AI4 and the requirements a declaration answers (each from
/// its `from_level` up; only `mandatory` ones must be declared met).
#[utoipa::path(get, path = "/api/v1/infrastructure-requirements", tag = "infrastructures",
    responses((status = 200, body = InfrastructureRequirements)))]
pub(crate) async fn requirements() -> Json<InfrastructureRequirements> {
    Json(InfrastructureRequirements {
        confirmed: LEVELS.confirmed,
        source: LEVELS.source.clone(),
        version: LEVELS.version.clone(),
        levels: InfrastructureLevel::ALL
            .into_iter()
            .map(|code| InfrastructureLevelClasses {
                code,
                data_classes: code.admitted_classes().iter().map(|c| c.code().into()).collect(),
            })
            .collect(),
        items: LEVELS.requirements.clone(),
    })
}

/// An infrastructure's adeguamento: its declarations, the agency's
/// decisions and its dated history. For its operator and the agency.
#[utoipa::path(get, path = "/api/v1/infrastructures/{id}/adeguamento", tag = "infrastructures",
    params(("id" = String, Path)),
    responses((status = 200, body = AdeguamentoRecord), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<AdeguamentoRecord>, Problem> {
    Ok(Json(flow::of_infrastructure(&state, &user, &id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeclarationBody {
    #[schema(value_type = InfrastructureLevelCode)]
    level: InfrastructureLevel,
    answers: Vec<AnswerRecord>,
}

impl DeclarationBody {
    fn parts(self) -> (InfrastructureLevel, Vec<DeclaredAnswer>) {
        (self.level, self.answers.into_iter().map(Into::into).collect())
    }
}

/// The operator starts a declaration of its infrastructure, as a draft.
#[utoipa::path(post, path = "/api/v1/infrastructures/{id}/declarations", tag = "infrastructures",
    params(("id" = String, Path)), request_body = DeclarationBody,
    responses((status = 201, body = DeclarationRecord,
               headers(("ETag" = String, description = "the declaration's version"))),
              (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn start(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DeclarationBody>,
) -> Result<impl IntoResponse, Problem> {
    let (level, answers) = body.parts();
    let declaration = flow::start(&state, &user, now, &id, (level, &answers)).await?;
    Ok((
        StatusCode::CREATED,
        [(header::ETAG, etag::of(declaration.version))],
        Json(DeclarationRecord::from(&declaration)),
    ))
}

/// The operator replaces the level and answers of a draft, or of a
/// declaration sent back for integration.
#[utoipa::path(put, path = "/api/v1/infrastructure-declarations/{id}", tag = "infrastructures",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the declaration's version, e.g. \"2\"")),
    request_body = DeclarationBody,
    responses((status = 200, body = DeclarationRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn save(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<DeclarationBody>,
) -> Result<impl IntoResponse, Problem> {
    let (level, answers) = body.parts();
    let declaration = flow::save(&state, &user, now, (&id, expected), (level, &answers)).await?;
    Ok(([(header::ETAG, etag::of(declaration.version))], Json(DeclarationRecord::from(&declaration))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepBody {
    /// `deadline` goes with request_integration; `motivation` with accept,
    /// refuse, suspend, reinstate and revoke; `planned_end` with suspend.
    #[schema(value_type = DeclarationStepCode)]
    step: String,
    #[serde(default)]
    motivation: String,
    deadline: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
}

impl StepBody {
    fn event(self) -> Result<QualificationEvent, Problem> {
        let step = Step::parse(&self.step)
            .ok_or_else(|| Problem::validation().field("step", Message::new("infra-rule-step")))?;
        let fields = StepFields { motivation: self.motivation, deadline: self.deadline, planned_end: self.planned_end };
        Ok(step.event(fields)?)
    }
}

/// The declaration after a step, with the decision it recorded.
#[derive(Serialize, ToSchema)]
pub(crate) struct StepOutcome {
    declaration: DeclarationRecord,
    decision_id: Option<String>,
}

/// A step of the declaration's lifecycle: the operator's (submit, withdraw,
/// resubmit) or the agency's (review, integration, accept, refuse, suspend,
/// reinstate, revoke), each allowed or refused by the same state machine as
/// an application for qualification.
#[utoipa::path(post, path = "/api/v1/infrastructure-declarations/{id}/steps", tag = "infrastructures",
    params(("id" = String, Path), ("If-Match" = Option<IfMatch>, Header, description = "the declaration's version, e.g. \"2\"")),
    request_body = StepBody,
    responses((status = 200, body = StepOutcome), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn step(
    Write { state, now, user }: Write,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<StepBody>,
) -> Result<impl IntoResponse, Problem> {
    let (declaration, decision_id) = flow::act(&state, &user, now, (&id, expected), body.event()?).await?;
    let outcome = StepOutcome { declaration: (&declaration).into(), decision_id };
    Ok(([(header::ETAG, etag::of(declaration.version))], Json(outcome)))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DeclarationList {
    items: Vec<DeclarationRecord>,
}

/// The declarations waiting for the agency, the oldest sent first.
#[utoipa::path(get, path = "/api/v1/infrastructure-declarations", tag = "infrastructures",
    responses((status = 200, body = DeclarationList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn queue(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<DeclarationList>, Problem> {
    let items = flow::queue(&state, &user).await?.iter().map(Into::into).collect();
    Ok(Json(DeclarationList { items }))
}

/// The public status of an infrastructure on a date (default: today), its
/// level then, and the decisions behind its history — "was it adeguata on
/// D?". An infrastructure no declaration of which was ever accepted is not
/// found, exactly as an id that does not exist.
#[utoipa::path(get, path = "/api/v1/infrastructures/{id}/status", tag = "infrastructures",
    params(("id" = String, Path), ("on" = Option<NaiveDate>, Query, description = "YYYY-MM-DD; default today")),
    responses((status = 200, body = InfrastructureStatusOn), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn status_on(
    State(state): State<AppState>,
    Clock(now): Clock,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<InfrastructureStatusOn>, Problem> {
    let on = match q.get("on") {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Problem::validation().field("on", Message::new("qual-date-iso")))?,
        None => now.today,
    };
    let (infrastructure, history, decisions) = flow::public(&state, &id, on).await?;
    Ok(Json(InfrastructureStatusOn::new((infrastructure.id, infrastructure.name), on, &history, &decisions)))
}
