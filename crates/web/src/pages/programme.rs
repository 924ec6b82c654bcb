//! The programme page: the calls, and the voucher calculator (no JavaScript).

use super::{Layout, Page, render};
use crate::AppState;
use crate::extract::Query;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::{COMUNI_1_2_TARIFF, Call};
use cloudpa_domain::programme::voucher::{self, VoucherQuote};
use cloudpa_store::programme::setup::ServiceList;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "programme.html")]
struct Programme {
    layout: Layout,
    calls: Vec<Call>,
    form: VoucherForm,
    quote: Option<VoucherQuote>,
    error: Option<String>,
    /// The services of the newest Comuni 1.2 call, with its title.
    services: Option<(String, ServiceList)>,
}

impl Programme {
    fn window(&self, call: &Call) -> String {
        let day = |d: Option<chrono::NaiveDate>| {
            d.map_or_else(
                || self.layout.lang.t("programme-unreadable").to_owned(),
                |d| d.format("%d/%m/%Y").to_string(),
            )
        };
        format!("{} – {}", day(call.opens_on), day(call.closes_on))
    }

    fn budget(&self, call: &Call) -> String {
        budget(self.layout.lang, call)
    }
}

/// A call's budget, or that the open data publishes it unreadably.
pub(super) fn budget(lang: crate::i18n::Lang, call: &Call) -> String {
    call.budget.map_or_else(|| lang.t("programme-unreadable").to_owned(), |b| b.to_string())
}

#[derive(Deserialize, Default)]
pub(crate) struct VoucherForm {
    #[serde(default)]
    population: String,
    #[serde(default)]
    rehost: String,
    #[serde(default)]
    upgrade: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(form): Query<VoucherForm>,
) -> Result<Response, Problem> {
    let calls = state.store.list_calls().await?;
    let layout = page.layout("programme-title", &[]);
    // A population alone (a Comune's, from "il mio Comune") fills the form in.
    let (quote, error) = if form.population.is_empty() || (form.rehost.is_empty() && form.upgrade.is_empty()) {
        (None, None)
    } else {
        let tariff = state.store.tariff(COMUNI_1_2_TARIFF).await?.ok_or_else(Problem::internal)?;
        match parse(&form) {
            Ok((population, rehost, upgrade)) => match voucher::quote(&tariff, population, rehost, upgrade) {
                Ok(q) => (Some(q), None),
                Err(e) => (None, Some(layout.lang.text(&e.message()))),
            },
            Err(e) => (None, Some(layout.lang.text(&e))),
        }
    };
    let mut services = None;
    if let Some(call) =
        calls.iter().filter(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF)).max_by_key(|c| c.opens_on)
    {
        services = state.store.call_service_list(&call.id).await?.map(|list| (call.title.clone(), list));
    }
    Ok(render(&Programme { layout, calls, form, quote, error, services }))
}

fn parse(form: &VoucherForm) -> Result<(u64, u32, u32), Message> {
    let not_whole = |name: &str| Message::new("prog-whole-number").arg("field", name);
    let number = |name: &str, v: &str| v.trim().parse::<u32>().map_err(|_| not_whole(name));
    let population = form.population.trim().parse::<u64>().map_err(|_| not_whole("population"))?;
    Ok((population, number("rehost", &form.rehost)?, number("upgrade", &form.upgrade)?))
}
