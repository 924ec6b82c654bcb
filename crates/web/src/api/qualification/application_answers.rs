//! What the application operations answer: an application with its form,
//! the reviewers' queue, and the outcome of a decision.

use crate::AppState;
use crate::api::qualification::records::{
    DecisionRecord, ListingVersionRecord, QualificationApplication, Requirement, RequirementAnswer, RequirementReview,
};
use crate::problem::Problem;
use cloudpa_store::qualification::applications::{Application, QueueItem};
use cloudpa_workflows::qualification::applications::set_of;
use serde::Serialize;
use utoipa::ToSchema;

/// An application with its form (the applicable requirements and their
/// answers), the reviewers' verdicts and the listing's decisions.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationFile {
    application: QualificationApplication,
    /// The listing version the application is for.
    listing: ListingVersionRecord,
    requirement_set: RequirementSetRef,
    /// The requirements that apply to the listing's kind and level.
    form: Vec<FormEntry>,
    reviews: Vec<RequirementReview>,
    /// Every decision on the listing, oldest first.
    decisions: Vec<DecisionRecord>,
}

/// The requirement set (and version) an application answers.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementSetRef {
    id: String,
    version: String,
    title: String,
}

/// A requirement of the form and the provider's answer to it.
#[derive(Serialize, ToSchema)]
pub(crate) struct FormEntry {
    requirement: Requirement,
    /// Null while unanswered.
    answer: Option<RequirementAnswer>,
}

impl ApplicationFile {
    pub(crate) async fn load(state: &AppState, app: Application) -> Result<ApplicationFile, Problem> {
        let set = set_of(state, &app).await?;
        let listing =
            state.store.listing_version(&app.listing_id, app.listing_version).await?.ok_or_else(Problem::internal)?;
        let mut answers = state.store.answers(&app.id).await?;
        let level = (!set.levels.is_empty()).then_some(listing.details.terms.level);
        let form = set
            .applicable(listing.details.terms.kind, level)
            .into_iter()
            .map(|r| FormEntry {
                requirement: Requirement::of(r, set.track),
                answer: answers.remove(&r.id).map(Into::into),
            })
            .collect();
        Ok(ApplicationFile {
            requirement_set: RequirementSetRef {
                id: set.id.clone(),
                version: set.version.clone(),
                title: set.title.clone(),
            },
            form,
            reviews: state.store.reviews(&app.id).await?.into_iter().map(Into::into).collect(),
            decisions: state.store.listing_decisions(&app.listing_id).await?.into_iter().map(Into::into).collect(),
            listing: listing.into(),
            application: app.into(),
        })
    }
}

/// The applications waiting for the agency, oldest submission first.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReviewQueue {
    pub(super) items: Vec<QueueEntry>,
}

/// An application in the reviewers' queue.
#[derive(Serialize, ToSchema)]
pub(crate) struct QueueEntry {
    application: QualificationApplication,
    listing_name: String,
    provider_name: String,
    /// Whole days since the submission.
    age_days: Option<i64>,
}

impl QueueEntry {
    pub(crate) fn new(item: QueueItem, age_days: Option<i64>) -> QueueEntry {
        QueueEntry {
            application: item.application.into(),
            listing_name: item.listing_name,
            provider_name: item.provider_name,
            age_days,
        }
    }
}

/// An application after a decision, and the decision record written.
#[derive(Serialize, ToSchema)]
pub(crate) struct DecisionOutcome {
    application: QualificationApplication,
    /// The decision record's id.
    decision_id: Option<String>,
}

impl From<(Application, Option<String>)> for DecisionOutcome {
    fn from((application, decision_id): (Application, Option<String>)) -> Self {
        DecisionOutcome { application: application.into(), decision_id }
    }
}
