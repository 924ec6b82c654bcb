//! The ente's profile, inventory (sites and services) and delegations, each
//! change checked by the domain.

use super::{Acting, acting_for, date_field};
use crate::AppState;
use crate::clock::{now_ms, today};
use crate::problem::Problem;
use crate::qualification::require;
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::programme::application::ApplicationState;
use cloudpa_domain::programme::delegation::{Delegation, check_new};
use cloudpa_domain::programme::ente::check_profile;
use cloudpa_domain::programme::inventory::{
    ServiceStatus, SiteKind, SiteStatus, change_site_status, check_host, check_name,
};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::scenarios::Origin;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::Actor;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::enti::{EnteProfile, StoredDelegation};
use cloudpa_store::programme::inventory::{EnteService, ServiceFields, Site};
use serde::Deserialize;

/// Sets an ente's kind and municipality. A Comune is its own municipality
/// (by IPA code); the profile cannot change once an application left the
/// draft, since the class of the voucher depends on it.
pub(crate) async fn save_profile(
    state: &AppState,
    user: &SessionUser,
    ente_id: &str,
    kind: &str,
    istat_code: &str,
) -> Result<EnteProfile, Problem> {
    let acting = acting_for(state, user, ente_id, Permission::ManageOwnProgramme).await?;
    let kind = EnteKind::parse(kind.trim())
        .ok_or_else(|| Problem::validation().field("kind", "must be comune, scuola or altro_ente"))?;
    let municipality = state
        .store
        .municipality(istat_code.trim())
        .await?
        .ok_or_else(|| Problem::validation().field("istat_code", "is not the ISTAT code of a municipality"))?;
    let organisation = state.store.organisation(&acting.ente_id).await?.ok_or_else(Problem::internal)?;
    check_profile(kind, organisation.ipa_code.as_deref(), municipality.ipa_code.as_deref())
        .map_err(|e| Problem::validation().field(field_of(&e.to_string()), e.to_string()))?;
    let applications = state.store.call_applications_of(&acting.ente_id).await?;
    if applications.iter().any(|a| a.state != ApplicationState::Draft) {
        return Err(Problem::conflict("The profile cannot change once an application has been submitted."));
    }
    let actor = Actor::user(&user.user.id);
    state.store.save_ente_profile(&actor, &acting.ente_id, kind, &municipality.istat_code, now_ms()).await?;
    state.store.ente_profile(&acting.ente_id).await?.ok_or_else(Problem::internal)
}

/// The field a domain message names (`field \`kind\`: …`).
fn field_of(message: &str) -> String {
    message.split('`').nth(1).unwrap_or("body").to_owned()
}

pub(crate) async fn add_site(
    state: &AppState,
    user: &SessionUser,
    ente_id: &str,
    name: &str,
    kind: &str,
) -> Result<Site, Problem> {
    let acting = acting_for(state, user, ente_id, Permission::ManageOwnProgramme).await?;
    let mut errors = Vec::new();
    let name = check_name("name", name).map_err(|e| errors.push((e.field, e.rule))).ok();
    let kind = SiteKind::parse(kind.trim());
    if kind.is_none() {
        errors.push(("kind", "must be server_room or data_centre".into()));
    }
    let (Some(name), Some(kind)) = (name, kind) else { return Err(Problem::invalid(errors)) };
    Ok(state.store.create_site(&Actor::user(&user.user.id), &acting.ente_id, &name, kind, now_ms()).await?)
}

/// A site of an ente the user acts for.
async fn own_site(state: &AppState, user: &SessionUser, id: &str) -> Result<Site, Problem> {
    let site = state.store.site(id).await?.ok_or_else(|| Problem::not_found(format!("No site {id}.")))?;
    acting_for(state, user, &site.organisation_id, Permission::ManageOwnProgramme).await?;
    Ok(site)
}

/// Plans, cancels or records the closure of a site: closed only once no
/// service it hosts is in use.
pub(crate) async fn set_site_status(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    status: &str,
    decommissioned_on: Option<&str>,
) -> Result<Site, Problem> {
    let site = own_site(state, user, id).await?;
    let to = SiteStatus::parse(status.trim())
        .ok_or_else(|| Problem::validation().field("status", "must be active, decommissioning or decommissioned"))?;
    let today = today();
    let on = match to {
        SiteStatus::Decommissioned => Some(date_field("decommissioned_on", decommissioned_on, today)?),
        _ => None,
    };
    let hosted = state.store.hosted_statuses(&site.id).await?;
    change_site_status(site.status, to, &hosted, on, today).map_err(|e| Problem::unprocessable(e.to_string()))?;
    state.store.set_site_status(&Actor::user(&user.user.id), &site, to, on, now_ms()).await?;
    state.store.site(&site.id).await?.ok_or_else(Problem::internal)
}

/// A service of the inventory as sent by a form or the API: empty text is
/// "not given".
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ServiceInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub data_class: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub site_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

