//! API tokens for machine clients (a provider's listing system, a
//! municipality's back office): what a token may do and what a valid one is.
//!
//! A token belongs to an organisation and acts as an operator of it, never
//! as an administrator: it cannot manage users, tokens, calls, teams or
//! delegations. Its scopes narrow that further, to the least privilege its
//! client needs (OWASP API Security Top 10 2023, API5 "Broken Function Level
//! Authorization"; NIST SP 800-204 §4.4, "least privilege" for service
//! access), and it expires: at most a year after it is made.

use crate::access::{OrganisationKind, Permission, Role, codes, holds};
use crate::accounts::FieldError;
use crate::message::Message;
use chrono::NaiveDate;
use std::str::FromStr;

/// The role a token acts with.
pub const TOKEN_ROLE: Role = Role::Operator;
/// The longest life of a token, in days.
pub const MAX_LIFETIME_DAYS: i64 = 366;
/// The longest name of a token.
pub const NAME_MAX_CHARS: usize = 80;

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Read what the organisation may read beyond the public catalogue: a
    /// provider's own listings and applications; the agency's and the
    /// office's view of every organisation.
    CatalogueRead,
    /// A provider's listings, infrastructures, applications and documents.
    ListingsWrite,
    /// An ente's inventory, applications and projects, read only.
    ProgrammeRead,
    /// An ente's inventory, applications, projects and documents.
    ProgrammeWrite,
    /// An attestor's assigned projects: verdicts, requests, outcomes.
    Attestation,
    /// The agency's review of qualification applications.
    Review,
    /// The programme office's decisions, payments and suppliers.
    Office,
}

codes!(Scope, "acc-unknown-scope",
    CatalogueRead => "catalogue:read",
    ListingsWrite => "listings:write",
    ProgrammeRead => "programme:read",
    ProgrammeWrite => "programme:write",
    Attestation => "attestation",
    Review => "review",
    Office => "office",
);

impl Scope {
    /// Whether the scope lets a token use a route that needs `permission`.
    pub fn covers(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Scope::CatalogueRead => matches!(permission, ViewOwnListings | ViewAllOrganisations),
            Scope::ListingsWrite => matches!(permission, ViewOwnListings | ManageOwnListings | UploadDocuments),
            Scope::ProgrammeRead => permission == ViewOwnProgramme,
            Scope::ProgrammeWrite => matches!(permission, ViewOwnProgramme | ManageOwnProgramme | UploadDocuments),
            Scope::Attestation => matches!(permission, ViewAssignedProjects | Attest),
            Scope::Review => matches!(permission, ReviewApplications | ViewAllOrganisations),
            Scope::Office => {
                matches!(permission, DecideApplications | ManageSuppliers | ViewWorklist | ViewAllOrganisations)
            }
        }
    }

    /// Whether an organisation of `kind` may give a token this scope: only
    /// scopes whose work its kind does.
    pub fn available_to(self, kind: OrganisationKind) -> bool {
        use OrganisationKind::*;
        match self {
            Scope::CatalogueRead => true,
            Scope::ListingsWrite => kind == Provider,
            Scope::ProgrammeRead | Scope::ProgrammeWrite => kind == PublicBody,
            Scope::Attestation => kind == Attestor,
            Scope::Review => kind == Agency,
            Scope::Office => kind == ProgrammeOffice,
        }
    }
}

/// Whether a token of an organisation of `kind` with `scopes` holds
/// `permission`: what an operator of the organisation holds, narrowed to
/// its scopes.
pub fn token_holds(kind: OrganisationKind, scopes: &[Scope], permission: Permission) -> bool {
    holds(kind, TOKEN_ROLE, permission) && scopes.iter().any(|scope| scope.covers(permission))
}

/// A token as its administrator asks for it, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub expires_on: NaiveDate,
}

/// Checks a requested token: a name, at least one scope available to the
/// organisation's kind, and an expiry after `today` and within a year. Every
/// field's failure is returned, each naming its rule.
pub fn check_new_token(
    kind: OrganisationKind,
    name: &str,
    scopes: &[String],
    expires_on: NaiveDate,
    today: NaiveDate,
) -> Result<NewToken, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        errors.push(field("name", Message::new("acc-token-name").arg("max", NAME_MAX_CHARS)));
    }
    let mut parsed = Vec::new();
    for code in scopes {
        match Scope::from_str(code) {
            Ok(scope) if !scope.available_to(kind) => {
                let rule = Message::new("acc-scope-unavailable").arg("scope", code).arg("kind", kind.code());
                errors.push(field("scopes", rule))
            }
            Ok(scope) => parsed.push(scope),
            Err(reason) => errors.push(field("scopes", reason)),
        }
    }
    parsed.sort();
    parsed.dedup();
    if scopes.is_empty() {
        errors.push(field("scopes", Message::new("acc-scopes-empty")));
    }
    let days = (expires_on - today).num_days();
    if !(1..=MAX_LIFETIME_DAYS).contains(&days) {
        errors.push(field("expires_on", Message::new("acc-token-expiry").arg("days", MAX_LIFETIME_DAYS)));
    }
    if errors.is_empty() { Ok(NewToken { name: name.to_owned(), scopes: parsed, expires_on }) } else { Err(errors) }
}

