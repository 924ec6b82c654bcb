//! Rules for local accounts: what a valid e-mail address and password are.
//!
//! Source: NIST SP 800-63B §5.1.1 (memorised secrets: at least 8 characters,
//! no composition rules, allow at least 64); cloudpa asks for 12, since its
//! accounts decide on public money and qualifications.

/// The shortest password accepted.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The longest password accepted (bounds the hashing work per request).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A field that failed validation, and the rule it failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct FieldError {
    pub field: &'static str,
    pub rule: String,
}

fn field(field: &'static str, rule: impl Into<String>) -> FieldError {
    FieldError { field, rule: rule.into() }
}

/// An address with one `@`, a non-empty local part, a domain with a dot, no
/// spaces; normalised to lower case.
pub fn normalise_email(email: &str) -> Result<String, FieldError> {
    let email = email.trim().to_lowercase();
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254
        }
        None => false,
    };
    if valid { Ok(email) } else { Err(field("email", "must be an e-mail address such as nome@ente.it")) }
}

pub fn check_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(field("password", format!("must be at least {PASSWORD_MIN_CHARS} characters")));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(field("password", format!("must be at most {PASSWORD_MAX_CHARS} characters")));
    }
    Ok(())
}

pub fn check_display_name(name: &str) -> Result<String, FieldError> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(field("display_name", "must not be empty")),
        1..=120 => Ok(name.to_owned()),
        _ => Err(field("display_name", "must be at most 120 characters")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(normalise_email(" Mario.Rossi@Comune.Genova.it "), Ok("mario.rossi@comune.genova.it".into()));
        for bad in ["", "mario", "@ente.it", "mario@ente", "mario@.it", "ma rio@ente.it", "a@b@ente.it"] {
            assert_eq!(normalise_email(bad).unwrap_err().field, "email", "{bad}");
        }
    }

    #[test]
    fn passwords_on_both_sides_of_the_limits() {
        assert!(check_password(&"x".repeat(11)).is_err());
        assert!(check_password(&"x".repeat(12)).is_ok());
        assert!(check_password(&"è".repeat(128)).is_ok());
        assert!(check_password(&"x".repeat(129)).is_err());
    }

    #[test]
    fn display_names() {
        assert_eq!(check_display_name("  Ada "), Ok("Ada".into()));
        assert!(check_display_name("   ").is_err());
        assert!(check_display_name(&"a".repeat(121)).is_err());
    }
}