async fn fields(state: &AppState, ente_id: &str, input: &ServiceInput) -> Result<ServiceFields, Problem> {
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let mut errors: Vec<(&str, String)> = Vec::new();
    let name = check_name("name", &input.name).map_err(|e| errors.push((e.field, e.rule))).ok();
    let data_class = match given(&input.data_class) {
        None => None,
        Some(code) => DataClass::ALL.into_iter().find(|c| c.code() == code).or_else(|| {
            errors.push(("data_class", "must be ordinari, critici or strategici".into()));
            None
        }),
    };
    let origin = match given(&input.origin) {
        None => None,
        Some(code) => code.parse::<Origin>().map_err(|e| errors.push(("origin", e.to_string()))).ok(),
    };
    let status = match given(&input.status) {
        None => Some(ServiceStatus::InUse),
        Some(code) => ServiceStatus::parse(&code).or_else(|| {
            errors.push(("status", "must be in_use, migrated or retired".into()));
            None
        }),
    };
    let site_id = given(&input.site_id);
    if let (Some(id), Some(status)) = (&site_id, status) {
        match state.store.site(id).await? {
            Some(site) if site.organisation_id == ente_id => {
                if let Err(e) = check_host(site.status, status) {
                    errors.push((e.field, e.rule));
                }
            }
            _ => errors.push(("site_id", "is not a site of this ente".into())),
        }
    }
    let (Some(name), Some(status), true) = (name, status, errors.is_empty()) else {
        return Err(Problem::invalid(errors));
    };
    Ok(ServiceFields { name, data_class, origin, site_id, status })
}

pub(crate) async fn add_service(
    state: &AppState,
    user: &SessionUser,
    ente_id: &str,
    input: &ServiceInput,
) -> Result<EnteService, Problem> {
    let acting = acting_for(state, user, ente_id, Permission::ManageOwnProgramme).await?;
    let fields = fields(state, &acting.ente_id, input).await?;
    Ok(state.store.create_ente_service(&Actor::user(&user.user.id), &acting.ente_id, &fields, now_ms()).await?)
}

pub(crate) async fn update_service(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    input: &ServiceInput,
) -> Result<EnteService, Problem> {
    let service = state.store.ente_service(id).await?.ok_or_else(|| Problem::not_found(format!("No service {id}.")))?;
    acting_for(state, user, &service.organisation_id, Permission::ManageOwnProgramme).await?;
    let fields = fields(state, &service.organisation_id, input).await?;
    state.store.update_ente_service(&Actor::user(&user.user.id), &service, &fields, now_ms()).await?;
    state.store.ente_service(id).await?.ok_or_else(Problem::internal)
}

/// Delegates the user's own ente to the aggregator with IPA code
/// `aggregator_ipa` (the ente's administrators only).
pub(crate) async fn grant(
    state: &AppState,
    user: &SessionUser,
    aggregator_ipa: &str,
    valid_from: Option<&str>,
    valid_until: Option<&str>,
) -> Result<StoredDelegation, Problem> {
    require(user, Permission::ManageDelegations)?;
    let aggregator = state
        .store
        .find_organisation_by_ipa(aggregator_ipa)
        .await?
        .ok_or_else(|| Problem::validation().field("aggregator", "no organisation on cloudpa has this IPA code"))?;
    let today = today();
    let valid_from = date_field("valid_from", valid_from, today)?;
    let valid_until = match valid_until.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(date_field("valid_until", Some(t), today)?),
    };
    let existing: Vec<Delegation> = state
        .store
        .delegations_of_ente(&user.organisation.id)
        .await?
        .into_iter()
        .filter(|d| d.aggregator_id == aggregator.id)
        .map(|d| d.period)
        .collect();
    let is_body = aggregator.kind == OrganisationKind::PublicBody;
    check_new(&user.organisation.id, &aggregator.id, is_body, valid_from, valid_until, &existing)
        .map_err(|e| Problem::validation().field(field_of(&e.to_string()), e.to_string()))?;
    let period = Delegation { valid_from, valid_until, revoked_on: None };
    let actor = Actor::user(&user.user.id);
    let id = state
        .store
        .grant_delegation(&actor, &user.organisation.id, &aggregator.id, &period, &user.user.id, now_ms())
        .await?;
    state.store.delegation(&id).await?.ok_or_else(Problem::internal)
}

/// Revokes one of the user's ente's delegations from today.
pub(crate) async fn revoke(state: &AppState, user: &SessionUser, id: &str) -> Result<StoredDelegation, Problem> {
    require(user, Permission::ManageDelegations)?;
    let delegation = state
        .store
        .delegation(id)
        .await?
        .filter(|d| d.ente_id == user.organisation.id)
        .ok_or_else(|| Problem::not_found(format!("No delegation {id} of this ente.")))?;
    if delegation.period.revoked_on.is_some() {
        return Err(Problem::conflict("This delegation is revoked already."));
    }
    let on: NaiveDate = today();
    state.store.revoke_delegation(&Actor::user(&user.user.id), &delegation.id, on, now_ms()).await?;
    state.store.delegation(id).await?.ok_or_else(Problem::internal)
}

/// What an ente's page and API show of its inventory.
pub(crate) struct Inventory {
    pub acting: Acting,
    pub profile: Option<EnteProfile>,
    pub sites: Vec<Site>,
    pub services: Vec<EnteService>,
}

pub(crate) async fn inventory(state: &AppState, user: &SessionUser, ente_id: &str) -> Result<Inventory, Problem> {
    let acting = acting_for(state, user, ente_id, Permission::ViewOwnProgramme).await?;
    Ok(Inventory {
        profile: state.store.ente_profile(&acting.ente_id).await?,
        sites: state.store.sites(&acting.ente_id).await?,
        services: state.store.ente_services(&acting.ente_id).await?,
        acting,
    })
}
