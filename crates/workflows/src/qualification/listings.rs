//! Providers' listings: creation and changes (with re-review of substantive
//! changes to public listings).

use super::require;
use crate::Context;
use crate::Error;
use crate::Now;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::listing::{ChangeEffect, Terms, change_effect, check_terms, may_run_on};
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_domain::qualification::track::Track;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::listings::{ListingDetails, ListingVersion};

/// Checks the fields of a listing version, including that what a SaaS runs
/// on is one of the provider's infrastructures or IaaS listings.
pub async fn check_details(ctx: &Context, user: &SessionUser, now: Now, d: &ListingDetails) -> Result<(), Error> {
    let mut problem = Error::validation();
    for (field, value) in [("name", &d.name), ("description", &d.description), ("category", &d.category)] {
        if value.trim().is_empty() {
            problem = problem.field(field, Message::new("qual-not-empty"));
        }
    }
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&d.service_levels) {
        Err(_) => problem = problem.field("service_levels", Message::new("qual-sli-object")),
        Ok(levels) => {
            let known = ctx.store.service_level_indicators().await?;
            for code in levels.keys().filter(|code| !known.iter().any(|i| &i.code == *code)) {
                problem = problem.field("service_levels", Message::new("qual-sli-unknown").arg("code", code));
            }
        }
    }
    if let Err(e) = check_terms(&d.terms) {
        problem = problem.field("runs_on", e.message());
    }
    if let Some(runs_on) = d.terms.runs_on.as_deref().filter(|r| !r.is_empty()) {
        let infrastructure = ctx.store.infrastructure(runs_on).await?;
        let own_infrastructure = infrastructure.is_some_and(|i| i.provider_id == user.organisation.id);
        let iaas = ctx.store.current_listing(runs_on).await?.filter(|l| l.details.terms.kind == ServiceKind::IaaS);
        let allowed = own_infrastructure
            || match iaas {
                Some(iaas) => {
                    let status = ctx.store.listing_history(runs_on).await?.status_at(now.today);
                    may_run_on(iaas.provider_id == user.organisation.id, status)
                }
                None => false,
            };
        if !allowed {
            problem = problem.field("runs_on", Message::new("qual-runs-on"));
        }
    }
    if problem.fields.is_empty() { Ok(()) } else { Err(problem) }
}

pub async fn create(ctx: &Context, user: &SessionUser, now: Now, d: &ListingDetails) -> Result<ListingVersion, Error> {
    require(user, Permission::ManageOwnListings)?;
    check_details(ctx, user, now, d).await?;
    Ok(ctx.store.create_listing(&user.actor(), &user.organisation.id, d, now.ms).await?)
}

/// The listing, if `user`'s organisation owns it (403 otherwise).
pub async fn own_listing(ctx: &Context, user: &SessionUser, id: &str) -> Result<ListingVersion, Error> {
    let listing = ctx
        .store
        .current_listing(id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("qual-no-listing").arg("id", id)))?;
    if listing.provider_id != user.organisation.id {
        return Err(Error::forbidden(Message::new("qual-other-provider")));
    }
    Ok(listing)
}

/// Changes a listing: at once, unless it is public and a substantive term
/// changed — then the new version waits for a re-review (a new application
/// pre-filled from the last one), and the published version stays. With
/// `expected`, the version the user changed: refused (409, naming who
/// changed it since) when it is no longer the latest.
pub async fn change(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    (id, expected): (&str, Option<i64>),
    d: &ListingDetails,
) -> Result<(ListingVersion, ChangeEffect, Option<String>), Error> {
    require(user, Permission::ManageOwnListings)?;
    let current = own_listing(ctx, user, id).await?;
    check_details(ctx, user, now, d).await?;
    let in_progress =
        ctx.store.listing_applications(id).await?.iter().any(|a| super::applications::OPEN.contains(&a.state));
    if in_progress {
        return Err(Error::conflict(Message::new("qual-listing-busy")));
    }
    let status = ctx.store.listing_history(id).await?.status_at(now.today);
    let effect = change_effect(status, &current.details.terms, &d.terms);
    let actor = user.actor();
    let publish = effect == ChangeEffect::Immediate;
    let version = ctx.store.add_listing_version(&actor, id, d, (publish, expected), now.ms).await?;
    if publish {
        ctx.refresh_catalogue().await;
    }
    let review = match &effect {
        ChangeEffect::Immediate => None,
        ChangeEffect::ReReview { .. } => Some(super::applications::open_re_review(ctx, user, now, &version).await?),
    };
    Ok((version, effect, review))
}

/// Parses the terms of a listing from their codes; the level is named by the
/// owner's `track` (QC1–QC4, or AC1–AC4 for a public body's service).
pub fn terms(track: Track, kind: &str, level: &str, runs_on: Option<String>, location: &str) -> Result<Terms, Error> {
    use cloudpa_domain::qualification::listing::DataLocation;
    let mut problem = Error::validation();
    let kind = ServiceKind::parse(kind);
    if kind.is_none() {
        problem = problem.field("kind", Message::new("qual-kind"));
    }
    let level = track.parse_level(level);
    if level.is_none() {
        let rule = match track {
            Track::Qualification => "qual-level",
            Track::Adeguamento => "qual-level-ac",
        };
        problem = problem.field("level", Message::new(rule));
    }
    let location = DataLocation::parse(location);
    if location.is_none() {
        problem = problem.field("location", Message::new("qual-location"));
    }
    match (kind, level, location) {
        (Some(kind), Some(level), Some(location)) => Ok(Terms { kind, level, runs_on, location }),
        _ => Err(problem),
    }
}
