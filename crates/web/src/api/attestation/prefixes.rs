//! The address ranges a provider announces for its infrastructures.

use super::answers::PrefixHistory;
use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use cloudpa_workflows::attestation::prefixes;
use serde::Deserialize;
use utoipa::ToSchema;

/// Every range ever announced for one of the provider's infrastructures.
#[utoipa::path(get, path = "/api/v1/infrastructures/{id}/prefixes", tag = "attestation",
    params(("id" = String, Path)),
    responses((status = 200, body = PrefixHistory), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<PrefixHistory>, Problem> {
    Ok(Json(PrefixHistory::of(prefixes::history(&state, &user, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PrefixesBody {
    /// The public ranges in CIDR form, e.g. `198.51.100.0/24`, `2a01:4f8::/32`.
    prefixes: Vec<String>,
}

/// Announces the ranges of one of the provider's infrastructures from
/// today: ranges left out end yesterday, new ones start today.
#[utoipa::path(put, path = "/api/v1/infrastructures/{id}/prefixes", tag = "attestation", request_body = PrefixesBody,
    params(("id" = String, Path)),
    responses((status = 200, body = PrefixHistory), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn announce(
    w: Write,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PrefixesBody>,
) -> Result<Json<PrefixHistory>, Problem> {
    Ok(Json(PrefixHistory::of(prefixes::announce(&w.state, &w.user, w.now, &id, &body.prefixes).await?)))
}
