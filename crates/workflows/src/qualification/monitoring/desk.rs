//! The two overviews of monitoring: the agency's desk (open alerts, changes
//! to triage, open checks, across all services) and a provider's list of
//! what is due and when, across its qualified services.

use super::{Due, monitoring};
use crate::qualification::require;
use crate::{Context, Error, Now};
use cloudpa_domain::access::Permission;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::monitoring::{Alert, Check, NotifiedChange};
use serde::Serialize;
use std::collections::HashMap;

/// A record with the name of the service it is about.
#[derive(Debug, Clone, Serialize)]
pub struct Named<T> {
    pub service: String,
    #[serde(flatten)]
    pub item: T,
}

/// The agency's desk.
#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    pub alerts: Vec<Named<Alert>>,
    pub changes: Vec<Named<NotifiedChange>>,
    pub checks: Vec<Named<Check>>,
}

pub async fn agency(ctx: &Context, user: &SessionUser) -> Result<Desk, Error> {
    require(user, Permission::ReviewApplications)?;
    let mut names = Names::default();
    let mut desk = Desk { alerts: Vec::new(), changes: Vec::new(), checks: Vec::new() };
    for a in ctx.store.open_alerts().await? {
        desk.alerts.push(Named { service: names.of(ctx, &a.listing_id).await?, item: a });
    }
    for c in ctx.store.untriaged_changes().await? {
        desk.changes.push(Named { service: names.of(ctx, &c.listing_id).await?, item: c });
    }
    for c in ctx.store.open_checks().await? {
        desk.checks.push(Named { service: names.of(ctx, &c.listing_id).await?, item: c });
    }
    Ok(desk)
}

/// What one of a provider's services owes, and by when.
#[derive(Debug, Clone, Serialize)]
pub struct Owed {
    pub listing_id: String,
    pub service: String,
    #[serde(flatten)]
    pub due: Due,
}

/// What `user`'s organisation owes across its services in force on
/// `now`'s day, the earliest first.
pub async fn provider(ctx: &Context, user: &SessionUser, now: Now) -> Result<Vec<Owed>, Error> {
    require(user, Permission::ViewOwnListings)?;
    let mut owed = Vec::new();
    for listing in ctx.store.provider_listings(&user.organisation.id).await? {
        let m = monitoring(ctx, listing, now.today).await?;
        if !matches!(m.status, Some(ListingStatus::Qualified | ListingStatus::Suspended)) {
            continue;
        }
        let (listing_id, service) = (m.listing.listing_id.clone(), m.listing.details.name.clone());
        owed.extend(m.due.into_iter().map(|due| Owed {
            listing_id: listing_id.clone(),
            service: service.clone(),
            due,
        }));
    }
    owed.sort_by_key(|o| o.due.on());
    Ok(owed)
}

/// The services' names, each read once.
#[derive(Default)]
struct Names(HashMap<String, String>);

impl Names {
    async fn of(&mut self, ctx: &Context, listing_id: &str) -> Result<String, Error> {
        if let Some(name) = self.0.get(listing_id) {
            return Ok(name.clone());
        }
        let name = ctx.store.current_listing(listing_id).await?.map(|l| l.details.name).unwrap_or_default();
        self.0.insert(listing_id.to_owned(), name.clone());
        Ok(name)
    }
}
