//! What the enti operations answer: the enti a user acts for, an ente's
//! profile and inventory, and delegations.

use chrono::NaiveDate;
use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind, SiteStatus};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::scenarios::Origin;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::programme::enti::{EnteProfile, StoredDelegation};
use cloudpa_store::programme::inventory::{EnteService, Site};
use cloudpa_workflows::programme::Acting;
use cloudpa_workflows::programme::inventory::Inventory;
use serde::Serialize;
use utoipa::ToSchema;

/// The enti the user acts for.
#[derive(Serialize, ToSchema)]
pub(crate) struct EnteList {
    items: Vec<ActingEnte>,
}

impl From<Vec<Acting>> for EnteList {
    fn from(enti: Vec<Acting>) -> Self {
        EnteList { items: records(enti) }
    }
}

/// An ente the user acts for.
#[derive(Serialize, ToSchema)]
pub(crate) struct ActingEnte {
    /// The ente's organisation id.
    id: String,
    name: String,
    /// Whether the user acts by delegation, not for their own organisation.
    delegated: bool,
}

impl From<Acting> for ActingEnte {
    fn from(a: Acting) -> Self {
        ActingEnte { id: a.ente_id, name: a.ente_name, delegated: a.delegated }
    }
}

/// An ente's profile (none until it is set), sites and services.
#[derive(Serialize, ToSchema)]
pub(crate) struct EnteInventory {
    ente: ActingEnte,
    profile: Option<EnteProfileRecord>,
    sites: Vec<SiteRecord>,
    /// A page of the ente's services, in name order.
    services: Vec<EnteServiceRecord>,
    page: usize,
    page_size: usize,
    /// How many services the ente has in all.
    services_total: usize,
}

impl From<Inventory> for EnteInventory {
    fn from(inv: Inventory) -> Self {
        EnteInventory {
            ente: inv.acting.into(),
            profile: inv.profile.map(EnteProfileRecord::from),
            sites: records(inv.sites),
            services: records(inv.services),
            page: inv.paging.page,
            page_size: inv.paging.size,
            services_total: inv.services_total,
        }
    }
}

/// Where an ente is: its kind and municipality.
#[derive(Serialize, ToSchema)]
pub(crate) struct EnteProfileRecord {
    organisation_id: String,
    /// comune, scuola or altro_ente.
    #[schema(value_type = String)]
    kind: EnteKind,
    /// The ISTAT code of the municipality.
    istat_code: String,
    municipality: String,
    province: String,
    region: String,
    /// The municipality's 2011 census population, which sets a Comune's
    /// class; null for a municipality made after the census from part of
    /// another.
    population: Option<u64>,
}

impl From<EnteProfile> for EnteProfileRecord {
    fn from(p: EnteProfile) -> Self {
        EnteProfileRecord {
            organisation_id: p.organisation_id,
            kind: p.kind,
            istat_code: p.istat_code,
            municipality: p.municipality,
            province: p.province,
            region: p.region,
            population: p.population,
        }
    }
}

/// A server room or data centre of an ente.
#[derive(Serialize, ToSchema)]
pub(crate) struct SiteRecord {
    id: String,
    /// The ente's organisation id.
    organisation_id: String,
    name: String,
    /// server_room or data_centre.
    #[schema(value_type = String)]
    kind: SiteKind,
    /// active, decommissioning or decommissioned.
    #[schema(value_type = String)]
    status: SiteStatus,
    /// The closing day.
    decommissioned_on: Option<NaiveDate>,
}

impl From<Site> for SiteRecord {
    fn from(s: Site) -> Self {
        SiteRecord {
            id: s.id,
            organisation_id: s.organisation_id,
            name: s.name,
            kind: s.kind,
            status: s.status,
            decommissioned_on: s.decommissioned_on,
        }
    }
}

/// A service of an ente's inventory.
#[derive(Serialize, ToSchema)]
pub(crate) struct EnteServiceRecord {
    id: String,
    /// The ente's organisation id.
    organisation_id: String,
    name: String,
    /// ordinari, critici or strategici.
    #[schema(value_type = Option<String>)]
    data_class: Option<DataClass>,
    /// on_premise_unstructured, on_premise_structured, iaas_unqualified,
    /// iaas_qualified, paas_unqualified, paas_qualified or saas.
    #[schema(value_type = Option<String>)]
    origin: Option<Origin>,
    /// The site that hosts it.
    site_id: Option<String>,
    /// in_use, migrated or retired.
    #[schema(value_type = String)]
    status: ServiceStatus,
}

impl From<EnteService> for EnteServiceRecord {
    fn from(s: EnteService) -> Self {
        EnteServiceRecord {
            id: s.id,
            organisation_id: s.organisation_id,
            name: s.name,
            data_class: s.data_class,
            origin: s.origin,
            site_id: s.site_id,
            status: s.status,
        }
    }
}

/// The delegations granted by the user's ente and received by their organisation.
#[derive(Serialize, ToSchema)]
pub(crate) struct Delegations {
    granted: Vec<DelegationRecord>,
    received: Vec<DelegationRecord>,
}

impl Delegations {
    pub(crate) fn of(granted: Vec<StoredDelegation>, received: Vec<StoredDelegation>) -> Self {
        Delegations { granted: records(granted), received: records(received) }
    }
}

/// A delegation of an ente to an aggregator, which acts for it.
#[derive(Serialize, ToSchema)]
pub(crate) struct DelegationRecord {
    id: String,
    ente_id: String,
    ente_name: String,
    aggregator_id: String,
    aggregator_name: String,
    /// The first day.
    valid_from: NaiveDate,
    /// The last day, if any.
    valid_until: Option<NaiveDate>,
    /// The day the revocation took effect.
    revoked_on: Option<NaiveDate>,
}

impl From<StoredDelegation> for DelegationRecord {
    fn from(d: StoredDelegation) -> Self {
        DelegationRecord {
            id: d.id,
            ente_id: d.ente_id,
            ente_name: d.ente_name,
            aggregator_id: d.aggregator_id,
            aggregator_name: d.aggregator_name,
            valid_from: d.period.valid_from,
            valid_until: d.period.valid_until,
            revoked_on: d.period.revoked_on,
        }
    }
}

/// Each of `items` as its record.
fn records<T, R: From<T>>(items: Vec<T>) -> Vec<R> {
    items.into_iter().map(R::from).collect()
}
