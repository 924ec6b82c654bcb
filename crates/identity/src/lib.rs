//! Relying party of the Italian public digital identity federation: SPID and CIE over OpenID
//! Connect.
//!
//! It implements the relying-party side of the SPID OIDC guidelines (AgID, Avviso n. 41/2023,
//! "Linee Guida OpenID Connect in SPID") and of the CIE id OIDC technical rules, which profile
//! OpenID Connect Core 1.0 and OpenID Federation 1.0: authorization code with PKCE, a signed
//! request object, `private_key_jwt` at the token endpoint, an ID token checked against the
//! provider's rotating keys, and a userinfo answer signed then encrypted to the relying party.
//! A broker (for example Keycloak with the SPID plugin) is reached the same way through plain
//! OpenID Connect discovery.
//!
//! The crate is a library: the web layer reads the clock, stores the [`PendingLogin`]
//! server-side, serves [`RelyingPartyClient::entity_configuration`] and
//! [`RelyingPartyClient::public_jwks`], and maps [`IdentityError`] to a page. People are keyed by
//! their [`FiscalCode`]. With the `test-provider` feature, [`test_provider`] runs an OpenID
//! provider on loopback that the tests (and browser tests) log in against.

pub mod acr;
mod authorize;
mod client;
pub mod config;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod id_token;
mod identity;
mod jose;
pub mod keys;
mod provider;
mod random;
mod rp_metadata;
mod token;
mod userinfo;

#[cfg(feature = "test-provider")]
pub mod test_provider;

pub use acr::AcrLevel;
pub use authorize::{AuthorizationRequest, FISCAL_NUMBER_CLAIM, PendingLogin, pkce_challenge};
pub use client::{Callback, RelyingPartyClient};
pub use cloudpa_domain::fiscal_code::FiscalCode;
pub use config::{Limits, MetadataSource, ProviderSettings, PublicJwks, RelyingParty, UserinfoEncryption};
pub use error::IdentityError;
pub use id_token::access_token_hash;
pub use identity::Identity;
pub use keys::{PrivateJwk, RpKeySet, generate_key_set_json};
pub use rp_metadata::ENTITY_STATEMENT_CONTENT_TYPE;
pub use token::CLIENT_ASSERTION_TYPE;
