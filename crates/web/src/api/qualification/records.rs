//! The qualification records the API answers with, as the store keeps them:
//! listings and their versions, applications, reviews, decisions, status
//! intervals and requirement sets. Each mirrors a store or domain type
//! field for field, so that the OpenAPI document can describe it.

use crate::api::qualification::codes::{
    AnswerTypeCode, ApplicationStateCode, DataClassCode, DataLocationCode, LevelCode, ListingStatusCode, RegimeCode,
    ServiceKindCode,
};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::{Interval, ListingStatus};
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::lifecycle::QualificationState;
use cloudpa_domain::qualification::listing::{DataLocation, Terms};
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::{self as domain, AnswerType, ServiceKind};
use cloudpa_domain::qualification::track::Track;
use cloudpa_domain::qualification::triage::Answer;
use cloudpa_store::qualification::applications::{Application, Decision, Review};
use cloudpa_store::qualification::listings::{ListingDetails, ListingVersion};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One immutable version of a listing.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListingVersionRecord {
    listing_id: String,
    version: i64,
    provider_id: String,
    /// The version the catalogue shows.
    current_version: i64,
    details: ListingDetailsRecord,
    /// When the version was written, in milliseconds since the Unix epoch.
    created_at_ms: i64,
}

/// The descriptive fields of a listing version, as the provider gives them.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListingDetailsRecord {
    name: String,
    description: String,
    category: String,
    terms: ListingTerms,
    pricing_model: String,
    procurement_channel: String,
    /// The declared objectives per service-level indicator, as JSON text
    /// (`{"SLI1": "99.9%"}`).
    service_levels: String,
}

/// The terms of a listing that a qualification depends on.
#[derive(Serialize, ToSchema)]
pub(crate) struct ListingTerms {
    #[schema(value_type = ServiceKindCode)]
    kind: ServiceKind,
    #[schema(value_type = LevelCode)]
    level: Level,
    /// The infrastructure or IaaS listing the service runs on.
    runs_on: Option<String>,
    #[schema(value_type = DataLocationCode)]
    location: DataLocation,
}

impl From<ListingVersion> for ListingVersionRecord {
    fn from(v: ListingVersion) -> Self {
        ListingVersionRecord {
            listing_id: v.listing_id,
            version: v.version,
            provider_id: v.provider_id,
            current_version: v.current_version,
            details: v.details.into(),
            created_at_ms: v.created_at_ms,
        }
    }
}

impl From<ListingDetails> for ListingDetailsRecord {
    fn from(d: ListingDetails) -> Self {
        let Terms { kind, level, runs_on, location } = d.terms;
        ListingDetailsRecord {
            name: d.name,
            description: d.description,
            category: d.category,
            terms: ListingTerms { kind, level, runs_on, location },
            pricing_model: d.pricing_model,
            procurement_channel: d.procurement_channel,
            service_levels: d.service_levels,
        }
    }
}

/// An application for the qualification of a listing version.
#[derive(Serialize, ToSchema)]
pub(crate) struct QualificationApplication {
    id: String,
    listing_id: String,
    listing_version: i64,
    provider_id: String,
    requirement_set: String,
    requirement_version: String,
    #[schema(value_type = ApplicationStateCode)]
    state: QualificationState,
    /// The automatic triage at the last submission: `{"outcome": "pass"}`,
    /// `{"outcome": "needs_review"}` or `{"outcome": "fail", "findings":
    /// [...]}`, each finding naming its `problem` and `requirement`. Kept as
    /// the JSON stored at the time, so described as a free-form object.
    #[schema(value_type = Option<Object>)]
    triage: Option<serde_json::Value>,
    /// The reviewer's user id.
    assigned_to: Option<String>,
    integration_deadline: Option<NaiveDate>,
    /// The qualified application this one renews.
    renewal_of: Option<String>,
    /// Milliseconds since the Unix epoch, as are the other `_ms` fields.
    submitted_at_ms: Option<i64>,
    created_at_ms: i64,
    updated_at_ms: i64,
    /// Moved by each change of state; a change sent with `If-Match: "N"`
    /// is made only to version N (409 otherwise, naming who moved it).
    version: i64,
}

