//! The ente's area: its profile, inventory (sites and services), delegations
//! and applications — for the ente's own users, or an aggregator's acting by
//! delegation (`?ente=` picks which ente).

use super::qualification::status_of;
use super::{Layout, Visit, redirect_or, render};
use crate::auth::csrf::CsrfForm;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::paging::Paging;
use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind, SiteStatus};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::scenarios::Origin;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_store::programme::enti::{EnteProfile, StoredDelegation};
use cloudpa_store::programme::inventory::{EnteService, Site};
use cloudpa_workflows::programme::inventory::{self, ServiceInput};
use cloudpa_workflows::programme::{Acting, applications, enti_of};
use cloudpa_workflows::qualification::require;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "ente_area.html")]
struct Area {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    /// The enti the user may act for, and the one shown.
    enti: Vec<Acting>,
    ente_id: String,
    ente_name: String,
    profile: Option<EnteProfile>,
    sites: Vec<Site>,
    services: Vec<EnteService>,
    services_total: usize,
    /// Links to pages of the inventory: number, address, current.
    pages: Vec<(usize, String, bool)>,
    applications: Vec<CallApplication>,
    /// Calls the ente may apply to: (id, title).
    calls: Vec<(String, String)>,
    granted: Vec<StoredDelegation>,
    can_edit: bool,
    can_delegate: bool,
    /// Whether the ente shown is the user's own organisation.
    own: bool,
}

impl Area {
    fn state(&self, a: &CallApplication) -> &'static str {
        crate::i18n::state_key(a.state)
    }

    fn site_kind(&self, kind: &SiteKind) -> &'static str {
        super::dashboard::site_kind_key(*kind)
    }

    fn site_status(&self, status: &SiteStatus) -> &'static str {
        super::dashboard::site_status_key(*status)
    }

    fn service_status(&self, status: &ServiceStatus) -> &'static str {
        service_status_key(*status)
    }

    fn site_name(&self, id: &Option<String>) -> String {
        id.as_ref().and_then(|id| self.sites.iter().find(|s| &s.id == id)).map(|s| s.name.clone()).unwrap_or_default()
    }

    fn kind(&self, p: &EnteProfile) -> &'static str {
        match p.kind {
            EnteKind::Comune => "ente-kind-comune",
            EnteKind::Scuola => "ente-kind-scuola",
            EnteKind::AltroEnte => "ente-kind-altro_ente",
        }
    }

    fn population(&self, p: &EnteProfile) -> String {
        p.population.map_or_else(|| "—".to_owned(), |n| crate::format::thousands(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    fn class_code(&self, s: &EnteService) -> &'static str {
        s.data_class.map_or("", DataClass::code)
    }

    fn origin_code(&self, s: &EnteService) -> &'static str {
        s.origin.map_or("", Origin::code)
    }

    fn site_id<'a>(&self, s: &'a EnteService) -> &'a str {
        s.site_id.as_deref().unwrap_or_default()
    }

    fn origins(&self) -> [Origin; 7] {
        Origin::ALL
    }

    fn classes(&self) -> [DataClass; 3] {
        DataClass::ALL
    }

    fn statuses(&self) -> &'static [ServiceStatus] {
        ServiceStatus::ALL
    }
}

pub(crate) fn service_status_key(status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::InUse => "service-in_use",
        ServiceStatus::Migrated => "service-migrated",
        ServiceStatus::Retired => "service-retired",
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct Which {
    #[serde(default)]
    ente: String,
    /// The page of the inventory, from 1.
    #[serde(default)]
    page: Option<usize>,
}

/// Services per page of the inventory.
const INVENTORY_PAGE: usize = 50;

fn first_page() -> Paging {
    Paging::new(None, None, INVENTORY_PAGE, INVENTORY_PAGE)
}

pub(crate) async fn show(v: Visit, Query(which): Query<Which>) -> Result<Response, Problem> {
    let paging = Paging::new(which.page, None, INVENTORY_PAGE, INVENTORY_PAGE);
    area(&v, &which.ente, paging, None).await
}

/// The area of `ente` (the user's own when empty), showing the problem of a
/// form when there is one.
async fn area(v: &Visit, ente: &str, paging: Paging, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user, now) = (&v.state, &v.user, v.now);
    let ente_id = ente_of(user, ente);
    let inv = inventory::inventory(state, user, now, ente_id, paging).await?;
    let pages = paging
        .window(inv.services_total)
        .into_iter()
        .map(|n| (n, format!("/ente?ente={}&page={n}#services-title", inv.acting.ente_id), n == paging.page))
        .collect();
    let applications = state.store.call_applications_of(&inv.acting.ente_id).await?;
    let calls = match &inv.profile {
        Some(profile) => applications::open_calls(state, now, profile.kind, &applications).await?,
        None => Vec::new(),
    };
    let own = inv.acting.ente_id == user.organisation.id;
    let granted = if own { state.store.delegations_of_ente(&user.organisation.id).await? } else { Vec::new() };
    let status = status_of(&problem);
    let template = Area {
        layout: v.page.layout("ente-area", &[]),
        problem,
        csrf_token: user.csrf_token.clone(),
        enti: enti_of(state, user, now).await?,
        ente_id: inv.acting.ente_id.clone(),
        ente_name: inv.acting.ente_name.clone(),
        profile: inv.profile,
        sites: inv.sites,
        services: inv.services,
        services_total: inv.services_total,
        pages,
        applications,
        calls,
        granted,
        can_edit: holds(user.organisation.kind, user.user.role, Permission::ManageOwnProgramme),
        can_delegate: own && holds(user.organisation.kind, user.user.role, Permission::ManageDelegations),
        own,
    };
    Ok((status, render(&template)).into_response())
}

