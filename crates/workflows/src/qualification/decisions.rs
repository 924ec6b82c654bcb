//! What a decision on an application records: its motivation and the
//! details of the service it was taken on.

use cloudpa_domain::qualification::infrastructure::hosted_classes;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationEvent, expires_on};
use cloudpa_store::qualification::applications::Application;
use cloudpa_store::qualification::listings::ListingVersion;
use cloudpa_store::{Store, StoreError};
use serde_json::json;

pub fn motivation(event: &QualificationEvent) -> &str {
    match event {
        QualificationEvent::Qualify { motivation }
        | QualificationEvent::Reject { motivation }
        | QualificationEvent::Reinstate { motivation }
        | QualificationEvent::Revoke { motivation } => motivation,
        QualificationEvent::Suspend { reason, .. } => reason,
        _ => "",
    }
}

/// What `listing` runs on admits ([`Store::ceiling_of`]); `None` for a
/// service that names nothing, or an infrastructure without a declared level.
pub async fn ceiling(store: &Store, listing: &ListingVersion) -> Result<Option<Vec<DataClass>>, StoreError> {
    match &listing.details.terms.runs_on {
        Some(runs_on) => store.ceiling_of(runs_on).await,
        None => Ok(None),
    }
}

/// The details a decision records. `ceiling` is what the service runs on
/// admits ([`ceiling`]): the data classes recorded are those the service
/// may host under it.
pub fn decision_details(
    kind: DecisionKind,
    app: &Application,
    listing: &ListingVersion,
    ceiling: Option<&[DataClass]>,
    event: &QualificationEvent,
    on: chrono::NaiveDate,
) -> serde_json::Value {
    let terms = &listing.details.terms;
    let mut details = json!({
        "listing_version": app.listing_version,
        "service": listing.details.name,
        "kind": terms.kind,
        "level": terms.level,
        "data_classes": hosted_classes(terms.level, ceiling),
        "location": terms.location.code(),
        "requirement_set": app.requirement_set,
        "requirement_version": app.requirement_version,
    });
    if kind == DecisionKind::Qualification {
        details["valid_until"] = json!(expires_on(on));
    }
    if let QualificationEvent::Suspend { planned_end, .. } = event {
        details["planned_end"] = json!(planned_end);
    }
    details
}
