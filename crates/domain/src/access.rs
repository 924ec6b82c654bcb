//! Who may do what: organisation kinds, roles within them, and permissions.
//!
//! Every route of the web layer names one [`Permission`] (or is public, or
//! needs only a signed-in user); this module is the single place that decides
//! whether a kind of organisation and a role hold it.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The kinds of organisation that use cloudpa (DOMAIN.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// ACN: qualifies services and keeps the catalogue.
    Agency,
    /// A cloud service provider or SaaS vendor.
    Provider,
    /// An ente: a Comune or another public body, identified by its IPA code.
    PublicBody,
    /// A third-party verifier of migrations (asseveratore).
    Attestor,
    /// The Department that runs the calls, decrees funding and pays.
    ProgrammeOffice,
}

/// A user's role within their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads what the organisation may see.
    Viewer,
    /// Does the organisation's work (applies, reviews, attests).
    Operator,
    /// Everything an operator does, plus managing the organisation's users.
    Admin,
}

/// What a route or command asks of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// List and create the users of one's own organisation.
    ManageOwnUsers,
    /// Read every organisation registered on the platform.
    ViewAllOrganisations,
    /// Read one's own provider profile, listings and applications.
    ViewOwnListings,
    /// Edit one's provider profile, infrastructures, listings and applications.
    ManageOwnListings,
    /// Work the agency's queue: assign, review, request integration, decide,
    /// suspend, reinstate and revoke.
    ReviewApplications,
    /// Set up the programme's calls: create and edit them, windows,
    /// deadlines, service lists.
    ManageCalls,
    /// Read one's own ente's inventory and applications (or those of the
    /// enti that delegated to one's organisation).
    ViewOwnProgramme,
    /// Keep the inventory, apply to calls and report the project's progress,
    /// for one's own ente or by delegation.
    ManageOwnProgramme,
    /// Grant and revoke delegations to aggregators.
    ManageDelegations,
    /// Decide on applications: decree the financing or refuse it, record the
    /// asseverazione, pay.
    DecideApplications,
    /// Assign the members of the territorial teams.
    ManageTeams,
    /// Read the territorial teams' worklists.
    ViewWorklist,
    /// Keep the directory of suppliers of migration services.
    ManageSuppliers,
    /// Upload documents: a provider's for its qualification, an ente's for
    /// its project (contracts, compliance forms).
    UploadDocuments,
    /// Read the projects assigned to one's attestor organisation.
    ViewAssignedProjects,
    /// Verify the projects assigned to one's attestor organisation: verdicts,
    /// requests for documents, the outcome.
    Attest,
    /// Create and revoke the API tokens of one's own organisation.
    ManageApiTokens,
    /// Bring a new organisation onto the platform with its first
    /// administrator; which kinds each holder onboards is
    /// [`crate::onboarding::onboards`].
    OnboardOrganisations,
}

/// Whether a user with `role` in an organisation of `kind` holds `permission`.
pub fn holds(kind: OrganisationKind, role: Role, permission: Permission) -> bool {
    match permission {
        Permission::ManageOwnUsers | Permission::ManageApiTokens => role == Role::Admin,
        Permission::ViewAllOrganisations => {
            matches!(kind, OrganisationKind::Agency | OrganisationKind::ProgrammeOffice)
        }
        Permission::OnboardOrganisations => {
            matches!(kind, OrganisationKind::Agency | OrganisationKind::ProgrammeOffice) && role == Role::Admin
        }
        // A public body runs its own cloud services too, declared through the
        // adeguamento (Regolamento ACN art. 15 c. 1) with the same records.
        Permission::ViewOwnListings => matches!(kind, OrganisationKind::Provider | OrganisationKind::PublicBody),
        Permission::ManageOwnListings => {
            matches!(kind, OrganisationKind::Provider | OrganisationKind::PublicBody) && role >= Role::Operator
        }
        Permission::ReviewApplications => kind == OrganisationKind::Agency && role >= Role::Operator,
        Permission::ManageCalls | Permission::ManageTeams => {
            kind == OrganisationKind::ProgrammeOffice && role == Role::Admin
        }
        Permission::ViewOwnProgramme => kind == OrganisationKind::PublicBody,
        Permission::ManageOwnProgramme => kind == OrganisationKind::PublicBody && role >= Role::Operator,
        Permission::ManageDelegations => kind == OrganisationKind::PublicBody && role == Role::Admin,
        Permission::DecideApplications => kind == OrganisationKind::ProgrammeOffice && role >= Role::Operator,
        Permission::ViewWorklist => kind == OrganisationKind::ProgrammeOffice,
        Permission::ManageSuppliers => kind == OrganisationKind::ProgrammeOffice && role >= Role::Operator,
        Permission::UploadDocuments => {
            matches!(kind, OrganisationKind::Provider | OrganisationKind::PublicBody) && role >= Role::Operator
        }
        Permission::ViewAssignedProjects => kind == OrganisationKind::Attestor,
        Permission::Attest => kind == OrganisationKind::Attestor && role >= Role::Operator,
    }
}

