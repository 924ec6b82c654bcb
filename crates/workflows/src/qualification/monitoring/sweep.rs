//! The hourly sweep's part in monitoring: for every qualified service, the
//! reminders owed of the certificates that end soon, and the alerts of the
//! agency opened when its level's requirements are left unmet (a
//! certificate lapsed) and closed when they are met again.

use crate::{Error, Now};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::monitoring::certificates::CERTIFICATES;
use cloudpa_store::Store;
use cloudpa_store::qualification::listings::ListingVersion;
use cloudpa_store::qualification::monitoring::{CertificateReminder, Gap, StoredCertificate};
use std::collections::HashSet;

/// What a sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub reminders: usize,
    pub alerts: usize,
}

/// Sends the reminders and opens the alerts owed on `now`'s day (and closes
/// those of services no longer qualified: revoked, expired or suspended).
pub async fn run(store: &Store, now: Now) -> Result<Swept, Error> {
    let mut swept = Swept::default();
    let mut reminders = Vec::new();
    let mut seen = HashSet::new();
    for (app, _) in store.qualified_applications().await? {
        let Some(listing) = store.listing_version(&app.listing_id, app.listing_version).await? else {
            continue;
        };
        let certificates = store.listing_certificates(&app.listing_id).await?;
        reminders.extend(certificates.iter().filter_map(|c| owed(c, &listing, now)));
        swept.alerts += alerts_of(store, &listing, &certificates, now).await?;
        seen.insert(app.listing_id);
    }
    for alert in store.open_alerts().await? {
        if seen.insert(alert.listing_id.clone())
            && let Some(listing) = store.current_listing(&alert.listing_id).await?
        {
            align_alerts(store, &listing, now).await?;
        }
    }
    swept.reminders = store.record_certificate_reminders(&reminders, now.ms).await?;
    Ok(swept)
}

/// Brings the alerts of `listing` in line with its certificates on `now`'s
/// day; returns how many opened.
pub async fn align_alerts(store: &Store, listing: &ListingVersion, now: Now) -> Result<usize, Error> {
    let certificates = store.listing_certificates(&listing.listing_id).await?;
    alerts_of(store, listing, &certificates, now).await
}

async fn alerts_of(
    store: &Store,
    listing: &ListingVersion,
    certificates: &[StoredCertificate],
    now: Now,
) -> Result<usize, Error> {
    let status = store.listing_history(&listing.listing_id).await?.status_at(now.today);
    let level = listing.details.terms.level;
    let held: Vec<_> = certificates.iter().map(StoredCertificate::held).collect();
    let gaps: Vec<Gap> = match status {
        Some(ListingStatus::Qualified) => CERTIFICATES
            .gaps(level, &held, now.today)
            .into_iter()
            .map(|r| Gap { requirement: r.key(), reference: r.reference.clone() })
            .collect(),
        _ => Vec::new(),
    };
    let key = (listing.listing_id.as_str(), listing.provider_id.as_str(), level.code());
    Ok(store.sync_alerts(key, &gaps, now.today, now.ms).await?.len())
}

fn owed(c: &StoredCertificate, listing: &ListingVersion, now: Now) -> Option<CertificateReminder> {
    let days_before = CERTIFICATES.reminder_due(c.valid_until, now.today)?;
    Some(CertificateReminder {
        certificate_id: c.id.clone(),
        listing_id: listing.listing_id.clone(),
        provider_id: listing.provider_id.clone(),
        standard: c.standard,
        valid_until: c.valid_until,
        days_before,
    })
}
