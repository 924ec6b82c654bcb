//! The register of organisations for the agency and the programme office,
//! and the form their administrators onboard a new one with: an IPA code is
//! looked up with a plain GET form (no JavaScript), which fills the name and
//! kind from the official data the platform holds.

use super::{Layout, Pages, Visit, links, render};
use crate::auth::csrf::CsrfForm;
use crate::extract::Query;
use crate::i18n::Lang;
use crate::problem::Problem;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::{OrganisationKind, Permission, holds};
use cloudpa_domain::message::Message;
use cloudpa_domain::onboarding::onboards;
use cloudpa_domain::paging::Paging;
use cloudpa_store::accounts::Organisation;
use cloudpa_workflows::organisations::{Lookup, OnboardFields, lookup, onboard};
use cloudpa_workflows::{ErrorKind, FieldError};
use serde::Deserialize;

/// Organisations per page of the register.
const PAGE_SIZE: usize = 50;

#[derive(Template)]
#[template(path = "organisations.html")]
struct Register {
    layout: Layout,
    organisations: Vec<Organisation>,
    total: usize,
    kinds: Vec<&'static str>,
    kind: String,
    created: Option<Organisation>,
    can_onboard: bool,
    pages: Pages,
}

#[derive(Deserialize)]
pub(crate) struct RegisterQuery {
    tipo: Option<String>,
    pagina: Option<usize>,
    creata: Option<String>,
}

pub(crate) async fn list(v: Visit, Query(q): Query<RegisterQuery>) -> Result<Response, Problem> {
    let kind = q.tipo.as_deref().and_then(|code| code.parse::<OrganisationKind>().ok());
    let paging = Paging::new(q.pagina, None, PAGE_SIZE, PAGE_SIZE);
    let (organisations, total) = v.state.store.organisations_page(kind, paging.offset(), paging.size).await?;
    let code = kind.map_or("", |k| k.code());
    let pages = links(paging, total, |n| format!("/organizzazioni?tipo={code}&pagina={n}"));
    let created = match q.creata.as_deref() {
        Some(id) => v.state.store.organisation(id).await?,
        None => None,
    };
    let template = Register {
        layout: v.page.layout("orgs-title", &[("/profilo", "account-title")]),
        organisations,
        total,
        kinds: OrganisationKind::ALL.iter().map(|k| k.code()).collect(),
        kind: code.to_owned(),
        created,
        can_onboard: holds(v.user.organisation.kind, v.user.user.role, Permission::OnboardOrganisations),
        pages,
    };
    Ok(render(&template))
}

#[derive(Template)]
#[template(path = "organisations_new.html")]
struct NewOrganisation {
    layout: Layout,
    kinds: Vec<&'static str>,
    form: OnboardForm,
    inputs: Vec<Input>,
    found: Option<Lookup>,
    /// What the lookup found, or that it found nothing, in sentences.
    notes: Vec<Message>,
    errors: Errors,
    csrf_token: String,
}

/// A text field of the form: its name, the key of its label, its value,
/// its input type, the key of its help (empty for none) and whether it
/// must be filled.
struct Input {
    name: &'static str,
    label: &'static str,
    value: String,
    kind: &'static str,
    help: &'static str,
    required: bool,
}

impl OnboardForm {
    fn inputs(&self) -> Vec<Input> {
        let input = |name, label, value: &String, kind, help, required| Input {
            name,
            label,
            value: value.clone(),
            kind,
            help,
            required,
        };
        vec![
            input("name", "orgs-name", &self.name, "text", "", true),
            input("ipa_code", "orgs-ipa", &self.ipa_code, "text", "orgs-ipa-help", false),
            input("admin_display_name", "orgs-admin-name", &self.admin_display_name, "text", "", true),
            input("admin_email", "orgs-admin-email", &self.admin_email, "email", "", true),
            input(
                "admin_fiscal_code",
                "orgs-admin-fiscal-code",
                &self.admin_fiscal_code,
                "text",
                "orgs-admin-fiscal-code-help",
                true,
            ),
        ]
    }
}

/// The rules a sent form broke, by field, in the page's language.
struct Errors(Vec<(String, String)>);

