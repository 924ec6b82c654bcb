//! An ente's public page: where it is, its applications (imported and made
//! on cloudpa), the services of its financed projects and its sites. The
//! services and the sites grow with the data, so each is shown a page at a
//! time (`servizi` and `sedi` name the pages, from 1).

use super::dashboard::{layout, migration_key, site_kind_key, site_status_key};
use super::{Layout, Page, Pages, links, render};
use crate::AppState;
use crate::extract::{Path, Query};
use crate::i18n::state_key;
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::catalogue::query::encode;
use cloudpa_domain::money::Cents;
use cloudpa_domain::paging::Paging;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::inventory::{SiteKind, SiteStatus};
use cloudpa_store::programme::applications::Choice;
use cloudpa_store::programme::financed::Ente;
use cloudpa_store::programme::inventory::Site;
use serde::Deserialize;

/// Rows per page of the services and of the sites.
const PAGE_ROWS: usize = 50;

/// One of an ente's applications as its public page lists it.
pub(crate) struct ApplicationRow {
    pub call: String,
    pub state_key: &'static str,
    pub amount: String,
    pub financed_on: String,
    pub cup: String,
    /// `migrated/services` for applications made on cloudpa.
    pub services: String,
}

#[derive(Template)]
#[template(path = "ente.html")]
struct EntePage {
    layout: Layout,
    ente: Ente,
    applications: Vec<ApplicationRow>,
    /// The page of the services of its financed projects made on cloudpa,
    /// grouped by the project's call.
    projects: Vec<(String, Vec<Choice>)>,
    services_total: usize,
    service_pages: Pages,
    sites: Vec<Site>,
    sites_total: usize,
    site_pages: Pages,
}

impl EntePage {
    fn migration(&self, c: &Choice) -> &'static str {
        migration_key(c)
    }

    fn site_kind(&self, kind: &SiteKind) -> &'static str {
        site_kind_key(*kind)
    }

    fn site_status(&self, status: &SiteStatus) -> &'static str {
        site_status_key(*status)
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct Pagine {
    #[serde(default)]
    servizi: Option<usize>,
    #[serde(default)]
    sedi: Option<usize>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(ipa): Path<String>,
    Query(pagine): Query<Pagine>,
) -> Result<Response, Problem> {
    let Some((ente, organisation_id, stored)) = state.store.ente_applications(&ipa).await? else {
        return Ok(page.not_found());
    };
    let layout = layout(&page, &[ente.region.as_str(), ente.province.as_str()], Some(&ente.name));
    let financed: Vec<_> = state
        .store
        .call_applications_of(&organisation_id)
        .await?
        .into_iter()
        .filter(|a| a.financed_on.is_some())
        .collect();
    let mut services = Vec::new();
    for app in &financed {
        let choices = state.store.application_choices(&app.id).await?;
        services.extend(choices.into_iter().map(|c| (app.call_title.clone(), c)));
    }
    let applications = stored
        .into_iter()
        .map(|a| {
            let state = CallApplicationState::parse(&a.state).unwrap_or(CallApplicationState::Submitted);
            let counts = financed.iter().find(|p| p.call_title == a.call).map(|p| (p.services_migrated, p.services));
            ApplicationRow {
                state_key: state_key(state),
                amount: Cents(a.amount_cents).to_string(),
                financed_on: a.financed_on.map_or_else(String::new, |d| match d.parse::<chrono::NaiveDate>() {
                    Ok(date) => date.format("%d/%m/%Y").to_string(),
                    Err(_) => d,
                }),
                cup: a.cup.unwrap_or_default(),
                services: counts.map_or_else(String::new, |(done, all)| format!("{done}/{all}")),
                call: a.call,
            }
        })
        .collect();
    let sites = state.store.sites(&organisation_id).await?;
    let base = format!("/enti/{}", encode(&ente.ipa_code));
    let (service_paging, site_paging) = (paging(pagine.servizi), paging(pagine.sedi));
    let other = |name: &str, n: Option<usize>| n.map_or_else(String::new, |n| format!("&{name}={n}"));
    let service_pages = links(service_paging, services.len(), |n| {
        format!("{base}?servizi={n}{}#services-title", other("sedi", pagine.sedi))
    });
    let site_pages =
        links(site_paging, sites.len(), |n| format!("{base}?sedi={n}{}#sites-title", other("servizi", pagine.servizi)));
    let (services_total, sites_total) = (services.len(), sites.len());
    Ok(render(&EntePage {
        layout,
        ente,
        applications,
        projects: group(window(services, service_paging)),
        services_total,
        service_pages,
        sites: window(sites, site_paging),
        sites_total,
        site_pages,
    }))
}

fn paging(page: Option<usize>) -> Paging {
    Paging::new(page, None, PAGE_ROWS, PAGE_ROWS)
}

fn window<T>(rows: Vec<T>, paging: Paging) -> Vec<T> {
    rows.into_iter().skip(paging.offset()).take(paging.size).collect()
}

/// Consecutive services of the same call under one heading.
fn group(rows: Vec<(String, Choice)>) -> Vec<(String, Vec<Choice>)> {
    let mut groups: Vec<(String, Vec<Choice>)> = Vec::new();
    for (call, choice) in rows {
        match groups.last_mut() {
            Some((last, choices)) if *last == call => choices.push(choice),
            _ => groups.push((call, vec![choice])),
        }
    }
    groups
}
