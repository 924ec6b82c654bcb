//! What a provider lists: the substantive terms of a service, and what a
//! change to them means once the service is qualified.
//!
//! Source: DOMAIN.md §2 — a SaaS names the infrastructure or IaaS it runs on,
//! and changing it needs a new qualification; the data location (IT / EU /
//! extra-EU) is disclosed. cloudpa treats level, underlying infrastructure and
//! data location as substantive: on a qualified listing, a change to any of
//! them opens a re-review and the published version stays as it was.

use super::history::ListingStatus;
use super::levels::Level;
use super::requirements::ServiceKind;
use crate::message::Message;
use serde::{Deserialize, Serialize};

/// Where the customer's data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DataLocation {
    IT,
    EU,
    #[serde(rename = "extra-EU")]
    ExtraEu,
}

impl DataLocation {
    pub const ALL: [DataLocation; 3] = [DataLocation::IT, DataLocation::EU, DataLocation::ExtraEu];

    pub fn code(self) -> &'static str {
        match self {
            DataLocation::IT => "IT",
            DataLocation::EU => "EU",
            DataLocation::ExtraEu => "extra-EU",
        }
    }

    pub fn parse(code: &str) -> Option<DataLocation> {
        DataLocation::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The terms of a listing that a qualification depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub kind: ServiceKind,
    pub level: Level,
    /// The infrastructure or IaaS listing the service runs on.
    pub runs_on: Option<String>,
    pub location: DataLocation,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum TermsError {
    SaasWithoutInfrastructure,
}

impl TermsError {
    pub fn message(&self) -> Message {
        match self {
            TermsError::SaasWithoutInfrastructure => Message::new("qual-terms-saas-runs-on"),
        }
    }
}

/// Checks the terms of a new listing version.
pub fn check_terms(terms: &Terms) -> Result<(), TermsError> {
    if terms.kind == ServiceKind::SaaS && terms.runs_on.as_deref().is_none_or(str::is_empty) {
        return Err(TermsError::SaasWithoutInfrastructure);
    }
    Ok(())
}

/// What a change of terms does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum ChangeEffect {
    /// The listing is not public yet (or no substantive field changed): the
    /// change applies at once.
    Immediate,
    /// The listing is public: the change waits for a re-review of these fields.
    ReReview { fields: Vec<&'static str> },
}

/// The effect of changing `current` terms into `proposed` on a listing whose
/// public status is `status`.
pub fn change_effect(status: Option<ListingStatus>, current: &Terms, proposed: &Terms) -> ChangeEffect {
    let mut fields = Vec::new();
    if current.level != proposed.level {
        fields.push("level");
    }
    if current.runs_on != proposed.runs_on {
        fields.push("runs_on");
    }
    if current.location != proposed.location {
        fields.push("location");
    }
    if current.kind != proposed.kind {
        fields.push("kind");
    }
    let public = matches!(status, Some(ListingStatus::Qualified | ListingStatus::Suspended));
    if public && !fields.is_empty() { ChangeEffect::ReReview { fields } } else { ChangeEffect::Immediate }
}

/// Whether a service may name an IaaS listing as what it runs on: its
/// provider's own (qualified with it or in review with it), or another
/// provider's while that one is qualified on the day (`status` is its status
/// then). Another provider's draft, or a suspended, revoked or expired IaaS,
/// may not be named — and is refused just like an id that does not exist.
///
/// Source: Circolare AgID n. 3/2018 (a SaaS is qualified on a qualified
/// CSP's infrastructure); DOMAIN.md §2 (a SaaS listing names the
/// infrastructure it runs on).
pub fn may_run_on(own: bool, status: Option<ListingStatus>) -> bool {
    own || status == Some(ListingStatus::Qualified)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saas() -> Terms {
        Terms { kind: ServiceKind::SaaS, level: Level::QC2, runs_on: Some("iaas-1".into()), location: DataLocation::IT }
    }

    #[test]
    fn a_saas_names_its_infrastructure() {
        assert!(check_terms(&saas()).is_ok());
        assert_eq!(check_terms(&Terms { runs_on: None, ..saas() }), Err(TermsError::SaasWithoutInfrastructure));
        let iaas = Terms { kind: ServiceKind::IaaS, runs_on: None, ..saas() };
        assert!(check_terms(&iaas).is_ok());
    }

    #[test]
    fn substantive_changes_to_a_public_listing_need_re_review() {
        let moved = Terms { location: DataLocation::EU, runs_on: Some("iaas-2".into()), ..saas() };
        assert_eq!(
            change_effect(Some(ListingStatus::Qualified), &saas(), &moved),
            ChangeEffect::ReReview { fields: vec!["runs_on", "location"] }
        );
        assert!(matches!(
            change_effect(Some(ListingStatus::Suspended), &saas(), &Terms { level: Level::QC3, ..saas() }),
            ChangeEffect::ReReview { .. }
        ));
        assert_eq!(change_effect(None, &saas(), &moved), ChangeEffect::Immediate);
        assert_eq!(change_effect(Some(ListingStatus::Qualified), &saas(), &saas()), ChangeEffect::Immediate);
    }

    #[test]
    fn a_service_runs_on_its_own_iaas_or_a_qualified_one() {
        assert!(may_run_on(true, None), "the provider's own draft");
        assert!(may_run_on(false, Some(ListingStatus::Qualified)));
        assert!(!may_run_on(false, None), "another provider's draft");
        for status in [ListingStatus::Suspended, ListingStatus::Revoked, ListingStatus::Expired] {
            assert!(!may_run_on(false, Some(status)), "{status:?}");
        }
    }
}
