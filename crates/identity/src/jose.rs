//! Compact JWS and JWE through josekit, with the algorithm allow-lists of the profile.
//!
//! SPID OIDC guidelines (AgID, Avviso n. 41/2023) and CIE id OIDC allow RSA signatures
//! (RS256 required, RS512 and PSS tolerated here) and RSA-OAEP key transport for encryption.
//! `none`, HMAC and RSA1_5 are never accepted, whatever a header says.

use crate::config::{USERINFO_ALGS, USERINFO_ENCS};
use crate::error::IdentityError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwe::{self, JweDecrypter};
use josekit::jwk::Jwk;
use josekit::jws::{self, JwsHeader, JwsVerifier};
use serde_json::{Map, Value};

/// Signature algorithms accepted on tokens from the provider.
const VERIFY_ALGS: [&str; 6] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

/// Signs `claims` with RS256 under `kid`, with the header `typ`.
pub(crate) fn sign_rs256(claims: &Value, key: &Jwk, kid: &str, typ: &str) -> Result<String, IdentityError> {
    let mut header = JwsHeader::new();
    header.set_algorithm("RS256");
    header.set_key_id(kid);
    header.set_token_type(typ);
    let signer = jws::RS256.signer_from_jwk(key).map_err(IdentityError::key)?;
    let payload = serde_json::to_vec(claims).map_err(IdentityError::key)?;
    jws::serialize_compact(&payload, &header, &signer).map_err(IdentityError::key)
}

/// The decoded (unverified) header of a compact JWS or JWE.
pub(crate) fn peek_header(token: &str, what: &'static str) -> Result<Map<String, Value>, IdentityError> {
    let first = token.split('.').next().unwrap_or_default();
    let bytes = URL_SAFE_NO_PAD.decode(first).map_err(|err| IdentityError::malformed(what, err))?;
    serde_json::from_slice(&bytes).map_err(|err| IdentityError::malformed(what, err))
}

/// A string member of a JOSE header.
pub(crate) fn header_str<'a>(header: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    header.get(name).and_then(Value::as_str)
}

/// The number of dot-separated parts: 3 for a compact JWS, 5 for a compact JWE.
pub(crate) fn compact_parts(token: &str) -> usize {
    token.split('.').count()
}

/// Verifies a compact JWS with one public key and returns its JSON payload and header.
pub(crate) fn verify_jws(
    token: &str,
    key: &Jwk,
    what: &'static str,
) -> Result<(Map<String, Value>, JwsHeader), IdentityError> {
    let header = peek_header(token, what)?;
    let alg = header_str(&header, "alg").unwrap_or_default();
    if !VERIFY_ALGS.contains(&alg) {
        return Err(IdentityError::bad_signature(what, format!("algorithm {alg:?} is not accepted")));
    }
    let verifier = verifier_for(alg, &without_kid(key)).map_err(|err| IdentityError::bad_signature(what, err))?;
    let (payload, header) =
        jws::deserialize_compact(token, verifier.as_ref()).map_err(|err| IdentityError::bad_signature(what, err))?;
    let claims = serde_json::from_slice(&payload).map_err(|err| IdentityError::malformed(what, err))?;
    Ok((claims, header))
}

fn verifier_for(alg: &str, key: &Jwk) -> Result<Box<dyn JwsVerifier>, josekit::JoseError> {
    Ok(match alg {
        "RS256" => Box::new(jws::RS256.verifier_from_jwk(key)?),
        "RS384" => Box::new(jws::RS384.verifier_from_jwk(key)?),
        "RS512" => Box::new(jws::RS512.verifier_from_jwk(key)?),
        "PS256" => Box::new(jws::PS256.verifier_from_jwk(key)?),
        "PS384" => Box::new(jws::PS384.verifier_from_jwk(key)?),
        _ => Box::new(jws::PS512.verifier_from_jwk(key)?),
    })
}

/// The key without its `kid`: the caller has already chosen it (by `kid`, or as the only key),
/// and josekit would otherwise require the header to repeat the `kid`, which the JOSE specs leave
/// optional.
fn without_kid(key: &Jwk) -> Jwk {
    let mut map = key.as_ref().clone();
    map.remove("kid");
    Jwk::from_map(map).unwrap_or_else(|_| key.clone())
}