impl From<Application> for QualificationApplication {
    fn from(a: Application) -> Self {
        QualificationApplication {
            id: a.id,
            listing_id: a.listing_id,
            listing_version: a.listing_version,
            provider_id: a.provider_id,
            requirement_set: a.requirement_set,
            requirement_version: a.requirement_version,
            state: a.state,
            triage: a.triage,
            assigned_to: a.assigned_to,
            integration_deadline: a.integration_deadline,
            renewal_of: a.renewal_of,
            submitted_at_ms: a.submitted_at_ms,
            created_at_ms: a.created_at_ms,
            updated_at_ms: a.updated_at_ms,
            version: a.version,
        }
    }
}

/// A reviewer's verdict on one requirement.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementReview {
    requirement_id: String,
    /// met, not_met or unclear.
    verdict: String,
    note: String,
    reviewer_id: String,
    /// Milliseconds since the Unix epoch.
    at_ms: i64,
}

impl From<Review> for RequirementReview {
    fn from(r: Review) -> Self {
        RequirementReview {
            requirement_id: r.requirement_id,
            verdict: r.verdict,
            note: r.note,
            reviewer_id: r.reviewer_id,
            at_ms: r.at_ms,
        }
    }
}

/// A decision record of the agency (a public act).
#[derive(Serialize, ToSchema)]
pub(crate) struct DecisionRecord {
    id: String,
    application_id: String,
    listing_id: String,
    /// qualification, rejection, suspension, reinstatement or revocation.
    kind: String,
    motivation: String,
    decided_on: NaiveDate,
    /// The deciding user's id.
    decided_by: String,
    /// What was decided on, as stored with the decision: `listing_version`,
    /// `service`, `kind`, `level`, `data_classes`, `location`,
    /// `requirement_set`, `requirement_version`, and `valid_until` for a
    /// qualification or `planned_end` for a suspension. Kept as the JSON
    /// written at the time, so described as a free-form object.
    #[schema(value_type = Object)]
    details: serde_json::Value,
}

impl From<Decision> for DecisionRecord {
    fn from(d: Decision) -> Self {
        DecisionRecord {
            id: d.id,
            application_id: d.application_id,
            listing_id: d.listing_id,
            kind: d.kind,
            motivation: d.motivation,
            decided_on: d.decided_on,
            decided_by: d.decided_by,
            details: d.details,
        }
    }
}

/// One interval `[from, to)` of a listing's public status, with the decision
/// behind it (none for an expiry).
#[derive(Clone, Serialize, ToSchema)]
pub(crate) struct StatusInterval {
    #[schema(value_type = ListingStatusCode)]
    status: ListingStatus,
    from: NaiveDate,
    /// Exclusive end; null while the status lasts.
    to: Option<NaiveDate>,
    /// The decision record's id.
    decision: Option<String>,
    /// The regime of the qualification the interval belongs to.
    #[schema(value_type = RegimeCode)]
    regime: Regime,
}

impl StatusInterval {
    pub(crate) fn new(i: &Interval, regime: Regime) -> Self {
        StatusInterval { status: i.status, from: i.from, to: i.to, decision: i.decision.clone(), regime }
    }
}

/// A requirement set: a regime's requirements for some kinds of service.
#[derive(Serialize, ToSchema)]
pub(crate) struct RequirementSet {
    id: String,
    regime: String,
    title: String,
    /// An ISO date.
    version: String,
    #[schema(value_type = Vec<ServiceKindCode>)]
    kinds: Vec<ServiceKind>,
    source: String,
    /// `qualification` (private providers, levels QC1–QC4) or `adeguamento`
    /// (public operators, levels AC1–AC4; Regolamento ACN art. 15 c. 1).
    #[schema(pattern = "^(qualification|adeguamento)$")]
    track: &'static str,
    /// The data classes each level admits (empty for a set without levels).
    levels: Vec<LevelClasses>,
    requirements: Vec<Requirement>,
}

/// The data classes a level admits, as stated by a set.
#[derive(Serialize, ToSchema)]
pub(crate) struct LevelClasses {
    /// QC1–QC4 for a qualification's set, AC1–AC4 for an adeguamento's.
    #[schema(pattern = "^(QC|AC)[1-4]$")]
    code: String,
    #[schema(value_type = Vec<DataClassCode>)]
    data_classes: Vec<DataClass>,
}

