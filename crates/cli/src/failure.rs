//! How a command fails: one line on standard error and an exit code.
//! 2 — bad configuration or input; 1 — the command ran and found a problem
//! (a broken audit chain, rejected import rows) or the database failed.
//! The line is written in English, the language of the command line.

use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// Bad configuration or input: exit 2.
    Config(String),
    /// The command ran and its answer is "no": exit 1.
    Found(String),
}

impl Failure {
    /// Bad configuration or input, told in English.
    pub fn config(message: Message) -> Failure {
        Failure::Config(Lang::En.text(&message))
    }

    /// The command's "no", told in English.
    pub fn found(message: Message) -> Failure {
        Failure::Found(Lang::En.text(&message))
    }

    pub fn report(self) -> ExitCode {
        match self {
            Failure::Config(message) => {
                eprintln!("cloudpa: {message}");
                ExitCode::from(2)
            }
            Failure::Found(message) => {
                eprintln!("cloudpa: {message}");
                ExitCode::from(1)
            }
        }
    }
}

impl From<cloudpa_store::ConnectError> for Failure {
    fn from(err: cloudpa_store::ConnectError) -> Self {
        Failure::Config(err.to_string())
    }
}

impl From<cloudpa_store::StoreError> for Failure {
    fn from(err: cloudpa_store::StoreError) -> Self {
        Failure::Found(one_line(&err.to_string()))
    }
}

/// That `path` cannot be read or written (`key`, with the path and the
/// system's error).
pub fn cannot(key: &'static str, path: &std::path::Path, error: impl std::fmt::Display) -> Message {
    Message::new(key).arg("path", path.display().to_string()).arg("error", error.to_string())
}

pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}
