//! The compliance form of one migrated service: at the top the contract
//! and the destination listing (from the destination finder: admissible
//! listings ranked, the excluded ones with their reasons), then the
//! sections of the form's definition; the pre-checks, each reason linked to
//! the field it is about and read with it. The ente saves a draft or
//! submits; a script runs the pre-checks as the ente types (through the
//! JSON API, saving the draft), and the save button does the same without
//! it. Read-only once the domain freezes it, and to the programme office.

use super::checks::{CheckRow, check_labels, check_row, reasons};
use super::fields::{Reasons, SectionView, sections};
use super::form_input::{form_input, prose_fields};
use super::posted::Posted;
use super::{day, may_manage};
use crate::extract::Path;
use crate::i18n::Lang;
use crate::pages::dashboard::migration_key;
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, render};
use crate::problem::Problem;
use askama::Template;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::attestation::form_editable;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::Side;
use cloudpa_store::attestation::contracts::Contract;
use cloudpa_store::attestation::forms::FormState;
use cloudpa_workflows::attestation::contracts;
use cloudpa_workflows::attestation::destinations::{self, Destinations};
use cloudpa_workflows::attestation::forms::{self, FormInput, FormView, service_facts_shape};
use std::collections::BTreeMap;

/// An option of a select: its value, its text, and whether it is chosen.
struct Pick {
    value: String,
    label: String,
    selected: bool,
}

/// A listing the finder excludes, with why.
struct Excluded {
    label: String,
    reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "ente_att_form.html")]
struct FormPage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    app_id: String,
    position: i64,
    service: String,
    migration_key: &'static str,
    form_title: String,
    /// `new`, `draft` or `submitted`, and its text key.
    state: &'static str,
    state_key: &'static str,
    /// The stored form's version (0 before the first save), sent back with
    /// a save so that a colleague's save in between is not overwritten.
    version: i64,
    editable: bool,
    /// The ente's side (it sees a frozen form as its own).
    ente: bool,
    migrated_on: Option<String>,
    contracts: Vec<Pick>,
    listings: Vec<Pick>,
    excluded: Vec<Excluded>,
    /// The day the finder weighs the listings on, and how many listings of
    /// other types it leaves out.
    weighed_on: String,
    other_types: usize,
    sections: Vec<SectionView>,
    reasons: Reasons,
    checks: Vec<CheckRow>,
    failed: usize,
    /// The checks' names by code, as JSON, for the script.
    check_labels: String,
}

impl FormPage {
    /// Why the field `id` (`contract_id`, `listing_id`) fails.
    fn reasons_of(&self, id: &str) -> &[String] {
        self.reasons.get(id).map_or(&[], Vec::as_slice)
    }
}

pub(crate) async fn show(v: Visit, Path((id, position)): Path<(String, i64)>) -> Result<Response, Problem> {
    render_form(&v, &id, position, None, None).await
}

/// Saves the form as a draft.
pub(crate) async fn save(
    v: Visit,
    headers: HeaderMap,
    Path((id, position)): Path<(String, i64)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    post(v, headers, id, position, multipart, false).await
}

/// Saves and submits the form.
pub(crate) async fn submit(
    v: Visit,
    headers: HeaderMap,
    Path((id, position)): Path<(String, i64)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    post(v, headers, id, position, multipart, true).await
}

/// Back to the form once saved (or submitted), or the form again with the
/// problem and what was posted.
async fn post(
    v: Visit,
    headers: HeaderMap,
    id: String,
    position: i64,
    multipart: Result<Multipart, MultipartRejection>,
    submit: bool,
) -> Result<Response, Problem> {
    let view = forms::view(&v.state, &v.user, v.now, &id, position).await?;
    let mut posted = Posted::read(&v, &headers, multipart, &prose_fields(&view.definition)).await?;
    let mut input = None;
    let result: Result<FormView, Problem> = async {
        let expected = match posted.text("version") {
            "" => None,
            text => Some(
                text.parse().map_err(|_| Problem::validation().field("version", Message::new("web-whole-number")))?,
            ),
        };
        let stored = posted.store(&v).await?;
        let given = input.insert(form_input(&view.definition, &posted, &stored)).clone();
        Ok(forms::save(&v.state, &v.user, v.now, &id, position, given, forms::Saving { submit, expected }).await?)
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/candidature/{id}/servizi/{position}/conformita")).into_response()),
        Err(problem) => render_form(&v, &id, position, Some(problem), input).await,
    }
}

