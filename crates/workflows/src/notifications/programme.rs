//! The programme's e-mails: an ente's application changing state, and the
//! reminders of its deadlines (30, 7 and 1 day before), to the ente's users
//! and to those of the aggregators it delegated.

use super::Email;
use crate::Error;
use chrono::NaiveDate;
use cloudpa_documents::text::wrap;
use cloudpa_domain::programme::cup::cup_due_on;
use cloudpa_domain::programme::deadlines::DeadlineKind;
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
    let (subject, body) = if event.topic == REMINDER {
        let kind = DeadlineKind::parse(&text("kind")).unwrap_or(DeadlineKind::Completion);
        let due = date("due_on").unwrap_or(sent_on);
        reminder(&text("call"), kind, due, p["days_before"].as_u64().unwrap_or(0), &link)
    } else {
        let cup_due = (text("to") == "financed").then(|| date("financed_on").map(cup_due_on)).flatten();
        state_change(&text("call"), &text("from"), &text("to"), sent_on, cup_due, p["motivation"].as_str(), &link)
    };
    let ente = text("organisation_id");
    let mut recipients: Vec<String> = store.list_users(&ente).await?.into_iter().map(|u| u.email).collect();
    for d in store.delegations_of_ente(&ente).await? {
        if d.period.active(sent_on) {
            recipients.extend(store.list_users(&d.aggregator_id).await?.into_iter().map(|u| u.email));
        }
    }
    recipients.sort();
    recipients.dedup();
    Ok(recipients.into_iter().map(|to| Email { to, subject: subject.clone(), body: body.clone() }).collect())
}

fn what(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Cup => "inserimento del CUP",
        DeadlineKind::Contract => "stipula del contratto con il fornitore",
        DeadlineKind::Completion => "completamento della migrazione",
    }
}

fn italian(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

fn sign(news: &str, link: &str) -> String {
    format!("{}\n\nCandidatura:\n{link}\n\n-- \ncloudpa, piattaforma del Cloud della PA\n", wrap(news, 60).join("\n"))
}

/// The reminder of a deadline `days_before` days ahead.
fn reminder(call: &str, kind: DeadlineKind, due: NaiveDate, days_before: u64, link: &str) -> (String, String) {
    let when = if days_before == 1 { "domani".to_owned() } else { format!("tra {days_before} giorni") };
    let subject = format!("[cloudpa] Scadenza {when}: {}", what(kind));
    let news = format!(
        "Il progetto finanziato dall'avviso «{call}» ha una scadenza il {}: {}. Se è già stata rispettata, \
         registratela sulla candidatura.",
        italian(due),
        what(kind)
    );
    (subject, sign(&news, link))
}

/// The Italian name of an application's state.
fn label(code: &str) -> &'static str {
    match code {
        "draft" => "bozza",
        "submitted" => "presentata",
        "not_admitted" => "non ammessa",
        "financed" => "finanziata",
        "contracted" => "con contratto attivato",
        "completed" => "completata",
        "attested" => "asseverata",
        "paid" => "erogata",
        "withdrawn" => "rinunciata",
        "revoked" => "revocata",
        _ => "sconosciuto",
    }
}

fn state_change(
    call: &str,
    from: &str,
    to: &str,
    on: NaiveDate,
    cup_due: Option<NaiveDate>,
    motivation: Option<&str>,
    link: &str,
) -> (String, String) {
    let subject = format!("[cloudpa] Candidatura {}: {call}", label(to));
    let mut news = format!(
        "La candidatura all'avviso «{call}» è passata da «{}» a «{}» il {}.",
        label(from),
        label(to),
        italian(on)
    );
    if let Some(due) = cup_due {
        news.push_str(&format!(" Il CUP va inserito entro il {}.", italian(due)));
    }
    if let Some(m) = motivation {
        news.push_str(&format!(" Motivazione: {m}"));
    }
    (subject, sign(&news, link))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_reminder_email() {
        let (subject, body) = reminder(
            "1.2 Abilitazione al Cloud - Comuni - dicembre 2026",
            DeadlineKind::Contract,
            day("2027-06-08"),
            7,
            "https://cloudpa.example.it/candidature/0190a1b2",
        );
        insta::assert_snapshot!("reminder_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76), "8-bit transfer needs short lines");
        assert!(reminder("x", DeadlineKind::Cup, day("2027-01-01"), 1, "l").0.contains("domani"));
    }

    #[test]
    fn the_financing_email_gives_the_cup_deadline() {
        let (subject, body) = state_change(
            "1.2 Abilitazione al Cloud - Comuni - dicembre 2026",
            "submitted",
            "financed",
            day("2026-12-08"),
            Some(cup_due_on(day("2026-12-08"))),
            None,
            "https://cloudpa.example.it/candidature/0190a1b2",
        );
        insta::assert_snapshot!("financed_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76));
    }
}
