//! An organisation's administrators add its users — local accounts with a
//! password, or members invited by fiscal code who sign in through SPID or
//! CIE — change their roles and remove them: each field checked by the
//! domain's rules, the change made and audited by the store.

use crate::qualification::require;
use crate::{Context, Error, ErrorKind, Now};
use cloudpa_domain::access::{Permission, Role};
use cloudpa_domain::accounts::{check_display_name, check_password, normalise_email};
use cloudpa_domain::fiscal_code::FiscalCode;
use cloudpa_domain::members::{Change, check_change};
use cloudpa_domain::message::Message;
use cloudpa_store::StoreError;
use cloudpa_store::accounts::{NewMember, NewUser, SessionUser, User};

/// A user as the administrator enters them.
pub struct UserFields<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: &'a str,
}

/// Adds a user to the administrator's own organisation. Every field at fault
/// is named at once; an e-mail already in use is a conflict on `email`.
pub async fn add_user(ctx: &Context, admin: &SessionUser, now: Now, fields: &UserFields<'_>) -> Result<User, Error> {
    require(admin, Permission::ManageOwnUsers)?;
    let mut faults: Vec<crate::FieldError> = Vec::new();
    let email = normalise_email(fields.email).map_err(|e| faults.push(e.into())).ok();
    let name = check_display_name(fields.display_name).map_err(|e| faults.push(e.into())).ok();
    let _ = check_password(fields.password).map_err(|e| faults.push(e.into()));
    let role =
        fields.role.parse::<Role>().map_err(|rule| faults.push(crate::FieldError { field: "role".into(), rule })).ok();
    let (Some(email), Some(name), Some(role), true) = (email, name, role, faults.is_empty()) else {
        return Err(faults.into_iter().fold(Error::validation(), |e, f| e.field(f.field, f.rule)));
    };
    let new = NewUser {
        organisation_id: &admin.organisation.id,
        email: &email,
        display_name: &name,
        password: fields.password,
        role,
    };
    match ctx.store.create_user(&admin.actor(), new, now.ms).await {
        Ok(user) => Ok(user),
        Err(StoreError::Conflict(_)) => Err(Error::new(ErrorKind::Conflict)
            .detail(Message::new("acc-email-taken"))
            .field("email", Message::new("acc-email-taken-rule"))),
        Err(other) => Err(other.into()),
    }
}

impl From<cloudpa_domain::accounts::FieldError> for crate::FieldError {
    fn from(e: cloudpa_domain::accounts::FieldError) -> Self {
        crate::FieldError { field: e.field.to_owned(), rule: e.rule }
    }
}

/// A member as the administrator invites them: they sign in through SPID
/// or CIE with their fiscal code.
pub struct MemberFields<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub fiscal_code: &'a str,
    pub role: &'a str,
}

/// Invites a member to the administrator's own organisation by fiscal code.
/// Every field at fault is named at once; an e-mail or fiscal code already
/// there is a conflict.
pub async fn invite_member(
    ctx: &Context,
    admin: &SessionUser,
    now: Now,
    fields: &MemberFields<'_>,
) -> Result<User, Error> {
    require(admin, Permission::ManageOwnUsers)?;
    let mut faults: Vec<crate::FieldError> = Vec::new();
    let email = normalise_email(fields.email).map_err(|e| faults.push(e.into())).ok();
    let name = check_display_name(fields.display_name).map_err(|e| faults.push(e.into())).ok();
    let code = FiscalCode::parse(fields.fiscal_code)
        .map_err(|e| faults.push(crate::FieldError { field: "fiscal_code".into(), rule: e.message() }))
        .ok();
    let role =
        fields.role.parse::<Role>().map_err(|rule| faults.push(crate::FieldError { field: "role".into(), rule })).ok();
    let (Some(email), Some(name), Some(code), Some(role), true) = (email, name, code, role, faults.is_empty()) else {
        return Err(faults.into_iter().fold(Error::validation(), |e, f| e.field(f.field, f.rule)));
    };
    let new = NewMember {
        organisation_id: &admin.organisation.id,
        email: &email,
        display_name: &name,
        fiscal_code: code.as_str(),
        role,
    };
    match ctx.store.invite_member(&admin.actor(), new, now.ms).await {
        Ok(user) => Ok(user),
        Err(StoreError::Conflict(_)) => Err(Error::new(ErrorKind::Conflict)
            .detail(Message::new("acc-member-exists"))
            .field("email", Message::new("acc-member-exists-rule"))),
        Err(other) => Err(other.into()),
    }
}

/// Changes a member's role, or removes them (`role` `None`), in the
/// administrator's own organisation; the organisation keeps an administrator.
pub async fn change_member(
    ctx: &Context,
    admin: &SessionUser,
    now: Now,
    user_id: &str,
    role: Option<&str>,
) -> Result<(), Error> {
    require(admin, Permission::ManageOwnUsers)?;
    let change = match role {
        Some(code) => Change::Role(code.parse::<Role>().map_err(|rule| Error::validation().field("role", rule))?),
        None => Change::Remove,
    };
    let members = ctx.store.list_users(&admin.organisation.id).await?;
    let roles: Vec<(&str, Role)> = members.iter().map(|m| (m.id.as_str(), m.role)).collect();
    check_change(&roles, user_id, change).map_err(|fault| match fault.field {
        "user_id" if !roles.iter().any(|(id, _)| *id == user_id) => {
            Error::not_found(Message::new("acc-member-not-found").arg("id", user_id))
        }
        _ => Error::new(ErrorKind::Rule).detail(fault.rule.clone()).field(fault.field, fault.rule),
    })?;
    let org = &admin.organisation.id;
    match change {
        Change::Role(role) => ctx.store.change_role(&admin.actor(), org, user_id, role, now.ms).await?,
        Change::Remove => ctx.store.remove_member(&admin.actor(), org, user_id, now.ms).await?,
    }
    Ok(())
}
