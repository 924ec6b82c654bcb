//! The list of services a call finances (for Avviso 1.2 Comuni, 95 services:
//! DOMAIN.md §4). The official list is not public here; cloudpa ships a
//! provisional list, labelled as such, until the official one is loaded.

use crate::text::{self, Layout};
use serde::Serialize;

/// One service of a call's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedService {
    pub code: String,
    pub name: String,
}

/// The most services a list may hold (a guard against a wrong file).
pub const MAX_SERVICES: usize = 500;

/// Why a list is refused: the line (1 is the header) and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {rule}")]
pub struct ListError {
    pub line: usize,
    pub rule: String,
}

/// Checks a list read from a file (`(line, code, name)`): codes and names
/// present, at most 20 and 200 characters, single-line text (`text::check`),
/// each unique (names ignoring case).
/// A list is replaced whole, so one bad line refuses the list.
pub fn check_list(rows: &[(usize, String, String)]) -> Result<Vec<ListedService>, ListError> {
    if rows.is_empty() {
        return Err(ListError { line: 1, rule: "the list has no service".into() });
    }
    if rows.len() > MAX_SERVICES {
        return Err(ListError { line: rows[MAX_SERVICES].0, rule: format!("more than {MAX_SERVICES} services") });
    }
    let mut out: Vec<ListedService> = Vec::with_capacity(rows.len());
    for (line, code, name) in rows {
        let (code, name) = (code.trim(), name.trim());
        let refuse = |rule: String| Err(ListError { line: *line, rule });
        if code.is_empty() || code.chars().count() > 20 {
            return refuse("codice: required, at most 20 characters".into());
        }
        for (column, value) in [("codice", code), ("servizio", name)] {
            if let Err(rule) = text::check(value, Layout::SingleLine) {
                return refuse(format!("{column}: {rule}"));
            }
        }
        if name.is_empty() || name.chars().count() > 200 {
            return refuse("servizio: required, at most 200 characters".into());
        }
        if out.iter().any(|s| s.code == code) {
            return refuse(format!("codice `{code}` appears twice"));
        }
        if out.iter().any(|s| s.name.to_lowercase() == name.to_lowercase()) {
            return refuse(format!("servizio `{name}` appears twice"));
        }
        out.push(ListedService { code: code.to_owned(), name: name.to_owned() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(names: &[(&str, &str)]) -> Vec<(usize, String, String)> {
        names.iter().enumerate().map(|(i, (c, n))| (i + 2, c.to_string(), n.to_string())).collect()
    }

    #[test]
    fn a_list_keeps_its_order() {
        let list = check_list(&rows(&[("S1", "TRIBUTI MINORI"), ("S2", "CANONI")])).unwrap();
        assert_eq!(list.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["TRIBUTI MINORI", "CANONI"]);
    }

    #[test]
    fn the_first_bad_line_is_named() {
        assert_eq!(check_list(&[]).unwrap_err().rule, "the list has no service");
        let twice = check_list(&rows(&[("S1", "Canoni"), ("S2", "CANONI")])).unwrap_err();
        assert_eq!((twice.line, twice.rule.as_str()), (3, "servizio `CANONI` appears twice"));
        assert_eq!(check_list(&rows(&[("S1", "A"), ("S1", "B")])).unwrap_err().rule, "codice `S1` appears twice");
        assert_eq!(check_list(&rows(&[("", "A")])).unwrap_err().line, 2);
        assert_eq!(check_list(&rows(&[("S1", " ")])).unwrap_err().rule, "servizio: required, at most 200 characters");
        let many: Vec<(usize, String, String)> =
            (0..=MAX_SERVICES).map(|i| (i + 2, format!("S{i}"), format!("N{i}"))).collect();
        assert_eq!(check_list(&many).unwrap_err().line, MAX_SERVICES + 2);
        let nul = check_list(&rows(&[("S1", "A"), ("S2", "B\0")])).unwrap_err();
        assert_eq!((nul.line, nul.rule.as_str()), (3, "servizio: must not contain the NUL character"));
    }
}
