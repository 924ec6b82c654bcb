//! The two sides' steps after qualification: the provider notifies changes;
//! the agency triages them, opens checks and closes them with findings and
//! an outcome — suspending, in the same step, a service found not compliant.

use super::listing_for;
use crate::qualification::{applications, require};
use crate::{Context, Error, Now};
use chrono::NaiveDate;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::lifecycle::QualificationEvent;
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage, check_notice, check_triage};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome, check_closing, check_opening};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::monitoring::{Check, CheckClosing, NewCheck, NotifiedChange};

/// 404, naming the record `what` that is not there.
fn missing(what: &'static str) -> Error {
    Error::not_found(Message::new("error-not-found").arg("what", Message::new(what)))
}

fn refused(problems: Vec<(&'static str, Message)>) -> Result<(), Error> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(problems.into_iter().fold(Error::validation(), |error, (field, rule)| error.field(field, rule)))
}

/// The provider of listing `id` notifies a change taking effect on
/// `effective_on`.
pub async fn notify(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    (kind, summary, effective_on): (ChangeKind, &str, NaiveDate),
) -> Result<NotifiedChange, Error> {
    require(user, Permission::ManageOwnListings)?;
    let listing = listing_for(ctx, user, id).await?;
    if listing.provider_id != user.organisation.id {
        return Err(Error::forbidden(Message::new("qual-other-provider")));
    }
    refused(check_notice(summary, now.today, effective_on))?;
    let ids = (id, listing.provider_id.as_str());
    let summary = summary.trim();
    let by = user.user.id.as_str();
    Ok(ctx.store.notify_change(&user.actor(), ids, (kind, summary), (now.today, effective_on), by, now.ms).await?)
}

/// The agency triages change `id`.
pub async fn triage(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    (triage, motivation): (ChangeTriage, &str),
) -> Result<NotifiedChange, Error> {
    require(user, Permission::ReviewApplications)?;
    let change = ctx.store.notified_change(id).await?.ok_or_else(|| missing("mon-no-change"))?;
    let listing = listing_for(ctx, user, &change.listing_id).await?;
    check_triage(change.triage, motivation).map_err(|(field, rule)| match field {
        "triage" => Error::conflict(rule),
        _ => Error::validation().field(field, rule),
    })?;
    let by = (user.user.id.as_str(), now.today);
    let triaged = (triage, motivation.trim());
    Ok(ctx.store.triage_change(&user.actor(), &change, &listing.provider_id, triaged, by, now.ms).await?)
}

/// What the agency writes to open a check.
pub struct CheckOpening<'a> {
    pub kind: CheckKind,
    pub subject: &'a str,
    pub respond_by: NaiveDate,
    pub alert_id: Option<&'a str>,
}

/// The agency opens a check of listing `id`.
pub async fn open_check(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    o: CheckOpening<'_>,
) -> Result<Check, Error> {
    require(user, Permission::ReviewApplications)?;
    let listing = listing_for(ctx, user, id).await?;
    refused(check_opening(o.subject, now.today, o.respond_by))?;
    if let Some(alert) = o.alert_id {
        let belongs = ctx.store.alert(alert).await?.is_some_and(|a| a.listing_id == id);
        if !belongs {
            return Err(Error::validation().field("alert_id", Message::new("mon-alert-other-listing")));
        }
    }
    let new = NewCheck {
        listing_id: id,
        provider_id: &listing.provider_id,
        kind: o.kind,
        subject: o.subject.trim(),
        alert_id: o.alert_id,
        opened_on: now.today,
        respond_by: o.respond_by,
        opened_by: &user.user.id,
    };
    Ok(ctx.store.open_check(&user.actor(), new, now.ms).await?)
}

/// The agency closes check `id` with its findings and outcome; with
/// `suspend_until`, the service found not compliant is suspended until that
/// day (a decision record, by the qualification's lifecycle) before the
/// check is closed.
pub async fn close_check(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    (outcome, findings, suspend_until): (CheckOutcome, &str, Option<NaiveDate>),
) -> Result<Check, Error> {
    require(user, Permission::ReviewApplications)?;
    let check = ctx.store.check(id).await?.ok_or_else(|| missing("mon-no-check"))?;
    let listing = listing_for(ctx, user, &check.listing_id).await?;
    let problems = check_closing(check.outcome, outcome, findings, suspend_until.is_some());
    if check.outcome.is_some() {
        return Err(Error::conflict(Message::new("mon-check-closed")));
    }
    refused(problems)?;
    if let Some(planned_end) = suspend_until {
        let reason = Message::new("mon-suspension-reason").arg("subject", check.subject.as_str());
        let reason = format!("{}: {}", cloudpa_i18n::Lang::It.text(&reason), findings.trim());
        let event = QualificationEvent::Suspend { reason, planned_end };
        applications::act_on_listing(ctx, user, now, &check.listing_id, event).await?;
    }
    let closing = CheckClosing {
        outcome,
        findings: findings.trim(),
        suspended_until: suspend_until,
        closed_by: &user.user.id,
        closed_on: now.today,
    };
    Ok(ctx.store.close_check(&user.actor(), (&check, &listing.provider_id), closing, now.ms).await?)
}
