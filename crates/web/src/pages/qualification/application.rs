//! The provider's application form, generated from its requirement set.

use super::{Row, form, same_site, status_of};
use crate::auth::csrf::{CsrfForm, Empty, session_token_matches};
use crate::extract::Path;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::lifecycle::Actor as Side;
use cloudpa_domain::qualification::triage::Answer;
use cloudpa_workflows::qualification::applications::{answer, load, submit};
use cloudpa_workflows::qualification::files;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "application.html")]
struct ApplicationPage {
    layout: Layout,
    id: String,
    service: String,
    state: String,
    set_title: String,
    deadline: Option<String>,
    editable: bool,
    rows: Vec<Row>,
    problem: Option<Problem>,
    csrf_token: String,
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    render_form(&v, &id, None).await
}

async fn render_form(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let (app, side) = load(&v.state, &v.user, id).await?;
    if side != Side::Provider {
        return Ok(Redirect::to(&format!("/agenzia/domande/{id}")).into_response());
    }
    let form = form(&v.state, &app, v.page.lang).await?;
    let status = status_of(&problem);
    let template = ApplicationPage {
        layout: v.page.layout("app-title", &[("/fornitore", "portal-title")]),
        id: app.id.clone(),
        service: form.listing.details.name,
        state: app.state.to_string(),
        set_title: form.set_title,
        deadline: app.integration_deadline.map(|d| d.format("%d/%m/%Y").to_string()),
        editable: app.state.is_editable(),
        rows: form.rows,
        problem,
        csrf_token: v.user.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}

/// Back to the form, or the form again with the problem shown.
async fn back<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/fornitore/domande/{id}"), |problem| render_form(v, id, Some(problem))).await
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    value: String,
}

/// Answers a requirement that is not a document: yes/no, text, countries.
pub(crate) async fn save_answer(
    v: Visit,
    Path((id, requirement)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<AnswerForm>,
) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    let result: Result<(), Problem> = async {
        let (app, _) = load(state, user, &id).await?;
        let set = cloudpa_workflows::qualification::applications::set_of(state, &app).await?;
        let kind = set.requirement(&requirement).map(|r| r.answer);
        use cloudpa_domain::qualification::requirements::AnswerType;
        let value = f.value.trim().to_owned();
        let parsed = match kind {
            Some(AnswerType::YesNo) => Answer::YesNo { value: value == "yes" },
            Some(AnswerType::Location) => Answer::Location {
                countries: value.split(',').map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect(),
            },
            Some(AnswerType::SliValues) => Answer::SliValues { value },
            _ => Answer::Text { value },
        };
        Ok(answer(state, user, v.now, &id, &requirement, &parsed).await?)
    }
    .await;
    back(&v, &id, result).await
}

/// Answers a certificate or document requirement with an uploaded file
/// (multipart: `csrf_token`, `file`, and `expires_on` for certificates).
pub(crate) async fn save_document(
    v: Visit,
    headers: HeaderMap,
    Path((id, requirement)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    let mut multipart = multipart.map_err(|_| Problem::validation().field("file", Message::new("qual-multipart")))?;
    if !same_site(&headers, state) {
        return Err(Problem::forbidden(Message::new("qual-cross-site")));
    }
    let mut token = String::new();
    let mut expires_on = None;
    let mut file = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| Problem::validation().field("file", Message::new("qual-bad-multipart")))?
    {
        match field.name() {
            Some("csrf_token") => token = field.text().await.unwrap_or_default(),
            Some("expires_on") => expires_on = field.text().await.ok(),
            Some("file") => {
                let name = field.file_name().unwrap_or("document").to_owned();
                file = Some((name, crate::upload::read_field(&mut field).await?));
            }
            _ => {}
        }
    }
    if !session_token_matches(&token, user) {
        return Err(Problem::forbidden(Message::new("qual-form-expired")));
    }
    let result: Result<(), Problem> = async {
        let (name, content) = file.ok_or_else(|| Problem::validation().field("file", Message::new("qual-required")))?;
        let info = files::save(state, user, v.now, &name, content).await?;
        let parsed = match expires_on.filter(|e| !e.is_empty()) {
            Some(date) => Answer::Certificate {
                expires_on: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| Problem::validation().field("expires_on", Message::new("qual-date")))?,
                document: info.sha256,
            },
            None => Answer::Document { document: info.sha256 },
        };
        Ok(answer(state, user, v.now, &id, &requirement, &parsed).await?)
    }
    .await;
    back(&v, &id, result).await
}

pub(crate) async fn submit_application(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    let result = submit(&v.state, &v.user, v.now, &id).await;
    back(&v, &id, result).await
}
