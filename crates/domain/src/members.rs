//! Changes to an organisation's members: an administrator changes a role or
//! removes a member, but the organisation always keeps an administrator —
//! without one, nobody could manage its members or API tokens again, and
//! only an operator of the platform could restore one.

use crate::access::Role;
use crate::accounts::FieldError;
use crate::message::Message;

/// A change to one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Role(Role),
    Remove,
}

/// Checks `change` to the member `target` of an organisation whose current
/// members (not removed) are `members` (id and role).
pub fn check_change(members: &[(&str, Role)], target: &str, change: Change) -> Result<(), FieldError> {
    let Some(&(_, current)) = members.iter().find(|(id, _)| *id == target) else {
        return Err(FieldError { field: "user_id", rule: Message::new("acc-not-a-member") });
    };
    let stays_admin = matches!(change, Change::Role(Role::Admin));
    let admins = members.iter().filter(|(_, role)| *role == Role::Admin).count();
    if current == Role::Admin && !stays_admin && admins == 1 {
        let field = if change == Change::Remove { "user_id" } else { "role" };
        return Err(FieldError { field, rule: Message::new("acc-last-admin") });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_administrator_is_neither_demoted_nor_removed() {
        let one = [("a", Role::Admin), ("o", Role::Operator)];
        assert_eq!(check_change(&one, "a", Change::Role(Role::Operator)).unwrap_err().field, "role");
        let last = check_change(&one, "a", Change::Remove).unwrap_err();
        assert_eq!((last.field, last.rule.key), ("user_id", "acc-last-admin"));
        assert!(check_change(&one, "a", Change::Role(Role::Admin)).is_ok(), "unchanged");
        assert!(check_change(&one, "o", Change::Remove).is_ok());
        assert!(check_change(&one, "o", Change::Role(Role::Admin)).is_ok());
        let two = [("a", Role::Admin), ("b", Role::Admin)];
        assert!(check_change(&two, "a", Change::Remove).is_ok(), "another administrator remains");
        assert!(check_change(&two, "b", Change::Role(Role::Viewer)).is_ok());
    }

    #[test]
    fn a_stranger_is_not_a_member() {
        let one = [("a", Role::Admin)];
        let stranger = check_change(&one, "x", Change::Remove).unwrap_err();
        assert_eq!((stranger.field, stranger.rule.key), ("user_id", "acc-not-a-member"));
    }
}
