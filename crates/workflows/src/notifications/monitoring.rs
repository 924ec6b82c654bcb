//! The monitoring's e-mails: a certificate ending soon (to the provider), an
//! alert of a requirement left unmet (to the agency's reviewers and the
//! provider), a change notified (to the agency) or triaged (to the
//! provider), a check opened or closed (to the provider).

use super::{Email, addressed};
use crate::Error;
use chrono::NaiveDate;
use cloudpa_documents::text::wrap;
use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use cloudpa_store::Store;
use cloudpa_store::outbox::OutboxEvent;
use cloudpa_store::qualification::monitoring::{ALERT_TOPIC, CHANGE_TOPIC, CHECK_TOPIC, REMINDER_TOPIC};

pub(super) const TOPICS: [&str; 4] = [REMINDER_TOPIC, ALERT_TOPIC, CHANGE_TOPIC, CHECK_TOPIC];

pub(super) async fn emails(store: &Store, event: &OutboxEvent, public_url: &str) -> Result<Vec<Email>, Error> {
    let p = &event.payload;
    let text = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let listing_id = text("listing_id");
    let service = store.current_listing(&listing_id).await?.map(|l| l.details.name).unwrap_or_default();
    let link = format!("{}/monitoraggio/servizi/{listing_id}", public_url.trim_end_matches('/'));
    let provider = store.list_users(&text("provider_id")).await?;
    let reviewers = || async {
        let agency = store.users_of_kind(OrganisationKind::Agency).await?;
        Ok::<_, Error>(agency.into_iter().filter(|u| u.role >= Role::Operator).collect::<Vec<_>>())
    };
    let (recipients, news) = match (event.topic.as_str(), text("step").as_str()) {
        (REMINDER_TOPIC, _) => {
            let until = text("valid_until").parse::<NaiveDate>().unwrap_or(NaiveDate::MIN);
            let news = Message::new("mail-mon-reminder")
                .arg("service", service.as_str())
                .arg("standard", standard_name(&text("standard")))
                .arg("until", until);
            (provider, news)
        }
        (ALERT_TOPIC, _) => {
            let on = text("on").parse::<NaiveDate>().unwrap_or(NaiveDate::MIN);
            let news = Message::new("mail-mon-alert")
                .arg("service", service.as_str())
                .arg("level", text("level"))
                .arg("reference", text("reference"))
                .arg("requirement", requirement_names(&text("requirement")))
                .arg("on", on);
            let mut all = reviewers().await?;
            all.extend(provider);
            (all, news)
        }
        (CHANGE_TOPIC, "notified") => {
            let news = Message::new("mail-mon-change").arg("service", service.as_str()).arg("summary", text("summary"));
            (reviewers().await?, news)
        }
        (CHANGE_TOPIC, _) => {
            let triage = Message::new(if text("triage") == "substantive" {
                "mon-triage-substantive"
            } else {
                "mon-triage-not_substantive"
            });
            let news = Message::new("mail-mon-triaged")
                .arg("service", service.as_str())
                .arg("summary", text("summary"))
                .arg("triage", triage);
            (provider, news)
        }
        (_, "opened") => {
            let by = text("respond_by").parse::<NaiveDate>().unwrap_or(NaiveDate::MIN);
            let news = Message::new("mail-mon-check-opened")
                .arg("service", service.as_str())
                .arg("subject", text("subject"))
                .arg("respond_by", by);
            (provider, news)
        }
        _ => {
            let outcome = Message::new(if text("outcome") == "compliant" {
                "mon-outcome-compliant"
            } else {
                "mon-outcome-not_compliant"
            });
            let news = Message::new("mail-mon-check-closed")
                .arg("service", service.as_str())
                .arg("subject", text("subject"))
                .arg("outcome", outcome);
            (provider, news)
        }
    };
    Ok(addressed(recipients, |lang| compose(lang, &news, &link)))
}

/// The subject and body, in `lang`, of a monitoring e-mail saying `news`.
fn compose(lang: Lang, news: &Message, link: &str) -> (String, String) {
    let subject = format!("[cloudpa] {}", lang.t("mail-mon-subject"));
    let body = format!(
        "{}\n\n{}\n{link}\n\n-- \n{}\n",
        wrap(&lang.text(news), 60).join("\n"),
        lang.t("mail-mon-page"),
        lang.t("mail-signature")
    );
    (subject, body)
}

fn standard_name(code: &str) -> String {
    use cloudpa_domain::qualification::monitoring::certificates::Standard;
    Standard::parse(code).map_or_else(|| code.to_owned(), |s| s.name().to_owned())
}

/// A requirement's key (`A+B|C`) as people read it: `A + B | C`.
fn requirement_names(key: &str) -> String {
    let alternatives: Vec<String> = key
        .split('|')
        .map(|alternative| alternative.split('+').map(standard_name).collect::<Vec<_>>().join(" + "))
        .collect();
    alternatives.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alert_email_names_the_requirement_as_people_read_it() {
        assert_eq!(
            requirement_names("ISO-IEC-27001+ISO-IEC-27017+ISO-IEC-27018|CSA-STAR-2"),
            "ISO/IEC 27001 + ISO/IEC 27017 + ISO/IEC 27018 | CSA STAR Level 2"
        );
        let news = Message::new("mail-mon-alert")
            .arg("service", "Protocollo informatico")
            .arg("level", "QC2")
            .arg("reference", "Allegato 4 §2.3")
            .arg("requirement", requirement_names("CSA-STAR-2"))
            .arg("on", "2026-12-01".parse::<NaiveDate>().unwrap());
        let (subject, body) = compose(Lang::It, &news, "https://cloudpa.example.it/monitoraggio/servizi/0190");
        insta::assert_snapshot!("alert_email", format!("Subject: {subject}\n\n{body}"));
        assert!(body.lines().all(|l| l.len() < 76), "8-bit transfer needs short lines");
        let (_, body_en) = compose(Lang::En, &news, "l");
        assert!(body_en.contains("no longer meets requirement Allegato 4 §2.3"), "{body_en}");
    }
}
