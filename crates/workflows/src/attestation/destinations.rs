//! The destination finder: for a service of a project, the catalogue
//! listings it may land on, ranked, and for the other listings of its type
//! why each is excluded (the domain's `attestation::destinations`).

use super::catalogue::CatalogueFacts;
use super::verification;
use crate::programme::applications::load;
use crate::{Context, Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::attestation::destinations::{Exclusion, exclusions, kind_of, rank_key};
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::accounts::SessionUser;

/// A listing weighed for a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestinationRow {
    pub listing_id: String,
    /// The version in force on the contract date.
    pub version: i64,
    pub name: String,
    pub provider: String,
    pub kind: ServiceKind,
    pub level: Level,
    pub exclusions: Vec<Exclusion>,
}

/// The finder's answer.
pub struct Destinations {
    /// The day the qualification is weighed on: the contract's, or today.
    pub contract_on: NaiveDate,
    /// Admissible listings first, then the excluded ones of the same type.
    pub rows: Vec<DestinationRow>,
    /// Listings of other types, left out.
    pub other_types: usize,
}

/// The destinations of the service at `position` of application `id`, for
/// a contract signed on `contract_on` (default today): for the ente's side,
/// the programme office, and the attestor the project is assigned to (who
/// weighs the listing the ente chose among the others).
pub async fn find(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    position: i64,
    contract_on: Option<NaiveDate>,
) -> Result<Destinations, Error> {
    let app = match user.organisation.kind {
        OrganisationKind::Attestor => verification::load(ctx, user, id, Permission::ViewAssignedProjects).await?,
        _ => load(ctx, user, now, id, Permission::ViewOwnProgramme).await?.0,
    };
    let choices = ctx.store.application_choices(&app.id).await?;
    let choice = usize::try_from(position - 1).ok().and_then(|i| choices.get(i)).ok_or_else(|| {
        Error::not_found(Message::new("att-no-service-at").arg("id", &app.id).arg("position", position))
    })?;
    let destination = choice.improved_to.unwrap_or(choice.destination);
    let contract_on = contract_on.unwrap_or(now.today);
    let catalogue = CatalogueFacts::all(&ctx.store, now.today).await?;
    let mut rows = Vec::new();
    let mut other_types = 0;
    for entry in catalogue.entries() {
        let Some((candidate, version)) = catalogue.candidate(&entry.listing_id, contract_on, now.today) else {
            continue;
        };
        if candidate.kind != kind_of(destination) {
            other_types += 1;
            continue;
        }
        let details = &entry.version(version).ok_or_else(Error::internal)?.details;
        rows.push(DestinationRow {
            listing_id: entry.listing_id.clone(),
            version,
            name: details.name.clone(),
            provider: entry.provider.name.clone(),
            kind: candidate.kind,
            level: candidate.level,
            exclusions: exclusions(&candidate, destination, choice.data_class, contract_on),
        });
    }
    rows.sort_by(|a, b| {
        let key = |r: &DestinationRow| (rank_key_of(r), r.listing_id.clone());
        key(a).cmp(&key(b))
    });
    Ok(Destinations { contract_on, rows, other_types })
}

fn rank_key_of(row: &DestinationRow) -> (bool, Level, String) {
    let (excluded, level, name) = rank_key(row.level, &row.name, row.exclusions.is_empty());
    (excluded, level, name.to_owned())
}
