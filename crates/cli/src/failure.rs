//! How a command fails: one line on standard error and an exit code.
//! 2 — bad configuration or input; 1 — the command ran and found a problem
//! (a broken audit chain, rejected import rows) or the database failed.

use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// Bad configuration or input: exit 2.
    Config(String),
    /// The command ran and its answer is "no": exit 1.
    Found(String),
}

impl Failure {
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

pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}
