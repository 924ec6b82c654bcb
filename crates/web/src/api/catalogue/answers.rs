//! What the catalogue operations answer. The search crate renders the items
//! of a search (and caches each search answer whole) as JSON text, which the
//! operations send as it is: [`CataloguePage`], [`CatalogueExport`] and
//! [`CatalogueItem`] describe that text for the OpenAPI document.

use crate::api::qualification::codes::{
    ChangeKindCode, DataClassCode, DataLocationCode, LevelCode, ListingStatusCode, RegimeCode, ServiceKindCode,
};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_store::catalogue::changes::ChangeKind;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// A page of search results, with the facets of the whole result.
#[derive(Serialize, ToSchema)]
pub(crate) struct CataloguePage {
    /// The date the statuses are those of.
    as_of: NaiveDate,
    /// How many listings match.
    total: usize,
    /// From 1.
    page: usize,
    page_size: usize,
    pages: usize,
    items: Vec<CatalogueItem>,
    facets: CatalogueFacets,
}

/// Every result of a search, not paged.
#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueExport {
    /// The date the statuses are those of.
    as_of: NaiveDate,
    total: usize,
    /// The address of the same search in the catalogue's pages.
    source: String,
    items: Vec<CatalogueItem>,
}

/// A listing as the catalogue showed it on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueItem {
    id: String,
    /// The version of the listing shown.
    version: i64,
    name: String,
    provider: CatalogueProvider,
    #[serde(rename = "type")]
    #[schema(value_type = ServiceKindCode)]
    kind: ServiceKind,
    /// The tier, QC1–QC4 whatever the track.
    #[schema(value_type = LevelCode)]
    level: Level,
    /// The level as the provider's track names it: QC1–QC4 for a
    /// qualification, AC1–AC4 for a public operator's adeguamento.
    #[schema(pattern = "^(QC|AC)[1-4]$")]
    level_name: String,
    /// The data classes the level admits.
    #[schema(value_type = Vec<DataClassCode>)]
    data_classes: Vec<DataClass>,
    category: String,
    description: String,
    #[schema(value_type = DataLocationCode)]
    location: DataLocation,
    runs_on: Option<CatalogueRunsOn>,
    pricing_model: String,
    procurement_channel: String,
    /// The objectives the provider declared per service-level indicator,
    /// e.g. `{"SLI1": "99.9%"}`: free-form values, so a free-form object.
    #[schema(value_type = Option<Object>)]
    service_levels: Value,
    /// The listing's page.
    url: String,
    #[schema(value_type = ListingStatusCode)]
    status: ListingStatus,
    /// When the status began.
    status_since: NaiveDate,
    /// When the qualification expires, unless renewed.
    valid_until: Option<NaiveDate>,
    /// The regime the qualification shown was granted under: that of the
    /// requirement set it was reviewed against, or for a grant known only
    /// from an imported history the regime in force on its day.
    #[schema(value_type = RegimeCode)]
    regime: Regime,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueProvider {
    id: String,
    name: String,
    /// Partita IVA.
    vat_number: Option<String>,
    /// `qualification` for a provider, `adeguamento` for a public body
    /// (Regolamento ACN art. 15 c. 1).
    #[schema(pattern = "^(qualification|adeguamento)$")]
    track: String,
}

/// The infrastructure (or IaaS listing) a service runs on.
#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueRunsOn {
    id: String,
    name: String,
    /// `infrastructure` or `listing`.
    kind: String,
}

/// The counts of each facet's values, given the other facets' filters.
#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueFacets {
    #[serde(rename = "type")]
    kind: Vec<FacetCount>,
    level: Vec<FacetCount>,
    data_class: Vec<FacetCount>,
    provider: Vec<FacetCount>,
    category: Vec<FacetCount>,
    location: Vec<FacetCount>,
    status: Vec<FacetCount>,
    regime: Vec<FacetCount>,
    /// qualification or adeguamento.
    track: Vec<FacetCount>,
}

/// How many results have a facet value.
#[derive(Serialize, ToSchema)]
pub(crate) struct FacetCount {
    value: String,
    /// What to show: the provider's name for a provider, else the value.
    label: String,
    count: usize,
    /// Whether the query filters on this value.
    selected: bool,
}

/// A public listing: what the catalogue shows on a date, and its whole
/// history as dated intervals `[from, to)`.
#[derive(Serialize, ToSchema)]
pub(crate) struct CatalogueListing {
    #[serde(flatten)]
    #[schema(value_type = ShownOnDate)]
    pub(super) shown: Map<String, Value>,
    pub(super) as_of: NaiveDate,
    /// Oldest first.
    pub(super) history: Vec<HistoryEntry>,
}

/// What a listing resource shows of its date: the item as a search shows
/// it, or, on a date before the listing's first status, only its id with a
/// null status. Describes the document only: the text comes from the search
/// crate.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum ShownOnDate {
    Item(Box<CatalogueItem>),
    BeforeFirstStatus(NotYetListed),
}

/// A listing on a date before its first status.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct NotYetListed {
    id: String,
    /// Always null.
    #[schema(schema_with = null_schema)]
    status: (),
}

fn null_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Null).build()
}

/// An interval of a listing's history, with the version shown during it.
#[derive(Serialize, ToSchema)]
pub(crate) struct HistoryEntry {
    #[schema(value_type = ListingStatusCode)]
    pub(super) status: ListingStatus,
    pub(super) from: NaiveDate,
    /// Exclusive end; null while the status lasts.
    pub(super) to: Option<NaiveDate>,
    pub(super) version: i64,
    #[schema(value_type = RegimeCode)]
    pub(super) regime: Regime,
    /// None for an expiry.
    pub(super) decision: Option<HistoryDecision>,
}

/// The decision behind an interval.
#[derive(Serialize, ToSchema)]
pub(crate) struct HistoryDecision {
    pub(super) id: String,
    /// qualification, suspension, reinstatement or revocation.
    pub(super) kind: String,
    pub(super) decided_on: NaiveDate,
    pub(super) motivation: String,
    /// The address of the certificate (PDF) of a qualification.
    pub(super) certificate: String,
}

/// Changes of the catalogue from a moment on.
#[derive(Serialize, ToSchema)]
pub(crate) struct ChangeFeed {
    /// RFC 3339.
    pub(super) since: String,
    pub(super) items: Vec<FeedChange>,
    /// The `since` to ask the next changes with (RFC 3339); null when there
    /// were none.
    pub(super) next_since: Option<String>,
    /// Whether these are all the changes (otherwise ask again from `next_since`).
    pub(super) complete: bool,
}

/// A status a listing entered, or a published change of its details.
#[derive(Serialize, ToSchema)]
pub(crate) struct FeedChange {
    /// The change's place in the log.
    pub(super) seq: i64,
    /// When it was recorded (RFC 3339).
    pub(super) recorded_at: String,
    pub(super) listing_id: String,
    #[schema(value_type = ChangeKindCode)]
    pub(super) change: ChangeKind,
    /// The status entered (status changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<ListingStatusCode>)]
    pub(super) status: Option<ListingStatus>,
    /// The date the status took effect (status changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) on: Option<NaiveDate>,
    /// The decision behind the status, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) decision_id: Option<String>,
    /// The listing version concerned.
    pub(super) version: i64,
}
