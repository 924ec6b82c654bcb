//! What the relying party publishes, and how it is configured.

mod common;

use chrono::Utc;
use cloudpa_identity::{IdentityError, RelyingParty, RelyingPartyClient, RpKeySet};
use common::{CLIENT_ID, REDIRECT_URI, config};
use josekit::jwk::Jwk;
use serde_json::Value;

fn client() -> RelyingPartyClient {
    let provider = cloudpa_identity::ProviderSettings {
        issuer: "https://op.example".into(),
        metadata: cloudpa_identity::MetadataSource::Discovery,
    };
    RelyingPartyClient::new(config(provider)).expect("valid configuration")
}

#[test]
fn the_entity_configuration_verifies_with_the_published_jwks() {
    let client = client();
    let jwt = client.entity_configuration(Utc::now()).expect("signed");
    let jwks = client.public_jwks();
    let header = josekit::jwt::decode_header(&jwt).expect("header");
    assert_eq!(header.claim("typ").and_then(Value::as_str), Some("entity-statement+jwt"));
    let kid = header.claim("kid").and_then(Value::as_str).expect("kid");
    let key = jwks["keys"].as_array().expect("keys").iter().find(|key| key["kid"] == kid).expect("published key");
    let key = Jwk::from_map(key.as_object().expect("object").clone()).expect("jwk");
    let verifier = josekit::jws::RS256.verifier_from_jwk(&key).expect("verifier");
    let (payload, _) = josekit::jwt::decode_with_verifier(&jwt, &verifier).expect("the signature verifies");
    let claims = payload.claims_set();
    assert_eq!(claims["iss"], CLIENT_ID);
    assert_eq!(claims["sub"], CLIENT_ID);
    let rp = &claims["metadata"]["openid_relying_party"];
    assert_eq!(rp["client_id"], CLIENT_ID);
    assert_eq!(rp["redirect_uris"][0], REDIRECT_URI);
    assert_eq!(rp["response_types"][0], "code");
    assert_eq!(rp["token_endpoint_auth_method"], "private_key_jwt");
    assert_eq!(rp["userinfo_encrypted_response_alg"], "RSA-OAEP-256");
    assert_eq!(rp["userinfo_encrypted_response_enc"], "A256CBC-HS512");
    assert_eq!(rp["jwks"], jwks);
}

#[test]
fn the_published_jwks_has_a_signing_and_an_encryption_key_and_no_private_part() {
    let jwks = client().public_jwks();
    let keys = jwks["keys"].as_array().expect("keys");
    let uses: Vec<&str> = keys.iter().filter_map(|key| key["use"].as_str()).collect();
    assert_eq!(uses, ["sig", "enc"]);
    for key in keys {
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(key.get(private).is_none(), "{private} must not be published");
        }
    }
}

#[test]
fn a_generated_key_set_round_trips_through_json_and_hides_private_parts_in_debug() {
    let keys = common::rp_keys();
    let back: RpKeySet = serde_json::from_str(&keys.to_json_pretty()).expect("json");
    assert_eq!(serde_json::to_value(&back).expect("json"), serde_json::to_value(&keys).expect("json"));
    let debug = format!("{keys:?}");
    assert!(!debug.contains("\"d\""), "{debug}");
    assert!(matches!(RpKeySet::generate(1024), Err(IdentityError::Key(_))));
}

#[test]
fn a_configuration_reads_from_toml() {
    let keys = serde_json::to_string(&common::rp_keys()).expect("json");
    let source = format!(
        r#"
client_id = "https://servizi.comune.example.it"
redirect_uri = "https://servizi.comune.example.it/auth/callback"
client_name = "Servizi online"
organization_name = "Comune di Esempio"
acr_values = ["https://www.spid.gov.it/SpidL2", "CieL2"]
require_encrypted_userinfo = true

[provider]
issuer = "https://op.example.it"
metadata = {{ kind = "discovery" }}

[limits]
http_timeout_secs = 5

[keys]
{}
"#,
        toml_keys(&keys)
    );
    let config: RelyingParty = toml::from_str(&source).expect("valid TOML configuration");
    assert_eq!(config.limits.http_timeout_secs, 5);
    assert_eq!(config.limits.clock_leeway_secs, 30, "defaults fill the rest");
    assert_eq!(config.scopes, ["openid"]);
    RelyingPartyClient::new(config).expect("usable configuration");
}

/// The key set as TOML inline tables, as an operator would paste it.
fn toml_keys(json: &str) -> String {
    let value: toml::Value = serde_json::from_str(json).expect("json");
    let table = value.as_table().expect("table");
    table.iter().map(|(name, key)| format!("{name} = {key}\n")).collect()
}

#[test]
fn unsafe_configurations_are_refused() {
    let mut plain_http = config(cloudpa_identity::ProviderSettings {
        issuer: "https://op.example".into(),
        metadata: cloudpa_identity::MetadataSource::Discovery,
    });
    plain_http.client_id = "http://rp.example".into();
    assert!(matches!(RelyingPartyClient::new(plain_http.clone()), Err(IdentityError::Config(_))));
    let mut no_openid = plain_http.clone();
    no_openid.client_id = CLIENT_ID.into();
    no_openid.scopes = vec!["profile".into()];
    assert!(matches!(RelyingPartyClient::new(no_openid), Err(IdentityError::Config(_))));
    let mut swapped = plain_http;
    swapped.client_id = CLIENT_ID.into();
    std::mem::swap(&mut swapped.keys.signing, &mut swapped.keys.encryption);
    assert!(matches!(RelyingPartyClient::new(swapped), Err(IdentityError::Key(_))));
}
