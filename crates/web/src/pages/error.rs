//! Error pages for browsers (the API answers problem+json instead).

use super::{Layout, render};
use crate::i18n::Lang;
use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use cloudpa_store::accounts::SessionUser;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    message: &'static str,
}

pub(crate) fn error_page(status: StatusCode, headers: &HeaderMap, user: Option<&SessionUser>) -> Response {
    let lang = Lang::from_request(None, headers);
    let message = lang.t(match status {
        StatusCode::FORBIDDEN => "error.403",
        StatusCode::NOT_FOUND => "error.404",
        _ => "error.other",
    });
    let title = format!("{} {}", lang.t("error.title"), status.as_u16());
    let layout = Layout { lang, user: user.cloned(), title: title.clone(), breadcrumbs: vec![(String::new(), title)] };
    (status, render(&ErrorPage { layout, status: status.as_u16(), message })).into_response()
}
