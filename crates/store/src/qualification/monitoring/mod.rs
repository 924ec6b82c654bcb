//! What a qualified service owes for its 36 months: its certificates (with
//! the reminders sent before each ends), the agency's alerts while a level's
//! requirement is unmet, the changes its provider notifies and the agency's
//! checks. Each write is one transaction with its audit entry and, where
//! someone must be told, its outbox event.

mod alerts;
mod certificates;
mod changes;
mod checks;

pub use alerts::{ALERT_TOPIC, Alert, Gap};
pub use certificates::{CertificateReminder, REMINDER_TOPIC, StoredCertificate};
pub use changes::{CHANGE_TOPIC, NotifiedChange};
pub use checks::{CHECK_TOPIC, Check, CheckClosing, NewCheck};
