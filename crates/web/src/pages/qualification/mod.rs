//! Qualification pages: the public record of a listing, the provider's area
//! and the agency's review workspace. They call the same workflow as the API.

pub(crate) mod agency;
pub(crate) mod application;
pub(crate) mod infrastructures;
pub(crate) mod monitoring;
pub(crate) mod provider;
pub(crate) mod public;

use crate::AppState;
use crate::format::rome_datetime;
use crate::i18n::Lang;
use crate::problem::Problem;
use axum::http::HeaderMap;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::requirements::AnswerType;
use cloudpa_domain::qualification::triage::Answer;
use cloudpa_store::qualification::applications::Application;
use cloudpa_store::qualification::listings::ListingVersion;
use cloudpa_workflows::qualification::applications::set_of;

/// One requirement of an application as both workspaces show it.
pub(crate) struct Row {
    pub id: String,
    pub group: String,
    pub text: String,
    pub evidence: String,
    pub mandatory: bool,
    pub kind: &'static str,
    pub answer: String,
    pub document: Option<String>,
    pub review: Option<String>,
}

/// The application's form: its requirements, answers and reviews.
pub(crate) struct Form {
    pub rows: Vec<Row>,
    pub set_title: String,
    pub listing: ListingVersion,
}

pub(crate) async fn form(state: &AppState, app: &Application, lang: Lang) -> Result<Form, Problem> {
    let set = set_of(state, app).await?;
    let listing =
        state.store.listing_version(&app.listing_id, app.listing_version).await?.ok_or_else(Problem::internal)?;
    let answers = state.store.answers(&app.id).await?;
    let reviews = state.store.reviews(&app.id).await?;
    let level = (!set.levels.is_empty()).then_some(listing.details.terms.level);
    let rows = set
        .applicable(listing.details.terms.kind, level)
        .into_iter()
        .map(|r| {
            let answer = answers.get(&r.id);
            Row {
                id: r.id.clone(),
                group: r.group.clone(),
                text: r.text.clone(),
                evidence: r.evidence.clone(),
                mandatory: r.mandatory,
                kind: kind_code(r.answer),
                answer: answer.map(|a| describe(a, lang)).unwrap_or_default(),
                document: answer.and_then(document),
                review: reviews
                    .iter()
                    .find(|v| v.requirement_id == r.id)
                    .map(|v| format!("{} — {} ({})", v.verdict, v.note, rome_datetime(v.at_ms))),
            }
        })
        .collect();
    Ok(Form { rows, set_title: set.title, listing })
}

fn kind_code(kind: AnswerType) -> &'static str {
    match kind {
        AnswerType::YesNo => "yes_no",
        AnswerType::Text => "text",
        AnswerType::Certificate => "certificate",
        AnswerType::Document => "document",
        AnswerType::Location => "location",
        AnswerType::SliValues => "sli_values",
    }
}

fn describe(answer: &Answer, lang: Lang) -> String {
    match answer {
        Answer::YesNo { value: true } => lang.t("app-yes").into(),
        Answer::YesNo { value: false } => lang.t("app-no").into(),
        Answer::Text { value } | Answer::SliValues { value } => value.clone(),
        Answer::Certificate { expires_on, .. } => {
            lang.text(&Message::new("app-certificate-valid-until").arg("until", *expires_on))
        }
        Answer::Document { .. } => lang.t("app-document-attached").into(),
        Answer::Location { countries } => countries.join(", "),
    }
}

fn document(answer: &Answer) -> Option<String> {
    match answer {
        Answer::Certificate { document, .. } | Answer::Document { document } => Some(document.clone()),
        _ => None,
    }
}

/// The status a page shows for a problem (200 pages carry no problem).
pub(crate) fn status_of(problem: &Option<Problem>) -> axum::http::StatusCode {
    problem.as_ref().map_or(axum::http::StatusCode::OK, Problem::status_code)
}

/// Whether a multipart form's `Origin` is this site (forms read through
/// `CsrfForm` check it themselves).
pub(crate) fn same_site(headers: &HeaderMap, state: &AppState) -> bool {
    crate::auth::csrf::same_origin(headers, &state.config.public_url)
}
