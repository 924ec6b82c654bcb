//! Sending e-mail with lettre: SMTP when a URL is configured, otherwise
//! `.eml` files in the mailbox directory.

use super::Email;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

/// Where notifications go.
#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Mailbox { transport: AsyncFileTransport<Tokio1Executor>, from: Mailbox, dir: PathBuf },
}

impl Mailer {
    /// SMTP for `smtp://…` or `smtps://…` URLs (lettre's syntax, credentials
    /// in the URL), otherwise a mailbox directory.
    pub fn new(smtp_url: Option<&str>, from: &str, mailbox_dir: PathBuf) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("mail sender `{from}`: {e}"))?;
        match smtp_url {
            Some(url) => {
                let transport =
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("SMTP URL: {e}"))?.build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                std::fs::create_dir_all(&mailbox_dir).map_err(|e| format!("{}: {e}", mailbox_dir.display()))?;
                let transport = AsyncFileTransport::<Tokio1Executor>::new(&mailbox_dir);
                Ok(Mailer::Mailbox { transport, from, dir: mailbox_dir })
            }
        }
    }

    /// The mailbox directory, when notifications are kept locally.
    pub fn mailbox_dir(&self) -> Option<&std::path::Path> {
        match self {
            Mailer::Mailbox { dir, .. } => Some(dir),
            Mailer::Smtp { .. } => None,
        }
    }

    /// Sends `email`; `message_id` (`<…@…>`) names it, so that the same
    /// message sent twice (a retried delivery) is known as one by the
    /// recipient's mail system; without one, lettre makes a random one.
    pub async fn send(&self, email: &Email, message_id: Option<String>) -> Result<(), String> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Mailbox { from, .. } => from.clone(),
        };
        let to: Mailbox = email.to.parse().map_err(|e| format!("recipient `{}`: {e}", email.to))?;
        let text = email.body.replace('\n', "\r\n");
        // Plain 8-bit text when every line is short enough (readable as it
        // is); otherwise lettre picks an encoding (a long link, a long name).
        let body = Body::new_with_encoding(text.clone(), ContentTransferEncoding::EightBit)
            .unwrap_or_else(|_| Body::new(text));
        let part = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(body);
        let message =
            Message::builder().from(from).to(to).subject(&email.subject).message_id(message_id).singlepart(part);
        let message = message.map_err(|e| e.to_string())?;
        match self {
            Mailer::Smtp { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Mailbox { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_long_line_is_encoded_not_refused() {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("cloudpa-mailer-{nanos}"));
        let mailer = Mailer::new(None, "cloudpa <noreply@cloudpa.localhost>", dir.clone()).unwrap();
        let link = format!("https://cloudpa.esempio.gov.it/ente/candidature/{}", "0".repeat(36));
        let email = Email { to: "rtd@comune.it".into(), subject: "Prova".into(), body: format!("Link:\n{link}\n") };
        mailer.send(&email, None).await.unwrap();
        let sent = std::fs::read_dir(&dir).unwrap().count();
        let _ = std::fs::remove_dir_all(dir);
        assert_eq!(sent, 1);
    }
}