/// Back to the area of `ente`, or the area again with the problem shown.
async fn outcome<T>(v: &Visit, ente: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    let to = |_| match ente.is_empty() || ente == v.user.organisation.id {
        true => "/ente".to_owned(),
        false => format!("/ente?ente={}", cloudpa_domain::catalogue::query::encode(ente)),
    };
    redirect_or(result, to, |problem| area(v, ente, first_page(), Some(problem))).await
}

fn ente_of<'a>(user: &'a SessionUser, ente: &'a str) -> &'a str {
    if ente.is_empty() { &user.organisation.id } else { ente }
}

#[derive(Deserialize)]
pub(crate) struct ProfileForm {
    #[serde(default)]
    ente: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    istat_code: String,
}

pub(crate) async fn save_profile(v: Visit, CsrfForm(f): CsrfForm<ProfileForm>) -> Result<Response, Problem> {
    let ente = ente_of(&v.user, &f.ente);
    let result = inventory::save_profile(&v.state, &v.user, v.now, ente, &f.kind, &f.istat_code).await;
    outcome(&v, &f.ente, result).await
}

#[derive(Deserialize)]
pub(crate) struct SiteForm {
    #[serde(default)]
    ente: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

pub(crate) async fn add_site(v: Visit, CsrfForm(f): CsrfForm<SiteForm>) -> Result<Response, Problem> {
    let result = inventory::add_site(&v.state, &v.user, v.now, ente_of(&v.user, &f.ente), &f.name, &f.kind).await;
    outcome(&v, &f.ente, result).await
}

#[derive(Deserialize)]
pub(crate) struct SiteStatusForm {
    #[serde(default)]
    ente: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    decommissioned_on: String,
}

pub(crate) async fn site_status(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<SiteStatusForm>,
) -> Result<Response, Problem> {
    let result = inventory::set_site_status(&v.state, &v.user, v.now, &id, &f.status, Some(&f.decommissioned_on)).await;
    outcome(&v, &f.ente, result).await
}

#[derive(Deserialize)]
pub(crate) struct ServiceForm {
    #[serde(default)]
    ente: String,
    #[serde(flatten)]
    service: ServiceInput,
}

pub(crate) async fn add_service(v: Visit, CsrfForm(f): CsrfForm<ServiceForm>) -> Result<Response, Problem> {
    let result = inventory::add_service(&v.state, &v.user, v.now, ente_of(&v.user, &f.ente), &f.service).await;
    outcome(&v, &f.ente, result).await
}

pub(crate) async fn update_service(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ServiceForm>,
) -> Result<Response, Problem> {
    let result = inventory::update_service(&v.state, &v.user, v.now, &id, &f.service).await;
    outcome(&v, &f.ente, result).await
}

#[derive(Deserialize)]
pub(crate) struct DelegationForm {
    #[serde(default)]
    aggregator: String,
    #[serde(default)]
    valid_until: String,
}

pub(crate) async fn grant(v: Visit, CsrfForm(f): CsrfForm<DelegationForm>) -> Result<Response, Problem> {
    let result = inventory::grant(&v.state, &v.user, v.now, &f.aggregator, None, Some(&f.valid_until)).await;
    outcome(&v, "", result).await
}

pub(crate) async fn revoke(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Which>,
) -> Result<Response, Problem> {
    let result = inventory::revoke(&v.state, &v.user, v.now, &id).await;
    outcome(&v, "", result).await
}

#[derive(Deserialize)]
pub(crate) struct OpenForm {
    #[serde(default)]
    ente: String,
    #[serde(default)]
    call_id: String,
}

pub(crate) async fn open(v: Visit, CsrfForm(f): CsrfForm<OpenForm>) -> Result<Response, Problem> {
    require(&v.user, Permission::ManageOwnProgramme)?;
    let result = applications::open(&v.state, &v.user, v.now, ente_of(&v.user, &f.ente), &f.call_id).await;
    redirect_or(
        result,
        |app| format!("/candidature/{}", app.id),
        |problem| area(&v, &f.ente, first_page(), Some(problem)),
    )
    .await
}
