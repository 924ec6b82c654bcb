//! An ente's profile in the programme: its kind and the municipality it is
//! in, which for a Comune fixes its population class and so its voucher.
//!
//! Source: DOMAIN.md §1 — an ente is identified by its codice IPA (and its
//! ISTAT code for a Comune); §4 — the voucher depends on the Comune's
//! population class. A Comune is therefore the municipality whose IPA code
//! is its own: it cannot pick another municipality's population.

use super::open_data::EnteKind;
use crate::message::Message;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("{}", self.message())]
    ComuneWithoutIpa,
    #[error("{}", self.message())]
    NotThisComune { municipality: String, organisation: String },
}

impl ProfileError {
    /// The field of the request at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ProfileError::ComuneWithoutIpa => "kind",
            ProfileError::NotThisComune { .. } => "istat_code",
        }
    }

    pub fn message(&self) -> Message {
        match self {
            ProfileError::ComuneWithoutIpa => Message::new("prog-profile-comune-without-ipa"),
            ProfileError::NotThisComune { municipality, organisation } => Message::new("prog-profile-not-this-comune")
                .arg("municipality", municipality)
                .arg("organisation", organisation),
        }
    }
}

/// Whether an organisation with IPA code `organisation_ipa` may be an ente of
/// `kind` in the municipality whose IPA code is `municipality_ipa` (when
/// known). Other kinds of ente are simply located in the municipality.
pub fn check_profile(
    kind: EnteKind,
    organisation_ipa: Option<&str>,
    municipality_ipa: Option<&str>,
) -> Result<(), ProfileError> {
    if kind != EnteKind::Comune {
        return Ok(());
    }
    let Some(organisation) = organisation_ipa else {
        return Err(ProfileError::ComuneWithoutIpa);
    };
    match municipality_ipa {
        Some(municipality) if !municipality.eq_ignore_ascii_case(organisation) => Err(ProfileError::NotThisComune {
            municipality: municipality.to_owned(),
            organisation: organisation.to_owned(),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comune_is_its_own_municipality() {
        assert_eq!(check_profile(EnteKind::Comune, Some("c_d969"), Some("c_d969")), Ok(()));
        assert_eq!(check_profile(EnteKind::Comune, Some("C_D969"), Some("c_d969")), Ok(()), "IPA codes ignore case");
        assert!(matches!(
            check_profile(EnteKind::Comune, Some("c_d969"), Some("c_f205")),
            Err(ProfileError::NotThisComune { .. })
        ));
        assert_eq!(check_profile(EnteKind::Comune, None, Some("c_d969")), Err(ProfileError::ComuneWithoutIpa));
        assert_eq!(check_profile(EnteKind::Comune, Some("c_x000"), None), Ok(()), "municipality without a known IPA");
    }

    #[test]
    fn other_enti_are_located_anywhere() {
        assert_eq!(check_profile(EnteKind::Scuola, None, Some("c_d969")), Ok(()));
        assert_eq!(check_profile(EnteKind::AltroEnte, Some("unione_x"), Some("c_d969")), Ok(()));
    }
}
