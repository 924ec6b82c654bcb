//! Provider profiles and infrastructures, validated by the domain.

use super::require;
use crate::Context;
use crate::Error;
use crate::Now;
use cloudpa_domain::access::Permission;
use cloudpa_domain::accounts::normalise_email;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::track::OperatorNature;
use cloudpa_domain::qualification::vat::check_vat_number;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::providers::{Infrastructure, NewInfrastructure, ProviderProfile};

/// A profile as a form or the API sends it: `operator_nature` is a code, or
/// empty for a private provider.
pub struct ProfileForm<'a> {
    pub vat_number: &'a str,
    pub pec: &'a str,
    pub address: &'a str,
    pub operator_nature: &'a str,
}

pub async fn save_profile(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    form: ProfileForm<'_>,
) -> Result<ProviderProfile, Error> {
    require(user, Permission::ManageOwnListings)?;
    let ProfileForm { vat_number, pec, address, operator_nature } = form;
    let (vat, pec) = (check_vat_number(vat_number), normalise_email(pec));
    let mut problem = Error::validation();
    let nature = match operator_nature.trim() {
        "" => Some(OperatorNature::Private),
        code => OperatorNature::parse(code),
    };
    if nature.is_none() {
        problem = problem.field("operator_nature", Message::new("qual-operator-nature"));
    }
    if let Err(e) = &vat {
        problem = problem.field("vat_number", e.message());
    }
    if let Err(e) = &pec {
        problem = problem.field("pec", e.rule.clone());
    }
    if address.trim().is_empty() {
        problem = problem.field("address", Message::new("qual-not-empty"));
    }
    let (Ok(vat_number), Ok(pec), Some(operator_nature), true) = (vat, pec, nature, problem.fields.is_empty()) else {
        return Err(problem);
    };
    let profile = ProviderProfile {
        organisation_id: user.organisation.id.clone(),
        vat_number,
        pec,
        address: address.trim().into(),
        operator_nature,
    };
    ctx.store.save_provider_profile(&user.actor(), &profile, now.ms).await?;
    Ok(profile)
}

/// An infrastructure as a form or the API sends it: `level` is a code
/// (`AI1`–`AI4`) or empty when not declared.
pub struct InfrastructureForm<'a> {
    pub name: &'a str,
    pub location: &'a str,
    pub sites: &'a str,
    pub level: &'a str,
}

pub async fn add_infrastructure(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    form: InfrastructureForm<'_>,
) -> Result<Infrastructure, Error> {
    require(user, Permission::ManageOwnListings)?;
    let mut errors = Vec::new();
    if form.name.trim().is_empty() {
        errors.push(("name", Message::new("qual-not-empty")));
    }
    let location = DataLocation::parse(form.location);
    if location.is_none() {
        errors.push(("location", Message::new("qual-location")));
    }
    let level = match form.level.trim() {
        "" => None,
        code => {
            let level = InfrastructureLevel::parse(code);
            if level.is_none() {
                errors.push(("level", Message::new("qual-infrastructure-level")));
            }
            level
        }
    };
    let (Some(location), true) = (location, errors.is_empty()) else { return Err(Error::invalid(errors)) };
    let new = NewInfrastructure { name: form.name.trim(), location, sites: form.sites.trim(), level };
    Ok(ctx.store.create_infrastructure(&user.actor(), &user.organisation.id, new, now.ms).await?)
}