/// Decrypts a compact JWE with the relying party's private encryption key.
pub(crate) fn decrypt_jwe(token: &str, key: &Jwk) -> Result<Vec<u8>, IdentityError> {
    let header = peek_header(token, "encrypted userinfo")?;
    let alg = header_str(&header, "alg").unwrap_or_default();
    let enc = header_str(&header, "enc").unwrap_or_default();
    if !USERINFO_ALGS.contains(&alg) {
        return Err(IdentityError::Decryption(format!("key management {alg:?} is not accepted")));
    }
    if !USERINFO_ENCS.contains(&enc) {
        return Err(IdentityError::Decryption(format!("content encryption {enc:?} is not accepted")));
    }
    if header.contains_key("zip") {
        return Err(IdentityError::Decryption("compressed content is not accepted".into()));
    }
    // josekit hands the IV to OpenSSL unchecked, and the openssl crate panics on a CBC IV shorter
    // than the cipher's: the IV must be as long as the algorithm says (RFC 7518 §5.2.2.1, §5.3:
    // 128 bits for AES-CBC with HMAC, 96 bits for AES-GCM).
    let iv_bytes = if enc.ends_with("GCM") { 12 } else { 16 };
    let iv = token.split('.').nth(2).map(|iv| URL_SAFE_NO_PAD.decode(iv));
    if !matches!(&iv, Some(Ok(iv)) if iv.len() == iv_bytes) {
        return Err(IdentityError::Decryption(format!("the initialisation vector is not of {} bits", iv_bytes * 8)));
    }
    let key = without_kid(key);
    let key = &key;
    let decrypter: Box<dyn JweDecrypter> = match alg {
        "RSA-OAEP-256" => Box::new(jwe::RSA_OAEP_256.decrypter_from_jwk(key).map_err(IdentityError::key)?),
        _ => Box::new(jwe::RSA_OAEP.decrypter_from_jwk(key).map_err(IdentityError::key)?),
    };
    let (payload, _) = jwe::deserialize_compact(token, decrypter.as_ref())
        .map_err(|err| IdentityError::Decryption(err.to_string()))?;
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::generate_rsa;
    use josekit::jwe::JweHeader;

    /// An encryption key without `alg`, as an operator may configure it.
    fn key_without_alg() -> (Jwk, Jwk) {
        let mut map = generate_rsa(2048, "enc", "RSA-OAEP-256").expect("key");
        map.remove("alg");
        let private = Jwk::from_map(map).expect("jwk");
        let public = private.to_public_key().expect("public");
        (private, public)
    }

    #[allow(deprecated)]
    fn encrypt(public: &Jwk, alg: &str, enc: &str, zip: bool) -> String {
        let mut header = JweHeader::new();
        header.set_content_encryption(enc);
        if zip {
            header.set_compression("DEF");
        }
        let payload = b"a.b.c";
        match alg {
            "RSA-OAEP" => {
                jwe::serialize_compact(payload, &header, &jwe::RSA_OAEP.encrypter_from_jwk(public).expect("enc"))
            }
            "RSA1_5" => jwe::serialize_compact(payload, &header, &jwe::RSA1_5.encrypter_from_jwk(public).expect("enc")),
            _ => jwe::serialize_compact(payload, &header, &jwe::RSA_OAEP_256.encrypter_from_jwk(public).expect("enc")),
        }
        .expect("encrypts")
    }

    #[test]
    fn the_algorithms_of_the_profile_decrypt_and_the_others_are_refused() {
        let (private, public) = key_without_alg();
        let table = [
            ("RSA-OAEP-256", "A256CBC-HS512", false, true),
            ("RSA-OAEP", "A128CBC-HS256", false, true),
            ("RSA-OAEP", "A256GCM", false, true),
            ("RSA1_5", "A128CBC-HS256", false, false),
            ("RSA-OAEP-256", "A192GCM", false, false),
            ("RSA-OAEP-256", "A256CBC-HS512", true, false),
        ];
        for (alg, enc, zip, accepted) in table {
            let result = decrypt_jwe(&encrypt(&public, alg, enc, zip), &private);
            assert_eq!(result.is_ok(), accepted, "{alg} {enc} zip={zip}: {result:?}");
            if accepted {
                assert_eq!(result.expect("payload"), b"a.b.c");
            }
        }
    }

    #[test]
    fn unsigned_and_hmac_tokens_are_refused_before_any_key_is_used() {
        let (private, _) = key_without_alg();
        for alg in ["none", "HS256"] {
            let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}"}}"#));
            let token = format!("{header}.e30.");
            let error = verify_jws(&token, &private, "ID token").expect_err("refused");
            assert!(matches!(error, IdentityError::BadSignature { .. }), "{alg}: {error}");
        }
    }
}
