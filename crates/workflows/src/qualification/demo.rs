//! Demo qualification records: the demo provider's profile and
//! infrastructure, one IaaS qualified at QC2 (with its certificate) and one
//! SaaS waiting in the agency's queue; the IaaS's monitoring
//! (`monitoring::demo`); the infrastructures' adeguamento
//! (`infrastructure_demo`). Every step goes through the domain's
//! state machine and the store, as a user's would.

use super::decisions::{ceiling, decision_details, motivation};
use crate::Error;
use crate::Now;
use chrono::{Days, NaiveDate};
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::lifecycle::{Actor as Side, QualificationEvent, transition};
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::requirements::{AnswerType, ServiceKind};
use cloudpa_domain::qualification::triage::{Answer, triage};
use cloudpa_domain::time::date_in_rome;
use cloudpa_store::blobs::{BlobStore, NewBlob};
use cloudpa_store::qualification::applications::{Application, Change, NewApplication, NewDecision};
use cloudpa_store::qualification::listings::ListingDetails;
use cloudpa_store::qualification::providers::{NewInfrastructure, ProviderProfile};
use cloudpa_store::{Actor, Millis, Store};
use serde_json::json;

const PROVIDER: &str = "Nuvola Appenninica S.p.A. (demo)";
const REVIEWER: &str = "revisore@acn.demo.cloudpa.it";

/// Seeds the records when the demo provider exists and has no listing yet;
/// returns the number of listings created.
pub async fn seed(store: &Store, blobs: &BlobStore, now: Now) -> Result<usize, Error> {
    let (today, at) = (now.today, now.ms);
    let Some(provider) = store.find_organisation_by_name(PROVIDER).await? else { return Ok(0) };
    if !store.provider_listings(&provider.id).await?.is_empty() {
        return Ok(0);
    }
    let agency = store.users_of_kind(cloudpa_domain::access::OrganisationKind::Agency).await?;
    let reviewer = agency.iter().find(|u| u.email == REVIEWER).ok_or_else(Error::internal)?;
    let actor = Actor::system();
    let profile = ProviderProfile {
        organisation_id: provider.id.clone(),
        vat_number: "09876540890".into(),
        pec: "nuvola.appenninica@pec.demo.cloudpa.it".into(),
        address: "Via XX Settembre 1, 16121 Genova".into(),
        operator_nature: cloudpa_domain::qualification::track::OperatorNature::Private,
    };
    store.save_provider_profile(&actor, &profile, at).await?;
    let infra = store.create_infrastructure(&actor, &provider.id, demo_infrastructure(), at).await?;
    let certificate = NewBlob {
        owner_id: &provider.id,
        filename: "certificato-demo.pdf",
        content_type: "application/pdf",
        content: b"%PDF-1.4\n% certificato dimostrativo di cloudpa\n%%EOF\n".to_vec(),
    };
    let document = store.put_blob(blobs, &actor, certificate, at).await?.sha256;
    let set = store.requirement_set("acn-2024-qc", None).await?.ok_or_else(Error::internal)?;

    let listing = |name: &str, description: &str, kind, level, runs_on: Option<String>| ListingDetails {
        name: name.into(),
        description: description.into(),
        category: "Servizi per i Comuni".into(),
        terms: Terms { kind, level, runs_on, location: DataLocation::IT },
        pricing_model: "Canone annuo".into(),
        procurement_channel: "MEPA".into(),
        service_levels: json!({ "SLI1": "99,9%", "SLI2": "lun-ven 8-18", "SLI3": "4 ore" }).to_string(),
    };
    let iaas = store
        .create_listing(
            &actor,
            &provider.id,
            &listing(
                "Calcolo Appennino (demo)",
                "Macchine virtuali in data center italiani",
                ServiceKind::IaaS,
                Level::QC2,
                None,
            ),
            at,
        )
        .await?;
    let saas = store
        .create_listing(
            &actor,
            &provider.id,
            &listing(
                "Protocollo Appennino (demo)",
                "Protocollo informatico e gestione documentale",
                ServiceKind::SaaS,
                Level::QC1,
                Some(infra.id.clone()),
            ),
            at,
        )
        .await?;

    let mut applications = Vec::new();
    for l in [&iaas, &saas] {
        let new = NewApplication {
            listing_id: &l.listing_id,
            listing_version: 1,
            provider_id: &provider.id,
            set: &set,
            renewal_of: None,
            prefill_from: None,
        };
        let app = store.create_application(&actor, &new, at).await?;
        for r in set.applicable(l.details.terms.kind, Some(l.details.terms.level)) {
            let answer = match r.answer {
                AnswerType::Certificate => {
                    Answer::Certificate { expires_on: today + Days::new(720), document: document.clone() }
                }
                AnswerType::Document => Answer::Document { document: document.clone() },
                AnswerType::Location => Answer::Location { countries: vec!["IT".into()] },
                AnswerType::YesNo => Answer::YesNo { value: true },
                AnswerType::Text | AnswerType::SliValues => Answer::Text { value: "Dichiarato".into() },
            };
            store.save_answer(&actor, &app.id, &r.id, &answer, at).await?;
        }
        applications.push(app);
    }
    let start = today - Days::new(200);
    let qualify = QualificationEvent::Qualify {
        motivation: "Certificazioni e dichiarazioni del livello QC2 verificate (dati dimostrativi).".into(),
    };
    let mut iaas_app = applications[0].clone();
    for (event, side, days) in [
        (QualificationEvent::Submit, Side::Provider, 0),
        (QualificationEvent::StartReview, Side::Agency, 2),
        (qualify, Side::Agency, 10),
    ] {
        iaas_app = step(store, &iaas_app, &event, side, start + Days::new(days), &reviewer.id, at).await?;
    }
    super::monitoring::demo::seed(store, &iaas, &reviewer.id, now).await?;
    super::infrastructure_demo::seed(store, &infra, &reviewer.id, now).await?;
    step(store, &applications[1], &QualificationEvent::Submit, Side::Provider, today - Days::new(3), &reviewer.id, at)
        .await?;
    Ok(2)
}

