//! Provider profiles and infrastructures, validated by the domain.

use super::require;
use crate::Context;
use crate::Error;
use crate::Now;
use cloudpa_domain::access::Permission;
use cloudpa_domain::accounts::normalise_email;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::vat::check_vat_number;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::providers::{Infrastructure, ProviderProfile};

pub async fn save_profile(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    vat_number: &str,
    pec: &str,
    address: &str,
) -> Result<ProviderProfile, Error> {
    require(user, Permission::ManageOwnListings)?;
    let (vat, pec) = (check_vat_number(vat_number), normalise_email(pec));
    let mut problem = Error::validation();
    if let Err(e) = &vat {
        problem = problem.field("vat_number", e.message());
    }
    if let Err(e) = &pec {
        problem = problem.field("pec", e.rule.clone());
    }
    if address.trim().is_empty() {
        problem = problem.field("address", Message::new("qual-not-empty"));
    }
    let (Ok(vat_number), Ok(pec), true) = (vat, pec, problem.fields.is_empty()) else {
        return Err(problem);
    };
    let profile = ProviderProfile {
        organisation_id: user.organisation.id.clone(),
        vat_number,
        pec,
        address: address.trim().into(),
    };
    ctx.store.save_provider_profile(&user.actor(), &profile, now.ms).await?;
    Ok(profile)
}

pub async fn add_infrastructure(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    name: &str,
    location: &str,
    sites: &str,
) -> Result<Infrastructure, Error> {
    require(user, Permission::ManageOwnListings)?;
    let mut errors = Vec::new();
    if name.trim().is_empty() {
        errors.push(("name", Message::new("qual-not-empty")));
    }
    let location = DataLocation::parse(location);
    if location.is_none() {
        errors.push(("location", Message::new("qual-location")));
    }
    let (Some(location), true) = (location, errors.is_empty()) else { return Err(Error::invalid(errors)) };
    let actor = user.actor();
    Ok(ctx
        .store
        .create_infrastructure(&actor, &user.organisation.id, name.trim(), location, sites.trim(), now.ms)
        .await?)
}
