//! The classification an administration communicates to the agency: the
//! form from its inventory, each submission a new version, and the agency's
//! national reading of the latest one of every administration.

use super::{Acting, acting_for};
use crate::qualification::require;
use crate::{Context, Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::programme::classification::{
    ClassifiedService, Communicated, EdgeInfrastructure, InventoryService, TERMS, Tally, check_edge, classify, tally,
};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::classifications::Communication;
use cloudpa_store::programme::inventory::EnteService;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the form shows: the inventory's services and every version sent.
pub struct Draft {
    pub acting: Acting,
    pub services: Vec<EnteService>,
    pub versions: Vec<Communication>,
}

pub async fn draft(ctx: &Context, user: &SessionUser, now: Now, ente_id: &str) -> Result<Draft, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ViewOwnProgramme).await?;
    Ok(Draft {
        services: ctx.store.ente_services(&acting.ente_id).await?,
        versions: ctx.store.classifications_of(&acting.ente_id).await?,
        acting,
    })
}

/// Submits the next version: every service of the inventory not retired,
/// with the reasons of its class, and the edge infrastructures in use.
pub async fn submit(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    ente_id: &str,
    (reasons, edge): (&BTreeMap<String, String>, &[EdgeInfrastructure]),
) -> Result<Communication, Error> {
    let acting = acting_for(ctx, user, now, ente_id, Permission::ManageOwnProgramme).await?;
    let services = ctx.store.ente_services(&acting.ente_id).await?;
    let inventory: Vec<InventoryService> = services
        .iter()
        .map(|s| InventoryService { id: &s.id, name: &s.name, class: s.data_class, status: s.status })
        .collect();
    let (items, mut problems) = match classify(&inventory, reasons) {
        Ok(items) => (items, Vec::new()),
        Err(problems) => (Vec::new(), problems),
    };
    problems.extend(edge.iter().enumerate().flat_map(|(i, e)| check_edge(i, e)));
    if !problems.is_empty() {
        return Err(problems.into_iter().fold(Error::validation(), |error, (field, rule)| error.field(field, rule)));
    }
    let edge: Vec<EdgeInfrastructure> = edge
        .iter()
        .map(|e| EdgeInfrastructure {
            name: e.name.trim().into(),
            place: e.place.trim().into(),
            nodes: e.nodes,
            operator: e.operator.trim().into(),
        })
        .collect();
    let by = (now.today, user.user.id.as_str());
    Ok(ctx.store.submit_classification(&user.actor(), &acting.ente_id, (&items, &edge), by, now.ms).await?)
}

/// The migration deadline of a stated service, if it is still in use.
pub fn deadline(s: &ClassifiedService) -> Option<NaiveDate> {
    TERMS.deadline(s)
}

/// One administration's latest communication, with where it is and what it is.
#[derive(Debug, Clone, Serialize)]
pub struct Latest {
    pub ente_name: String,
    pub region: String,
    pub kind: String,
    pub communication: Communication,
}

/// The agency's national reading.
#[derive(Debug, Clone, Serialize)]
pub struct National {
    pub tally: Tally,
    pub latest: Vec<Latest>,
    /// Whether the migration terms by class are confirmed by the text.
    pub terms_confirmed: bool,
}

pub async fn national(ctx: &Context, user: &SessionUser) -> Result<National, Error> {
    require(user, Permission::ReviewApplications)?;
    let mut latest = Vec::new();
    for communication in ctx.store.latest_classifications().await? {
        let id = &communication.organisation_id;
        let ente_name = ctx.store.organisation(id).await?.map(|o| o.name).unwrap_or_default();
        let profile = ctx.store.ente_profile(id).await?;
        let (region, kind) = profile.map_or((String::new(), String::new()), |p| (p.region, p.kind.code().to_owned()));
        latest.push(Latest { ente_name, region, kind, communication });
    }
    let communicated: Vec<Communicated> = latest
        .iter()
        .map(|l| Communicated {
            region: &l.region,
            kind: &l.kind,
            services: &l.communication.services,
            edge: &l.communication.edge,
        })
        .collect();
    Ok(National { tally: tally(&communicated), latest, terms_confirmed: TERMS.confirmed })
}
