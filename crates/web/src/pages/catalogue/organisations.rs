//! The public pages of a provider and of an infrastructure: who they are
//! and what of theirs the catalogue lists today. Drafts are never shown:
//! the services come from the catalogue, not from the provider's records,
//! and an infrastructure is public only while a listed service runs on it.

use super::search::{date, status_key};
use crate::AppState;
use crate::clock::Clock;
use crate::extract::Path;
use crate::pages::{Layout, Page, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::catalogue::query::{Facet, Query};
use cloudpa_domain::message::Message;
use cloudpa_store::qualification::providers::Infrastructure;
use cloudpa_workflows::Now;

pub(crate) struct ServiceRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub level: &'static str,
    pub status_key: &'static str,
    pub since: String,
    pub runs_on: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue_provider.html")]
struct ProviderPage {
    layout: Layout,
    vat_number: String,
    services: Vec<ServiceRow>,
    infrastructures: Vec<Infrastructure>,
}

#[derive(Template)]
#[template(path = "catalogue_infrastructure.html")]
struct InfrastructurePage {
    layout: Layout,
    infrastructure: Infrastructure,
    provider: String,
    services: Vec<ServiceRow>,
    /// The data classes its level admits, if declared.
    level_classes: String,
    /// Its adeguamento today: the accepted level and since when, or that
    /// none was accepted.
    adeguamento: String,
}

/// The provider's listings in today's catalogue, in the catalogue's order.
fn services(state: &AppState, now: Now, provider_id: &str) -> Vec<ServiceRow> {
    let mut query = Query::default();
    query.filters.entry(Facet::Provider).or_default().insert(provider_id.to_owned());
    let as_of = now.today;
    let result = state.catalogue.search_all(&query, as_of);
    result
        .hits
        .iter()
        .filter_map(|hit| {
            let at = hit.at(as_of)?;
            Some(ServiceRow {
                id: at.entry.listing_id.clone(),
                name: at.version.details.name.clone(),
                kind: at.version.details.terms.kind.code(),
                level: at.version.details.terms.level.code(),
                status_key: status_key(at.interval.status.code()),
                since: date(at.interval.from),
                runs_on: at.version.runs_on.as_ref().map(|r| r.id.clone()),
            })
        })
        .collect()
}

pub(crate) async fn provider(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let organisation = match state.store.organisation(&id).await? {
        Some(o) if o.kind == OrganisationKind::Provider => o,
        _ => return Ok(page.not_found()),
    };
    let vat_number = state.store.provider_profile(&id).await?.map(|p| p.vat_number).unwrap_or_default();
    let layout = page.titled(organisation.name, &[("/catalogo", "search-title")]);
    let services = services(&state, now, &id);
    let infrastructures = state
        .store
        .list_infrastructures(&id)
        .await?
        .into_iter()
        .filter(|i| services.iter().any(|s| s.runs_on.as_deref() == Some(i.id.as_str())))
        .collect();
    Ok(render(&ProviderPage { layout, vat_number, services, infrastructures }))
}

pub(crate) async fn infrastructure(
    State(state): State<AppState>,
    Clock(now): Clock,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let Some(infrastructure) = state.store.infrastructure(&id).await? else {
        return Ok(page.not_found());
    };
    let provider = state.store.organisation(&infrastructure.provider_id).await?.map(|o| o.name).unwrap_or_default();
    let services: Vec<ServiceRow> = services(&state, now, &infrastructure.provider_id)
        .into_iter()
        .filter(|s| s.runs_on.as_deref() == Some(&id))
        .collect();
    let history = state.store.infrastructure_history(&id).await?;
    if services.is_empty() && history.history.intervals().is_empty() {
        return Ok(page.not_found());
    }
    let lang = page.lang;
    let adeguamento = match (history.history.interval_at(now.today), history.at(now.today)) {
        (Some(interval), Some((status, level))) => lang.text(
            &Message::new("infra-public-status")
                .arg("status", lang.named("infra-status", status.code()))
                .arg("from", interval.from)
                .arg("level", level.code()),
        ),
        _ => lang.t("infra-public-none").to_owned(),
    };
    let layout = page.titled(infrastructure.name.clone(), &[("/catalogo", "search-title")]);
    let level_classes = infrastructure
        .level
        .map(|l| l.admitted_classes().iter().map(|c| c.code()).collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    Ok(render(&InfrastructurePage { layout, infrastructure, provider, services, level_classes, adeguamento }))
}
