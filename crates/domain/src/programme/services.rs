//! The list of services a call finances (for Avviso 1.2 Comuni, 95 services:
//! DOMAIN.md §4). The official list is not public here; cloudpa ships a
//! provisional list, labelled as such, until the official one is loaded.

use crate::message::Message;
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
    pub rule: Message,
}

/// Checks a list read from a file (`(line, code, name)`): codes and names
/// present, at most 20 and 200 characters, single-line text (`text::check`),
/// each unique (names ignoring case).
/// A list is replaced whole, so one bad line refuses the list.
pub fn check_list(rows: &[(usize, String, String)]) -> Result<Vec<ListedService>, ListError> {
    if rows.is_empty() {
        return Err(ListError { line: 1, rule: Message::new("prog-list-empty") });
    }
    if rows.len() > MAX_SERVICES {
        let rule = Message::new("prog-list-too-long").arg("max", MAX_SERVICES);
        return Err(ListError { line: rows[MAX_SERVICES].0, rule });
    }
    let mut out: Vec<ListedService> = Vec::with_capacity(rows.len());
    for (line, code, name) in rows {
        let (code, name) = (code.trim(), name.trim());
        let refuse = |rule: Message| Err(ListError { line: *line, rule });
        if code.is_empty() || code.chars().count() > 20 {
            return refuse(Message::new("prog-list-code-rule"));
        }
        for (column, value) in [("codice", code), ("servizio", name)] {
            if let Err(rule) = text::check(value, Layout::SingleLine) {
                return refuse(Message::new("prog-list-column").arg("column", column).arg("rule", rule));
            }
        }
        if name.is_empty() || name.chars().count() > 200 {
            return refuse(Message::new("prog-list-name-rule"));
        }
        if out.iter().any(|s| s.code == code) {
            return refuse(Message::new("prog-list-code-twice").arg("code", code));
        }
        if out.iter().any(|s| s.name.to_lowercase() == name.to_lowercase()) {
            return refuse(Message::new("prog-list-name-twice").arg("name", name));
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
        assert_eq!(check_list(&[]).unwrap_err().rule, Message::new("prog-list-empty"));
        let twice = check_list(&rows(&[("S1", "Canoni"), ("S2", "CANONI")])).unwrap_err();
        assert_eq!((twice.line, twice.rule), (3, Message::new("prog-list-name-twice").arg("name", "CANONI")));
        let code_twice = check_list(&rows(&[("S1", "A"), ("S1", "B")])).unwrap_err().rule;
        assert_eq!(code_twice, Message::new("prog-list-code-twice").arg("code", "S1"));
        assert_eq!(check_list(&rows(&[("", "A")])).unwrap_err().line, 2);
        assert_eq!(check_list(&rows(&[("S1", " ")])).unwrap_err().rule, Message::new("prog-list-name-rule"));
        let many: Vec<(usize, String, String)> =
            (0..=MAX_SERVICES).map(|i| (i + 2, format!("S{i}"), format!("N{i}"))).collect();
        assert_eq!(check_list(&many).unwrap_err().line, MAX_SERVICES + 2);
        let nul = check_list(&rows(&[("S1", "A"), ("S2", "B\0")])).unwrap_err();
        assert_eq!((nul.line, nul.rule.key), (3, "prog-list-column"));
    }
}
