//! Rules for local accounts: what a valid e-mail address and password are.
//!
//! Source: NIST SP 800-63B §5.1.1 (memorised secrets: at least 8 characters,
//! no composition rules, allow at least 64); cloudpa asks for 12, since its
//! accounts decide on public money and qualifications.

use crate::message::Message;

/// The shortest password accepted.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The longest password accepted (bounds the hashing work per request).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The longest display name accepted.
pub const DISPLAY_NAME_MAX_CHARS: usize = 120;

/// A field that failed validation, and the rule it failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct FieldError {
    pub field: &'static str,
    pub rule: Message,
}

fn field(field: &'static str, rule: Message) -> FieldError {
    FieldError { field, rule }
}

/// The rule of a text longer than `max` characters.
fn at_most_chars(max: usize) -> Message {
    Message::new("acc-at-most-chars").arg("max", max)
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
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && email.len() <= 254
        }
        None => false,
    };
    if valid { Ok(email) } else { Err(field("email", Message::new("acc-email-invalid"))) }
}

pub fn check_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(field("password", Message::new("acc-at-least-chars").arg("min", PASSWORD_MIN_CHARS)));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(field("password", at_most_chars(PASSWORD_MAX_CHARS)));
    }
    Ok(())
}

pub fn check_display_name(name: &str) -> Result<String, FieldError> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(field("display_name", Message::new("acc-empty"))),
        1..=DISPLAY_NAME_MAX_CHARS => Ok(name.to_owned()),
        _ => Err(field("display_name", at_most_chars(DISPLAY_NAME_MAX_CHARS))),
    }
}

/// How many failed sign-ins a subject (an account, or a client address) may
/// make within `window_ms` before sign-in is refused to it for `lockout_ms`
/// after its latest failure.
///
/// Source: NIST SP 800-63B §5.2.2 (rate limiting: at most 100 consecutive
/// failed attempts on one account, with lockouts or delays) and the OWASP
/// Authentication Cheat Sheet, "Account lockout" (a threshold, an observation
/// window and a lockout duration, applied the same to unknown accounts so the
/// lockout does not reveal which exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub limit: usize,
    pub window_ms: i64,
    pub lockout_ms: i64,
}

/// Per account (the e-mail typed, whether or not an account has it): 5
/// failures in 15 minutes lock it for 15 minutes, at most 480 guesses a day.
pub const ACCOUNT_THROTTLE: Throttle = Throttle { limit: 5, window_ms: 15 * 60_000, lockout_ms: 15 * 60_000 };
/// Per client address: 30 failures in 15 minutes, whatever the accounts.
pub const CLIENT_THROTTLE: Throttle = Throttle { limit: 30, window_ms: 15 * 60_000, lockout_ms: 15 * 60_000 };

/// How long a failed sign-in is kept: the longest window of any throttle.
pub const THROTTLE_MEMORY_MS: i64 = if ACCOUNT_THROTTLE.window_ms > CLIENT_THROTTLE.window_ms {
    ACCOUNT_THROTTLE.window_ms
} else {
    CLIENT_THROTTLE.window_ms
};

/// Until when sign-in is refused to a subject whose failed sign-ins were at
/// `failures` (unix ms, any order), as of `as_of`; `None` when it is not.
pub fn locked_until(failures: &[i64], as_of: i64, throttle: &Throttle) -> Option<i64> {
    let recent = failures.iter().filter(|&&at| at > as_of - throttle.window_ms && at <= as_of);
    let (count, latest) = recent.fold((0, i64::MIN), |(n, latest), &at| (n + 1, latest.max(at)));
    let until = latest.saturating_add(throttle.lockout_ms);
    (count >= throttle.limit && until > as_of).then_some(until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(normalise_email(" Mario.Rossi@Comune.Genova.it "), Ok("mario.rossi@comune.genova.it".into()));
        for bad in [
            "",
            "mario",
            "@ente.it",
            "mario@ente",
            "mario@.it",
            "ma rio@ente.it",
            "a@b@ente.it",
            "a\0b@ente.it",
            "a@ente.it\u{7f}",
        ] {
            assert_eq!(normalise_email(bad).unwrap_err().field, "email", "{bad}");
        }
    }

    #[test]
    fn passwords_on_both_sides_of_the_limits() {
        assert_eq!(check_password(&"x".repeat(11)).unwrap_err().rule.to_string(), "acc-at-least-chars (min: 12)");
        assert!(check_password(&"x".repeat(12)).is_ok());
        assert!(check_password(&"è".repeat(128)).is_ok());
        assert_eq!(check_password(&"x".repeat(129)).unwrap_err().rule.to_string(), "acc-at-most-chars (max: 128)");
    }

    #[test]
    fn display_names() {
        assert_eq!(check_display_name("  Ada "), Ok("Ada".into()));
        assert_eq!(check_display_name("   ").unwrap_err().rule.key, "acc-empty");
        assert!(check_display_name(&"a".repeat(121)).is_err());
    }

    #[test]
    fn a_subject_is_locked_at_the_limit_and_free_after_the_lockout() {
        let t = Throttle { limit: 3, window_ms: 1_000, lockout_ms: 1_000 };
        assert_eq!(locked_until(&[100, 200], 300, &t), None, "below the limit");
        assert_eq!(locked_until(&[100, 200, 300], 300, &t), Some(1_300), "at the limit");
        assert_eq!(locked_until(&[300, 100, 200], 1_050, &t), Some(1_300), "any order");
        assert_eq!(locked_until(&[100, 200, 300], 1_300, &t), None, "the lockout is over");
        assert_eq!(locked_until(&[0, 200, 300], 1_000, &t), None, "a failure outside the window does not count");
        assert_eq!(locked_until(&[100, 200, 300, 5_000], 300, &t), Some(1_300), "a later failure is not yet");
    }
}
