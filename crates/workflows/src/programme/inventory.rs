//! The ente's profile, inventory (sites and services) and delegations, each
//! change checked by the domain.

use super::{Acting, acting_for, date_field};
use crate::Context;
use crate::Error;
use crate::Now;
use crate::qualification::require;
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::message::Message;
use cloudpa_domain::paging::Paging;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::delegation::{Delegation, check_new};
use cloudpa_domain::programme::ente::check_profile;
use cloudpa_domain::programme::inventory::{
    ServiceStatus, SiteKind, SiteStatus, change_site_status, check_host, check_name,
};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::scenarios::Origin;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::enti::{EnteProfile, StoredDelegation};
use cloudpa_store::programme::inventory::{EnteService, ServiceFields, Site};
use serde::Deserialize;

/// Sets an ente's kind and municipality. A Comune is its own municipality
/// (by IPA code); the profile cannot change once an application left the
/// draft, since the class of the voucher depends on it.
pub async fn save_profile(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    kind: &str,
    istat_code: &str,
) -> Result<EnteProfile, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ManageOwnProgramme).await?;
    let kind = EnteKind::parse(kind.trim())
        .ok_or_else(|| Error::validation().field("kind", Message::new("prog-ente-kind")))?;
    let municipality = ctx
        .store
        .municipality(istat_code.trim())
        .await?
        .ok_or_else(|| Error::validation().field("istat_code", Message::new("prog-istat-unknown")))?;
    if let Some(ended_on) = &municipality.ended_on {
        let rule = match &municipality.current_code {
            Some(code) => Message::new("prog-istat-former-now").arg("today", code),
            None => Message::new("prog-istat-former"),
        };
        let rule = rule.arg("name", &municipality.name).arg("ended_on", ended_on);
        return Err(Error::validation().field("istat_code", rule));
    }
    let organisation = ctx.store.organisation(&acting.ente_id).await?.ok_or_else(Error::internal)?;
    check_profile(kind, organisation.ipa_code.as_deref(), municipality.ipa_code.as_deref())
        .map_err(|e| Error::validation().field(e.field(), e.message()))?;
    let applications = ctx.store.call_applications_of(&acting.ente_id).await?;
    if applications.iter().any(|a| a.state != CallApplicationState::Draft) {
        return Err(Error::conflict(Message::new("prog-profile-frozen")));
    }
    let actor = user.actor();
    ctx.store.save_ente_profile(&actor, &acting.ente_id, kind, &municipality.istat_code, now.ms).await?;
    ctx.store.ente_profile(&acting.ente_id).await?.ok_or_else(Error::internal)
}

pub async fn add_site(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    name: &str,
    kind: &str,
) -> Result<Site, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ManageOwnProgramme).await?;
    let mut errors = Vec::new();
    let name = check_name("name", name).map_err(|e| errors.push((e.field, e.rule))).ok();
    let kind = SiteKind::parse(kind.trim());
    if kind.is_none() {
        errors.push(("kind", Message::new("prog-site-kind")));
    }
    let (Some(name), Some(kind)) = (name, kind) else { return Err(Error::invalid(errors)) };
    Ok(ctx.store.create_site(&user.actor(), &acting.ente_id, &name, kind, now.ms).await?)
}

/// A site of an ente the user acts for.
async fn own_site(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Site, Error> {
    let site = ctx.store.site(id).await?.ok_or_else(|| Error::not_found(Message::new("prog-no-site").arg("id", id)))?;
    acting_for(ctx, user, now, &site.organisation_id, Permission::ManageOwnProgramme).await?;
    Ok(site)
}

/// Plans, cancels or records the closure of a site: closed only once no
/// service it hosts is in use.
pub async fn set_site_status(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    status: &str,
    decommissioned_on: Option<&str>,
) -> Result<Site, Error> {
    let site = own_site(ctx, user, now, id).await?;
    let to = SiteStatus::parse(status.trim())
        .ok_or_else(|| Error::validation().field("status", Message::new("prog-site-status")))?;
    let today = now.today;
    let on = match to {
        SiteStatus::Decommissioned => Some(date_field("decommissioned_on", decommissioned_on, today)?),
        _ => None,
    };
    let hosted = ctx.store.hosted_statuses(&site.id).await?;
    change_site_status(site.status, to, &hosted, on, today).map_err(|e| Error::unprocessable(e.message()))?;
    ctx.store.set_site_status(&user.actor(), &site, to, on, now.ms).await?;
    ctx.store.site(&site.id).await?.ok_or_else(Error::internal)
}

/// A service of the inventory as sent by a form or the API: empty text is
/// "not given".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServiceInput {
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

async fn fields(ctx: &Context, ente_id: &str, input: &ServiceInput) -> Result<ServiceFields, Error> {
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let mut errors: Vec<(&str, Message)> = Vec::new();
    let name = check_name("name", &input.name).map_err(|e| errors.push((e.field, e.rule))).ok();
    let data_class = match given(&input.data_class) {
        None => None,
        Some(code) => DataClass::ALL.into_iter().find(|c| c.code() == code).or_else(|| {
            errors.push(("data_class", Message::new("prog-data-class")));
            None
        }),
    };
    let origin = match given(&input.origin) {
        None => None,
        Some(code) => code
            .parse::<Origin>()
            .map_err(|_| errors.push(("origin", Message::new("prog-origin").arg("code", &code))))
            .ok(),
    };
    let status = match given(&input.status) {
        None => Some(ServiceStatus::InUse),
        Some(code) => ServiceStatus::parse(&code).or_else(|| {
            errors.push(("status", Message::new("prog-service-status")));
            None
        }),
    };
    let site_id = given(&input.site_id);
    if let (Some(id), Some(status)) = (&site_id, status) {
        match ctx.store.site(id).await? {
            Some(site) if site.organisation_id == ente_id => {
                if let Err(e) = check_host(site.status, status) {
                    errors.push((e.field, e.rule));
                }
            }
            _ => errors.push(("site_id", Message::new("prog-site-other-ente"))),
        }
    }
    let (Some(name), Some(status), true) = (name, status, errors.is_empty()) else {
        return Err(Error::invalid(errors));
    };
    Ok(ServiceFields { name, data_class, origin, site_id, status })
}

pub async fn add_service(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    input: &ServiceInput,
) -> Result<EnteService, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ManageOwnProgramme).await?;
    let fields = fields(ctx, &acting.ente_id, input).await?;
    Ok(ctx.store.create_ente_service(&user.actor(), &acting.ente_id, &fields, now.ms).await?)
}

