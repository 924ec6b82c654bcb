use super::{Layout, Page, Visit, render};
use crate::auth::csrf::CsrfForm;
use crate::auth::session::CurrentUser;
use crate::format::rome_datetime;
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_store::accounts::SessionUser;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
struct Account {
    layout: Layout,
    session: SessionUser,
    expires: String,
    can_manage_users: bool,
    /// The agency and the programme office reach the register of
    /// organisations (and, as administrators, onboard new ones there).
    can_see_organisations: bool,
}

pub(crate) async fn show(page: Page, CurrentUser(session): CurrentUser) -> Response {
    let expires = rome_datetime(session.expires_at_ms);
    let can_manage_users = holds(session.organisation.kind, session.user.role, Permission::ManageOwnUsers);
    let can_see_organisations = holds(session.organisation.kind, session.user.role, Permission::ViewAllOrganisations);
    render(&Account {
        layout: page.layout("account-title", &[]),
        session,
        expires,
        can_manage_users,
        can_see_organisations,
    })
}

#[derive(Deserialize)]
pub(crate) struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// Sets the language of the person's e-mails and documents, and of these
/// pages from now on.
pub(crate) async fn set_language(v: Visit, CsrfForm(f): CsrfForm<LanguageForm>) -> Result<Response, Problem> {
    let lang = cloudpa_workflows::preferences::set_language(&v.state, &v.user, v.now, &f.language).await?;
    Ok(Redirect::to(&format!("/profilo?lang={}", lang.code())).into_response())
}