/// The form's page; with a problem, showing what was `posted`.
async fn render_form(
    v: &Visit,
    id: &str,
    position: i64,
    problem: Option<Problem>,
    posted: Option<FormInput>,
) -> Result<Response, Problem> {
    let (state, user, now, lang) = (&v.state, &v.user, v.now, v.page.lang);
    let view = forms::view(state, user, now, id, position).await?;
    let stored = view.form.as_ref();
    let input = posted.unwrap_or_else(|| FormInput {
        contract_id: stored.and_then(|f| f.contract_id.clone()),
        listing_id: stored.and_then(|f| f.listing_id.clone()),
        answers: stored.map(|f| f.answers.clone()).unwrap_or_default(),
    });
    let submitted = stored.is_some_and(|f| f.state == FormState::Submitted);
    let editable = may_manage(user, view.side) && form_editable(view.application.state, submitted);
    let contracts = contracts::list(state, user, now, id).await?;
    let signed_on = contracts.iter().find(|c| Some(&c.id) == input.contract_id.as_ref()).map(|c| c.fields.signed_on);
    let found = destinations::find(state, user, now, id, position, signed_on).await?;
    let reasons = reasons(&view.checks, problem.as_ref(), lang);
    let facts = service_facts_shape(&view.choice).form_facts();
    let sections = sections(&view.definition, &facts, &input.answers, &reasons, editable, lang);
    let mut labels: BTreeMap<&str, &str> =
        sections.iter().flat_map(|s| s.items.iter().map(|i| (i.id.as_str(), i.label.as_str()))).collect();
    labels.extend([("contract_id", lang.t("ente_att-form-contract")), ("listing_id", lang.t("ente_att-form-listing"))]);
    let checks: Vec<CheckRow> = view.checks.iter().map(|c| check_row(c, &labels, lang)).collect();
    let (state_code, state_key) = match stored.map(|f| f.state) {
        None => ("new", "ente_att-form_state-none"),
        Some(FormState::Draft) => ("draft", "ente_att-form_state-draft"),
        Some(FormState::Submitted) => ("submitted", "ente_att-form_state-submitted"),
    };
    let (listings, excluded) = listings(&found, input.listing_id.as_deref(), lang);
    let hub = format!("/candidature/{id}/asseverazione");
    let parents: [(&str, &str); 1] = [(hub.as_str(), "ente_att-hub-title")];
    let title = format!("{} — {}. {}", lang.t("ente_att-form-title"), position, view.choice.service_name);
    let status = status_of(&problem);
    let page = FormPage {
        layout: v.page.titled(title, &parents),
        problem,
        csrf_token: user.csrf_token.clone(),
        app_id: view.application.id.clone(),
        position,
        service: view.choice.service_name.clone(),
        migration_key: migration_key(&view.choice),
        form_title: view.definition.title.clone(),
        state: state_code,
        state_key,
        version: stored.map_or(0, |f| f.version),
        editable,
        ente: view.side == Side::Ente,
        migrated_on: view.choice.migrated_on.map(day),
        contracts: contract_picks(&contracts, input.contract_id.as_deref()),
        listings,
        excluded,
        weighed_on: day(found.contract_on),
        other_types: found.other_types,
        sections,
        failed: checks.iter().filter(|c| !c.passed).count(),
        checks,
        reasons,
        check_labels: check_labels(lang),
    };
    Ok((status, render(&page)).into_response())
}

fn contract_picks(contracts: &[Contract], chosen: Option<&str>) -> Vec<Pick> {
    contracts
        .iter()
        .map(|c| Pick {
            value: c.id.clone(),
            label: format!("{} — {} ({})", day(c.fields.signed_on), c.fields.object, c.supplier_name),
            selected: chosen == Some(c.id.as_str()),
        })
        .collect()
}

/// The admissible listings to choose from (and the one chosen, even when
/// excluded since), and the excluded ones with their reasons.
fn listings(found: &Destinations, chosen: Option<&str>, lang: Lang) -> (Vec<Pick>, Vec<Excluded>) {
    let mut picks = Vec::new();
    let mut excluded = Vec::new();
    for row in &found.rows {
        let label = format!("{} — {} · {}", row.name, row.provider, row.level.code());
        let selected = chosen == Some(row.listing_id.as_str());
        if row.exclusions.is_empty() || selected {
            picks.push(Pick { value: row.listing_id.clone(), label: label.clone(), selected });
        }
        if !row.exclusions.is_empty() {
            let finding =
                |e: &cloudpa_domain::attestation::destinations::Exclusion| lang.text(&e.finding("listing_id").message);
            excluded.push(Excluded { label, reasons: row.exclusions.iter().map(finding).collect() });
        }
    }
    if let Some(chosen) = chosen.filter(|c| !picks.iter().any(|p| p.value == *c)) {
        picks.push(Pick { value: chosen.to_owned(), label: chosen.to_owned(), selected: true });
    }
    (picks, excluded)
}