pub async fn update_service(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    input: &ServiceInput,
) -> Result<EnteService, Error> {
    let service = ctx
        .store
        .ente_service(id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("prog-no-service").arg("id", id)))?;
    acting_for(ctx, user, now, &service.organisation_id, Permission::ManageOwnProgramme).await?;
    let fields = fields(ctx, &service.organisation_id, input).await?;
    ctx.store.update_ente_service(&user.actor(), &service, &fields, now.ms).await?;
    ctx.store.ente_service(id).await?.ok_or_else(Error::internal)
}

/// Delegates the user's own ente to the aggregator with IPA code
/// `aggregator_ipa` (the ente's administrators only).
pub async fn grant(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    aggregator_ipa: &str,
    valid_from: Option<&str>,
    valid_until: Option<&str>,
) -> Result<StoredDelegation, Error> {
    require(user, Permission::ManageDelegations)?;
    let aggregator = ctx
        .store
        .find_organisation_by_ipa(aggregator_ipa)
        .await?
        .ok_or_else(|| Error::validation().field("aggregator", Message::new("prog-aggregator-unknown")))?;
    let today = now.today;
    let valid_from = date_field("valid_from", valid_from, today)?;
    let valid_until = match valid_until.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(date_field("valid_until", Some(t), today)?),
    };
    let existing: Vec<Delegation> = ctx
        .store
        .delegations_of_ente(&user.organisation.id)
        .await?
        .into_iter()
        .filter(|d| d.aggregator_id == aggregator.id)
        .map(|d| d.period)
        .collect();
    let is_body = aggregator.kind == OrganisationKind::PublicBody;
    check_new(&user.organisation.id, &aggregator.id, is_body, valid_from, valid_until, &existing)
        .map_err(|e| Error::validation().field(e.field(), e.message()))?;
    let period = Delegation { valid_from, valid_until, revoked_on: None };
    let actor = user.actor();
    let id = ctx
        .store
        .grant_delegation(&actor, &user.organisation.id, &aggregator.id, &period, &user.user.id, now.ms)
        .await?;
    ctx.store.delegation(&id).await?.ok_or_else(Error::internal)
}

/// Revokes one of the user's ente's delegations from today.
pub async fn revoke(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<StoredDelegation, Error> {
    require(user, Permission::ManageDelegations)?;
    let delegation = ctx
        .store
        .delegation(id)
        .await?
        .filter(|d| d.ente_id == user.organisation.id)
        .ok_or_else(|| Error::not_found(Message::new("prog-no-delegation").arg("id", id)))?;
    if delegation.period.revoked_on.is_some() {
        return Err(Error::conflict(Message::new("prog-delegation-revoked")));
    }
    let on: NaiveDate = now.today;
    ctx.store.revoke_delegation(&user.actor(), &delegation.id, on, now.ms).await?;
    ctx.store.delegation(id).await?.ok_or_else(Error::internal)
}

/// What an ente's page and API show of its inventory: a page of its
/// services (an inventory grows with the ente) and how many it has.
pub struct Inventory {
    pub acting: Acting,
    pub profile: Option<EnteProfile>,
    pub sites: Vec<Site>,
    pub services: Vec<EnteService>,
    pub paging: Paging,
    pub services_total: usize,
}

pub async fn inventory(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    paging: Paging,
) -> Result<Inventory, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ViewOwnProgramme).await?;
    let (services, services_total) = ctx.store.ente_services_page(&acting.ente_id, paging).await?;
    Ok(Inventory {
        profile: ctx.store.ente_profile(&acting.ente_id).await?,
        sites: ctx.store.sites(&acting.ente_id).await?,
        services,
        paging,
        services_total,
        acting,
    })
}
