//! The userinfo answer: a JWS signed by the provider, encrypted to the relying party.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023), "UserInfo Response", and CIE id OIDC: the
//! answer is a compact JWE (RSA-OAEP or RSA-OAEP-256; A128CBC-HS256 or A256CBC-HS512, GCM
//! tolerated) encrypted to the RP's `enc` key, whose payload is a JWS signed by the OP with
//! `iss`, `aud` and the same `sub` as the ID token (OpenID Connect Core §5.3.2, §5.3.4).
//! When encryption is required a plain JSON or a bare JWS answer is refused.

use crate::error::IdentityError;
use crate::http::Answer;
use crate::id_token::{check_audience, check_times};
use crate::jose::{compact_parts, decrypt_jwe, header_str, peek_header};
use crate::keys::LoadedKey;
use crate::provider::cache::ProviderCache;
use serde_json::{Map, Value};

/// The three shapes a userinfo answer can take.
pub(crate) enum Body {
    Plain(Map<String, Value>),
    Signed(String),
    Encrypted(String),
}

/// Tells the shape of a userinfo answer from its text (content types are not always right).
pub(crate) fn classify(answer: &Answer) -> Result<Body, IdentityError> {
    if answer.status != 200 {
        return Err(IdentityError::Http { endpoint: "userinfo", reason: format!("status {}", answer.status) });
    }
    let text = answer.text();
    if text.starts_with('{') {
        let claims = serde_json::from_str(&text).map_err(|err| IdentityError::malformed("userinfo", err))?;
        return Ok(Body::Plain(claims));
    }
    match compact_parts(&text) {
        5 => Ok(Body::Encrypted(text)),
        3 => Ok(Body::Signed(text)),
        _ => Err(IdentityError::malformed("userinfo", "neither JSON, JWS nor JWE")),
    }
}

/// What the userinfo claims must match.
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub subject: &'a str,
    pub require_encryption: bool,
    pub now: i64,
    pub leeway: i64,
}

/// Opens (decrypts, verifies) the answer and checks it is about the ID token's subject.
pub(crate) async fn open(
    body: Body,
    decryption_keys: &[&LoadedKey],
    provider: &ProviderCache,
    expected: &Expected<'_>,
) -> Result<Map<String, Value>, IdentityError> {
    const WHAT: &str = "userinfo";
    let claims = match body {
        Body::Plain(_) | Body::Signed(_) if expected.require_encryption => {
            return Err(IdentityError::UnencryptedUserinfo);
        }
        Body::Plain(claims) => claims,
        Body::Signed(jws) => verified(&jws, provider, expected).await?,
        Body::Encrypted(jwe) => {
            let payload = decrypt(&jwe, decryption_keys)?;
            let jws = String::from_utf8(payload).map_err(|err| IdentityError::malformed(WHAT, err))?;
            if compact_parts(jws.trim()) != 3 {
                return Err(IdentityError::malformed(WHAT, "the decrypted payload is not a signed JWT"));
            }
            verified(jws.trim(), provider, expected).await?
        }
    };
    if claims.get("sub").and_then(Value::as_str) != Some(expected.subject) {
        return Err(IdentityError::SubjectMismatch);
    }
    Ok(claims)
}

/// Decrypts with the key the JWE names, or else with each key in turn (current first).
fn decrypt(jwe: &str, keys: &[&LoadedKey]) -> Result<Vec<u8>, IdentityError> {
    let header = peek_header(jwe, "encrypted userinfo")?;
    let named: Vec<&LoadedKey> = match header_str(&header, "kid") {
        Some(kid) => keys.iter().copied().filter(|key| key.kid == kid).collect(),
        None => Vec::new(),
    };
    let candidates = if named.is_empty() { keys } else { &named };
    let mut last = IdentityError::Decryption("no encryption key".into());
    for key in candidates {
        match decrypt_jwe(jwe, &key.jwk) {
            Ok(payload) => return Ok(payload),
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// Verifies the provider's signature and the `iss`, `aud` and times of a signed answer.
async fn verified(
    jws: &str,
    provider: &ProviderCache,
    expected: &Expected<'_>,
) -> Result<Map<String, Value>, IdentityError> {
    const WHAT: &str = "userinfo";
    let (claims, _) = provider.verify(jws, WHAT, expected.now).await?;
    if claims.get("iss").and_then(Value::as_str) != Some(expected.issuer) {
        return Err(IdentityError::WrongIssuer(WHAT));
    }
    check_audience(&claims, expected.client_id, WHAT)?;
    if claims.contains_key("exp") {
        check_times(&claims, expected.now, expected.leeway, WHAT)?;
    }
    Ok(claims)
}
