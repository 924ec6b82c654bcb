//! Applications: opening, answering, submitting (with the automatic triage)
//! and every transition of the lifecycle, each one decided by the domain.

use super::decisions::{ceiling, decision_details, motivation};
use super::{listings::own_listing, require, side};
use crate::Context;
use crate::Current;
use crate::Error;
use crate::Now;
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::effects::{
    in_force, in_review, is_renewed_by_a_new_application, is_superseded_by_a_new_qualification,
};
use cloudpa_domain::qualification::lifecycle::{
    Actor as Side, DecisionKind, QualificationEvent, QualificationState, TransitionError, transition,
};
use cloudpa_domain::qualification::requirements::RequirementSet;
use cloudpa_domain::qualification::track::Track;
use cloudpa_domain::qualification::triage::{Answer, Finding, Triage, check_answer, triage};
use cloudpa_store::StoreError;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::qualification::applications::{Application, Change, NewApplication, NewDecision, Review};
use cloudpa_store::qualification::listings::ListingVersion;

/// The states of an application still in progress.
pub const OPEN: [QualificationState; 5] = [
    QualificationState::Draft,
    QualificationState::Submitted,
    QualificationState::InReview,
    QualificationState::IntegrationRequested,
    QualificationState::Resubmitted,
];

/// Opens a draft for a listing's current version. When the listing is (or
/// was) qualified, the draft is a renewal pre-filled from that application.
pub async fn open(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    listing_id: &str,
    set_id: Option<&str>,
) -> Result<Application, Error> {
    require(user, Permission::ManageOwnListings)?;
    let listing = own_listing(ctx, user, listing_id).await?;
    let existing = ctx.store.listing_applications(listing_id).await?;
    if existing.iter().any(|a| OPEN.contains(&a.state)) {
        return Err(Error::conflict(Message::new("qual-application-open")));
    }
    let history = ctx.store.listing_history(listing_id).await?;
    if history.current().is_some_and(|i| i.status.is_final()) {
        return Err(Error::conflict(Message::new("qual-revoked-listing")));
    }
    let track = super::track_of(ctx, user).await?;
    let set = requirement_set(ctx, (set_id.unwrap_or(track.default_set()), track), &listing).await?;
    let previous = existing.iter().find(|a| is_renewed_by_a_new_application(a.state));
    let new = NewApplication {
        listing_id,
        listing_version: listing.version,
        provider_id: &listing.provider_id,
        set: &set,
        renewal_of: previous.map(|a| a.id.as_str()),
        prefill_from: previous.map(|a| a.id.as_str()),
    };
    Ok(ctx.store.create_application(&user.actor(), &new, now.ms).await?)
}

/// Opens the re-review of a substantive change: a draft for the new version,
/// pre-filled from the application that qualified the listing.
pub async fn open_re_review(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    version: &ListingVersion,
) -> Result<String, Error> {
    let existing = ctx.store.listing_applications(&version.listing_id).await?;
    let qualified = existing.iter().find(|a| in_force(a.state)).ok_or_else(Error::internal)?;
    let set = ctx.store.requirement_set(&qualified.requirement_set, None).await?.ok_or_else(Error::internal)?;
    let new = NewApplication {
        listing_id: &version.listing_id,
        listing_version: version.version,
        provider_id: &version.provider_id,
        set: &set,
        renewal_of: None,
        prefill_from: Some(&qualified.id),
    };
    Ok(ctx.store.create_application(&user.actor(), &new, now.ms).await?.id)
}

async fn requirement_set(
    ctx: &Context,
    (id, track): (&str, Track),
    listing: &ListingVersion,
) -> Result<RequirementSet, Error> {
    let set =
        ctx.store.requirement_set(id, None).await?.ok_or_else(|| {
            Error::validation().field("requirement_set", Message::new("qual-set-unknown").arg("set", id))
        })?;
    if !set.covers(listing.details.terms.kind) {
        let rule = Message::new("qual-set-kind").arg("set", id).arg("kind", listing.details.terms.kind.code());
        return Err(Error::validation().field("requirement_set", rule));
    }
    if set.track != track {
        let rule = Message::new(match track {
            Track::Qualification => "qual-set-track",
            Track::Adeguamento => "qual-set-track-public",
        });
        return Err(Error::validation().field("requirement_set", rule.arg("set", id)));
    }
    Ok(set)
}

/// The application and the side `user` is on; 404 when it does not exist,
/// 403 when it belongs to another provider.
pub async fn load(ctx: &Context, user: &SessionUser, id: &str) -> Result<(Application, Side), Error> {
    let app = ctx
        .store
        .application(id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("qual-no-application").arg("id", id)))?;
    let side = side(user, &app.provider_id)?;
    Ok((app, side))
}