async fn step(
    store: &Store,
    app: &Application,
    event: &QualificationEvent,
    side: Side,
    on: NaiveDate,
    reviewer: &str,
    at: Millis,
) -> Result<Application, Error> {
    let t = transition(app.state, event, side, on).map_err(|e| Error::conflict(e.message()))?;
    // The step is recorded on its own day, as if made then: the queue's
    // waiting time and the history read the day of the story.
    let at = at - (date_in_rome(at) - on).num_milliseconds();
    let listing = store.listing_version(&app.listing_id, app.listing_version).await?.ok_or_else(Error::internal)?;
    let outcome = match event {
        QualificationEvent::Submit => {
            let set = store.requirement_set(&app.requirement_set, Some(&app.requirement_version)).await?;
            let set = set.ok_or_else(Error::internal)?;
            let terms = &listing.details.terms;
            Some(triage(&set, terms.kind, Some(terms.level), &store.answers(&app.id).await?, on))
        }
        _ => None,
    };
    let ceiling = ceiling(store, &listing).await?;
    let decision = t.decision.map(|kind| NewDecision {
        kind,
        motivation: motivation(event),
        decided_by: reviewer,
        details: decision_details(kind, app, &listing, ceiling.as_deref(), event, on),
    });
    let change = Change {
        to: t.to,
        event: event.name(),
        on,
        triage: outcome.as_ref(),
        integration_deadline: None,
        decision,
        listing_status: t.listing,
        supersedes: None,
        reviewer: None,
    };
    store.apply_transition(&Actor::system(), app, change, at).await?;
    store.application(&app.id).await?.ok_or_else(Error::internal)
}

/// The demo provider's data centre: level AI3, which admits every class
/// its QC1–QC3 services do.
fn demo_infrastructure() -> NewInfrastructure<'static> {
    NewInfrastructure {
        name: "DC Appennino (demo)",
        location: DataLocation::IT,
        sites: "Genova, Milano",
        level: Some(InfrastructureLevel::AI3),
    }
}
