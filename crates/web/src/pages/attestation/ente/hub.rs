//! The hub of a project's asseverazione, for its ente (or aggregator) and
//! the programme office: the contracts, each migrated service with its
//! compliance form, the attestor's requests, the live verifications of
//! SaaS services, a sample control, the payment request and the report.

use super::answers::{ControlRow, RequestRow};
use super::contracts::{ContractDraft, ContractRow};
use super::payment::PaymentSection;
use super::{day, may_manage};
use crate::extract::Path;
use crate::i18n::state_key;
use crate::pages::dashboard::migration_key;
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::attestation::contracts::contracts_open;
use cloudpa_domain::attestation::live::{LiveMode, LiveOutcome};
use cloudpa_domain::programme::application::{CallApplicationState, Side};
use cloudpa_store::attestation::forms::{ComplianceForm, FormState};
use cloudpa_store::attestation::live::LiveVerification;
use cloudpa_store::attestation::suppliers::Supplier;
use cloudpa_store::programme::applications::CallApplication;
use cloudpa_workflows::attestation::{contracts, live, payment, requests};
use cloudpa_workflows::programme::applications::{self as applications, ApplicationView};

/// A migrated service with where its compliance form stands.
struct ServiceRow {
    position: usize,
    name: String,
    migration_key: &'static str,
    /// The catalogue listing its form names, if any.
    listing: Option<String>,
    /// The form's state: `none` before the first save, `draft`, `submitted`.
    form: &'static str,
    form_key: &'static str,
    checks_failed: Option<i64>,
}

/// A live verification of a SaaS service as the ente sees it.
struct LiveRow {
    starts_at: String,
    service: String,
    mode_key: &'static str,
    details: String,
    outcome: &'static str,
    outcome_key: &'static str,
    notes: String,
}

#[derive(Template)]
#[template(path = "ente_att_hub.html")]
struct HubPage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    app: CallApplication,
    /// The project has been financed: its asseverazione has begun.
    begun: bool,
    may_manage: bool,
    /// Contracts may be recorded: the ente, from the decree to completion.
    may_add_contract: bool,
    contracts: Vec<ContractRow>,
    suppliers: Vec<Supplier>,
    draft: ContractDraft,
    services: Vec<ServiceRow>,
    requests: Vec<RequestRow>,
    lives: Vec<LiveRow>,
    control: Option<ControlRow>,
    payment: Option<PaymentSection>,
    /// The attestor's report exists: an outcome was recorded.
    report: bool,
    today: String,
}

impl HubPage {
    fn state(&self) -> &'static str {
        state_key(self.app.state)
    }
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    render_hub(&v, &id, None, ContractDraft::default()).await
}

/// The hub of project `id`, showing the problem of a form (and what was
/// typed in the contract form) when there is one.
pub(super) async fn render_hub(
    v: &Visit,
    id: &str,
    problem: Option<Problem>,
    draft: ContractDraft,
) -> Result<Response, Problem> {
    let (state, user, now) = (&v.state, &v.user, v.now);
    let view = applications::view(state, user, now, id).await?;
    let may_manage = may_manage(user, view.side);
    let project = format!("/candidature/{id}");
    let parents: [(&str, &str); 2] = match view.side {
        Side::Office => [("/programma/ufficio", "office-title"), (project.as_str(), "application-title")],
        _ => [("/ente", "ente-area"), (project.as_str(), "application-title")],
    };
    let mut layout = v.page.layout("ente_att-hub-title", &parents);
    layout.title = format!("{} — {}", layout.title, view.app.ente_name);
    let mut page = HubPage {
        layout,
        problem,
        csrf_token: user.csrf_token.clone(),
        begun: view.app.financed_on.is_some(),
        may_manage,
        may_add_contract: may_manage && contracts_open(view.app.state),
        contracts: Vec::new(),
        suppliers: Vec::new(),
        draft,
        services: Vec::new(),
        requests: Vec::new(),
        lives: Vec::new(),
        control: None,
        payment: None,
        report: view.app.attested_on.is_some(),
        today: now.today.to_string(),
        app: view.app.clone(),
    };
    if page.begun {
        fill(v, id, &view, &mut page).await?;
    }
    let status = status_of(&page.problem);
    Ok((status, render(&page)).into_response())
}

