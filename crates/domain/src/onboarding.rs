//! Who brings which organisation onto the platform, and what a new
//! organisation's name and IPA code must be.
//!
//! Source: DOMAIN.md §1 and §2 — ACN qualifies the providers' services, so
//! the agency is the one that admits a provider to apply; §1 and §4 — the
//! Department runs the programme's calls, decrees and pays, so its programme
//! office admits the enti (a Comune, a school, any public body, and the
//! aggregators among them, which are public bodies acting by delegation)
//! and the attestors it assigns to their projects. Nobody else onboards
//! anyone: an ente or a provider adds only its own members.

use crate::access::{OrganisationKind, Permission, Role, holds};
use crate::message::Message;
use crate::text::{Layout, check};

/// The longest organisation name accepted: IndicePA's longest names (the
/// "Istituto comprensivo statale …" of a school with its place) stay well
/// within it.
pub const NAME_MAX_CHARS: usize = 200;

/// The longest IPA code accepted. The codes of the shipped data (the
/// municipalities' `c_` codes, the schools' `istsc_` codes) are at most 16
/// characters; the bound leaves room for other kinds of ente.
pub const IPA_CODE_MAX_CHARS: usize = 32;

/// The kinds of organisation a user with `role` in an organisation of
/// `kind` may onboard (none for anyone without
/// [`Permission::OnboardOrganisations`]).
pub fn onboards(kind: OrganisationKind, role: Role) -> &'static [OrganisationKind] {
    if !holds(kind, role, Permission::OnboardOrganisations) {
        return &[];
    }
    match kind {
        OrganisationKind::Agency => &[OrganisationKind::Provider],
        OrganisationKind::ProgrammeOffice => &[OrganisationKind::PublicBody, OrganisationKind::Attestor],
        _ => &[],
    }
}

/// Whether a user with `role` in an organisation of `actor` may onboard an
/// organisation of `kind`.
pub fn may_onboard(actor: OrganisationKind, role: Role, kind: OrganisationKind) -> bool {
    onboards(actor, role).contains(&kind)
}

/// A new organisation's name, trimmed: not empty, one line, at most
/// [`NAME_MAX_CHARS`] characters.
pub fn check_name(raw: &str) -> Result<String, Message> {
    let name = raw.trim();
    check(name, Layout::SingleLine)?;
    match name.chars().count() {
        0 => Err(Message::new("orgs-name-empty")),
        1..=NAME_MAX_CHARS => Ok(name.to_owned()),
        _ => Err(Message::new("orgs-name-too-long").arg("max", NAME_MAX_CHARS)),
    }
}

/// An IPA code as typed, in the lower case the municipalities' list writes
/// (the open data writes `C_A050` where the list writes `c_a050`: they are
/// the same code); `None` when none is given. A code is ASCII letters,
/// digits and `_`, as every code of IndicePA's open data is written.
pub fn check_ipa_code(raw: &str) -> Result<Option<String>, Message> {
    let code = raw.trim();
    if code.is_empty() {
        return Ok(None);
    }
    let well_formed =
        code.chars().count() <= IPA_CODE_MAX_CHARS && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if well_formed {
        Ok(Some(code.to_ascii_lowercase()))
    } else {
        Err(Message::new("orgs-ipa-invalid").arg("max", IPA_CODE_MAX_CHARS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrganisationKind::*;

    #[test]
    fn the_agency_onboards_providers_and_the_office_the_programmes_organisations() {
        assert_eq!(onboards(Agency, Role::Admin), [Provider]);
        assert_eq!(onboards(ProgrammeOffice, Role::Admin), [PublicBody, Attestor]);
        assert!(may_onboard(ProgrammeOffice, Role::Admin, PublicBody));
        assert!(!may_onboard(ProgrammeOffice, Role::Admin, Provider), "providers are the agency's");
        assert!(!may_onboard(Agency, Role::Admin, PublicBody), "enti are the programme's");
        assert!(!may_onboard(Agency, Role::Admin, Agency));
    }

    #[test]
    fn nobody_else_onboards_anyone() {
        for &kind in OrganisationKind::ALL {
            for &role in Role::ALL {
                let expected = role == Role::Admin && matches!(kind, Agency | ProgrammeOffice);
                assert_eq!(!onboards(kind, role).is_empty(), expected, "{kind:?} {role:?}");
            }
        }
    }

    #[test]
    fn a_name_is_one_non_empty_line() {
        assert_eq!(check_name("  Comune di Masone "), Ok("Comune di Masone".to_owned()));
        assert_eq!(check_name("   "), Err(Message::new("orgs-name-empty")));
        assert_eq!(check_name("Comune\ndi Masone"), Err(Message::new("web-text-single-line")));
        let long = "a".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(check_name(&long), Err(Message::new("orgs-name-too-long").arg("max", NAME_MAX_CHARS)));
    }

    #[test]
    fn ipa_codes_compare_in_lower_case_and_are_optional() {
        assert_eq!(check_ipa_code(" C_A050 "), Ok(Some("c_a050".to_owned())));
        assert_eq!(check_ipa_code("istsc_tois017001"), Ok(Some("istsc_tois017001".to_owned())));
        assert_eq!(check_ipa_code(""), Ok(None));
        let invalid = Err(Message::new("orgs-ipa-invalid").arg("max", IPA_CODE_MAX_CHARS));
        assert_eq!(check_ipa_code("c a050"), invalid);
        assert_eq!(check_ipa_code("c-a050"), invalid);
        assert_eq!(check_ipa_code(&"a".repeat(IPA_CODE_MAX_CHARS + 1)), invalid);
    }
}
