//! The rule a deserialiser's refusal says a value broke, as a message of the
//! platform: serde, serde_json, serde_urlencoded and chrono word their
//! refusals in English sentences, which a page in Italian must not show.
//! The few shapes they use are read here; anything else is "not a valid
//! value" for the field the refusal names.

use cloudpa_domain::message::Message;

/// The rule of a deserialiser's `message` (its position suffix, if any,
/// left out: the field is named apart).
pub(crate) fn rule_of(message: &str) -> Message {
    let message = without_position(message);
    let names = backticked(message);
    if message.starts_with("unknown field") {
        return match names.split_first() {
            Some((field, [])) => Message::new("web-unknown-field-none").arg("field", *field),
            Some((field, allowed)) => {
                Message::new("web-unknown-field").arg("field", *field).arg("allowed", quoted(allowed))
            }
            None => Message::new("web-malformed"),
        };
    }
    if message.starts_with("unknown variant") {
        return match names.split_first() {
            Some((value, allowed)) if !allowed.is_empty() => {
                Message::new("web-one-of").arg("value", *value).arg("allowed", quoted(allowed))
            }
            _ => Message::new("web-malformed"),
        };
    }
    if message.starts_with("missing field")
        && let Some(field) = names.first()
    {
        return Message::new("web-missing-field").arg("field", *field);
    }
    if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        return message.rsplit_once(", expected ").map_or_else(|| Message::new("web-malformed"), |(_, e)| expected(e));
    }
    match message {
        m if m.starts_with("invalid digit")
            || m.starts_with("cannot parse integer")
            || m.starts_with("number too")
            || m == "invalid number" =>
        {
            Message::new("web-whole-number")
        }
        "invalid float literal" => Message::new("web-number"),
        "provided string was not `true` or `false`" => Message::new("web-boolean"),
        // chrono's `ParseError`s: a date or a time that does not read.
        "input contains invalid characters"
        | "premature end of input"
        | "input is out of range"
        | "trailing input"
        | "input is not enough for unique date and time"
        | "no possible date and time matching input"
        | "bad or unsupported format string" => Message::new("web-date"),
        _ => Message::new("web-malformed"),
    }
}

/// What a refusal says it `expected`, as a rule.
pub(crate) fn expected(expected: &str) -> Message {
    let short = expected.rsplit("::").next().unwrap_or(expected);
    match short {
        // As text: the largest u64 is no i64.
        "usize" | "u8" | "u16" | "u32" | "u64" => {
            Message::new("web-whole-number-up-to").arg("max", max_of(short).to_string())
        }
        "isize" | "i8" | "i16" | "i32" | "i64" => Message::new("web-whole-number"),
        "f32" | "f64" | "a number" => Message::new("web-number"),
        "a boolean" | "bool" => Message::new("web-boolean"),
        "a string" | "a borrowed string" | "a character" | "char" | "String" => Message::new("web-text"),
        "a sequence" => Message::new("web-list"),
        "a map" => Message::new("web-object"),
        s if s.starts_with("struct ") || s.starts_with("a map") => Message::new("web-object"),
        s if s.starts_with("a tuple") || s.starts_with("an array") || s.starts_with("a sequence") => {
            Message::new("web-list")
        }
        s if s.contains("date") || s.contains("time") || s == "NaiveDate" || s.starts_with("DateTime") => {
            Message::new("web-date")
        }
        s if s.contains("UUID") || s == "Uuid" => Message::new("web-uuid"),
        s if s.starts_with("variant identifier") || s.starts_with("one of") => Message::new("web-malformed"),
        _ => Message::new("web-malformed"),
    }
}

fn max_of(unsigned: &str) -> u64 {
    match unsigned {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        _ => u64::MAX,
    }
}

/// serde_json ends a refusal with where it was met.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

/// The names a refusal quotes between backticks, in order.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_i18n::Lang;

    fn both(message: &str) -> (String, String) {
        let rule = rule_of(message);
        (Lang::It.text(&rule), Lang::En.text(&rule))
    }

    #[test]
    fn the_shapes_of_serde_read_in_both_languages() {
        assert_eq!(
            both("unknown field `x`, expected one of `amount`, `on` at line 1 column 37"),
            (
                "campo `x` non previsto; i campi sono `amount`, `on`".into(),
                "unknown field `x`; the fields are `amount`, `on`".into()
            )
        );
        assert_eq!(both("unknown field `x`, there are no fields").1, "unknown field `x`: this takes no fields");
        assert_eq!(
            both("unknown variant `blue`, expected `red` or `green`").0,
            "«blue» non è tra i valori ammessi: `red`, `green`"
        );
        assert_eq!(both("missing field `on`").1, "missing field `on`");
        assert_eq!(both("invalid type: string \"x\", expected i64").0, "deve essere un numero intero");
        assert_eq!(both("invalid type: integer `1`, expected a string").1, "must be text");
        assert_eq!(both("invalid value: integer `-1`, expected u32").1, "must be a whole number from 0 to 4294967295");
        assert_eq!(both("invalid type: map, expected a sequence").0, "deve essere un elenco");
        assert_eq!(both("invalid digit found in string").0, "deve essere un numero intero");
        assert_eq!(both("input is out of range").0, "deve essere una data valida (AAAA-MM-GG)");
        assert_eq!(both("something no library says").1, "is not a valid value");
    }

    #[test]
    fn no_english_word_of_a_library_reaches_an_italian_rule() {
        for message in [
            "invalid type: string \"x\", expected struct Body",
            "invalid length 3, expected a tuple of size 2",
            "invalid value: string \"x\", expected a formatted date string",
            "invalid type: null, expected a boolean",
            "premature end of input",
            "invalid float literal",
        ] {
            let (it, _) = both(message);
            for english in ["expected", "invalid", "string", "input", "type"] {
                assert!(!it.contains(english), "{message} → {it}");
            }
        }
    }
}