/// The sections of a project whose asseverazione has begun.
async fn fill(v: &Visit, id: &str, view: &ApplicationView, page: &mut HubPage) -> Result<(), Problem> {
    let (state, user, now, lang) = (&v.state, &v.user, v.now, v.page.lang);
    let app = &view.app;
    page.contracts = contracts::list(state, user, now, id).await?.iter().map(ContractRow::of).collect();
    if page.may_add_contract {
        page.suppliers = state.store.suppliers().await?;
    }
    page.services = services(v, view).await?;
    let names: Vec<String> = view.choices.iter().map(|c| c.service_name.clone()).collect();
    let asked = requests::list(state, user, now, id).await?;
    page.requests = asked.into_iter().map(|r| RequestRow::of(r, &names, now.today)).collect();
    page.lives = live::for_ente(state, user, now, id).await?.into_iter().map(|l| live_row(l, &names)).collect();
    page.control = state.store.sample_control(&app.id).await?.map(|c| ControlRow::of(c, now.today));
    if matches!(app.state, CallApplicationState::Attested | CallApplicationState::Paid) {
        let view = payment::view(state, user, now, id).await?;
        page.payment = Some(PaymentSection::of(view, page.may_manage, lang));
    }
    Ok(())
}

/// One row per migrated service, with its form's state and listing.
async fn services(v: &Visit, view: &ApplicationView) -> Result<Vec<ServiceRow>, Problem> {
    let forms = v.state.store.compliance_forms(&view.app.id).await?;
    let mut rows = Vec::new();
    for (i, choice) in view.choices.iter().enumerate() {
        let position = i + 1;
        let form: Option<&ComplianceForm> = forms.iter().find(|f| f.position == position as i64);
        let listing = match form.and_then(|f| f.listing_id.as_deref().zip(f.listing_version)) {
            Some((listing, version)) => v.state.store.listing_version(listing, version).await?.map(|l| l.details.name),
            None => None,
        };
        let (code, key) = match form.map(|f| f.state) {
            None => ("none", "ente_att-form_state-none"),
            Some(FormState::Draft) => ("draft", "ente_att-form_state-draft"),
            Some(FormState::Submitted) => ("submitted", "ente_att-form_state-submitted"),
        };
        rows.push(ServiceRow {
            position,
            name: choice.service_name.clone(),
            migration_key: migration_key(choice),
            listing,
            form: code,
            form_key: key,
            checks_failed: form.map(|f| f.checks_failed),
        });
    }
    Ok(rows)
}

fn live_row(l: LiveVerification, names: &[String]) -> LiveRow {
    let (outcome, outcome_key) = match l.outcome {
        None => ("pending", "ente_att-live-pending"),
        Some(LiveOutcome::Confirmed) => ("confirmed", "ente_att-live-confirmed"),
        Some(LiveOutcome::NotConfirmed) => ("not_confirmed", "ente_att-live-not_confirmed"),
        Some(LiveOutcome::NotHeld) => ("not_held", "ente_att-live-not_held"),
    };
    let name = usize::try_from(l.position - 1).ok().and_then(|i| names.get(i)).cloned().unwrap_or_default();
    LiveRow {
        starts_at: format!("{} {}", day(l.starts_at.date()), l.starts_at.format("%H:%M")),
        service: format!("{} — {name}", l.position),
        mode_key: match l.mode {
            LiveMode::Videocall => "ente_att-mode-videocall",
            LiveMode::OnSite => "ente_att-mode-on_site",
        },
        details: l.details,
        outcome,
        outcome_key,
        notes: l.notes.unwrap_or_default(),
    }
}
