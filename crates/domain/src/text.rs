//! What text cloudpa accepts from outside (forms, JSON, CSV cells, paths).
//!
//! Sources: PostgreSQL refuses the NUL character in any text value
//! ("invalid byte sequence for encoding UTF8: 0x00", PostgreSQL 15 manual
//! §8.3), so a NUL must be refused before it reaches a query, on both engines
//! alike; the other control characters (Unicode general category Cc: C0, DEL,
//! C1) are never part of a name, a code or an address, and only line breaks
//! and tabs belong in prose (W3C "Character Model for the World Wide Web",
//! §6.1, control codes in markup and text).

use crate::message::Message;

/// How a field's text may be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A name, code, identifier, address or date: one line, no control
    /// character at all.
    SingleLine,
    /// Prose (a motivation, a note, a description): line breaks and tabs are
    /// allowed, no other control character.
    Prose,
    /// Where to go after signing in (`next`): never refused here, since a
    /// bad target must not refuse the sign-in; the web layer follows only a
    /// path on its own site and goes home otherwise.
    RedirectTarget,
}

impl Layout {
    /// The rule as a regular expression (ECMA-262 and Rust `regex` alike: a
    /// JSON Schema `pattern`), for the API's document; `None` when nothing
    /// is refused. Unicode Cc is U+0000–U+001F and U+007F–U+009F.
    pub fn pattern(self) -> Option<&'static str> {
        match self {
            Layout::SingleLine => Some(r"^[^\x00-\x1F\x7F-\x9F]*$"),
            Layout::Prose => Some(r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"),
            Layout::RedirectTarget => None,
        }
    }
}

/// The fields whose value is prose; every other field is single-line.
pub const PROSE_FIELDS: &[&str] = &["description", "motivation", "note", "reason", "value", "text"];

/// The layout of a field named `name` (the last segment of its path).
pub fn layout_of(name: &str) -> Layout {
    match name {
        "next" => Layout::RedirectTarget,
        _ if PROSE_FIELDS.contains(&name) => Layout::Prose,
        _ => Layout::SingleLine,
    }
}

/// The rule `text` breaks under `layout`, if any.
pub fn check(text: &str, layout: Layout) -> Result<(), Message> {
    if layout == Layout::RedirectTarget {
        return Ok(());
    }
    let allowed = |c: char| layout == Layout::Prose && matches!(c, '\n' | '\r' | '\t');
    match text.chars().find(|c| c.is_control() && !allowed(*c)) {
        None => Ok(()),
        Some('\0') => Err(Message::new("web-text-nul")),
        Some(_) if layout == Layout::SingleLine => Err(Message::new("web-text-single-line")),
        Some(_) => Err(Message::new("web-text-control")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_refused_everywhere() {
        assert_eq!(check("a\0b", Layout::SingleLine), Err(Message::new("web-text-nul")));
        assert_eq!(check("a\0b", Layout::Prose), Err(Message::new("web-text-nul")));
    }

    #[test]
    fn line_breaks_and_tabs_only_in_prose() {
        assert!(check("riga uno\nriga due\r\n\tfine", Layout::Prose).is_ok());
        assert!(check("Comune di Genova", Layout::SingleLine).is_ok());
        assert_eq!(check("Genova\n", Layout::SingleLine), Err(Message::new("web-text-single-line")));
        assert!(check("a\tb", Layout::SingleLine).is_err());
        assert_eq!(check("a\u{7}b", Layout::Prose), Err(Message::new("web-text-control")), "BEL");
        assert!(check("a\u{7f}b", Layout::Prose).is_err(), "DEL");
        assert!(check("a\u{85}b", Layout::SingleLine).is_err(), "C1 next line");
    }

    #[test]
    fn accents_and_symbols_are_text() {
        assert!(check("Società Cooperativa «Nuvola» — 99,9 % €", Layout::SingleLine).is_ok());
    }

    #[test]
    fn prose_fields_by_name() {
        assert_eq!(layout_of("motivation"), Layout::Prose);
        assert_eq!(layout_of("name"), Layout::SingleLine);
        assert_eq!(layout_of("aggregator"), Layout::SingleLine);
        assert_eq!(check("/\t/evil.example", layout_of("next")), Ok(()));
    }
}
