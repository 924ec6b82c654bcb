//! The person who logged in, as cloudpa keys them: by fiscal code.
//!
//! The provider's `sub` is pairwise (one per relying party) and changes if the person switches
//! SPID identity provider, so cloudpa keys people by the fiscal code released in
//! `https://attributes.eid.gov.it/fiscal_number` (SPID OIDC guidelines, AgID Avviso n. 41/2023;
//! CIE id OIDC). Names and e-mail are the OIDC standard claims and may be absent.

use crate::acr::AcrLevel;
use crate::authorize::FISCAL_NUMBER_CLAIM;
use crate::error::IdentityError;
use cloudpa_domain::fiscal_code::FiscalCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A verified identity at the end of a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The provider that authenticated the person.
    pub issuer: String,
    /// The provider's `sub` for this person (pairwise: stable only with this provider).
    pub subject: String,
    /// The person's key on cloudpa.
    pub fiscal_code: FiscalCode,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    /// The level at which the person authenticated.
    pub acr: AcrLevel,
}

impl Identity {
    /// Reads the identity from the userinfo claims, falling back to the ID token's.
    pub(crate) fn from_claims(
        issuer: &str,
        subject: String,
        acr: AcrLevel,
        userinfo: &Map<String, Value>,
        id_token: &Map<String, Value>,
    ) -> Result<Self, IdentityError> {
        let claim =
            |name: &str| userinfo.get(name).or_else(|| id_token.get(name)).and_then(Value::as_str).map(str::to_owned);
        let raw_fiscal_code = claim(FISCAL_NUMBER_CLAIM).ok_or(IdentityError::MissingClaim(FISCAL_NUMBER_CLAIM))?;
        Ok(Self {
            issuer: issuer.to_owned(),
            subject,
            fiscal_code: FiscalCode::parse(&raw_fiscal_code)?,
            given_name: claim("given_name"),
            family_name: claim("family_name"),
            email: claim("email"),
            acr,
        })
    }
}
