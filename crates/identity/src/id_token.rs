//! Checking the claims of a signature-verified ID token.
//!
//! OpenID Connect Core §3.1.3.7 and SPID OIDC guidelines (AgID, Avviso n. 41/2023), "ID Token":
//! `iss` is the provider, `aud` contains the `client_id` (and `azp` names it when there are
//! several audiences), `exp` has not passed and `iat` is not in the future (within a small
//! leeway), `nonce` is the one sent, `acr` is at least the lowest level asked for, and `at_hash`,
//! when present, matches the access token. A function of its inputs: `now` is passed in.

use crate::acr::AcrLevel;
use crate::error::IdentityError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;

/// What a valid ID token must show.
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub acr_floor: AcrLevel,
    pub access_token: &'a str,
    /// The JWS `alg` of the token, which fixes the hash of `at_hash`.
    pub alg: &'a str,
    pub now: i64,
    pub leeway: i64,
}

/// The checked ID token.
pub(crate) struct IdToken {
    pub sub: String,
    pub acr: AcrLevel,
    pub claims: Map<String, Value>,
}

/// Checks the claims in the order a reader would: who issued, for whom, when, which login, how.
pub(crate) fn check(claims: Map<String, Value>, expected: &Expected<'_>) -> Result<IdToken, IdentityError> {
    const WHAT: &str = "ID token";
    if text(&claims, "iss") != Some(expected.issuer) {
        return Err(IdentityError::WrongIssuer(WHAT));
    }
    check_audience(&claims, expected.client_id, WHAT)?;
    check_times(&claims, expected.now, expected.leeway, WHAT)?;
    let nonce = text(&claims, "nonce").unwrap_or_default();
    if !bool::from(nonce.as_bytes().ct_eq(expected.nonce.as_bytes())) {
        return Err(IdentityError::NonceMismatch);
    }
    let received = text(&claims, "acr").unwrap_or_default();
    let acr = AcrLevel::parse(received).filter(|acr| acr.satisfies(expected.acr_floor)).ok_or_else(|| {
        IdentityError::InsufficientAcr {
            requested: expected.acr_floor.to_string(),
            received: if received.is_empty() { "(none)".into() } else { received.to_owned() },
        }
    })?;
    if let Some(at_hash) = text(&claims, "at_hash")
        && at_hash != access_token_hash(expected.access_token, expected.alg)
    {
        return Err(IdentityError::AccessTokenHashMismatch);
    }
    let sub = text(&claims, "sub").filter(|sub| !sub.is_empty()).ok_or(IdentityError::MissingClaim("sub"))?.to_owned();
    Ok(IdToken { sub, acr, claims })
}

/// `aud` (a string or an array) contains `client_id`; with several audiences `azp` is `client_id`.
pub(crate) fn check_audience(
    claims: &Map<String, Value>,
    client_id: &str,
    what: &'static str,
) -> Result<(), IdentityError> {
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !audiences.contains(&client_id) {
        return Err(IdentityError::WrongAudience(what));
    }
    if audiences.len() > 1 && text(claims, "azp") != Some(client_id) {
        return Err(IdentityError::WrongAudience(what));
    }
    Ok(())
}

/// `exp` is required and not passed; `iat`, when present, is not in the future.
pub(crate) fn check_times(
    claims: &Map<String, Value>,
    now: i64,
    leeway: i64,
    what: &'static str,
) -> Result<(), IdentityError> {
    let exp = claims.get("exp").and_then(Value::as_i64).ok_or(IdentityError::MissingClaim("exp"))?;
    if now > exp.saturating_add(leeway) {
        return Err(IdentityError::Expired(what));
    }
    if let Some(iat) = claims.get("iat").and_then(Value::as_i64)
        && iat > now.saturating_add(leeway)
    {
        return Err(IdentityError::NotYetValid(what));
    }
    Ok(())
}

/// The `at_hash` of an access token: left half of its hash under the JWS algorithm's SHA-2.
pub fn access_token_hash(access_token: &str, alg: &str) -> String {
    let bytes = access_token.as_bytes();
    let digest: Vec<u8> = if alg.ends_with("384") {
        Sha384::digest(bytes).to_vec()
    } else if alg.ends_with("512") {
        Sha512::digest(bytes).to_vec()
    } else {
        Sha256::digest(bytes).to_vec()
    };
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

fn text<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims.get(name).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn times_are_checked_on_both_sides_of_the_leeway() {
        let (now, leeway) = (1_000_000, 30);
        let table = [
            (json!({ "exp": now - leeway }), Ok(())),
            (json!({ "exp": now - leeway - 1 }), Err("expired")),
            (json!({ "exp": now + 60, "iat": now + leeway }), Ok(())),
            (json!({ "exp": now + 60, "iat": now + leeway + 1 }), Err("future")),
            (json!({ "iat": now }), Err("exp")),
        ];
        for (value, expected) in table {
            let result = check_times(&claims(value.clone()), now, leeway, "ID token");
            match (result, expected) {
                (Ok(()), Ok(())) => {}
                (Err(error), Err(word)) => assert!(error.to_string().contains(word), "{value}: {error}"),
                (result, expected) => panic!("{value}: got {result:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn the_audience_must_contain_the_client_and_azp_must_name_it_among_several() {
        let client = "https://rp.example";
        let table = [
            (json!({ "aud": client }), true),
            (json!({ "aud": [client] }), true),
            (json!({ "aud": [client, "https://other.example"], "azp": client }), true),
            (json!({ "aud": [client, "https://other.example"] }), false),
            (json!({ "aud": [client, "https://other.example"], "azp": "https://other.example" }), false),
            (json!({ "aud": "https://other.example" }), false),
            (json!({}), false),
        ];
        for (value, accepted) in table {
            assert_eq!(check_audience(&claims(value.clone()), client, "ID token").is_ok(), accepted, "{value}");
        }
    }

    #[test]
    fn at_hash_is_the_left_half_of_the_sha256_of_the_access_token() {
        // OpenID Connect Core, example of §A.3: access token and at_hash of an RS256 ID token.
        assert_eq!(access_token_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256"), "77QmUPtjPfzWtF2AnpK9RQ");
    }
}
