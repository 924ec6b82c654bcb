//! "Qualità dei dati": the data-quality findings of the official data the
//! platform imported — every field kept as published although it breaks its
//! rule — counted by field and rule, listed by file and line, and the whole
//! list as CSV. Public, as the open data it describes.

use super::{Layout, Page, Pages, links, render};
use crate::AppState;
use crate::api::{CSV, attachment};
use crate::extract::Query;
use crate::i18n::Lang;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_documents::tables;
use cloudpa_domain::paging::Paging;
use cloudpa_store::quality::{FindingCount, StoredFinding};
use serde::Deserialize;

const PAGE_ROWS: usize = 50;

#[derive(Deserialize, Default)]
pub(crate) struct Pagina {
    pagina: Option<usize>,
}

#[derive(Template)]
#[template(path = "quality.html")]
struct QualityPage {
    layout: Layout,
    counts: Vec<FindingCount>,
    findings: Vec<StoredFinding>,
    total: usize,
    pages: Pages,
}

impl QualityPage {
    fn rule(&self, code: &str) -> &'static str {
        self.layout.lang.named("quality_rule", code)
    }

    fn dataset(&self, code: &str) -> &'static str {
        self.layout.lang.named("dataset", code)
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(pagina): Query<Pagina>,
) -> Result<Response, Problem> {
    let paging = Paging::new(pagina.pagina, None, PAGE_ROWS, PAGE_ROWS);
    let layout = page.layout("quality-title", &[("/programma", "nav-programme")]);
    let (counts, (findings, total)) =
        tokio::try_join!(state.store.finding_counts(), state.store.findings_page(paging))?;
    let pages = links(paging, total, |n| format!("/qualita-dati?pagina={n}#findings-title"));
    Ok(render(&QualityPage { layout, counts, findings, total, pages }))
}

/// Every finding as CSV, the rule named in the page's language.
pub(crate) async fn csv(State(state): State<AppState>, page: Page) -> Result<Response, Problem> {
    let lang: Lang = page.layout("quality-title", &[]).lang;
    let header = ["dataset", "file", "riga", "record", "campo", "regola", "descrizione", "valore", "nota"];
    let rows: Vec<Vec<String>> = state
        .store
        .findings()
        .await?
        .into_iter()
        .map(|f| {
            let described = lang.named("quality_rule", &f.rule).to_owned();
            vec![f.dataset, f.source, f.line.to_string(), f.record, f.field, f.rule, described, f.value, f.note]
        })
        .collect();
    let body = tables::csv(&header, &rows).map_err(|_| Problem::internal())?;
    Ok(attachment(CSV, "qualita-dati.csv", body))
}
