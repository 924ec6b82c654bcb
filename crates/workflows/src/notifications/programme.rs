//! The programme's e-mails: an ente's application changing state, and the
//! reminders of its deadlines (30, 7 and 1 day before), to the ente's users
//! and to those of the aggregators it delegated.

use super::{Email, addressed, state_name};
use crate::Error;
use chrono::NaiveDate;
use cloudpa_documents::text::wrap;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::cup::cup_due_on;
use cloudpa_domain::programme::deadlines::DeadlineKind;
use cloudpa_i18n::Lang;
use cloudpa_store::Store;
use cloudpa_store::outbox::OutboxEvent;

pub(super) const STATE: &str = cloudpa_store::programme::applications::STATE_TOPIC;
pub(super) const REMINDER: &str = cloudpa_store::programme::reminders::REMINDER_TOPIC;

pub(super) async fn emails(store: &Store, event: &OutboxEvent, public_url: &str) -> Result<Vec<Email>, Error> {
    let p = &event.payload;
    let text = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let date = |k: &str| p[k].as_str().and_then(|d| d.parse::<NaiveDate>().ok());
    let link = format!("{}/candidature/{}", public_url.trim_end_matches('/'), text("application_id"));
    let sent_on =
        chrono::DateTime::from_timestamp_millis(event.created_at_ms).map_or(NaiveDate::MIN, |t| t.date_naive());
    let ente = text("organisation_id");
    let mut recipients = store.list_users(&ente).await?;
    for d in store.delegations_of_ente(&ente).await? {
        if d.period.active(sent_on) {
            recipients.extend(store.list_users(&d.aggregator_id).await?);
        }
    }
    let call = text("call");
    if event.topic == REMINDER {
        let kind = DeadlineKind::parse(&text("kind")).unwrap_or(DeadlineKind::Completion);
        let due = date("due_on").unwrap_or(sent_on);
        let days = p["days_before"].as_u64().unwrap_or(0);
        Ok(addressed(recipients, |lang| reminder(lang, &call, kind, due, days, &link)))
    } else {
        let cup_due = (text("to") == "financed").then(|| date("financed_on").map(cup_due_on)).flatten();
        let change = Change { call: &call, from: &text("from"), to: &text("to"), on: sent_on, cup_due };
        let motivation = p["motivation"].as_str();
        Ok(addressed(recipients, |lang| state_change(lang, &change, motivation, &link)))
    }
}

fn what(kind: DeadlineKind) -> Message {
    Message::new(match kind {
        DeadlineKind::Cup => "mail-prog-deadline-cup",
        DeadlineKind::Contract => "mail-prog-deadline-contract",
        DeadlineKind::Completion => "mail-prog-deadline-completion",
    })
}

fn sign(lang: Lang, news: &str, link: &str) -> String {
    format!(
        "{}\n\n{}\n{link}\n\n-- \n{}\n",
        wrap(news, 60).join("\n"),
        lang.t("mail-prog-application"),
        lang.t("mail-signature")
    )
}

/// The reminder, in `lang`, of a deadline `days_before` days ahead.
fn reminder(lang: Lang, call: &str, kind: DeadlineKind, due: NaiveDate, days: u64, link: &str) -> (String, String) {
    let when = Message::new("mail-prog-when").arg("days", days);
    let subject = lang.text(&Message::new("mail-prog-reminder-subject").arg("when", when).arg("what", what(kind)));
    let news = Message::new("mail-prog-reminder-news").arg("call", call).arg("due", due).arg("what", what(kind));
    (subject, sign(lang, &lang.text(&news), link))
}

/// What an e-mail about an application changing state says.
struct Change<'a> {
    call: &'a str,
    from: &'a str,
    to: &'a str,
    on: NaiveDate,
    cup_due: Option<NaiveDate>,
}

fn state_change(lang: Lang, change: &Change, motivation: Option<&str>, link: &str) -> (String, String) {
    let label = |code: &str| state_name(lang, "mail-prog-state-", code);
    let subject =
        lang.text(&Message::new("mail-prog-state-subject").arg("state", label(change.to)).arg("call", change.call));
    let said = Message::new("mail-prog-state-news")
        .arg("call", change.call)
        .arg("from", label(change.from))
        .arg("to", label(change.to))
        .arg("on", change.on);
    let mut news = lang.text(&said);
    if let Some(due) = change.cup_due {
        news.push(' ');
        news.push_str(&lang.text(&Message::new("mail-prog-state-cup").arg("due", due)));
    }
    if let Some(m) = motivation {
        news.push(' ');
        news.push_str(&lang.text(&Message::new("mail-prog-state-motivation").arg("motivation", m)));
    }
    (subject, sign(lang, &news, link))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const CALL: &str = "1.2 Abilitazione al Cloud - Comuni - dicembre 2026";
    const LINK: &str = "https://cloudpa.example.it/candidature/0190a1b2";

    #[test]
    fn the_reminder_email() {
        let (subject, body) = reminder(Lang::It, CALL, DeadlineKind::Contract, day("2027-06-08"), 7, LINK);
        insta::assert_snapshot!("reminder_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76), "8-bit transfer needs short lines");
        assert!(reminder(Lang::It, "x", DeadlineKind::Cup, day("2027-01-01"), 1, "l").0.contains("domani"));
        let (subject, body) = reminder(Lang::En, CALL, DeadlineKind::Contract, day("2027-06-08"), 1, LINK);
        assert_eq!(subject, "[cloudpa] Deadline tomorrow: signing the contract with the supplier");
        assert!(body.contains("has a deadline on 08/06/2027"), "{body}");
    }

    #[test]
    fn the_financing_email_gives_the_cup_deadline() {
        let on = day("2026-12-08");
        let change = Change { call: CALL, from: "submitted", to: "financed", on, cup_due: Some(cup_due_on(on)) };
        let (subject, body) = state_change(Lang::It, &change, None, LINK);
        insta::assert_snapshot!("financed_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76));
        let (subject, body) = state_change(Lang::En, &change, Some("ok"), LINK);
        insta::assert_snapshot!("financed_email_en", format!("Subject: {subject}\n\n{body}"));
    }
}