impl Errors {
    fn of(lang: Lang, faults: &[FieldError]) -> Errors {
        Errors(faults.iter().map(|f| (f.field.clone(), lang.text(&f.rule))).collect())
    }

    /// The rule `field` broke, if any.
    fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(name, _)| name == field).map(|(_, text)| text.as_str())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct OnboardForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    ipa_code: String,
    #[serde(default)]
    admin_display_name: String,
    #[serde(default)]
    admin_email: String,
    #[serde(default)]
    admin_fiscal_code: String,
}

#[derive(Deserialize)]
pub(crate) struct LookupQuery {
    ipa: Option<String>,
}

/// The form, filled from the official data when `?ipa=` names a code there.
pub(crate) async fn form(v: Visit, Query(q): Query<LookupQuery>) -> Result<Response, Problem> {
    let mut form = OnboardForm::default();
    let (found, errors) = match lookup(&v.state, &v.user, q.ipa.as_deref().unwrap_or_default()).await {
        Ok(found) => (found, Vec::new()),
        Err(e) if e.kind == ErrorKind::Invalid => {
            form.ipa_code = q.ipa.unwrap_or_default();
            (None, e.fields)
        }
        Err(other) => return Err(other.into()),
    };
    if let Some(found) = &found {
        form.ipa_code = found.ipa_code.clone();
        if let Some(entry) = &found.entry {
            form.name = entry.name.clone();
            form.kind = OrganisationKind::PublicBody.code().to_owned();
        }
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok(show(&v, form, found, &errors, status))
}

pub(crate) async fn create(v: Visit, CsrfForm(form): CsrfForm<OnboardForm>) -> Result<Response, Problem> {
    let fields = OnboardFields {
        kind: &form.kind,
        name: &form.name,
        ipa_code: &form.ipa_code,
        admin_email: &form.admin_email,
        admin_display_name: &form.admin_display_name,
        admin_fiscal_code: &form.admin_fiscal_code,
    };
    match onboard(&v.state, &v.user, v.now, &fields).await {
        Ok((organisation, _)) => {
            Ok(Redirect::to(&format!("/organizzazioni?creata={}", organisation.id)).into_response())
        }
        Err(e) if matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict) => {
            let status = if e.kind == ErrorKind::Conflict { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
            Ok(show(&v, form, None, &e.fields, status))
        }
        Err(other) => Err(other.into()),
    }
}

/// The form as sent (or as filled), with each rule broken next to its field.
fn show(v: &Visit, form: OnboardForm, found: Option<Lookup>, errors: &[FieldError], status: StatusCode) -> Response {
    let notes = found.as_ref().map(notes).unwrap_or_default();
    let template = NewOrganisation {
        layout: v.page.layout("orgs-new-title", &[("/profilo", "account-title"), ("/organizzazioni", "orgs-title")]),
        kinds: onboards(v.user.organisation.kind, v.user.user.role).iter().map(|k| k.code()).collect(),
        inputs: form.inputs(),
        form,
        found,
        notes,
        errors: Errors::of(v.page.lang, errors),
        csrf_token: v.user.csrf_token.clone(),
    };
    (status, render(&template)).into_response()
}

/// The sentences a lookup's result needs beyond the entry itself: a code
/// not in the data held (never a name made up for it), a municipality that
/// ended and which one holds its territory, an organisation already there.
fn notes(found: &Lookup) -> Vec<Message> {
    let mut notes = Vec::new();
    match &found.entry {
        None => notes.push(Message::new("orgs-lookup-not-found").arg("code", &found.ipa_code)),
        Some(entry) => {
            let ended = entry.ended_on.as_deref().and_then(|day| day.parse::<chrono::NaiveDate>().ok());
            match (ended, &entry.successor) {
                (Some(on), Some(next)) => notes.push(
                    Message::new("orgs-lookup-ended")
                        .arg("on", on)
                        .arg("successor", &next.name)
                        .arg("successor_ipa", next.ipa_code.as_deref().unwrap_or("-")),
                ),
                (Some(on), None) => notes.push(Message::new("orgs-lookup-ended-unknown").arg("on", on)),
                (None, _) => {}
            }
        }
    }
    if let Some(holder) = &found.registered {
        notes.push(Message::new("orgs-lookup-registered").arg("organisation", &holder.name));
    }
    notes
}
