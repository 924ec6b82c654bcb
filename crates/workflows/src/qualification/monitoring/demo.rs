//! The demo's monitoring: the demo IaaS holds its QC2 certificates but one,
//! ISO/IEC 20000-1, lapsed ten days ago, so the agency has an alert and a
//! documentary check open about it; another ends in 45 days (a reminder is
//! owed); and the provider has notified a change waiting for triage.

use super::sweep::align_alerts;
use crate::{Error, Now};
use chrono::Days;
use cloudpa_domain::qualification::monitoring::certificates::{Certificate, Standard};
use cloudpa_domain::qualification::monitoring::changes::ChangeKind;
use cloudpa_domain::qualification::monitoring::checks::CheckKind;
use cloudpa_store::qualification::listings::ListingVersion;
use cloudpa_store::qualification::monitoring::NewCheck;
use cloudpa_store::{Actor, Store};

pub(crate) async fn seed(store: &Store, listing: &ListingVersion, reviewer: &str, now: Now) -> Result<(), Error> {
    let (today, at, actor) = (now.today, now.ms, Actor::system());
    let Some(provider_user) = store.list_users(&listing.provider_id).await?.into_iter().next() else {
        return Ok(());
    };
    let valid = |standard, from_days: u64, until_days: i64| Certificate {
        standard,
        issuer: "Certificazioni Liguri S.r.l. (demo)".into(),
        accreditation: "ACCREDIA".into(),
        number: format!("DEMO-{}", standard.code()),
        valid_from: today - Days::new(from_days),
        valid_until: if until_days >= 0 {
            today + Days::new(until_days.unsigned_abs())
        } else {
            today - Days::new(until_days.unsigned_abs())
        },
    };
    let held = [
        valid(Standard::Iso9001, 400, 700),
        valid(Standard::Iso27001, 400, 700),
        valid(Standard::Iso27017, 400, 700),
        valid(Standard::Iso27018, 400, 700),
        valid(Standard::Iso22301, 1000, 45),
        valid(Standard::Iso20000, 1100, -10),
    ];
    for certificate in &held {
        store.add_certificate(&actor, &listing.listing_id, certificate, &provider_user.id, at).await?;
    }
    align_alerts(store, listing, now).await?;
    let alert = store.open_alerts().await?.into_iter().find(|a| a.listing_id == listing.listing_id);
    let check = NewCheck {
        listing_id: &listing.listing_id,
        provider_id: &listing.provider_id,
        kind: CheckKind::Documentary,
        subject: "Certificato ISO/IEC 20000-1 scaduto (dati dimostrativi)",
        alert_id: alert.as_ref().map(|a| a.id.as_str()),
        opened_on: today,
        respond_by: today + Days::new(30),
        opened_by: reviewer,
    };
    store.open_check(&actor, check, at).await?;
    let ids = (listing.listing_id.as_str(), listing.provider_id.as_str());
    let change = (ChangeKind::Subcontractor, "Nuovo fornitore del servizio di backup geografico (dati dimostrativi)");
    let days = (today, today + Days::new(60));
    store.notify_change(&actor, ids, change, days, &provider_user.id, at).await?;
    Ok(())
}
