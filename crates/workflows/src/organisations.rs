//! Organisations onboarded from the pages rather than the command line: the
//! agency's administrators bring in providers, the programme office's the
//! enti and attestors (`cloudpa_domain::onboarding`), each with its first
//! administrator, invited by fiscal code to sign in through SPID or CIE.
//! The IPA code is looked up in the official data the platform holds.

use crate::qualification::require;
use crate::{Context, Error, ErrorKind, FieldError, Now};
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::accounts::{check_display_name, normalise_email};
use cloudpa_domain::fiscal_code::FiscalCode;
use cloudpa_domain::message::Message;
use cloudpa_domain::onboarding::{check_ipa_code, check_name, may_onboard};
use cloudpa_store::accounts::{Onboarding, Organisation, SessionUser, Taken, User};
use cloudpa_store::programme::ipa::IpaEntry;

/// A new organisation and its first administrator, as typed.
pub struct OnboardFields<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub ipa_code: &'a str,
    pub admin_email: &'a str,
    pub admin_display_name: &'a str,
    pub admin_fiscal_code: &'a str,
}

/// What the platform's data says of an IPA code: its entry in the official
/// data (none when the code is not there), and the organisation already
/// registered with it, if any.
pub struct Lookup {
    pub ipa_code: String,
    pub entry: Option<IpaEntry>,
    pub registered: Option<Organisation>,
}

/// Looks `code` up for a user who may onboard; a code of the wrong shape is
/// refused naming `ipa_code`, an empty one looks nothing up.
pub async fn lookup(ctx: &Context, user: &SessionUser, code: &str) -> Result<Option<Lookup>, Error> {
    require(user, Permission::OnboardOrganisations)?;
    let Some(code) = check_ipa_code(code).map_err(|rule| Error::validation().field("ipa_code", rule))? else {
        return Ok(None);
    };
    let entry = ctx.store.ipa_entry(&code).await?;
    let registered = ctx.store.find_organisation_by_ipa(&code).await?;
    Ok(Some(Lookup { ipa_code: code, entry, registered }))
}

/// Onboards an organisation of a kind the user may onboard, with its first
/// administrator. Every field at fault is named at once; an IPA code already
/// registered is a conflict naming its organisation, an e-mail already in
/// use a conflict on `admin_email`; either way nothing is written.
pub async fn onboard(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    fields: &OnboardFields<'_>,
) -> Result<(Organisation, User), Error> {
    require(user, Permission::OnboardOrganisations)?;
    let kind = fields.kind.parse::<OrganisationKind>().map_err(|rule| Error::validation().field("kind", rule))?;
    if !may_onboard(user.organisation.kind, user.user.role, kind) {
        let rule = Message::new("orgs-kind-forbidden").arg("kind", kind.code());
        return Err(Error::forbidden(rule.clone()).field("kind", rule));
    }
    let mut faults: Vec<FieldError> = Vec::new();
    let mut fault = |field: &str, rule: Message| faults.push(FieldError { field: field.to_owned(), rule });
    let name = check_name(fields.name).map_err(|rule| fault("name", rule)).ok();
    let ipa_code = check_ipa_code(fields.ipa_code).map_err(|rule| fault("ipa_code", rule)).ok();
    let email = normalise_email(fields.admin_email).map_err(|e| fault("admin_email", e.rule)).ok();
    let display_name =
        check_display_name(fields.admin_display_name).map_err(|e| fault("admin_display_name", e.rule)).ok();
    let code = FiscalCode::parse(fields.admin_fiscal_code).map_err(|e| fault("admin_fiscal_code", e.message())).ok();
    let (Some(name), Some(ipa_code), Some(email), Some(display_name), Some(code), true) =
        (name, ipa_code, email, display_name, code, faults.is_empty())
    else {
        return Err(faults.into_iter().fold(Error::validation(), |e, f| e.field(f.field, f.rule)));
    };
    let new = Onboarding {
        kind,
        name: &name,
        ipa_code: ipa_code.as_deref(),
        admin_email: &email,
        admin_display_name: &display_name,
        admin_fiscal_code: code.as_str(),
    };
    match ctx.store.onboard_organisation(&user.actor(), &new, now.ms).await? {
        Ok(done) => Ok(done),
        Err(Taken::IpaCode(holder)) => {
            let rule = Message::new("orgs-ipa-taken").arg("organisation", holder);
            Err(Error::new(ErrorKind::Conflict).detail(rule.clone()).field("ipa_code", rule))
        }
        Err(Taken::Email) => {
            let rule = Message::new("orgs-email-taken");
            Err(Error::new(ErrorKind::Conflict).detail(rule.clone()).field("admin_email", rule))
        }
    }
}
