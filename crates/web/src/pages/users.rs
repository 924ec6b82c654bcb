//! An organisation's administrators list their members, add them (a local
//! account with a password, or a member invited by fiscal code who signs in
//! through SPID or CIE), change their roles and remove them.

use super::{Layout, Visit, render};
use crate::auth::csrf::{CsrfForm, Empty};
use crate::extract::{Path, Query};
use crate::problem::Problem;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::Role;
use cloudpa_store::accounts::User;
use cloudpa_workflows::ErrorKind;
use cloudpa_workflows::FieldError;
use cloudpa_workflows::accounts::{MemberFields, UserFields, add_user, change_member, invite_member};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "users.html")]
struct Users {
    layout: Layout,
    organisation: String,
    users: Vec<User>,
    created: bool,
    done: Option<&'static str>,
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
    #[serde(default)]
    fiscal_code: String,
    #[serde(default = "default_role")]
    role: String,
}

fn default_role() -> String {
    Role::Operator.code().to_owned()
}

#[derive(Deserialize)]
pub(crate) struct Created {
    created: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct RoleForm {
    role: String,
}

pub(crate) async fn list(v: Visit, Query(q): Query<Created>) -> Result<Response, Problem> {
    let form = UserForm { role: default_role(), ..UserForm::default() };
    let done = match q.done.as_deref() {
        Some("role") => Some("users-role_changed"),
        Some("removed") => Some("users-removed"),
        _ => None,
    };
    show(&v, form, Vec::new(), (q.created.is_some(), done), StatusCode::OK).await
}

/// Adds a local account when a password is given, else invites a member by
/// fiscal code.
pub(crate) async fn create(v: Visit, CsrfForm(form): CsrfForm<UserForm>) -> Result<Response, Problem> {
    let added = if form.password.is_empty() && !form.fiscal_code.trim().is_empty() {
        let fields = MemberFields {
            email: &form.email,
            display_name: &form.display_name,
            fiscal_code: &form.fiscal_code,
            role: &form.role,
        };
        invite_member(&v.state, &v.user, v.now, &fields).await
    } else {
        let fields = UserFields {
            email: &form.email,
            display_name: &form.display_name,
            password: &form.password,
            role: &form.role,
        };
        add_user(&v.state, &v.user, v.now, &fields).await
    };
    match added {
        Ok(_) => Ok(Redirect::to("/organizzazione/utenti?created=1").into_response()),
        Err(e) if matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict) => {
            let status = if e.kind == ErrorKind::Conflict { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
            show(&v, form, e.fields, (false, None), status).await
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn change_role(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, Problem> {
    change(v, &id, Some(&form.role), "role").await
}

pub(crate) async fn remove(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, Problem> {
    change(v, &id, None, "removed").await
}

async fn change(v: Visit, id: &str, role: Option<&str>, done: &str) -> Result<Response, Problem> {
    match change_member(&v.state, &v.user, v.now, id, role).await {
        Ok(()) => Ok(Redirect::to(&format!("/organizzazione/utenti?done={done}")).into_response()),
        Err(e) if matches!(e.kind, ErrorKind::Invalid | ErrorKind::Rule) => {
            let status =
                if e.kind == ErrorKind::Rule { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::BAD_REQUEST };
            let form = UserForm { role: default_role(), ..UserForm::default() };
            show(&v, form, e.fields, (false, None), status).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The users' page, with the form as sent and the rules it broke.
async fn show(
    v: &Visit,
    form: UserForm,
    errors: Vec<FieldError>,
    (created, done): (bool, Option<&'static str>),
    status: StatusCode,
) -> Result<Response, Problem> {
    let session = &v.user;
    let users = v.state.store.list_users(&session.organisation.id).await?;
    let template = Users {
        layout: v.page.layout("users-title", &[("/profilo", "account-title")]),
        organisation: session.organisation.name.clone(),
        users,
        created,
        done,
        errors,
        form: UserForm { password: String::new(), ..form },
        roles: Role::ALL.iter().map(|r| r.code()).collect(),
        csrf_token: session.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}
