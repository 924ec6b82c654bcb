//! The programme office's calls (avvisi) as pages: the list, a new call,
//! and a call's edit page with its fields, settings and list of services.
//! Every form goes through the same workflows as the API (`ManageCalls`),
//! so a page cannot write what the API would refuse; a refused form comes
//! back with what was typed, and nothing is written.

mod fields;
mod page;
mod setup;

use super::qualification::status_of;
use super::{Layout, Visit, redirect_or, render};
use crate::auth::csrf::CsrfForm;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use askama::Template;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::settings::WindowDates;
use cloudpa_workflows::programme::calls;
use cloudpa_workflows::programme::deadlines::{classes_of, settings_of};
use cloudpa_workflows::qualification::require;
use fields::CallForm;
use page::{CallPage, Setup, saved_key};
use serde::Deserialize;
use setup::{PostedList, SettingsForm, at_list, list_text};

/// The office's pages above a call's, for its breadcrumbs.
const PARENTS: [(&str, &str); 2] =
    [("/programma/ufficio", "office-title"), ("/programma/ufficio/avvisi", "calls_office-title")];

#[derive(Template)]
#[template(path = "calls_office.html")]
struct List {
    layout: Layout,
    rows: Vec<Row>,
}

/// A call with the windows in force and whether enti may still apply.
struct Row {
    call: Call,
    windows: Vec<WindowDates>,
    open: bool,
}

impl List {
    fn status_key(&self, status: &str) -> &'static str {
        page::status_key(status)
    }

    fn day(&self, day: &NaiveDate) -> String {
        day.format("%d/%m/%Y").to_string()
    }

    fn budget(&self, call: &Call) -> String {
        super::programme::budget(self.layout.lang, call)
    }
}

pub(crate) async fn list(v: Visit) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let mut rows = Vec::new();
    for call in v.state.store.list_calls().await? {
        let (_, settings) = settings_of(&v.state.store, &call).await?;
        rows.push(Row { open: settings.open_for_applications(v.now.today), windows: settings.windows, call });
    }
    let layout = v.page.layout("calls_office-title", &PARENTS[..1]);
    Ok(render(&List { layout, rows }))
}

pub(crate) async fn new(v: Visit) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    Ok(new_page(&v, CallForm { status: "APERTO".into(), ..CallForm::default() }, None))
}

/// The new-call page, with the problem of the form when it was refused.
fn new_page(v: &Visit, form: CallForm, problem: Option<Problem>) -> Response {
    let template = CallPage {
        layout: v.page.layout("calls_office-new-title", &PARENTS),
        csrf_token: v.user.csrf_token.clone(),
        id: String::new(),
        form,
        setup: None,
        failed: "call",
        saved: "",
        problem,
    };
    (status_of(&template.problem), render(&template)).into_response()
}

pub(crate) async fn create(v: Visit, CsrfForm(form): CsrfForm<CallForm>) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let result = match form.fields() {
        Ok(fields) => calls::create(&v.state, &v.user, v.now, fields).await,
        Err(refused) => Err(refused),
    };
    let again = |problem| async { Ok(new_page(&v, form, Some(problem))) };
    redirect_or(result, |call| saved(&call.id, "nuovo"), again).await
}

#[derive(Deserialize, Default)]
pub(crate) struct Saved {
    #[serde(default)]
    salvato: String,
}

pub(crate) async fn edit(v: Visit, Path(id): Path<String>, Query(s): Query<Saved>) -> Result<Response, Problem> {
    edit_page(&v, &id, saved_key(&s.salvato), None).await
}

/// A form of the edit page as typed when it was refused.
enum Typed {
    Call(CallForm),
    Settings(SettingsForm),
    Services(String),
}

/// The edit page of call `id`: the call as stored, except the form that was
/// refused, shown as typed with its problem.
async fn edit_page(
    v: &Visit,
    id: &str,
    saved: &'static str,
    refused: Option<(Typed, Problem)>,
) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let store = &v.state.store;
    let call =
        store.find_call(id).await?.ok_or_else(|| Problem::not_found(Message::new("prog-no-call").arg("id", id)))?;
    let version = store.call_versions(id).await?.last().map_or(0, |(version, ..)| *version);
    let (settings_version, settings) = settings_of(store, &call).await?;
    let list = store.call_service_list(id).await?;
    let mut setup = Setup {
        settings: SettingsForm::of(&settings),
        settings_version,
        classes: classes_of(store, &call).await?,
        list_text: list.as_ref().map(list_text).unwrap_or_default(),
        list,
    };
    let mut form = CallForm::of(&call, version);
    let (failed, problem) = match refused {
        None => ("", None),
        Some((Typed::Call(typed), problem)) => {
            form = typed;
            ("call", Some(problem))
        }
        Some((Typed::Settings(typed), problem)) => {
            setup.settings = typed;
            ("settings", Some(problem))
        }
        Some((Typed::Services(typed), problem)) => {
            setup.list_text = typed;
            ("services", Some(at_list(problem)))
        }
    };
    setup.settings = setup.settings.with_blank_rows();
    let template = CallPage {
        layout: v.page.titled(call.title.clone(), &PARENTS),
        csrf_token: v.user.csrf_token.clone(),
        id: call.id,
        form,
        setup: Some(setup),
        failed,
        problem,
        saved,
    };
    Ok((status_of(&template.problem), render(&template)).into_response())
}

/// The edit page of call `id`, saying which form was saved.
fn saved(id: &str, what: &str) -> String {
    format!("/programma/ufficio/avvisi/{id}?salvato={what}")
}

pub(crate) async fn update(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CallForm>,
) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let result = match form.expected().and_then(|expected| Ok((form.fields()?, expected))) {
        Ok((fields, expected)) => calls::update(&v.state, &v.user, v.now, &id, fields, Some(expected)).await,
        Err(refused) => Err(refused),
    };
    let again = |problem| edit_page(&v, &id, "", Some((Typed::Call(form), problem)));
    redirect_or(result, |_| saved(&id, "avviso"), again).await
}

pub(crate) async fn save_settings(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let form = SettingsForm::posted(&pairs);
    let result = match form.settings() {
        Ok(settings) => calls::save_settings(&v.state, &v.user, v.now, &id, &settings).await,
        Err(refused) => Err(refused),
    };
    let again = |problem| edit_page(&v, &id, "", Some((Typed::Settings(form), problem)));
    redirect_or(result, |_| saved(&id, "finestre"), again).await
}

pub(crate) async fn load_services(
    v: Visit,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageCalls)?;
    let posted = PostedList::read(&v, &headers, multipart).await?;
    let result = match posted.csv() {
        Ok((csv, source)) => calls::load_services(&v.state, &v.user, v.now, &id, csv, &source).await,
        Err(refused) => Err(refused),
    };
    let again = |problem| edit_page(&v, &id, "", Some((Typed::Services(posted.text.clone()), problem)));
    redirect_or(result, |_| saved(&id, "servizi"), again).await
}
