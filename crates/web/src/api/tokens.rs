//! API tokens of one's own organisation: made, listed and revoked by its
//! administrators (never by a token). The secret is in the answer that makes
//! it, and nowhere else.

use crate::AppState;
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::extract::Path;
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate};
use cloudpa_store::accounts::ApiToken;
use cloudpa_workflows::api_tokens::{self, TokenFields};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A token to make.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewTokenBody {
    /// What the token is for, such as the client system's name (1–80 characters).
    #[schema(min_length = 1, max_length = 80)]
    name: String,
    /// Scopes available to the organisation's kind: `catalogue:read`, and
    /// `listings:write` (provider), `programme:read`, `programme:write`
    /// (public body), `attestation` (attestor), `review` (agency), `office`
    /// (programme office).
    #[schema(min_items = 1)]
    scopes: Vec<String>,
    /// The first day the token no longer works: after today, at most 366 days away.
    expires_on: NaiveDate,
}

/// A token, without its secret.
#[derive(Serialize, ToSchema)]
pub(crate) struct TokenRecord {
    id: String,
    name: String,
    scopes: Vec<String>,
    /// The secret's first 12 characters, to recognise it.
    secret_prefix: String,
    created_by: String,
    created_at: String,
    expires_on: NaiveDate,
    revoked_at: Option<String>,
    /// The last use, to the minute.
    last_used_at: Option<String>,
}

impl From<ApiToken> for TokenRecord {
    fn from(t: ApiToken) -> Self {
        TokenRecord {
            id: t.id,
            name: t.name,
            scopes: t.scopes.iter().map(|s| s.code().to_owned()).collect(),
            secret_prefix: t.prefix,
            created_by: t.created_by,
            created_at: instant(t.created_at_ms),
            expires_on: t.expires_on,
            revoked_at: t.revoked_at_ms.map(instant),
            last_used_at: t.last_used_at_ms.map(instant),
        }
    }
}

fn instant(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// A token just made, with its secret: shown this once, never stored.
#[derive(Serialize, ToSchema)]
pub(crate) struct CreatedToken {
    token: TokenRecord,
    /// Send it as `Authorization: Bearer <secret>` on `/api/v1`.
    secret: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct TokenList {
    items: Vec<TokenRecord>,
}

/// The organisation's tokens, newest first.
#[utoipa::path(get, path = "/api/v1/api-tokens", tag = "accounts",
    responses((status = 200, body = TokenList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<TokenList>, Problem> {
    let items = api_tokens::list(&state, &user).await?.into_iter().map(TokenRecord::from).collect();
    Ok(Json(TokenList { items }))
}

/// Makes a token for the organisation; the answer holds its secret, once.
#[utoipa::path(post, path = "/api/v1/api-tokens", tag = "accounts", request_body = NewTokenBody,
    responses((status = 201, body = CreatedToken), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn create(
    Write { state, now, user }: Write,
    ApiJson(body): ApiJson<NewTokenBody>,
) -> Result<(StatusCode, Json<CreatedToken>), Problem> {
    let fields = TokenFields { name: &body.name, scopes: &body.scopes, expires_on: body.expires_on };
    let (token, secret) = api_tokens::create(&state, &user, now, &fields).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token: token.into(), secret })))
}

/// Revokes a live token of the organisation: it is refused from now on.
#[utoipa::path(delete, path = "/api/v1/api-tokens/{id}", tag = "accounts",
    params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn revoke(Write { state, now, user }: Write, Path(id): Path<String>) -> Result<StatusCode, Problem> {
    api_tokens::revoke(&state, &user, now, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
