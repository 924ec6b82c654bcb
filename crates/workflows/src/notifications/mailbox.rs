//! Reading the local mailbox: the messages addressed to one user.

use std::path::Path;

/// A message as shown in the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub date: String,
    pub subject: String,
    pub body: String,
}

/// The messages to `address` in `dir`, newest first.
pub fn letters_to(dir: &Path, address: &str) -> Vec<Letter> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut letters: Vec<(std::time::SystemTime, Letter)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| {
            let modified = e.metadata().and_then(|m| m.modified()).ok()?;
            let text = std::fs::read_to_string(e.path()).ok()?;
            parse(&text).filter(|(to, _)| to.eq_ignore_ascii_case(address)).map(|(_, l)| (modified, l))
        })
        .collect();
    letters.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    letters.into_iter().map(|(_, l)| l).collect()
}

/// (recipient, letter) from an RFC 5322 message with an 8-bit text body.
fn parse(text: &str) -> Option<(String, Letter)> {
    let (head, body) = text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n"))?;
    // Unfold continuation lines (RFC 5322 §2.2.3) before reading headers.
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ").replace("\n ", " ");
    let header = |name: &str| {
        unfolded
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let to = header("To");
    let to = to.rsplit_once('<').map_or(to.as_str(), |(_, a)| a.trim_end_matches('>')).to_owned();
    Some((
        to,
        Letter { date: header("Date"), subject: decode_subject(&header("Subject")), body: body.replace("\r\n", "\n") },
    ))
}

/// Subjects with non-ASCII characters are RFC 2047 encoded-words
/// (`=?utf-8?b?…?=`, as lettre writes them); the space between two adjacent
/// encoded-words is not part of the text (RFC 2047 §6.2).
fn decode_subject(subject: &str) -> String {
    use base64::Engine as _;
    let mut out = String::new();
    let mut previous_encoded = false;
    for word in subject.split_whitespace() {
        let decoded = word
            .strip_prefix("=?utf-8?b?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let joins_encoded_words = previous_encoded && decoded.is_some();
        if !out.is_empty() && !joins_encoded_words {
            out.push(' ');
        }
        previous_encoded = decoded.is_some();
        out.push_str(decoded.as_deref().unwrap_or(word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_recipient_subject_and_body() {
        let eml = "From: cloudpa <noreply@cloudpa.local>\r\nTo: op@nuvola.it\r\nSubject: [cloudpa] =?utf-8?b?w6gg?=\r\n =?utf-8?b?b2s=?= fine\r\nDate: Mon, 23 Nov 2026 00:00:00 +0000\r\n\r\nLa domanda è presentata.\r\n";
        let (to, letter) = parse(eml).unwrap();
        assert_eq!(to, "op@nuvola.it");
        assert_eq!(letter.subject, "[cloudpa] è ok fine");
        assert_eq!(letter.body, "La domanda è presentata.\n");
    }
}
