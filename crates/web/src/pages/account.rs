use super::{Layout, Page, render};
use crate::auth::session::CurrentUser;
use crate::format::rome_datetime;
use askama::Template;
use axum::response::Response;
use cloudpa_domain::access::{Permission, holds};
use cloudpa_store::accounts::SessionUser;

#[derive(Template)]
#[template(path = "account.html")]
struct Account {
    layout: Layout,
    session: SessionUser,
    expires: String,
    can_manage_users: bool,
}

pub(crate) async fn show(page: Page, CurrentUser(session): CurrentUser) -> Response {
    let expires = rome_datetime(session.expires_at_ms);
    let can_manage_users = holds(session.organisation.kind, session.user.role, Permission::ManageOwnUsers);
    render(&Account { layout: page.layout("account.title", &[]), session, expires, can_manage_users })
}
