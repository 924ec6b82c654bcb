//! The classification an administration communicates to the agency (its
//! data and services with their class and reasons, its edge
//! infrastructures), each submission a version; the agency's national
//! reading of the latest of every administration.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::api::qualification::codes::DataClassCode;
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cloudpa_domain::programme::classification::EdgeInfrastructure;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::programme::classifications::Communication;
use cloudpa_workflows::programme::classification::{self as flow, deadline};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A service as a communication states it.
#[derive(Serialize, ToSchema)]
pub(crate) struct StatedService {
    service_id: String,
    name: String,
    #[schema(value_type = DataClassCode)]
    class: DataClass,
    reasons: String,
    /// Still running where it was.
    in_use: bool,
    /// The day its migration is due, for a service in use (unconfirmed
    /// terms: `terms_confirmed` of the national reading).
    migrate_by: Option<NaiveDate>,
}

/// An edge (*prossimità*) infrastructure.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Edge {
    name: String,
    /// Where it stands (municipality, site).
    place: String,
    /// Computing nodes.
    #[schema(minimum = 1)]
    nodes: u32,
    /// Who runs it: the administration, or the third party providing it.
    operator: String,
}

/// One version of an administration's communication.
#[derive(Serialize, ToSchema)]
pub(crate) struct CommunicationRecord {
    id: String,
    organisation_id: String,
    version: i64,
    submitted_on: NaiveDate,
    services: Vec<StatedService>,
    edge: Vec<Edge>,
}

impl From<Communication> for CommunicationRecord {
    fn from(c: Communication) -> Self {
        CommunicationRecord {
            services: c
                .services
                .into_iter()
                .map(|s| StatedService {
                    migrate_by: deadline(&s),
                    service_id: s.service_id,
                    name: s.name,
                    class: s.class,
                    reasons: s.reasons,
                    in_use: s.in_use,
                })
                .collect(),
            edge: c
                .edge
                .into_iter()
                .map(|e| Edge { name: e.name, place: e.place, nodes: e.nodes, operator: e.operator })
                .collect(),
            id: c.id,
            organisation_id: c.organisation_id,
            version: c.version,
            submitted_on: c.submitted_on,
        }
    }
}

/// Every version of an administration's communication.
#[derive(Serialize, ToSchema)]
pub(crate) struct CommunicationList {
    /// The latest first.
    items: Vec<CommunicationRecord>,
}

/// Every version of the administration's communication, the latest first.
#[utoipa::path(get, path = "/api/v1/enti/{ente_id}/classifications", tag = "enti", params(("ente_id" = String, Path)),
    responses((status = 200, body = CommunicationList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path(ente_id): Path<String>,
) -> Result<Json<CommunicationList>, Problem> {
    let draft = flow::draft(&state, &user, now, &ente_id).await?;
    Ok(Json(CommunicationList { items: draft.versions.into_iter().map(Into::into).collect() }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommunicationBody {
    /// The reasons of each service's class, by the id of the service in the
    /// inventory: every service not retired, each classified there.
    reasons: BTreeMap<String, String>,
    #[serde(default)]
    edge: Vec<Edge>,
}

/// Communicates the classification to the agency: the next version, whole.
#[utoipa::path(post, path = "/api/v1/enti/{ente_id}/classifications", tag = "enti", params(("ente_id" = String, Path)),
    request_body = CommunicationBody,
    responses((status = 201, body = CommunicationRecord), (status = 400, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn submit(
    Write { state, now, user }: Write,
    Path(ente_id): Path<String>,
    ApiJson(body): ApiJson<CommunicationBody>,
) -> Result<(StatusCode, Json<CommunicationRecord>), Problem> {
    let edge: Vec<EdgeInfrastructure> = body
        .edge
        .into_iter()
        .map(|e| EdgeInfrastructure { name: e.name, place: e.place, nodes: e.nodes, operator: e.operator })
        .collect();
    let communication = flow::submit(&state, &user, now, &ente_id, (&body.reasons, &edge)).await?;
    Ok((StatusCode::CREATED, Json(communication.into())))
}

/// Counts of services by class.
type ByClass = BTreeMap<String, u64>;

/// The latest communication of one administration.
#[derive(Serialize, ToSchema)]
pub(crate) struct LatestRecord {
    ente_name: String,
    region: String,
    /// `comune`, `scuola` or `altro_ente`; empty when its profile is not set.
    kind: String,
    communication: CommunicationRecord,
}

/// The national reading: the latest communication of every administration
/// and the counts across them.
#[derive(Serialize, ToSchema)]
pub(crate) struct NationalRecord {
    administrations: u64,
    by_class: ByClass,
    by_region: BTreeMap<String, ByClass>,
    by_kind: BTreeMap<String, ByClass>,
    edge_infrastructures: u64,
    edge_nodes: u64,
    /// False: the migration terms by class come from the Piano Triennale,
    /// the Regolamento's article was not read.
    terms_confirmed: bool,
    latest: Vec<LatestRecord>,
}

fn by_class(counts: BTreeMap<DataClass, u64>) -> ByClass {
    counts.into_iter().map(|(c, n)| (c.code().to_owned(), n)).collect()
}

/// The agency's reading of every administration's latest communication.
#[utoipa::path(get, path = "/api/v1/classifications", tag = "enti",
    responses((status = 200, body = NationalRecord), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn national(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<NationalRecord>, Problem> {
    let n = flow::national(&state, &user).await?;
    let t = n.tally;
    Ok(Json(NationalRecord {
        administrations: t.administrations,
        by_class: by_class(t.by_class),
        by_region: t.by_region.into_iter().map(|(r, c)| (r, by_class(c))).collect(),
        by_kind: t.by_kind.into_iter().map(|(k, c)| (k, by_class(c))).collect(),
        edge_infrastructures: t.edge_infrastructures,
        edge_nodes: t.edge_nodes,
        terms_confirmed: n.terms_confirmed,
        latest: n
            .latest
            .into_iter()
            .map(|l| LatestRecord {
                ente_name: l.ente_name,
                region: l.region,
                kind: l.kind,
                communication: l.communication.into(),
            })
            .collect(),
    }))
}
