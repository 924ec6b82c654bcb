//! "Il mio Comune": a visitor types the name of a Comune and lands on its
//! page, with its projects and voucher. One Comune of exactly that name
//! (accents, case and punctuation aside) that is an ente of the programme
//! is a redirect to its page; otherwise the Comuni whose names match are
//! listed, each with its page or, before it has applied, the voucher
//! simulator filled in with its population.

use super::{Layout, Page, render};
use crate::AppState;
use crate::extract::Query;
use crate::format::thousands;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::catalogue::query::encode;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::slug;
use cloudpa_store::programme::enti::Comune;
use serde::Deserialize;

/// Comuni listed at most; a longer list asks for more of the name.
const SHOWN: usize = 50;

/// The longest name a search takes (the longest Comune's name is 34
/// characters).
const LONGEST: usize = 100;

#[derive(Deserialize, Default)]
pub(crate) struct Search {
    #[serde(default)]
    nome: String,
}

#[derive(Template)]
#[template(path = "comuni.html")]
struct Found {
    layout: Layout,
    name: String,
    /// Whether a name was searched (an empty search shows the form alone).
    searched: bool,
    comuni: Vec<Comune>,
    /// How many more matched than are listed.
    more: usize,
}

impl Found {
    fn population(&self, comune: &Comune) -> String {
        comune.population.map_or_else(|| "—".to_owned(), |n| thousands(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    fn voucher_href(&self, comune: &Comune) -> String {
        match comune.population {
            Some(n) => format!("/programma?population={n}#voucher-title"),
            None => "/programma#voucher-title".to_owned(),
        }
    }
}

pub(crate) async fn find(
    State(state): State<AppState>,
    page: Page,
    Query(search): Query<Search>,
) -> Result<Response, Problem> {
    let name = search.nome.trim();
    if name.chars().count() > LONGEST {
        return Err(Problem::invalid([("nome", Message::new("prog-name-length").arg("max", LONGEST))]));
    }
    let key = slug(name);
    let layout = page.layout("comuni-title", &[("/programma", "nav-programme")]);
    if key.is_empty() {
        let found = Found { layout, name: name.to_owned(), searched: !name.is_empty(), comuni: Vec::new(), more: 0 };
        return Ok(render(&found));
    }
    let all = state.figures().await?.comuni().await?;
    let (exact, partial): (Vec<&Comune>, Vec<&Comune>) =
        all.iter().filter(|c| slug(&c.name).contains(&key)).partition(|c| slug(&c.name) == key);
    if let [only] = exact.as_slice()
        && let Some(ipa) = &only.page
    {
        return Ok(Redirect::to(&format!("/enti/{}", encode(ipa))).into_response());
    }
    let matched = exact.len() + partial.len();
    let comuni: Vec<Comune> = exact.into_iter().chain(partial).take(SHOWN).cloned().collect();
    let more = matched - comuni.len();
    Ok(render(&Found { layout, name: name.to_owned(), searched: true, comuni, more }))
}
