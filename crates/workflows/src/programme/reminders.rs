//! The daily sweep of deadlines: for every running project, the reminder
//! owed today of each open deadline (30, 7 and 1 day before) is recorded
//! once, and the notifications worker mails it.

use super::deadlines::{DeadlineStatus, SettingsCache, deadlines_of};
use crate::Error;
use crate::Now;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::deadlines::reminder_due;
use cloudpa_store::Store;
use cloudpa_store::programme::reminders::Reminder;

/// Records the reminders owed on `as_of`; returns how many were new.
pub async fn send_due(store: &Store, now: Now) -> Result<usize, Error> {
    let (as_of, at) = (now.today, now.ms);
    let running =
        store.call_applications_in(&[CallApplicationState::Financed, CallApplicationState::Contracted]).await?;
    let mut settings = SettingsCache::default();
    let mut owed = Vec::new();
    for app in running {
        let terms = settings.get(store, &app.call_id).await?;
        for d in deadlines_of(&app, terms).into_iter().filter(DeadlineStatus::is_open) {
            if let Some(days_before) = reminder_due(d.deadline.due_on, as_of) {
                owed.push(Reminder {
                    application_id: app.id.clone(),
                    organisation_id: app.organisation_id.clone(),
                    call: app.call_title.clone(),
                    kind: d.deadline.kind.code().to_owned(),
                    due_on: d.deadline.due_on,
                    days_before,
                });
            }
        }
    }
    Ok(store.record_reminders(&owed, at).await?)
}
