//! The platform's own step of the lifecycle: qualifications that reach the
//! end of their validity expire (run by the hourly sweep, not by a user).

use super::applications::transition_problem;
use crate::{Error, Now};
use cloudpa_domain::qualification::lifecycle::{Actor as Side, QualificationEvent, expires_on, transition};
use cloudpa_store::Actor;
use cloudpa_store::qualification::applications::Change;

/// Expires every qualification older than 36 months on `on` (Regolamento
/// ACN 21007/24); returns how many expired. Run by the platform, not a user.
pub async fn expire_due(store: &cloudpa_store::Store, now: Now) -> Result<usize, Error> {
    let on = now.today;
    let mut expired = 0;
    for (app, qualified_on) in store.qualified_applications().await? {
        if expires_on(qualified_on) > on {
            continue;
        }
        let t = transition(app.state, &QualificationEvent::Expire, Side::System, on).map_err(transition_problem)?;
        let history = store.listing_history(&app.listing_id).await?;
        let since = history.current().map_or(qualified_on, |i| i.from);
        let change = Change {
            to: t.to,
            event: QualificationEvent::Expire.name(),
            on: expires_on(qualified_on).max(since),
            triage: None,
            integration_deadline: None,
            decision: None,
            listing_status: t.listing,
            supersedes: None,
            reviewer: None,
        };
        store.apply_transition(&Actor::system(), &app, change, now.ms).await?;
        expired += 1;
    }
    Ok(expired)
}