/// Assigns the application to the calling reviewer.
pub async fn assign(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<(), Error> {
    require(user, Permission::ReviewApplications)?;
    load(ctx, user, id).await?;
    Ok(ctx.store.assign_application(&user.actor(), id, &user.user.id, now.ms).await?)
}

/// The requirement set an application answers.
pub async fn set_of(ctx: &Context, app: &Application) -> Result<RequirementSet, Error> {
    ctx.store.requirement_set(&app.requirement_set, Some(&app.requirement_version)).await?.ok_or_else(Error::internal)
}

/// Stores one answer of a draft (or of an application sent back for integration).
pub async fn answer(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    requirement_id: &str,
    answer: &Answer,
) -> Result<(), Error> {
    let (app, side) = load(ctx, user, id).await?;
    require(user, Permission::ManageOwnListings)?;
    if side != Side::Provider {
        return Err(Error::forbidden(Message::new("qual-provider-answers")));
    }
    if !app.state.is_editable() {
        return Err(Error::conflict(Message::new("qual-not-editable").arg("state", app.state.message())));
    }
    let set = set_of(ctx, &app).await?;
    let requirement = set.requirement(requirement_id).ok_or_else(|| {
        Error::not_found(
            Message::new("qual-requirement-not-in-set").arg("requirement", requirement_id).arg("set", &set.id),
        )
    })?;
    check_answer(requirement, answer).map_err(|e| Error::validation().field(requirement_id, e.message()))?;
    if let Answer::Certificate { document, .. } | Answer::Document { document } = answer {
        let owned = ctx.store.blob_info(&user.organisation.id, document).await?.is_some();
        if !owned {
            return Err(Error::validation().field(requirement_id, Message::new("qual-document-not-owned")));
        }
    }
    ctx.store.save_answer(&user.actor(), id, requirement_id, answer, now.ms).await?;
    Ok(())
}

/// Records a reviewer's verdict (`met`, `not_met`, `unclear`) and note on one
/// requirement of an application in review.
pub async fn review(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    requirement_id: &str,
    verdict: &str,
    note: &str,
) -> Result<(), Error> {
    require(user, Permission::ReviewApplications)?;
    let (app, _) = load(ctx, user, id).await?;
    if !in_review(app.state) {
        return Err(Error::conflict(Message::new("qual-not-in-review").arg("state", app.state.message())));
    }
    if set_of(ctx, &app).await?.requirement(requirement_id).is_none() {
        let refusal = Message::new("qual-requirement-not-in-application").arg("requirement", requirement_id);
        return Err(Error::not_found(refusal));
    }
    if !["met", "not_met", "unclear"].contains(&verdict) {
        return Err(Error::validation().field("verdict", Message::new("qual-verdict")));
    }
    let review = Review {
        requirement_id: requirement_id.to_owned(),
        verdict: verdict.to_owned(),
        note: note.trim().to_owned(),
        reviewer_id: user.user.id.clone(),
        at_ms: now.ms,
    };
    ctx.store.save_review(&user.actor(), id, &review, now.ms).await?;
    Ok(())
}

/// Submits (or resubmits) an application after the automatic triage: a
/// definite fail is refused with its findings and the application stays
/// editable.
pub async fn submit(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Application, Error> {
    let (app, _) = load(ctx, user, id).await?;
    let set = set_of(ctx, &app).await?;
    let listing = ctx.store.listing_version(&app.listing_id, app.listing_version).await?.ok_or_else(Error::internal)?;
    let answers = ctx.store.answers(id).await?;
    let terms = &listing.details.terms;
    let level = (!set.levels.is_empty()).then_some(terms.level);
    let outcome = triage(&set, terms.kind, level, &answers, now.today);
    if let Triage::Fail { findings } = &outcome {
        let problem = Error::unprocessable(Message::new("qual-triage-failed"));
        return Err(findings.iter().fold(problem, |p, f| match f {
            Finding::Unanswered { requirement } => p.field(requirement, Message::new("qual-triage-unanswered")),
            Finding::DeclaredNo { requirement } => p.field(requirement, Message::new("qual-triage-declared-no")),
            Finding::CertificateExpired { requirement, expired_on } => {
                p.field(requirement, Message::new("qual-triage-expired").arg("date", *expired_on))
            }
        }));
    }
    let event = if app.state == QualificationState::IntegrationRequested {
        QualificationEvent::Resubmit
    } else {
        QualificationEvent::Submit
    };
    act_on(ctx, user, now, app, event, Some(&outcome)).await.map(|(app, _)| app)
}

/// Applies `event` to the application `id`, made to its version `expected`
/// when given (`If-Match`, a page's form): refused with 409 when another
/// change came first, naming who made it and when.
pub async fn act(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    (id, expected): (&str, Option<i64>),
    event: QualificationEvent,
) -> Result<(Application, Option<String>), Error> {
    let (app, _) = load(ctx, user, id).await?;
    if expected.is_some_and(|version| version != app.version) {
        return Err(ctx.store.application_moved_on(&app.id).await.into());
    }
    act_on(ctx, user, now, app, event, None).await
}

/// Applies a decision on a listing (suspend, reinstate, revoke) to the
/// application that qualified it.
pub async fn act_on_listing(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    listing_id: &str,
    event: QualificationEvent,
) -> Result<(Application, Option<String>), Error> {
    require(user, Permission::ReviewApplications)?;
    let applications = ctx.store.listing_applications(listing_id).await?;
    let app = applications
        .into_iter()
        .find(|a| in_force(a.state))
        .ok_or_else(|| Error::conflict(Message::new("qual-not-in-force")))?;
    act_on(ctx, user, now, app, event, None).await
}

async fn act_on(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    app: Application,
    event: QualificationEvent,
    triage: Option<&Triage>,
) -> Result<(Application, Option<String>), Error> {
    let side = side(user, &app.provider_id)?;
    require(user, if side == Side::Agency { Permission::ReviewApplications } else { Permission::ManageOwnListings })?;
    let on = now.today;
    let t = match transition(app.state, &event, side, on) {
        Ok(t) => t,
        Err(e @ TransitionError::NotAllowed { .. }) if app.version > 1 => {
            return Err(with_latest_change(ctx, &app.id, transition_problem(e)).await);
        }
        Err(e) => return Err(transition_problem(e)),
    };
    if let Some(status) = t.listing {
        let mut history = ctx.store.listing_history(&app.listing_id).await?;
        history.open(status, on, None).map_err(|e| Error::conflict(e.message()))?;
    }
    let listing = ctx.store.listing_version(&app.listing_id, app.listing_version).await?.ok_or_else(Error::internal)?;
    let supersedes = match t.decision {
        Some(DecisionKind::Qualification) => {
            let previous = ctx
                .store
                .listing_applications(&app.listing_id)
                .await?
                .into_iter()
                .find(|a| a.id != app.id && is_superseded_by_a_new_qualification(a.state));
            if let Some(previous) = &previous {
                transition(previous.state, &QualificationEvent::Supersede, Side::System, on)
                    .map_err(transition_problem)?;
            }
            previous.map(|p| p.id)
        }
        _ => None,
    };
    let motivation = motivation(&event);
    let ceiling = match t.decision {
        Some(_) => ceiling(&ctx.store, &listing).await?,
        None => None,
    };
    let decision = t.decision.map(|kind| NewDecision {
        kind,
        motivation,
        decided_by: &user.user.id,
        details: decision_details(kind, &app, &listing, ceiling.as_deref(), &event, on),
    });
    let change = Change {
        to: t.to,
        event: event.name(),
        on,
        triage,
        integration_deadline: match &event {
            QualificationEvent::RequestIntegration { deadline } => Some(*deadline),
            _ => None,
        },
        decision,
        listing_status: t.listing,
        supersedes: supersedes.as_deref(),
        reviewer: matches!(event, QualificationEvent::StartReview).then_some(user.user.id.as_str()),
    };
    let decision_id = ctx.store.apply_transition(&user.actor(), &app, change, now.ms).await.map_err(|e| match e {
        StoreError::Conflict(_) => Error::conflict(Message::new("qual-changed-meanwhile")),
        other => other.into(),
    })?;
    if t.listing.is_some() {
        ctx.refresh_catalogue().await;
    }
    let app = ctx.store.application(&app.id).await?.ok_or_else(Error::internal)?;
    Ok((app, decision_id))
}

/// `refused`, with who made the latest change of the application and when
/// (a step another reviewer already took is refused by the lifecycle, and
/// the one refused is told whose step it was).
async fn with_latest_change(ctx: &Context, application: &str, mut refused: Error) -> Error {
    if let StoreError::Stale { version, changed_by, changed_at_ms, .. } =
        ctx.store.application_moved_on(application).await
    {
        let said = refused.detail.take().unwrap_or_else(|| Message::new("error-refused"));
        let message = Message::new("error-last-changed")
            .arg("refusal", said)
            .arg("changed_by", changed_by.as_str())
            .arg("version", version);
        refused.detail = Some(message);
        refused.current = Some(Box::new(Current { version, changed_by, changed_at_ms }));
    }
    refused
}

pub(super) fn transition_problem(e: TransitionError) -> Error {
    match e {
        TransitionError::NotAllowed { .. } => Error::conflict(e.message()),
        TransitionError::WrongActor { .. } => Error::forbidden(e.message()),
        TransitionError::MissingMotivation => Error::validation().field("motivation", Message::new("qual-not-empty")),
        TransitionError::DateNotAfter { .. } => Error::validation().detail(e.message()).field("date", e.message()),
    }
}
