//! The test provider's published metadata: entity configuration, discovery document, JWKS.

use super::state::{State, unix_now};
use crate::jose::sign_rs256;
use crate::rp_metadata::ENTITY_STATEMENT_CONTENT_TYPE;
use axum::Json;
use axum::extract::State as Shared;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The `openid_provider` metadata, shared by both documents.
fn openid_provider(state: &State) -> Value {
    json!({
        "issuer": state.issuer,
        "authorization_endpoint": state.endpoint("/authorize"),
        "token_endpoint": state.endpoint("/token"),
        "userinfo_endpoint": state.endpoint("/userinfo"),
        "jwks_uri": state.endpoint("/jwks"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "scopes_supported": ["openid"],
        "acr_values_supported": [
            "https://www.spid.gov.it/SpidL1",
            "https://www.spid.gov.it/SpidL2",
            "https://www.spid.gov.it/SpidL3",
        ],
        "code_challenge_methods_supported": ["S256"],
        "request_parameter_supported": true,
        "request_object_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "userinfo_signing_alg_values_supported": ["RS256"],
        "userinfo_encryption_alg_values_supported": ["RSA-OAEP", "RSA-OAEP-256"],
        "userinfo_encryption_enc_values_supported": ["A128CBC-HS256", "A256CBC-HS512"],
        "claims_parameter_supported": true,
    })
}

/// `GET /.well-known/openid-federation`: the entity configuration, signed with the federation key.
pub(crate) async fn entity_configuration(Shared(state): Shared<Arc<State>>) -> Response {
    let now = unix_now();
    let claims = json!({
        "iss": state.issuer,
        "sub": state.issuer,
        "iat": now,
        "exp": now + 86_400,
        "jwks": { "keys": [state.federation_key.public] },
        "authority_hints": [],
        "metadata": {
            "openid_provider": openid_provider(&state),
            "federation_entity": { "organization_name": "cloudpa test provider" },
        },
    });
    let key = &state.federation_key;
    match sign_rs256(&claims, &key.jwk, &key.kid, "entity-statement+jwt") {
        Ok(jwt) => ([(header::CONTENT_TYPE, ENTITY_STATEMENT_CONTENT_TYPE)], jwt).into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}

/// `GET /.well-known/openid-configuration`: the same metadata as plain discovery.
pub(crate) async fn discovery(Shared(state): Shared<Arc<State>>) -> Json<Value> {
    Json(openid_provider(&state))
}

/// `GET /jwks`: the current signing key only.
pub(crate) async fn jwks(Shared(state): Shared<Arc<State>>) -> Json<Value> {
    state.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    let key = state.inner().signing_key.public.clone();
    Json(json!({ "keys": [key] }))
}
