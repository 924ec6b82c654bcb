//! An organisation's administrators list and add its users.

use super::{Layout, Visit, render};
use crate::auth::csrf::CsrfForm;
use crate::extract::Query;
use crate::problem::Problem;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::Role;
use cloudpa_store::accounts::User;
use cloudpa_workflows::ErrorKind;
use cloudpa_workflows::FieldError;
use cloudpa_workflows::accounts::{UserFields, add_user};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "users.html")]
struct Users {
    layout: Layout,
    organisation: String,
    users: Vec<User>,
    created: bool,
    errors: Vec<FieldError>,
    form: UserForm,
    roles: Vec<&'static str>,
    csrf_token: String,
}

#[derive(Deserialize, Default, Clone)]
pub(crate) struct UserForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default = "default_role")]
    role: String,
}

fn default_role() -> String {
    Role::Operator.code().to_owned()
}

#[derive(Deserialize)]
pub(crate) struct Created {
    created: Option<String>,
}

pub(crate) async fn list(v: Visit, Query(q): Query<Created>) -> Result<Response, Problem> {
    let form = UserForm { role: default_role(), ..UserForm::default() };
    show(&v, form, Vec::new(), q.created.is_some(), StatusCode::OK).await
}

pub(crate) async fn create(v: Visit, CsrfForm(form): CsrfForm<UserForm>) -> Result<Response, Problem> {
    let fields =
        UserFields { email: &form.email, display_name: &form.display_name, password: &form.password, role: &form.role };
    match add_user(&v.state, &v.user, v.now, &fields).await {
        Ok(_) => Ok(Redirect::to("/organizzazione/utenti?created=1").into_response()),
        Err(e) if matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict) => {
            let status = if e.kind == ErrorKind::Conflict { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
            show(&v, form, e.fields, false, status).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The users' page, with the form as sent and the rules it broke.
async fn show(
    v: &Visit,
    form: UserForm,
    errors: Vec<FieldError>,
    created: bool,
    status: StatusCode,
) -> Result<Response, Problem> {
    let session = &v.user;
    let users = v.state.store.list_users(&session.organisation.id).await?;
    let template = Users {
        layout: v.page.layout("users.title", &[("/profilo", "account.title")]),
        organisation: session.organisation.name.clone(),
        users,
        created,
        errors,
        form: UserForm { password: String::new(), ..form },
        roles: Role::ALL.iter().map(|r| r.code()).collect(),
        csrf_token: session.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}