fn field(field: &'static str, rule: Message) -> FieldError {
    FieldError { field, rule }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrganisationKind::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn a_token_never_holds_what_only_an_administrator_holds() {
        let admin_only = [
            Permission::ManageOwnUsers,
            Permission::ManageApiTokens,
            Permission::ManageCalls,
            Permission::ManageTeams,
            Permission::ManageDelegations,
        ];
        for &kind in OrganisationKind::ALL {
            for permission in admin_only {
                assert!(!token_holds(kind, Scope::ALL, permission), "{kind:?} {permission:?}");
            }
        }
    }

    #[test]
    fn scopes_narrow_what_an_operator_holds() {
        let read = [Scope::CatalogueRead];
        assert!(token_holds(Provider, &read, Permission::ViewOwnListings));
        assert!(!token_holds(Provider, &read, Permission::ManageOwnListings));
        assert!(token_holds(Provider, &[Scope::ListingsWrite], Permission::ManageOwnListings));
        assert!(token_holds(PublicBody, &[Scope::ProgrammeRead], Permission::ViewOwnProgramme));
        assert!(!token_holds(PublicBody, &[Scope::ProgrammeRead], Permission::ManageOwnProgramme));
        assert!(!token_holds(PublicBody, &[Scope::ProgrammeRead], Permission::UploadDocuments));
        assert!(token_holds(PublicBody, &[Scope::ProgrammeWrite], Permission::UploadDocuments));
        assert!(token_holds(Attestor, &[Scope::Attestation], Permission::Attest));
        assert!(!token_holds(Provider, &[Scope::Attestation], Permission::Attest), "the kind still decides");
    }

    #[test]
    fn each_kind_gives_only_the_scopes_of_its_work() {
        let available = |kind| Scope::ALL.iter().filter(|s| s.available_to(kind)).map(|s| s.code()).collect::<Vec<_>>();
        assert_eq!(available(Provider), ["catalogue:read", "listings:write"]);
        assert_eq!(available(PublicBody), ["catalogue:read", "programme:read", "programme:write"]);
        assert_eq!(available(Attestor), ["catalogue:read", "attestation"]);
        assert_eq!(available(Agency), ["catalogue:read", "review"]);
        assert_eq!(available(ProgrammeOffice), ["catalogue:read", "office"]);
    }

    #[test]
    fn a_new_token_is_checked_field_by_field() {
        let today = day("2026-12-05");
        let ok = check_new_token(
            Provider,
            " Gestionale ",
            &["listings:write".into(), "catalogue:read".into(), "listings:write".into()],
            day("2027-12-06"),
            today,
        );
        assert_eq!(
            ok.unwrap(),
            NewToken {
                name: "Gestionale".into(),
                scopes: vec![Scope::CatalogueRead, Scope::ListingsWrite],
                expires_on: day("2027-12-06")
            }
        );
        let fields = |result: Result<NewToken, Vec<FieldError>>| {
            result.unwrap_err().into_iter().map(|e| e.field).collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_new_token(Provider, "x", &["listings:write".into()], day("2027-12-07"), today)),
            ["expires_on"],
            "367 days"
        );
        assert_eq!(
            fields(check_new_token(Provider, "x", &["listings:write".into()], today, today)),
            ["expires_on"],
            "expires today"
        );
        assert_eq!(fields(check_new_token(Provider, "", &[], day("2027-01-01"), today)), ["name", "scopes"]);
        assert_eq!(
            fields(check_new_token(Provider, "x", &["programme:write".into()], day("2027-01-01"), today)),
            ["scopes"]
        );
        let unknown = check_new_token(Provider, "x", &["root".into()], day("2027-01-01"), today).unwrap_err();
        let scopes = Scope::ALL.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ");
        assert_eq!(unknown[0].rule, Message::new("acc-unknown-scope").arg("code", "root").arg("expected", scopes));
        assert_eq!(
            fields(check_new_token(Provider, "a\u{7}b", &["catalogue:read".into()], day("2027-01-01"), today)),
            ["name"]
        );
    }
}