/// One requirement of a set.
#[derive(Serialize, ToSchema)]
pub(crate) struct Requirement {
    id: String,
    group: String,
    /// The requirement in Italian.
    text: String,
    #[schema(value_type = AnswerTypeCode)]
    answer: AnswerType,
    mandatory: bool,
    /// For sets with levels: the lowest level the requirement applies to
    /// (named by the set's track).
    #[schema(pattern = "^(QC|AC)[1-4]$")]
    from_level: Option<String>,
    /// The evidence the provider must give.
    evidence: String,
    /// Where the requirement comes from (circular, annex, section).
    source: String,
}

impl From<domain::RequirementSet> for RequirementSet {
    fn from(s: domain::RequirementSet) -> Self {
        RequirementSet {
            id: s.id,
            regime: s.regime,
            title: s.title,
            version: s.version,
            kinds: s.kinds,
            source: s.source,
            track: s.track.code(),
            levels: s
                .levels
                .into_iter()
                .map(|l| LevelClasses { code: s.track.level_code(l.code), data_classes: l.data_classes })
                .collect(),
            requirements: s.requirements.iter().map(|r| Requirement::of(r, s.track)).collect(),
        }
    }
}

impl Requirement {
    pub(crate) fn of(r: &domain::Requirement, track: Track) -> Self {
        Requirement {
            id: r.id.clone(),
            group: r.group.clone(),
            text: r.text.clone(),
            answer: r.answer,
            mandatory: r.mandatory,
            from_level: r.from_level.map(|l| track.level_code(l)),
            evidence: r.evidence.clone(),
            source: r.source.clone(),
        }
    }
}

/// A provider's answer to one requirement, of the type the requirement asks
/// (another type is refused with 422: the type is a rule of the set).
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum RequirementAnswer {
    YesNo {
        value: bool,
    },
    Text {
        value: String,
    },
    /// `document` is the id of the uploaded certificate.
    Certificate {
        expires_on: NaiveDate,
        document: String,
    },
    /// `document` is the id of the uploaded file.
    Document {
        document: String,
    },
    Location {
        countries: Vec<String>,
    },
    SliValues {
        value: String,
    },
}

impl From<Answer> for RequirementAnswer {
    fn from(a: Answer) -> Self {
        match a {
            Answer::YesNo { value } => RequirementAnswer::YesNo { value },
            Answer::Text { value } => RequirementAnswer::Text { value },
            Answer::Certificate { expires_on, document } => RequirementAnswer::Certificate { expires_on, document },
            Answer::Document { document } => RequirementAnswer::Document { document },
            Answer::Location { countries } => RequirementAnswer::Location { countries },
            Answer::SliValues { value } => RequirementAnswer::SliValues { value },
        }
    }
}

impl From<RequirementAnswer> for Answer {
    fn from(a: RequirementAnswer) -> Self {
        match a {
            RequirementAnswer::YesNo { value } => Answer::YesNo { value },
            RequirementAnswer::Text { value } => Answer::Text { value },
            RequirementAnswer::Certificate { expires_on, document } => Answer::Certificate { expires_on, document },
            RequirementAnswer::Document { document } => Answer::Document { document },
            RequirementAnswer::Location { countries } => Answer::Location { countries },
            RequirementAnswer::SliValues { value } => Answer::SliValues { value },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RequirementAnswer;
    use cloudpa_domain::qualification::triage::Answer;

    /// The document's answer (the request body) reads what the domain's reads.
    #[test]
    fn the_documented_answer_reads_what_the_domain_reads() {
        let read = [
            r#"{"type": "yes_no", "value": true}"#,
            r#"{"type": "text", "value": "ISO 27001"}"#,
            r#"{"type": "certificate", "expires_on": "2027-01-31", "document": "abc"}"#,
            r#"{"type": "document", "document": "abc"}"#,
            r#"{"type": "location", "countries": ["IT", "DE"]}"#,
            r#"{"type": "sli_values", "value": "SLI1=99.9%"}"#,
        ];
        let refused = [r#"{"value": true}"#, r#"{"type": "yes_no", "value": "yes"}"#, r#"{"type": "certificate"}"#];
        for body in read {
            let documented: RequirementAnswer = serde_json::from_str(body).expect(body);
            assert_eq!(Answer::from(documented), serde_json::from_str::<Answer>(body).expect(body), "{body}");
        }
        for body in refused {
            assert!(serde_json::from_str::<RequirementAnswer>(body).is_err(), "{body}");
            assert!(serde_json::from_str::<Answer>(body).is_err(), "{body}");
        }
    }
}
