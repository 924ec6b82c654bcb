//! What the platform tells a person — a refusal, a finding, a rule broken —
//! as a key of the translation files and its arguments, never as a sentence:
//! the sentence is written in `crates/i18n/locales`, once per language, and
//! chosen by the reader's language where it is shown.

use chrono::NaiveDate;

/// A key of the translation files and the values of its placeables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of one placeable: numbers stay numbers so that a language can
/// choose its plural, dates stay dates so that it can write them its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
    Date(NaiveDate),
    /// A sentence of its own, written in the same language.
    Message(Box<Message>),
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

/// Without a language at hand (a log line): the key and its arguments.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key)?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            let sep = if i == 0 { " (" } else { ", " };
            match value {
                Arg::Text(text) => write!(f, "{sep}{name}: {text}")?,
                Arg::Number(n) => write!(f, "{sep}{name}: {n}")?,
                Arg::Date(d) => write!(f, "{sep}{name}: {d}")?,
                Arg::Message(m) => write!(f, "{sep}{name}: {m}")?,
            }
        }
        if !self.args.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(Box::new(message))
    }
}

impl From<NaiveDate> for Arg {
    fn from(day: NaiveDate) -> Self {
        Arg::Date(day)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_without_a_language_shows_its_key_and_arguments() {
        let bare = Message { key: "some-key", args: Vec::new() };
        assert_eq!(bare.to_string(), "some-key");
        let m = bare.arg("length", 14usize).arg("cup", "A12");
        assert_eq!(m.to_string(), "some-key (length: 14, cup: A12)");
    }
}
