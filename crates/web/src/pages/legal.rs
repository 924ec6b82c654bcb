//! The pages every Italian public site links from its footer; their words
//! are in the translation files (`legal.ftl`).

use super::{Layout, Page, render};
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "legal.html")]
struct Legal {
    layout: Layout,
    paragraphs: Vec<&'static str>,
}

/// A footer page: the keys of its title and of its paragraphs.
pub(crate) struct Text {
    title_key: &'static str,
    paragraphs: &'static [&'static str],
}

pub(crate) async fn show(page: Page, text: &'static Text) -> Response {
    let paragraphs = text.paragraphs.iter().map(|key| page.lang.t(key)).collect();
    render(&Legal { layout: page.layout(text.title_key, &[]), paragraphs })
}

pub(crate) static ACCESSIBILITY: Text = Text {
    title_key: "legal-accessibility-title",
    paragraphs: &["legal-accessibility-p1", "legal-accessibility-p2", "legal-accessibility-p3"],
};

pub(crate) static PRIVACY: Text = Text {
    title_key: "legal-privacy-title",
    paragraphs: &["legal-privacy-p1", "legal-privacy-p2", "legal-privacy-p3"],
};

pub(crate) static NOTES: Text =
    Text { title_key: "legal-notes-title", paragraphs: &["legal-notes-p1", "legal-notes-p2"] };
