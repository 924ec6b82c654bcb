//! Server-rendered pages: they work without JavaScript and follow the
//! Designers Italia page model (see `templates/base.html`).

pub(crate) mod account;
pub(crate) mod attestation;
pub(crate) mod calls_office;
pub(crate) mod candidatura;
pub(crate) mod catalogue;
pub(crate) mod classification;
pub(crate) mod comuni;
pub(crate) mod dashboard;
pub(crate) mod ente;
pub(crate) mod ente_public;
pub(crate) mod error;
pub(crate) mod federated;
pub(crate) mod home;
pub(crate) mod legal;
pub(crate) mod login;
pub(crate) mod mailbox;
pub(crate) mod map;
pub(crate) mod office;
pub(crate) mod organisations;
pub(crate) mod programme;
pub(crate) mod qualification;
pub(crate) mod quality;
pub(crate) mod timeline;
pub(crate) mod tokens;
pub(crate) mod users;

use crate::AppState;
use crate::auth::session::{CurrentUser, MaybeUser};
use crate::clock::Clock;
use crate::cookies;
use crate::i18n::{Lang, query_lang};
use crate::problem::Problem;
use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use cloudpa_store::accounts::SessionUser;
use cloudpa_workflows::Now;

/// What every page template receives.
pub(crate) struct Layout {
    pub lang: Lang,
    pub user: Option<SessionUser>,
    pub title: String,
    /// (href, label) after "Home"; the last one is the current page.
    pub breadcrumbs: Vec<(String, String)>,
}

/// The language and the signed-in user of a page request.
pub(crate) struct Page {
    pub lang: Lang,
    pub user: Option<SessionUser>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let user = MaybeUser::from_request_parts(parts, state).await?.0;
        Ok(Page { lang: crate::i18n::lang_of(&parts.uri, &parts.headers), user })
    }
}

impl Page {
    /// A layout titled by the text `title_key`, with that title as the last crumb.
    pub fn layout(&self, title_key: &str, parents: &[(&str, &str)]) -> Layout {
        self.titled(self.lang.t(title_key).to_owned(), parents)
    }

    /// A layout titled by a record's own name (a provider's, a service's),
    /// with that name as the last crumb.
    pub fn titled(&self, title: String, parents: &[(&str, &str)]) -> Layout {
        let mut breadcrumbs: Vec<(String, String)> =
            parents.iter().map(|(href, key)| (href.to_string(), self.lang.t(key).to_owned())).collect();
        breadcrumbs.push((String::new(), title.clone()));
        Layout { lang: self.lang, user: self.user.clone(), title, breadcrumbs }
    }

    /// The 404 page for a public record that does not exist or is not
    /// public, showing who is signed in.
    pub fn not_found(&self) -> Response {
        error::error_page(StatusCode::NOT_FOUND, self.lang, self.user.as_ref())
    }
}

/// A signed-in user's request for a page of a workspace, or a form it
/// posts: what those handlers, and the pages they render again with a
/// form's problem, all take. Read in this order, before the handler's path
/// and form: the request's instant, the page (language and user), then the
/// user, who must be signed in.
pub(crate) struct Visit {
    pub state: AppState,
    pub now: Now,
    pub page: Page,
    pub user: SessionUser,
}

impl FromRequestParts<AppState> for Visit {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let Clock(now) = Clock::from_request_parts(parts, state).await?;
        let page = Page::from_request_parts(parts, state).await?;
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        Ok(Visit { state: state.clone(), now, page, user })
    }
}

/// The answer to a form (post/redirect/get): when its step succeeded, a
/// redirect to the page `to` names for the result; otherwise the form's page
/// again (`again`), showing the problem with its status.
pub(crate) async fn redirect_or<T, F>(
    result: Result<T, impl Into<Problem>>,
    to: impl FnOnce(T) -> String,
    again: impl FnOnce(Problem) -> F,
) -> Result<Response, Problem>
where
    F: Future<Output = Result<Response, Problem>>,
{
    match result {
        Ok(done) => Ok(Redirect::to(&to(done)).into_response()),
        Err(problem) => again(problem.into()).await,
    }
}

/// Renders a template, or answers 500 (and logs why) if it cannot.
/// The links of a paged list: (number, href, whether it is the page shown).
pub(crate) type Pages = Vec<(usize, String, bool)>;

/// The links to the pages of a list of `total` rows, none when one page
/// holds them all.
pub(crate) fn links(paging: cloudpa_domain::paging::Paging, total: usize, href: impl Fn(usize) -> String) -> Pages {
    match total > paging.size {
        true => paging.window(total).into_iter().map(|n| (n, href(n), n == paging.page)).collect(),
        false => Vec::new(),
    }
}

pub(crate) fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "template rendering failed");
            Problem::internal().into_response()
        }
    }
}

/// The language a request chooses with `?lang=`, if it chooses one we speak.
pub(crate) fn chosen_language(request: &Request) -> Option<&'static str> {
    match query_lang(request.uri().query()) {
        Some("it") => Some("it"),
        Some("en") => Some("en"),
        _ => None,
    }
}

/// Remembers a language chosen with `?lang=` in a cookie.
pub(crate) fn remember_language(chosen: Option<&str>, headers: &mut HeaderMap) {
    if let Some(lang) = chosen {
        let cookie = format!("{}={lang}; Path=/; HttpOnly; SameSite=Lax", cookies::LANG);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
}
