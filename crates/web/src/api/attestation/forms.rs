//! The compliance form of a migrated service, its instant pre-checks, the
//! destinations it may land on, and the forms' definitions.

use super::answers::{DestinationsBody, FormBody};
use crate::AppState;
use crate::api::etag::{self, IfMatch};
use crate::api::guard::{ApiJson, Write};
use crate::auth::session::CurrentUser;
use crate::clock::Clock;
use crate::extract::{Path, Query};
use crate::problem::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use cloudpa_domain::attestation::form::{Answer, Answers, Condition, FormDefinition, Item, ItemKind, Section};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_workflows::attestation::{destinations, forms};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The form of the service at `position` (from 1), with its pre-checks as
/// of today: the ente's side or the programme office.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/services/{position}/form", tag = "attestation",
    params(("id" = String, Path), ("position" = i64, Path, minimum = 0, maximum = 2147483647)),
    responses((status = 200, body = FormBody, headers(("ETag" = String, description = "the form's version, e.g. \"2\""))),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path((id, position)): Path<(String, i64)>,
) -> Result<impl IntoResponse, Problem> {
    Ok(versioned(forms::view(&state, &user, now, &id, position).await?))
}

/// The form's answer with its version as `ETag`.
fn versioned(view: forms::FormView) -> impl IntoResponse {
    let etag = etag::of(view.form.as_ref().map_or(0, |f| f.version));
    ([(header::ETAG, etag)], Json(FormBody::from(view)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FormInputBody {
    /// A contract of the project.
    #[serde(default)]
    contract_id: Option<String>,
    /// The catalogue listing the service landed on.
    #[serde(default)]
    listing_id: Option<String>,
    /// The answers by item id: text, number, true/false, a list of texts, or
    /// a list of rows (objects) for a table.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, FormAnswer>)]
    answers: BTreeMap<String, serde_json::Value>,
}

/// One answer of a form, as [`Answer`] reads it: true/false, a whole
/// number, a text, a list of texts, or a list of rows (a table).
pub(crate) struct FormAnswer;

impl utoipa::PartialSchema for FormAnswer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AnyOfBuilder, ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
        let text = || ObjectBuilder::new().schema_type(Type::String);
        let row = ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(text()));
        AnyOfBuilder::new()
            .description(Some("true/false, a whole number, a text, a list of texts, or a list of rows (a table)"))
            .item(ObjectBuilder::new().schema_type(Type::Boolean))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
            )
            .item(text())
            .item(ArrayBuilder::new().items(text()))
            .item(ArrayBuilder::new().items(row))
            .into()
    }
}

impl ToSchema for FormAnswer {}

impl FormInputBody {
    fn into_input(self) -> Result<forms::FormInput, Problem> {
        let mut answers = Answers::new();
        let mut bad = Vec::new();
        for (id, value) in self.answers {
            match serde_json::from_value::<Answer>(value) {
                Ok(answer) => _ = answers.insert(id, answer),
                Err(_) => bad.push((format!("answers.{id}"), Message::new("att-answer-shape"))),
            }
        }
        if !bad.is_empty() {
            return Err(Problem::invalid(bad));
        }
        Ok(forms::FormInput { contract_id: self.contract_id, listing_id: self.listing_id, answers })
    }
}

