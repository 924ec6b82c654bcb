//! `admin create-user`: bootstraps an account (and its organisation) from the
//! command line. The password is read from standard input, never from argv.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use crate::serve::open;
use clap::Subcommand;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::accounts::{check_display_name, check_password, normalise_email};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use cloudpa_store::accounts::NewUser;
use cloudpa_store::{Actor, StoreError};
use std::io::BufRead;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user; the organisation is created if no organisation has that name.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Organisation name.
        #[arg(long)]
        organisation: String,
        /// agency, provider, public_body, attestor or programme_office.
        #[arg(long, value_parser = parse_kind)]
        kind: OrganisationKind,
        /// viewer, operator or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// IPA code of a new organisation.
        #[arg(long)]
        ipa_code: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn parse_kind(s: &str) -> Result<OrganisationKind, String> {
    s.parse().map_err(|rule| Lang::En.text(&rule))
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse().map_err(|rule| Lang::En.text(&rule))
}

pub async fn run(command: AdminCommand, file: &FileConfig) -> Result<(), Failure> {
    let AdminCommand::CreateUser { email, name, organisation, kind, role, ipa_code, data } = command;
    let invalid = |option: &'static str| {
        move |e: cloudpa_domain::accounts::FieldError| {
            Failure::config(Message::new("cli-option-rule").arg("option", option).arg("rule", e.rule))
        }
    };
    let email = normalise_email(&email).map_err(invalid("email"))?;
    let name = check_display_name(&name).map_err(invalid("name"))?;
    let password = read_password()?;
    check_password(&password).map_err(|e| Failure::config(Message::new("cli-password-rule").arg("rule", e.rule)))?;
    let store = open(&data.resolve(file)?).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let org = match store.find_organisation_by_name(&organisation).await? {
        Some(org) if org.kind != kind => {
            return Err(Failure::config(
                Message::new("cli-organisation-kind")
                    .arg("organisation", organisation)
                    .arg("kind", org.kind.code())
                    .arg("asked", kind.code()),
            ));
        }
        Some(org) => org,
        None => store.create_organisation(&Actor::cli(), kind, &organisation, ipa_code.as_deref(), now).await?,
    };
    let new = NewUser { organisation_id: &org.id, email: &email, display_name: &name, password: &password, role };
    let user = store.create_user(&Actor::cli(), new, now).await.map_err(|e| match e {
        StoreError::Conflict(what) => Failure::config(Message::new("cli-exists").arg("what", what)),
        other => other.into(),
    })?;
    store.close().await;
    println!("created {} ({}) in {}", user.email, role.code(), org.name);
    Ok(())
}

fn read_password() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::config(Message::new("cli-password-unreadable").arg("error", e.to_string())))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
