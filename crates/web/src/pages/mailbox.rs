//! The local mailbox: notifications addressed to the signed-in user, when no
//! SMTP server is configured.

use super::{Layout, Page, render};
use crate::AppState;
use crate::auth::session::CurrentUser;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_workflows::notifications::mailbox::{Letter, letters_to};

#[derive(Template)]
#[template(path = "mailbox.html")]
struct Mailbox {
    layout: Layout,
    letters: Vec<Letter>,
}

pub(crate) async fn show(State(state): State<AppState>, page: Page, CurrentUser(user): CurrentUser) -> Response {
    let letters = match &state.config.mailbox_dir {
        Some(dir) => letters_to(dir, &user.user.email),
        None => Vec::new(),
    };
    render(&Mailbox { layout: page.layout("mailbox-title", &[]), letters })
}
