//! A multipart form of the ente's asseverazione pages (they carry
//! documents): its text fields and its files, read within the size limit,
//! with the site's origin, the session's token and every text checked
//! before anything is stored. The files are then stored as uploads of the
//! user's organisation, scanned like every upload.

use crate::auth::csrf::session_token_matches;
use crate::pages::Visit;
use crate::pages::qualification::same_site;
use crate::problem::Problem;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use cloudpa_domain::message::Message;
use cloudpa_domain::text::{Layout, check};
use cloudpa_workflows::qualification::files;
use std::collections::BTreeSet;

/// A file chosen in the form, not yet stored.
struct Upload {
    field: String,
    filename: String,
    content: Vec<u8>,
}

/// A form as posted: its texts and its files.
pub(super) struct Posted {
    texts: Vec<(String, String)>,
    uploads: Vec<Upload>,
}

/// The files of a form once stored: (field, file id), in the form's order.
pub(super) struct Stored(Vec<(String, String)>);

impl Posted {
    /// Reads the form: refused whole (nothing stored) when it is not
    /// multipart, comes from another site, lacks the session's token, or
    /// has a text with a control character. `prose` names the fields that
    /// may hold line breaks besides the usual prose fields (`text`).
    pub async fn read(
        v: &Visit,
        headers: &HeaderMap,
        multipart: Result<Multipart, MultipartRejection>,
        prose: &BTreeSet<String>,
    ) -> Result<Posted, Problem> {
        let mut multipart =
            multipart.map_err(|_| Problem::validation().field("form", Message::new("att-multipart-expected")))?;
        if !same_site(headers, &v.state) {
            return Err(Problem::forbidden(Message::new("web-form-refused")));
        }
        let mut posted = Posted { texts: Vec::new(), uploads: Vec::new() };
        let mut refused = Vec::new();
        let broken = || Problem::validation().field("form", Message::new("att-multipart-broken"));
        while let Some(mut field) = multipart.next_field().await.map_err(|_| broken())? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(filename) => {
                    let content = crate::upload::read_field(&mut field).await?;
                    if !content.is_empty() {
                        posted.uploads.push(Upload { field: name, filename, content });
                    }
                }
                None => {
                    let value = field.text().await.map_err(|_| broken())?;
                    let rule = if prose.contains(&name) {
                        check(&value, Layout::Prose).err().map(|rule| (name.clone(), rule))
                    } else {
                        crate::input::field_problem(&name, &value)
                    };
                    refused.extend(rule);
                    posted.texts.push((name, value));
                }
            }
        }
        if !session_token_matches(posted.text("csrf_token"), &v.user) {
            return Err(Problem::forbidden(Message::new("att-form-expired")));
        }
        if !refused.is_empty() {
            return Err(Problem::invalid(refused));
        }
        Ok(posted)
    }

    /// The first value of the text field `name`, trimmed ("" when absent).
    pub fn text(&self, name: &str) -> &str {
        self.texts.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.trim())
    }

    /// The text fields whose name starts with `prefix`, with the rest of
    /// their name.
    pub fn texts_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.texts.iter().filter_map(move |(n, v)| Some((n.strip_prefix(prefix)?, v.as_str())))
    }

    /// Whether a file was chosen in field `name`.
    pub fn has_file(&self, name: &str) -> bool {
        self.uploads.iter().any(|u| u.field == name)
    }

    /// Stores the files chosen, each as an upload of the user's organisation.
    pub async fn store(&mut self, v: &Visit) -> Result<Stored, Problem> {
        let mut stored = Vec::new();
        for Upload { field, filename, content } in std::mem::take(&mut self.uploads) {
            let info = files::save(&v.state, &v.user, v.now, &filename, content)
                .await
                .map_err(|e| rename_file_field(Problem::from(e), &field))?;
            stored.push((field, info.sha256));
        }
        Ok(Stored(stored))
    }
}

/// A refusal of a file names the form's field it was chosen in.
fn rename_file_field(mut problem: Problem, field: &str) -> Problem {
    for error in &mut problem.errors {
        if error.field == "file" {
            error.field = field.to_owned();
        }
    }
    problem
}

impl Stored {
    /// The id of the file stored from field `name`, if one was chosen.
    pub fn file(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, sha)| sha.clone())
    }

    /// The ids of every file stored from field `name` (a multiple input).
    pub fn files(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, sha)| sha.clone()).collect()
    }
}
