//! Unguessable values: `state`, `nonce`, PKCE verifiers, `jti`, codes and access tokens.

use crate::error::IdentityError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// `bytes` random bytes from the operating system, base64url without padding.
pub(crate) fn random_token(bytes: usize) -> Result<String, IdentityError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|err| IdentityError::key(format!("no randomness: {err}")))?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}
