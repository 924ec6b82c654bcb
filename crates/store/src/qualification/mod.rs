//! Qualification records: provider profiles, infrastructures, listings and
//! their immutable versions, applications with answers and reviews, decision
//! records and the dated status intervals of each listing.

pub mod applications;
pub mod infrastructure_declarations;
pub mod listings;
pub mod monitoring;
pub mod providers;

use crate::StoreError;

/// A stored value that does not parse back is a corrupt row, not user input.
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(format!("stored {what} `{value}` is not valid").into()))
}

/// `text` as an SQL string literal (quotes doubled), for the codes the
/// domain names: SQL built from the domain's rules, never typed by hand.
pub(crate) fn sql_text(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The items of an SQL `IN (…)` list of `codes`; `NULL`, which nothing
/// equals, when there are none.
pub(crate) fn sql_in_list<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = codes.into_iter().map(sql_text).collect();
    if items.is_empty() { "NULL".to_owned() } else { items.join(", ") }
}

/// The [`sql_in_list`] of the codes of those of `all` that `rule` selects:
/// a domain rule as SQL.
pub(crate) fn sql_in_list_where<T: Copy>(all: &[T], rule: fn(T) -> bool, code: fn(T) -> &'static str) -> String {
    sql_in_list(all.iter().copied().filter(|t| rule(*t)).map(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_quoted_literals_and_an_empty_list_matches_nothing() {
        assert_eq!(sql_in_list(["qualified", "suspended"]), "'qualified', 'suspended'");
        assert_eq!(sql_in_list(["Valle d'Aosta"]), "'Valle d''Aosta'");
        assert_eq!(sql_in_list([]), "NULL");
        let odd = sql_in_list_where(&[1, 2, 3, 4, 5], |n| n % 2 == 1, |n| ["0", "1", "2", "3", "4", "5"][n]);
        assert_eq!(odd, "'1', '3', '5'");
    }
}
