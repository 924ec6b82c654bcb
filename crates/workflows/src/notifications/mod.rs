//! Notifications: the outbox's events become e-mails to the provider's users
//! and to the reviewer (or, before assignment, the agency's reviewers). Sent
//! by SMTP when configured, otherwise written as `.eml` files to a local
//! mailbox directory that the interface shows (`/posta`).

pub mod mailbox;
mod mailer;
mod monitoring;
mod programme;

pub use mailer::Mailer;

use crate::Error;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::message::{Arg, Message};
use cloudpa_i18n::Lang;
use cloudpa_store::accounts::User;
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
        topic if monitoring::TOPICS.contains(&topic) => monitoring::emails(store, event, public_url).await,
        _ => Ok(Vec::new()),
    }
}

async fn qualification_emails(store: &Store, event: &OutboxEvent, public_url: &str) -> Result<Vec<Email>, Error> {
    let p = &event.payload;
    let field = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let listing = store.current_listing(&field("listing_id")).await?;
    let service = listing.map(|l| l.details.name).unwrap_or_default();
    let link = format!("{}/qualificazioni/{}", public_url.trim_end_matches('/'), field("listing_id"));
    let news = StateChange {
        service: &service,
        from: &field("from"),
        to: &field("to"),
        on: &field("on"),
        application: &field("application_id"),
        link: &link,
    };
    let mut recipients = store.list_users(&field("provider_id")).await?;
    match p["assigned_to"].as_str() {
        Some(reviewer) => recipients.extend(store.user(reviewer).await?),
        None => recipients.extend(
            store.users_of_kind(OrganisationKind::Agency).await?.into_iter().filter(|u| u.role >= Role::Operator),
        ),
    }
    Ok(addressed(recipients, |lang| compose(lang, &news)))
}

/// One e-mail to each of `recipients` (once each), in the language each
/// reads the platform in.
pub(super) fn addressed(mut recipients: Vec<User>, compose: impl Fn(Lang) -> (String, String)) -> Vec<Email> {
    recipients.sort_by(|a, b| a.email.cmp(&b.email));
    recipients.dedup_by(|a, b| a.email == b.email);
    let texts = Lang::ALL.map(&compose);
    recipients
        .into_iter()
        .map(|user| {
            let lang = Lang::parse(&user.language).unwrap_or(Lang::It);
            let (subject, body) = texts[lang as usize].clone();
            Email { to: user.email, subject, body }
        })
        .collect()
}

/// What an e-mail about an application changing state says.
struct StateChange<'a> {
    service: &'a str,
    from: &'a str,
    to: &'a str,
    on: &'a str,
    application: &'a str,
    link: &'a str,
}

/// The subject and body, in `lang`, of the e-mail about an application
/// changing state. Lines stay under 76 bytes so the message travels as plain
/// 8-bit text.
fn compose(lang: Lang, news: &StateChange) -> (String, String) {
    let label = |code: &str| state_name(lang, "mail-qual-state-", code);
    let (from, to) = (label(news.from), label(news.to));
    let subject =
        lang.text(&Message::new("mail-qual-subject").arg("service", news.service).arg("from", &from).arg("to", &to));
    let on = news.on.parse::<chrono::NaiveDate>().map_or_else(|_| Arg::from(news.on), Arg::Date);
    let said =
        Message::new("mail-qual-news").arg("service", news.service).arg("from", from).arg("to", to).arg("on", on);
    let body = format!(
        "{}\n\n{}\n{}\n{}\n{}\n\n-- \n{}\n",
        cloudpa_documents::text::wrap(&lang.text(&said), 60).join("\n"),
        lang.t("mail-qual-application"),
        news.application,
        lang.t("mail-qual-public-page"),
        news.link,
        lang.t("mail-signature"),
    );
    (subject, body)
}

/// The name in `lang` of a state `code` of the texts under `prefix`.
pub(super) fn state_name(lang: Lang, prefix: &str, code: &str) -> String {
    match lang.t(&format!("{prefix}{code}")) {
        "" => lang.t("mail-unknown-state").to_owned(),
        name => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, StateChange, compose, message_id};

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
    fn the_state_change_email_in_each_language() {
        let news = StateChange {
            service: "Protocollo informatico",
            from: "resubmitted",
            to: "qualified",
            on: "2026-11-23",
            application: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            link: "https://cloudpa.example.it/qualificazioni/0190a1b2",
        };
        let (subject, body) = compose(Lang::It, &news);
        insta::assert_snapshot!("state_change_email", format!("Subject: {subject}\n\n{body}"));
        let (subject, body_en) = compose(Lang::En, &news);
        insta::assert_snapshot!("state_change_email_en", format!("Subject: {subject}\n\n{body_en}"));
        assert!(body.lines().chain(body_en.lines()).all(|l| l.len() < 76), "8-bit transfer needs short lines");
    }
}