/// The codes of an enum, and the parsing of one; `$unknown` is the key of
/// the rule a text that is none of them breaks (arguments `code`, the text,
/// and `expected`, the codes).
macro_rules! codes {
    ($ty:ident, $unknown:literal, $($variant:ident => $code:literal),+ $(,)?) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
        }
        impl FromStr for $ty {
            type Err = $crate::message::Message;
            fn from_str(s: &str) -> Result<Self, $crate::message::Message> {
                match s {
                    $($code => Ok($ty::$variant),)+
                    other => Err($crate::message::Message::new($unknown)
                        .arg("code", other)
                        .arg("expected", [$($code),+].join(", "))),
                }
            }
        }
    };
}

pub(crate) use codes;

codes!(OrganisationKind, "acc-unknown-kind",
    Agency => "agency",
    Provider => "provider",
    PublicBody => "public_body",
    Attestor => "attestor",
    ProgrammeOffice => "programme_office",
);

codes!(Role, "acc-unknown-role", Viewer => "viewer", Operator => "operator", Admin => "admin");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;

    #[test]
    fn only_admins_manage_users() {
        for &kind in OrganisationKind::ALL {
            assert!(holds(kind, Role::Admin, Permission::ManageOwnUsers));
            assert!(!holds(kind, Role::Operator, Permission::ManageOwnUsers));
            assert!(!holds(kind, Role::Viewer, Permission::ManageOwnUsers));
        }
    }

    #[test]
    fn only_agency_and_programme_office_see_every_organisation() {
        let allowed: Vec<_> = OrganisationKind::ALL
            .iter()
            .filter(|&&k| holds(k, Role::Viewer, Permission::ViewAllOrganisations))
            .collect();
        assert_eq!(allowed, [&OrganisationKind::Agency, &OrganisationKind::ProgrammeOffice]);
    }

    #[test]
    fn providers_manage_listings_and_the_agency_reviews() {
        use OrganisationKind::*;
        assert!(holds(Provider, Role::Operator, Permission::ManageOwnListings));
        assert!(!holds(Provider, Role::Viewer, Permission::ManageOwnListings));
        assert!(holds(Provider, Role::Viewer, Permission::ViewOwnListings));
        assert!(!holds(Agency, Role::Admin, Permission::ManageOwnListings), "the agency never edits a listing");
        assert!(holds(Agency, Role::Operator, Permission::ReviewApplications));
        assert!(!holds(Agency, Role::Viewer, Permission::ReviewApplications));
        assert!(!holds(Provider, Role::Admin, Permission::ReviewApplications), "a provider never decides");
    }

    #[test]
    fn only_the_programme_offices_admins_set_up_calls() {
        let allowed: Vec<_> = OrganisationKind::ALL
            .iter()
            .flat_map(|&k| Role::ALL.iter().map(move |&r| (k, r)))
            .filter(|&(k, r)| holds(k, r, Permission::ManageCalls))
            .collect();
        assert_eq!(allowed, [(OrganisationKind::ProgrammeOffice, Role::Admin)]);
    }

    #[test]
    fn enti_run_their_programme_and_the_office_decides() {
        use OrganisationKind::*;
        let who = |permission| -> Vec<(OrganisationKind, Role)> {
            OrganisationKind::ALL
                .iter()
                .flat_map(|&k| Role::ALL.iter().map(move |&r| (k, r)))
                .filter(|&(k, r)| holds(k, r, permission))
                .collect()
        };
        let bodies = |roles: &[Role]| roles.iter().map(|&r| (PublicBody, r)).collect::<Vec<_>>();
        let office = |roles: &[Role]| roles.iter().map(|&r| (ProgrammeOffice, r)).collect::<Vec<_>>();
        assert_eq!(who(Permission::ViewOwnProgramme), bodies(Role::ALL));
        assert_eq!(who(Permission::ManageOwnProgramme), bodies(&[Role::Operator, Role::Admin]));
        assert_eq!(who(Permission::ManageDelegations), bodies(&[Role::Admin]));
        assert_eq!(who(Permission::DecideApplications), office(&[Role::Operator, Role::Admin]));
        assert_eq!(who(Permission::ManageTeams), office(&[Role::Admin]));
        assert_eq!(who(Permission::ViewWorklist), office(Role::ALL));
    }

    #[test]
    fn only_the_agencys_and_the_offices_administrators_onboard() {
        let allowed: Vec<_> = OrganisationKind::ALL
            .iter()
            .flat_map(|&k| Role::ALL.iter().map(move |&r| (k, r)))
            .filter(|&(k, r)| holds(k, r, Permission::OnboardOrganisations))
            .collect();
        assert_eq!(
            allowed,
            [(OrganisationKind::Agency, Role::Admin), (OrganisationKind::ProgrammeOffice, Role::Admin)]
        );
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for &k in OrganisationKind::ALL {
            assert_eq!(k.code().parse::<OrganisationKind>(), Ok(k));
        }
        for &r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        let err = "boss".parse::<Role>().unwrap_err();
        assert_eq!(
            err,
            Message::new("acc-unknown-role").arg("code", "boss").arg("expected", "viewer, operator, admin")
        );
        let kinds = "agency, provider, public_body, attestor, programme_office";
        let err = "comune".parse::<OrganisationKind>().unwrap_err();
        assert_eq!(err, Message::new("acc-unknown-kind").arg("code", "comune").arg("expected", kinds));
    }
}
