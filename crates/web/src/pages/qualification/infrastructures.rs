//! The adeguamento pages of a digital infrastructure: its status, history
//! and decisions, the operator's declaration form and steps, the agency's
//! steps; the agency's queue of declarations.

use super::status_of;
use crate::auth::csrf::CsrfForm;
use crate::extract::Path;
use crate::i18n::Lang;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::infrastructure::declaration::DeclaredAnswer;
use cloudpa_domain::qualification::infrastructure::{InfrastructureLevel, LEVELS};
use cloudpa_domain::qualification::lifecycle::{Actor as Side, QualificationState};
use cloudpa_store::qualification::infrastructure_declarations::Declaration;
use cloudpa_workflows::qualification::infrastructures::{self as flow, Adeguamento, Step, StepFields};
use serde::Deserialize;

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One requirement in the form or among a declaration's answers.
struct RequirementRow {
    id: String,
    text: String,
    source: String,
    from_level: &'static str,
    mandatory: bool,
    conforms: bool,
    note: String,
}

/// A declaration the page acts on, with the steps its reader may take.
struct Current {
    id: String,
    level: &'static str,
    state: &'static str,
    state_label: &'static str,
    deadline: Option<String>,
    version: i64,
    answers: Vec<RequirementRow>,
    steps: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "infrastructure_adeguamento.html")]
