//! Notifications: the outbox's events become e-mails to the provider's users
//! and to the reviewer (or, before assignment, the agency's reviewers). Sent
//! by SMTP when configured, otherwise written as `.eml` files to a local
//! mailbox directory that the interface shows (`/posta`).

pub mod mailbox;
mod mailer;
mod programme;

pub use mailer::Mailer;

use crate::Error;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_store::outbox::OutboxEvent;
use cloudpa_store::{Millis, Store};

/// One e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Delivers the e-mails of outbox event `event_id` and marks it delivered
/// (the job `deliver_event`). When one cannot be sent, the job fails and is
/// tried again later: every recipient may then get it twice, none misses it.
pub async fn deliver(
    store: &Store,
    mailer: &Mailer,
    public_url: &str,
    event_id: i64,
    now: Millis,
) -> Result<(), String> {
    let Some(event) = store.outbox_event(event_id).await.map_err(|e| e.to_string())? else {
        return Err(format!("no outbox event {event_id}"));
    };
    let emails = emails_for(store, &event, public_url).await.map_err(|e| e.to_string())?;
    for email in emails {
        mailer.send(&email, Some(message_id(event.id, &email.to, public_url))).await?;
    }
    store.mark_delivered(event.id, now).await.map_err(|e| e.to_string())
}

/// The Message-ID of event `event_id`'s e-mail to `to`: the same at every
/// attempt, so that a delivery retried after a crash is one message to the
/// recipient's mail system (RFC 5322 §3.6.4: left of `@` a dot-atom).
fn message_id(event_id: i64, to: &str, public_url: &str) -> String {
    let atom = |text: &str| -> String {
        text.chars().map(|c| if c.is_ascii_alphanumeric() || "-_+".contains(c) { c } else { '-' }).collect()
    };
    let host = public_url.split("://").nth(1).unwrap_or(public_url).split(['/', ':']).next().unwrap_or_default();
    let host: String = host.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.').collect();
    let host = if host.is_empty() { "cloudpa.localhost".to_owned() } else { host };
    format!("<event-{event_id}.{}@{host}>", atom(&to.to_lowercase()))
}

/// The e-mails an event asks for: qualification applications' ctx
/// changes go to the provider's users and to the reviewer in charge; the
/// programme's (state changes of an ente's application, reminders of
/// deadlines) to the ente's users and its aggregators'.
async fn emails_for(store: &Store, event: &OutboxEvent, public_url: &str) -> Result<Vec<Email>, Error> {
    match event.topic.as_str() {
        "application.state" => qualification_emails(store, event, public_url).await,
        programme::STATE | programme::REMINDER => programme::emails(store, event, public_url).await,
        _ => Ok(Vec::new()),
    }
}

async fn qualification_emails(store: &Store, event: &OutboxEvent, public_url: &str) -> Result<Vec<Email>, Error> {
    let p = &event.payload;
    let field = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let listing = store.current_listing(&field("listing_id")).await?;
    let service = listing.map(|l| l.details.name).unwrap_or_default();
    let link = format!("{}/qualificazioni/{}", public_url.trim_end_matches('/'), field("listing_id"));
    let (subject, body) =
        compose(&service, &field("from"), &field("to"), &field("on"), &field("application_id"), &link);
    let mut recipients: Vec<String> =
        store.list_users(&field("provider_id")).await?.into_iter().map(|u| u.email).collect();
    match p["assigned_to"].as_str() {
        Some(reviewer) => recipients.extend(store.user(reviewer).await?.map(|u| u.email)),
        None => recipients.extend(
            store
                .users_of_kind(OrganisationKind::Agency)
                .await?
                .into_iter()
                .filter(|u| u.role >= Role::Operator)
                .map(|u| u.email),
        ),
    }
    recipients.sort();
    recipients.dedup();
    Ok(recipients.into_iter().map(|to| Email { to, subject: subject.clone(), body: body.clone() }).collect())
}

/// The subject and body of the e-mail about an application changing state.
/// Lines stay under 76 bytes so the message travels as plain 8-bit text.
fn compose(service: &str, from: &str, to: &str, on: &str, application: &str, link: &str) -> (String, String) {
    let subject = format!("[cloudpa] {service}: domanda {} → {}", label(from), label(to));
    let on = on.parse::<chrono::NaiveDate>().map_or_else(|_| on.to_owned(), |d| d.format("%d/%m/%Y").to_string());
    let news = format!(
        "La domanda di qualificazione del servizio «{service}» è passata da «{}» a «{}» il {on}.",
        label(from),
        label(to),
    );
    let body = format!(
        "{}\n\nDomanda:\n{application}\nScheda pubblica:\n{link}\n\n-- \ncloudpa, piattaforma del Cloud della PA\n",
        cloudpa_documents::text::wrap(&news, 60).join("\n"),
    );
    (subject, body)
}

/// The Italian name of an application state.
fn label(code: &str) -> &'static str {
    match code {
        "draft" => "bozza",
        "submitted" => "presentata",
        "in_review" => "in istruttoria",
        "integration_requested" => "integrazione richiesta",
        "resubmitted" => "ripresentata",
        "qualified" => "qualificata",
        "rejected" => "respinta",
        "suspended" => "sospesa",
        "revoked" => "revocata",
        "expired" => "scaduta",
        "withdrawn" => "ritirata",
        "superseded" => "sostituita",
        _ => "sconosciuto",
    }
}

#[cfg(test)]
mod tests {
    use super::{compose, message_id};

    #[test]
    fn a_message_id_names_the_event_and_the_recipient_and_is_the_same_at_every_attempt() {
        let url = "https://cloud-pa.example.gov.it:8443/base";
        let id = message_id(42, "RTD@Comune-Genova.it", url);
        assert_eq!(id, "<event-42.rtd-comune-genova-it@cloud-pa.example.gov.it>");
        assert_eq!(id, message_id(42, "rtd@comune-genova.it", url), "every attempt names it alike");
        assert_ne!(id, message_id(43, "rtd@comune-genova.it", url));
        assert_eq!(message_id(1, "a@b.it", "not a url"), "<event-1.a-b-it@notaurl>");
    }

    #[test]
    fn the_state_change_email() {
        let (subject, body) = compose(
            "Protocollo informatico",
            "resubmitted",
            "qualified",
            "2026-11-23",
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "https://cloudpa.example.it/qualificazioni/0190a1b2",
        );
        insta::assert_snapshot!("state_change_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76), "8-bit transfer needs short lines");
    }
}