/// Saves the form as a draft and answers its pre-checks: answers of the
/// wrong shape are refused (400, naming each item); the pre-checks say what
/// the attestor will find. With `If-Match` (the form's `version`, "0"
/// before the first save), a colleague's save in between is not
/// overwritten: 409 naming the current version, who saved it and when.
#[utoipa::path(put, path = "/api/v1/call-applications/{id}/services/{position}/form", tag = "attestation",
    request_body = FormInputBody, params(("id" = String, Path), ("position" = i64, Path, minimum = 0, maximum = 2147483647),
        ("If-Match" = Option<IfMatch>, Header, description = "the form's version the save is made to, e.g. \"2\"")),
    responses((status = 200, body = FormBody, headers(("ETag" = String, description = "the form's new version"))),
        (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn save(
    w: Write,
    Path((id, position)): Path<(String, i64)>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<FormInputBody>,
) -> Result<impl IntoResponse, Problem> {
    let input = body.into_input()?;
    let saving = forms::Saving { submit: false, expected };
    Ok(versioned(forms::save(&w.state, &w.user, w.now, &id, position, input, saving).await?))
}

/// Submits the form: every applicable item answered and every declaration
/// made, the contract and the listing named, the service marked migrated.
/// `If-Match` as for a save.
#[utoipa::path(post, path = "/api/v1/call-applications/{id}/services/{position}/form/submit", tag = "attestation",
    request_body = FormInputBody, params(("id" = String, Path), ("position" = i64, Path, minimum = 0, maximum = 2147483647),
        ("If-Match" = Option<IfMatch>, Header, description = "the form's version the submission is made to")),
    responses((status = 200, body = FormBody, headers(("ETag" = String, description = "the form's new version"))),
        (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(crate) async fn submit(
    w: Write,
    Path((id, position)): Path<(String, i64)>,
    IfMatch(expected): IfMatch,
    ApiJson(body): ApiJson<FormInputBody>,
) -> Result<impl IntoResponse, Problem> {
    let input = body.into_input()?;
    let saving = forms::Saving { submit: true, expected };
    Ok(versioned(forms::save(&w.state, &w.user, w.now, &id, position, input, saving).await?))
}

#[derive(Deserialize)]
pub(crate) struct DestinationQuery {
    #[serde(default)]
    contract_on: Option<chrono::NaiveDate>,
}

/// The catalogue listings the service may land on for a contract signed on
/// `contract_on` (default today): admissible ones ranked, the others of its
/// type with the reasons they are excluded.
#[utoipa::path(get, path = "/api/v1/call-applications/{id}/services/{position}/destinations", tag = "attestation",
    params(("id" = String, Path), ("position" = i64, Path, minimum = 0, maximum = 2147483647),
        ("contract_on" = Option<chrono::NaiveDate>, Query, description = "YYYY-MM-DD; default today")),
    responses((status = 200, body = DestinationsBody), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub(crate) async fn destinations(
    State(state): State<AppState>,
    Clock(now): Clock,
    CurrentUser(user): CurrentUser,
    Path((id, position)): Path<(String, i64)>,
    Query(q): Query<DestinationQuery>,
) -> Result<Json<DestinationsBody>, Problem> {
    Ok(Json(destinations::find(&state, &user, now, &id, position, q.contract_on).await?.into()))
}

/// A form's definition: its sections and items, each with its kind and,
/// where it applies only sometimes, its condition.
#[derive(Serialize, ToSchema)]
pub(crate) struct FormDefinitionBody {
    id: String,
    version: String,
    title: String,
    /// iaas, paas or saas.
    destination: String,
    sections: Vec<SectionBody>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SectionBody {
    id: String,
    title: String,
    title_en: String,
    items: Vec<ItemBody>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ItemBody {
    id: String,
    /// text, long_text, date, integer, boolean, declaration, choice, url,
    /// ip_list, string_list, document, table.
    #[schema(value_type = String)]
    kind: ItemKind,
    label: String,
    label_en: String,
    options: Vec<String>,
    columns: Vec<String>,
    /// Applies only when a fact of the service (`fact`) or the answer to an
    /// earlier item (`item`) is one of `any_of`.
    when: Option<ConditionBody>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ConditionBody {
    fact: Option<String>,
    item: Option<String>,
    any_of: Vec<String>,
}

impl From<FormDefinition> for FormDefinitionBody {
    fn from(f: FormDefinition) -> Self {
        let item = |i: Item| ItemBody {
            id: i.id,
            kind: i.kind,
            label: i.label,
            label_en: i.label_en,
            options: i.options,
            columns: i.columns,
            when: i.when.map(|Condition { fact, item, any_of }| ConditionBody { fact, item, any_of }),
        };
        let section = |s: Section| SectionBody {
            id: s.id,
            title: s.title,
            title_en: s.title_en,
            items: s.items.into_iter().map(item).collect(),
        };
        FormDefinitionBody {
            id: f.id,
            version: f.version,
            title: f.title,
            destination: f.destination.key().to_owned(),
            sections: f.sections.into_iter().map(section).collect(),
        }
    }
}

/// The compliance form of a destination: `iaas` (A), `paas` or `saas` (B),
/// with the visibility section common to all.
#[utoipa::path(get, path = "/api/v1/compliance-forms/{destination}", tag = "attestation",
    params(("destination" = String, Path, description = "iaas, paas or saas")),
    responses((status = 200, body = FormDefinitionBody), (status = 404, body = Problem)))]
pub(crate) async fn definition(Path(destination): Path<String>) -> Result<Json<FormDefinitionBody>, Problem> {
    let destination = Destination::from_key(&destination)
        .ok_or_else(|| Problem::not_found(Message::new("att-no-form-for").arg("destination", destination)))?;
    let form = FormDefinition::shipped(destination).map_err(|_| Problem::internal())?;
    Ok(Json(form.into()))
}