struct AdeguamentoPage {
    layout: Layout,
    problem: Option<Problem>,
    id: String,
    location: &'static str,
    sites: String,
    level: Option<&'static str>,
    status: String,
    unconfirmed: bool,
    /// (status label, level, from, to)
    history: Vec<(&'static str, &'static str, String, String)>,
    /// (decision label, on, motivation)
    decisions: Vec<(&'static str, String, String)>,
    /// (level, state label, created)
    declarations: Vec<(&'static str, &'static str, String)>,
    current: Vec<Current>,
    /// The declaration form, when the operator may start or change one.
    form: Option<(&'static str, Vec<RequirementRow>)>,
    levels: [&'static str; 4],
    csrf_token: String,
}

fn rows(level: Option<InfrastructureLevel>, answers: &[DeclaredAnswer]) -> Vec<RequirementRow> {
    LEVELS
        .requirements
        .iter()
        .filter(|r| level.is_none_or(|l| r.applies_to(l)))
        .map(|r| {
            let answer = answers.iter().find(|a| a.requirement_id == r.id);
            RequirementRow {
                id: r.id.clone(),
                text: r.text.clone(),
                source: r.source.clone(),
                from_level: r.from_level.code(),
                mandatory: r.mandatory,
                conforms: answer.is_some_and(|a| a.conforms),
                note: answer.map(|a| a.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The declarations the page acts on, the latest first: the one in
/// progress and the one in force, so that the agency can suspend or revoke
/// an accepted declaration while its operator drafts the next one.
fn current(lang: Lang, a: &Adeguamento, today: NaiveDate) -> Vec<Current> {
    use QualificationState as S;
    let live =
        |d: &&Declaration| !matches!(d.state, S::Rejected | S::Withdrawn | S::Superseded | S::Revoked | S::Expired);
    a.declarations
        .iter()
        .filter(live)
        .map(|d| Current {
            id: d.id.clone(),
            level: d.level.code(),
            state: d.state.code(),
            state_label: lang.named("infra-state", d.state.code()),
            deadline: d.integration_deadline.map(day),
            version: d.version,
            answers: rows(Some(d.level), &d.answers),
            steps: Step::allowed(d.state, a.side, today)
                .into_iter()
                .map(|s| (s.code(), lang.named("infra-step", s.code())))
                .collect(),
        })
        .collect()
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    page(&v, &id, None).await
}

async fn page(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let a = flow::of_infrastructure(&v.state, &v.user, id).await?;
    let lang = v.page.lang;
    let operator = a.side == Side::Provider;
    let status = match a.history.at(v.now.today) {
        Some((s, level)) => format!("{} · {}", lang.named("infra-status", s.code()), level.code()),
        None => lang.t("infra-status-none").to_owned(),
    };
    let in_progress = a.declarations.iter().any(|d| {
        matches!(
            d.state,
            QualificationState::Submitted | QualificationState::InReview | QualificationState::Resubmitted
        )
    });
    let revoked = a.history.history.current().is_some_and(|i| i.status.is_final());
    let form = match a.editable() {
        Some(d) if operator => Some((d.level.code(), rows(None, &d.answers))),
        None if operator && !in_progress && !revoked => {
            Some((a.infrastructure.level.unwrap_or(InfrastructureLevel::AI1).code(), rows(None, &[])))
        }
        _ => None,
    };
    let back = if operator { ("/fornitore", "portal-title") } else { ("/agenzia/infrastrutture", "infra-queue-title") };
    let page = AdeguamentoPage {
        layout: v.page.titled(a.infrastructure.name.clone(), &[back]),
        problem: problem.clone(),
        id: a.infrastructure.id.clone(),
        location: a.infrastructure.location.code(),
        sites: a.infrastructure.sites.clone(),
        level: a.infrastructure.level.map(InfrastructureLevel::code),
        status,
        unconfirmed: !LEVELS.confirmed,
        history: a
            .history
            .history
            .intervals()
            .iter()
            .zip(&a.history.levels)
            .map(|(i, l)| {
                (lang.named("infra-status", i.status.code()), l.code(), day(i.from), i.to.map(day).unwrap_or_default())
            })
            .collect(),
        decisions: a
            .decisions
            .iter()
            .map(|d| (lang.named("infra-decision", &d.kind), day(d.decided_on), d.motivation.clone()))
            .collect(),
        declarations: a
            .declarations
            .iter()
            .map(|d| {
                let created = chrono::DateTime::from_timestamp_millis(d.created_at_ms).map(|t| day(t.date_naive()));
                (d.level.code(), lang.named("infra-state", d.state.code()), created.unwrap_or_default())
            })
            .collect(),
        current: current(lang, &a, v.now.today),
        form,
        levels: InfrastructureLevel::ALL.map(InfrastructureLevel::code),
        csrf_token: v.user.csrf_token.clone(),
    };
    Ok((status_of(&problem), render(&page)).into_response())
}

/// Back to the infrastructure's page, or the page again with the problem.
async fn outcome<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/infrastrutture/{id}/adeguamento"), |problem| page(v, id, Some(problem))).await
}

/// The declaration form: `level`, and for each requirement of the level
/// `conforms.{id}` (a checkbox) and `note.{id}`; requirements of higher
/// levels are left out.
fn declared(fields: &[(String, String)]) -> Result<(InfrastructureLevel, Vec<DeclaredAnswer>), Problem> {
    let value = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let level = value("level")
        .and_then(InfrastructureLevel::parse)
        .ok_or_else(|| Problem::validation().field("level", Message::new("infra-rule-level")))?;
    let answers = LEVELS
        .requirements
        .iter()
        .filter(|r| r.applies_to(level))
        .map(|r| DeclaredAnswer {
            requirement_id: r.id.clone(),
            conforms: value(&format!("conforms.{}", r.id)).is_some(),
            note: value(&format!("note.{}", r.id)).unwrap_or_default().to_owned(),
        })
        .collect();
    Ok((level, answers))
}

pub(crate) async fn save(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, Problem> {
    let result = match declared(&fields) {
        Ok((level, answers)) => {
            let editable =
                v.state.store.infrastructure_declarations(&id).await?.into_iter().find(|d| d.state.is_editable());
            match editable {
                Some(d) => flow::save(&v.state, &v.user, v.now, (&d.id, None), (level, &answers)).await,
                None => flow::start(&v.state, &v.user, v.now, &id, (level, &answers)).await,
            }
            .map_err(Problem::from)
        }
        Err(problem) => Err(problem),
    };
    outcome(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct StepForm {
    #[serde(default)]
    step: String,
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    planned_end: String,
    #[serde(default)]
    version: Option<i64>,
}

/// A date typed in a form: none when left empty, refused by its field when
/// it does not read.
fn date(field: &'static str, text: &str) -> Result<Option<NaiveDate>, Problem> {
    match text.trim() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Problem::validation().field(field, Message::new("qual-date-iso"))),
    }
}

pub(crate) async fn step(
    v: Visit,
    Path(declaration_id): Path<String>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, Problem> {
    let (declaration, _) = flow::load(&v.state, &v.user, &declaration_id).await?;
    let event = match (Step::parse(&f.step), date("deadline", &f.deadline), date("planned_end", &f.planned_end)) {
        (Some(step), Ok(deadline), Ok(planned_end)) => {
            step.event(StepFields { motivation: f.motivation, deadline, planned_end }).map_err(Problem::from)
        }
        (None, _, _) => Err(Problem::validation().field("step", Message::new("infra-rule-step"))),
        (_, Err(problem), _) | (_, _, Err(problem)) => Err(problem),
    };
    let result = match event {
        Ok(event) => {
            flow::act(&v.state, &v.user, v.now, (&declaration_id, f.version), event).await.map_err(Problem::from)
        }
        Err(problem) => Err(problem),
    };
    outcome(&v, &declaration.infrastructure_id, result).await
}

#[derive(Template)]
#[template(path = "infrastructure_queue.html")]
struct QueuePage {
    layout: Layout,
    /// (infrastructure id, infrastructure, operator, level, state label, sent on)
    rows: Vec<(String, String, String, &'static str, &'static str, String)>,
}

pub(crate) async fn queue(v: Visit) -> Result<Response, Problem> {
    let lang = v.page.lang;
    let rows = flow::queue(&v.state, &v.user)
        .await?
        .into_iter()
        .map(|d| {
            let sent = d.submitted_at_ms.and_then(chrono::DateTime::from_timestamp_millis).map(|t| day(t.date_naive()));
            let state = lang.named("infra-state", d.state.code());
            (
                d.infrastructure_id,
                d.infrastructure_name,
                d.operator_name,
                d.level.code(),
                state,
                sent.unwrap_or_default(),
            )
        })
        .collect();
    Ok(render(&QueuePage { layout: v.page.layout("infra-queue-title", &[]), rows }))
}
