//! Monitoring records on both engines: certificates, reminders sent once,
//! one open alert per requirement, changes triaged once, checks closed once.

use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::monitoring::certificates::{Certificate, Standard};
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::accounts::NewUser;
use cloudpa_store::qualification::listings::ListingDetails;
use cloudpa_store::qualification::monitoring::{CertificateReminder, CheckClosing, Gap, NewCheck};
use cloudpa_store::{Actor, Store, StoreError, engine_test};

const T0: i64 = 1_790_000_000_000;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A provider's listing and a reviewer of the agency: (listing, provider, reviewer).
async fn fixture(store: &Store) -> (String, String, String) {
    store.load_reference_data(T0).await.unwrap();
    let actor = Actor::cli();
    let provider = store.create_organisation(&actor, OrganisationKind::Provider, "Fornitore", None, T0).await.unwrap();
    let agency = store.create_organisation(&actor, OrganisationKind::Agency, "ACN", None, T0).await.unwrap();
    let user = |organisation_id, email| NewUser {
        organisation_id,
        email,
        display_name: "U",
        password: "password-di-prova",
        role: Role::Operator,
    };
    let reviewer = store.create_user(&actor, user(&agency.id, "r@acn.gov.it"), T0).await.unwrap();
    let details = ListingDetails {
        name: "Posta".into(),
        description: "Posta elettronica".into(),
        category: "Collaborazione".into(),
        terms: Terms { kind: ServiceKind::SaaS, level: Level::QC1, runs_on: None, location: DataLocation::IT },
        pricing_model: "a consumo".into(),
        procurement_channel: "MEPA".into(),
        service_levels: "{}".into(),
    };
    let listing = store.create_listing(&actor, &provider.id, &details, T0).await.unwrap();
    (listing.listing_id, provider.id, reviewer.id)
}

fn certificate(standard: Standard, until: &str) -> Certificate {
    Certificate {
        standard,
        issuer: "Ente di certificazione S.p.A.".into(),
        accreditation: "ACCREDIA".into(),
        number: "IT-0001".into(),
        valid_from: day("2025-01-01"),
        valid_until: day(until),
    }
}

engine_test!(certificates_read_back_and_reminders_are_sent_once, |store| {
    let (listing, provider, reviewer) = fixture(&store).await;
    let actor = Actor::cli();
    let (star, iso) = (certificate(Standard::CsaStar2, "2026-12-31"), certificate(Standard::Iso9001, "2027-06-30"));
    let star = store.add_certificate(&actor, &listing, &star, &reviewer, T0).await.unwrap();
    let iso = store.add_certificate(&actor, &listing, &iso, &reviewer, T0).await.unwrap();
    let read = store.listing_certificates(&listing).await.unwrap();
    assert_eq!(read, [iso.clone(), star.clone()], "the latest ending first, every field back");
    assert_eq!(store.all_certificates().await.unwrap().len(), 2);
    let reminder = CertificateReminder {
        certificate_id: star.id.clone(),
        listing_id: listing.clone(),
        provider_id: provider,
        standard: star.standard,
        valid_until: star.valid_until,
        days_before: 30,
    };
    assert_eq!(store.record_certificate_reminders(std::slice::from_ref(&reminder), T0).await.unwrap(), 1);
    assert_eq!(store.record_certificate_reminders(&[reminder], T0 + 1).await.unwrap(), 0, "sent once");
});

engine_test!(an_alert_stays_open_while_its_requirement_is_unmet, |store| {
    let (listing, provider, _) = fixture(&store).await;
    let gap = Gap { requirement: "CSA-STAR-2".into(), reference: "Allegato 4 §4.2".into() };
    let key = (listing.as_str(), provider.as_str(), "QC3");
    let opened = store.sync_alerts(key, std::slice::from_ref(&gap), day("2027-01-01"), T0).await.unwrap();
    assert_eq!(opened.len(), 1);
    assert!(store.sync_alerts(key, &[gap], day("2027-01-02"), T0).await.unwrap().is_empty(), "one open alert");
    assert_eq!(store.open_alerts().await.unwrap(), opened);
    assert!(store.sync_alerts(key, &[], day("2027-01-05"), T0).await.unwrap().is_empty());
    let alerts = store.listing_alerts(&listing).await.unwrap();
    assert_eq!(alerts[0].closed_on, Some(day("2027-01-05")), "closed when met again");
    assert!(store.open_alerts().await.unwrap().is_empty());
    assert_eq!(store.alert(&opened[0].id).await.unwrap().unwrap().reference, "Allegato 4 §4.2");
});

engine_test!(a_change_is_triaged_once_and_a_check_closed_once, |store| {
    let (listing, provider, reviewer) = fixture(&store).await;
    let actor = Actor::cli();
    let ids = (listing.as_str(), provider.as_str());
    let days = (day("2027-01-10"), day("2027-02-10"));
    let kind = (ChangeKind::Subcontractor, "Nuovo subfornitore per il backup");
    let change = store.notify_change(&actor, ids, kind, days, &reviewer, T0).await.unwrap();
    assert_eq!(store.untriaged_changes().await.unwrap(), std::slice::from_ref(&change));
    let by = (reviewer.as_str(), day("2027-01-12"));
    let minor = (ChangeTriage::NotSubstantive, "Stesso livello");
    let triaged = store.triage_change(&actor, &change, &provider, minor, by, T0).await.unwrap();
    assert_eq!((triaged.triage, triaged.triaged_on), (Some(ChangeTriage::NotSubstantive), Some(day("2027-01-12"))));
    let again = store.triage_change(&actor, &change, &provider, (ChangeTriage::Substantive, "no"), by, T0).await;
    assert!(matches!(again, Err(StoreError::Frozen(_))), "{again:?}");
    assert_eq!(store.listing_changes(&listing).await.unwrap(), [triaged]);
    assert!(store.untriaged_changes().await.unwrap().is_empty());

    let new = NewCheck {
        listing_id: &listing,
        provider_id: &provider,
        kind: CheckKind::OnSite,
        subject: "Sopralluogo al data centre",
        alert_id: None,
        opened_on: day("2027-01-15"),
        respond_by: day("2027-02-15"),
        opened_by: &reviewer,
    };
    let check = store.open_check(&actor, new, T0).await.unwrap();
    assert_eq!(store.open_checks().await.unwrap(), std::slice::from_ref(&check));
    let closing = CheckClosing {
        outcome: CheckOutcome::NotCompliant,
        findings: "Nessun certificato CSA STAR valido",
        suspended_until: Some(day("2027-04-30")),
        closed_by: &reviewer,
        closed_on: day("2027-02-20"),
    };
    let closed = store.close_check(&actor, (&check, &provider), closing, T0).await.unwrap();
    assert_eq!((closed.outcome, closed.suspended_until), (Some(CheckOutcome::NotCompliant), Some(day("2027-04-30"))));
    let again = store.close_check(&actor, (&check, &provider), closing, T0).await;
    assert!(matches!(again, Err(StoreError::Frozen(_))), "{again:?}");
    assert!(store.open_checks().await.unwrap().is_empty());
    assert_eq!(store.listing_checks(&listing).await.unwrap(), [closed]);
});
