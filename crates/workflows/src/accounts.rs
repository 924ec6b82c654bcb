//! An organisation's administrators add its users: each field checked by
//! the domain's rules, the account created by the store (its password hashed
//! there), the change audited.

use crate::qualification::require;
use crate::{Context, Error, ErrorKind, Now};
use cloudpa_domain::access::{Permission, Role};
use cloudpa_domain::accounts::{check_display_name, check_password, normalise_email};
use cloudpa_store::accounts::{NewUser, SessionUser, User};
use cloudpa_store::StoreError;

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
            .detail("The e-mail is already used by another account.")
            .field("email", "is already used by another account")),
        Err(other) => Err(other.into()),
    }
}

impl From<cloudpa_domain::accounts::FieldError> for crate::FieldError {
    fn from(e: cloudpa_domain::accounts::FieldError) -> Self {
        crate::FieldError { field: e.field.to_owned(), rule: e.rule }
    }
}
