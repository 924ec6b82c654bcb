//! `audit verify`: re-computes the hash chain of the audit log.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use clap::Subcommand;
use cloudpa_domain::message::Message;
use cloudpa_store::Store;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Exit 0 when the chain holds; 1, naming the first bad entry, when not.
    Verify(DataArgs),
}

pub async fn run(command: AuditCommand, file: &FileConfig) -> Result<(), Failure> {
    let AuditCommand::Verify(args) = command;
    let config = args.resolve(file)?;
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    let verification = store.verify_audit().await?;
    store.close().await;
    match verification.first_bad {
        None => {
            println!("audit chain verified: {} entries, head {}", verification.entries, verification.head_hash);
            Ok(())
        }
        Some(bad) => Err(Failure::found(
            Message::new("cli-audit-broken")
                .arg("seq", bad.seq)
                .arg("reason", bad.reason)
                .arg("verified", verification.entries),
        )),
    }
}
