//! Runs the in-repo SPID/CIE test provider (feature `test-provider`) as a process, for the
//! browser tests (e2e/tests/spid.test.mjs), which cannot start it in process.
//!
//! ```sh
//! test_provider --client-id http://127.0.0.1:8080 \
//!   --redirect-uri http://127.0.0.1:8080/auth/callback \
//!   --client-jwks '{"keys":[…]}' \
//!   [--fiscal-number TINIT-RSSMRA80A01H501U] [--misbehaviour wrong-nonce]
//! ```
//!
//! It registers the relying party (its `client_id`, redirect URI and public JWKS, as a
//! federation would), binds a free port on 127.0.0.1, prints one line of JSON, the `provider`
//! section of the relying party's identity configuration (`issuer` and the pinned federation
//! keys, docs/identity.md §2), then serves until killed.

use cloudpa_identity::test_provider::{Misbehaviour, TestProvider, TestProviderOptions, TestUser};
use std::collections::HashMap;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: HashMap<String, String> = HashMap::new();
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let name = flag.strip_prefix("--").ok_or_else(|| format!("expected --flag, found {flag}"))?;
        let value = words.next().ok_or_else(|| format!("{flag} needs a value"))?;
        args.insert(name.to_owned(), value);
    }
    let mut take = |name: &str| args.remove(name);
    let required = |value: Option<String>, name: &str| value.ok_or_else(|| format!("--{name} is required"));
    let client_id = required(take("client-id"), "client-id")?;
    let redirect_uri = required(take("redirect-uri"), "redirect-uri")?;
    let client_jwks = serde_json::from_str(&required(take("client-jwks"), "client-jwks")?)?;
    let mut user = TestUser::default();
    if let Some(fiscal_number) = take("fiscal-number") {
        user.fiscal_number = fiscal_number;
    }
    let misbehaviour = take("misbehaviour").map(|name| misbehaviour(&name)).transpose()?;
    if let Some(unknown) = args.keys().next() {
        return Err(format!("unknown flag --{unknown}").into());
    }

    let provider = TestProvider::start(TestProviderOptions { user, misbehaviour, ..Default::default() }).await?;
    provider.register_client(&client_id, vec![redirect_uri], &client_jwks)?;
    println!("{}", serde_json::to_string(&provider.federation_settings())?);
    std::future::pending::<()>().await;
    Ok(())
}

/// A [`Misbehaviour`] by its name in kebab case (`wrong-nonce`).
fn misbehaviour(name: &str) -> Result<Misbehaviour, String> {
    Ok(match name {
        "wrong-nonce" => Misbehaviour::WrongNonce,
        "expired-id-token" => Misbehaviour::ExpiredIdToken,
        "unknown-signing-key" => Misbehaviour::UnknownSigningKey,
        "wrong-audience" => Misbehaviour::WrongAudience,
        "wrong-issuer" => Misbehaviour::WrongIssuer,
        "lower-acr" => Misbehaviour::LowerAcr,
        "unencrypted-userinfo" => Misbehaviour::UnencryptedUserinfo,
        "signed-only-userinfo" => Misbehaviour::SignedOnlyUserinfo,
        other => return Err(format!("unknown misbehaviour {other}")),
    })
}
