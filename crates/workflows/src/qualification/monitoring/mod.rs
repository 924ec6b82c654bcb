//! What a qualified service owes for its 36 months, as the web layer runs
//! it: its certificates and what they leave unmet, the changes its provider
//! notifies, the agency's checks, and the hourly sweep that reminds and
//! alerts (Regolamento ACN 21007/24; docs/regolamento-notes.md §6).

pub mod certificates;
pub(crate) mod demo;
pub mod desk;
pub mod reviews;
pub mod sweep;

use super::side;
use crate::{Context, Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::monitoring::certificates::{CERTIFICATES, Requirement};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::listings::ListingVersion;
use cloudpa_store::qualification::monitoring::{Alert, Check, NotifiedChange, StoredCertificate};
use serde::Serialize;

/// One requirement of the listing's level and whether it is met today.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementState {
    pub reference: String,
    pub any_of: Vec<Vec<String>>,
    pub met: bool,
}

/// Something the provider must do, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Due {
    /// A certificate ends on `on`.
    CertificateEnds { certificate_id: String, standard: String, on: NaiveDate },
    /// The answer to an open check is due on `on`.
    CheckAnswer { check_id: String, subject: String, on: NaiveDate },
    /// A requirement is unmet since `on` (an open alert).
    RequirementUnmet { requirement: String, reference: String, on: NaiveDate },
}

impl Due {
    pub fn on(&self) -> NaiveDate {
        match self {
            Due::CertificateEnds { on, .. } | Due::CheckAnswer { on, .. } | Due::RequirementUnmet { on, .. } => *on,
        }
    }
}

/// The monitoring of one listing, as of a day.
#[derive(Debug, Clone, Serialize)]
pub struct Monitoring {
    pub listing: ListingVersion,
    pub status: Option<ListingStatus>,
    pub as_of: NaiveDate,
    pub certificates: Vec<StoredCertificate>,
    pub requirements: Vec<RequirementState>,
    pub alerts: Vec<Alert>,
    pub changes: Vec<NotifiedChange>,
    pub checks: Vec<Check>,
    pub due: Vec<Due>,
    /// Whether the certificates each level needs are confirmed by the text
    /// (they are not: see `data/requirements/acn-2024-certificates.toml`).
    pub rules_confirmed: bool,
}

/// The published version of listing `id` (the one the catalogue shows and
/// the qualification covers), for its provider or the agency (403 for
/// anyone else).
pub(crate) async fn listing_for(ctx: &Context, user: &SessionUser, id: &str) -> Result<ListingVersion, Error> {
    let listing = ctx
        .store
        .current_listing(id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("qual-no-listing").arg("id", id)))?;
    side(user, &listing.provider_id)?;
    Ok(listing)
}

/// The monitoring of listing `id` on `now`'s day, for its provider or the
/// agency.
pub async fn of_listing(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Monitoring, Error> {
    let listing = listing_for(ctx, user, id).await?;
    monitoring(ctx, listing, now.today).await
}

pub(crate) async fn monitoring(ctx: &Context, listing: ListingVersion, as_of: NaiveDate) -> Result<Monitoring, Error> {
    let id = listing.listing_id.clone();
    let status = ctx.store.listing_history(&id).await?.status_at(as_of);
    let certificates = ctx.store.listing_certificates(&id).await?;
    let held: Vec<_> = certificates.iter().map(StoredCertificate::held).collect();
    let requirements = CERTIFICATES
        .of(listing.details.terms.level)
        .iter()
        .map(|r| RequirementState { reference: r.reference.clone(), any_of: codes(r), met: r.met(&held, as_of) })
        .collect();
    let alerts = ctx.store.listing_alerts(&id).await?;
    let checks = ctx.store.listing_checks(&id).await?;
    let mut due: Vec<Due> = CERTIFICATES
        .ending_soon(&held, as_of)
        .into_iter()
        .map(|i| &certificates[i])
        .map(|c| Due::CertificateEnds {
            certificate_id: c.id.clone(),
            standard: c.standard.code().into(),
            on: c.valid_until,
        })
        .chain(checks.iter().filter(|c| c.outcome.is_none()).map(|c| Due::CheckAnswer {
            check_id: c.id.clone(),
            subject: c.subject.clone(),
            on: c.respond_by,
        }))
        .chain(alerts.iter().filter(|a| a.closed_on.is_none()).map(|a| Due::RequirementUnmet {
            requirement: a.requirement.clone(),
            reference: a.reference.clone(),
            on: a.opened_on,
        }))
        .collect();
    due.sort_by_key(Due::on);
    Ok(Monitoring {
        changes: ctx.store.listing_changes(&id).await?,
        listing,
        status,
        as_of,
        certificates,
        requirements,
        alerts,
        checks,
        due,
        rules_confirmed: CERTIFICATES.confirmed,
    })
}

fn codes(r: &Requirement) -> Vec<Vec<String>> {
    r.any_of.iter().map(|all| all.iter().map(|s| s.code().to_owned()).collect()).collect()
}
