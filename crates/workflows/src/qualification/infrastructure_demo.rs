//! The demo's adeguamento of infrastructures: the demo provider's data
//! centre declared AI3 and accepted by the agency 230 days ago, and a second
//! data centre whose AI2 declaration waits in the agency's queue. Every step
//! goes through the domain's state machine and the store, as a user's would.

use crate::{Error, Now};
use chrono::{Days, NaiveDate};
use cloudpa_domain::qualification::infrastructure::declaration::{DeclaredAnswer, applicable};
use cloudpa_domain::qualification::infrastructure::{InfrastructureLevel, LEVELS};
use cloudpa_domain::qualification::lifecycle::{Actor as Side, QualificationEvent, transition};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::time::date_in_rome;
use cloudpa_store::qualification::infrastructure_declarations::{Declaration, DeclarationChange, NewDeclaration};
use cloudpa_store::qualification::providers::{Infrastructure, NewInfrastructure};
use cloudpa_store::{Actor, Store};
use serde_json::json;

pub(crate) async fn seed(store: &Store, infra: &Infrastructure, reviewer: &str, now: Now) -> Result<(), Error> {
    let accepted = declare(store, infra, InfrastructureLevel::AI3, now).await?;
    let start = now.today - Days::new(240);
    let accept = QualificationEvent::Qualify {
        motivation: "Dichiarazione di conformità al livello AI3 verificata (dati dimostrativi).".into(),
    };
    let mut d = accepted;
    for (event, side, day) in [
        (QualificationEvent::Submit, Side::Provider, start),
        (QualificationEvent::StartReview, Side::Agency, start + Days::new(3)),
        (accept, Side::Agency, start + Days::new(10)),
    ] {
        d = step(store, &d, (&event, side, day), reviewer, now).await?;
    }
    let south = NewInfrastructure {
        name: "DC Appennino Sud (demo)",
        location: DataLocation::IT,
        sites: "Bari",
        level: Some(InfrastructureLevel::AI2),
    };
    let south = store.create_infrastructure(&Actor::system(), &infra.provider_id, south, now.ms).await?;
    let waiting = declare(store, &south, InfrastructureLevel::AI2, now).await?;
    step(store, &waiting, (&QualificationEvent::Submit, Side::Provider, now.today - Days::new(5)), reviewer, now)
        .await?;
    Ok(())
}

/// A draft declaring every requirement of `level` met.
async fn declare(
    store: &Store,
    infra: &Infrastructure,
    level: InfrastructureLevel,
    now: Now,
) -> Result<Declaration, Error> {
    let answers: Vec<DeclaredAnswer> = applicable(level)
        .iter()
        .map(|r| DeclaredAnswer {
            requirement_id: r.id.clone(),
            conforms: true,
            note: "Verbale di verifica interna (dati dimostrativi)".into(),
        })
        .collect();
    let new = NewDeclaration {
        infrastructure_id: &infra.id,
        operator_id: &infra.provider_id,
        level,
        requirement_version: &LEVELS.version,
        answers: &answers,
    };
    Ok(store.create_declaration(&Actor::system(), new, now.ms).await?)
}

async fn step(
    store: &Store,
    d: &Declaration,
    (event, side, on): (&QualificationEvent, Side, NaiveDate),
    reviewer: &str,
    now: Now,
) -> Result<Declaration, Error> {
    let t = transition(d.state, event, side, on).map_err(|e| Error::conflict(e.message()))?;
    // Recorded on its own day, as if made then.
    let at = now.ms - (date_in_rome(now.ms) - on).num_milliseconds();
    let details = json!({ "infrastructure": d.infrastructure_name, "level": d.level.code(),
        "data_classes": d.level.admitted_classes(), "requirement_version": d.requirement_version });
    let change = DeclarationChange {
        to: t.to,
        event: event.name(),
        on,
        integration_deadline: None,
        decision: t.decision.map(|kind| (kind, super::decisions::motivation(event), details)),
        decided_by: reviewer,
        status: t.listing,
        supersedes: None,
    };
    store.apply_declaration_transition(&Actor::system(), d, change, at).await?;
    store.declaration(&d.id).await?.ok_or_else(Error::internal)
}
