//! The migration programme as the web layer runs it, shared by the API and
//! the pages: who acts for which ente, then the inventory, the applications,
//! the deadlines and their reminders, and the territorial teams.

pub mod applications;
pub mod calls;
pub mod classification;
pub mod deadlines;
pub mod demo;
pub mod inventory;
pub mod reminders;
pub mod teams;
pub mod voucher_quote;

use crate::Context;
use crate::Error;
use crate::Now;
use crate::qualification::require;
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::tariff::Tariff;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::enti::EnteProfile;

/// An ente `user` may act for: its own organisation, or one that delegated
/// to the user's organisation (active today).
pub struct Acting {
    pub ente_id: String,
    pub ente_name: String,
    /// Whether the user acts by delegation, not for their own organisation.
    pub delegated: bool,
}

/// Checks that `user` holds `permission` and may act for `ente_id`; a
/// record of any other organisation is refused.
pub async fn acting_for(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    permission: Permission,
) -> Result<Acting, Error> {
    require(user, permission)?;
    if user.organisation.kind != OrganisationKind::PublicBody {
        return Err(Error::forbidden(Message::new("prog-not-an-ente")));
    }
    if ente_id == user.organisation.id {
        return Ok(Acting { ente_id: ente_id.to_owned(), ente_name: user.organisation.name.clone(), delegated: false });
    }
    let today = now.today;
    let delegation = ctx
        .store
        .delegations_to(&user.organisation.id)
        .await?
        .into_iter()
        .find(|d| d.ente_id == ente_id && d.period.active(today));
    match delegation {
        Some(d) => Ok(Acting { ente_id: d.ente_id, ente_name: d.ente_name, delegated: true }),
        None => Err(Error::forbidden(Message::new("prog-other-organisation"))),
    }
}

/// The enti `user` may act for: their own, then those that delegated to it.
pub async fn enti_of(ctx: &Context, user: &SessionUser, now: Now) -> Result<Vec<Acting>, Error> {
    let own =
        Acting { ente_id: user.organisation.id.clone(), ente_name: user.organisation.name.clone(), delegated: false };
    let today = now.today;
    let mut list = vec![own];
    for d in ctx.store.delegations_to(&user.organisation.id).await? {
        if d.period.active(today) {
            list.push(Acting { ente_id: d.ente_id, ente_name: d.ente_name, delegated: true });
        }
    }
    Ok(list)
}

/// The profile an ente must have before it applies or keeps an inventory.
pub async fn profile_of(ctx: &Context, ente_id: &str) -> Result<EnteProfile, Error> {
    ctx.store.ente_profile(ente_id).await?.ok_or_else(|| Error::conflict(Message::new("prog-profile-missing")))
}

/// The population that sets the ente's class under `tariff`. A tariff of one
/// class needs none; a municipality made after the 2011 census from part of
/// another has none in the reference data, and its class cannot be set.
pub fn class_population(tariff: &Tariff, profile: &EnteProfile) -> Result<u64, Error> {
    match profile.population {
        Some(population) => Ok(population),
        None if tariff.classes().len() == 1 => Ok(0),
        None => {
            Err(Error::unprocessable(Message::new("prog-no-population").arg("municipality", &profile.municipality)))
        }
    }
}

/// A date field: empty means `default`; otherwise YYYY-MM-DD.
pub fn date_field(field: &'static str, text: Option<&str>, default: NaiveDate) -> Result<NaiveDate, Error> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(default),
        Some(t) => t.parse().map_err(|_| Error::validation().field(field, Message::new("prog-date-format"))),
    }
}
