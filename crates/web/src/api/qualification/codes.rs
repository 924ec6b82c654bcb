//! The schemas of the codes the qualification and catalogue answers carry:
//! a field keeps its domain type, which serialises it, and names one of
//! these schemas (`#[schema(value_type = ...)]`), whose values are the
//! codes the domain type serialises to.

use cloudpa_domain::access::{OrganisationKind, Role};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::lifecycle::QualificationState;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::regime::Regime;
use cloudpa_domain::qualification::requirements::{AnswerType, ServiceKind};
use cloudpa_store::catalogue::changes::ChangeKind;
use serde::Serialize;
use utoipa::openapi::{ObjectBuilder, RefOr, Schema, Type};

/// A string schema whose values are what `values` serialise to.
fn codes<T: Serialize>(description: &str, values: impl IntoIterator<Item = T>) -> RefOr<Schema> {
    let values = values.into_iter().filter_map(|v| serde_json::to_value(v).ok());
    ObjectBuilder::new().schema_type(Type::String).description(Some(description)).enum_values(Some(values)).into()
}

/// Declares a schema named `$name` for the codes of `$values`.
macro_rules! code_schema {
    ($(#[doc = $doc:literal])+ $name:ident, $values:expr) => {
        $(#[doc = $doc])+
        pub(crate) struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                codes(concat!($($doc),+).trim(), $values)
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

code_schema!(
    /// Where a qualification application stands.
    ApplicationStateCode,
    QualificationState::ALL
);
code_schema!(
    /// The public status of a listing.
    ListingStatusCode,
    ListingStatus::ALL
);
code_schema!(
    /// The regime a qualification was granted under: AgID 2018 (Circolari
    /// 2 and 3/2018), ACN's transitional regime (DD 29/2023) or the ACN
    /// Regolamento (DD 21007/24, from 1 August 2024).
    RegimeCode,
    Regime::ALL
);
code_schema!(
    /// The level of a digital infrastructure (Regolamento ACN, Allegato 4).
    InfrastructureLevelCode,
    InfrastructureLevel::ALL
);
code_schema!(
    /// The kind of cloud service.
    ServiceKindCode,
    ServiceKind::ALL
);
code_schema!(
    /// A qualification level (QC1–QC4).
    LevelCode,
    Level::ALL
);
code_schema!(
    /// A class of data (ACN) a level admits.
    DataClassCode,
    DataClass::ALL
);
code_schema!(
    /// Where the customer's data is kept.
    DataLocationCode,
    DataLocation::ALL
);
code_schema!(
    /// How a requirement is answered.
    AnswerTypeCode,
    [
        AnswerType::YesNo,
        AnswerType::Text,
        AnswerType::Certificate,
        AnswerType::Document,
        AnswerType::Location,
        AnswerType::SliValues,
    ]
);
code_schema!(
    /// What changed in the catalogue: the status of a listing, or its details.
    ChangeKindCode,
    [ChangeKind::Status, ChangeKind::Details]
);
code_schema!(
    /// The kind of an organisation.
    OrganisationKindCode,
    OrganisationKind::ALL
);
code_schema!(
    /// A user's role within their organisation.
    RoleCode,
    Role::ALL
);
code_schema!(
    /// A standard a certificate attests (Regolamento ACN, Allegato 4).
    StandardCode,
    cloudpa_domain::qualification::monitoring::certificates::Standard::ALL
);
code_schema!(
    /// What a change notified by a provider touches.
    NotifiedChangeKindCode,
    cloudpa_domain::qualification::monitoring::changes::ChangeKind::ALL
);
code_schema!(
    /// The agency's triage of a notified change.
    ChangeTriageCode,
    [
        cloudpa_domain::qualification::monitoring::changes::ChangeTriage::Substantive,
        cloudpa_domain::qualification::monitoring::changes::ChangeTriage::NotSubstantive
    ]
);
code_schema!(
    /// How the agency checks a service.
    CheckKindCode,
    [
        cloudpa_domain::qualification::monitoring::checks::CheckKind::Documentary,
        cloudpa_domain::qualification::monitoring::checks::CheckKind::OnSite
    ]
);
code_schema!(
    /// The outcome of a check.
    CheckOutcomeCode,
    [
        cloudpa_domain::qualification::monitoring::checks::CheckOutcome::Compliant,
        cloudpa_domain::qualification::monitoring::checks::CheckOutcome::NotCompliant
    ]
);
code_schema!(
    /// A step of an infrastructure's declaration.
    DeclarationStepCode,
    cloudpa_workflows::qualification::infrastructures::Step::ALL
);
