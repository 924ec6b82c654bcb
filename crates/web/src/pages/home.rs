use super::{Layout, Page, render};
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    layout: Layout,
}

pub(crate) async fn show(page: Page) -> Response {
    let mut layout = page.layout("nav.home", &[]);
    layout.breadcrumbs.clear();
    render(&Home { layout })
}
