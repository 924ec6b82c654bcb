//! The provider's area: profile, infrastructures, services and applications.

use crate::auth::csrf::CsrfForm;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::access::Permission;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::track::OperatorNature;
use cloudpa_store::qualification::applications::QueueItem;
use cloudpa_store::qualification::listings::{ListingDetails, ListingVersion};
use cloudpa_store::qualification::providers::Infrastructure;
use cloudpa_workflows::qualification::{applications, listings, providers, require, track_of};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "provider.html")]
struct Portal {
    layout: Layout,
    organisation: String,
    problem: Option<Problem>,
    applications: Vec<QueueItem>,
    listings: Vec<ListingVersion>,
    infrastructures: Vec<Infrastructure>,
    profile: (String, String, String, &'static str),
    /// The levels a service may declare, named by the organisation's track.
    levels: Vec<String>,
    /// Whether the organisation's services take the adeguamento.
    public: bool,
    /// (code, name) of each operator nature a provider may declare.
    natures: Vec<(&'static str, &'static str)>,
    csrf_token: String,
}

pub(crate) async fn show(v: Visit) -> Result<Response, Problem> {
    portal(&v, None).await
}

async fn portal(v: &Visit, problem: Option<Problem>) -> Result<Response, Problem> {
    let (state, user) = (&v.state, &v.user);
    require(user, Permission::ViewOwnListings)?;
    let org = &user.organisation.id;
    let profile = state
        .store
        .provider_profile(org)
        .await?
        .map(|p| (p.vat_number, p.pec, p.address, p.operator_nature.code()))
        .unwrap_or_default();
    let status = super::status_of(&problem);
    let track = track_of(state, user).await?;
    let public = user.organisation.kind == OrganisationKind::PublicBody;
    let template = Portal {
        layout: v.page.layout(if public { "portal-title-public" } else { "portal-title" }, &[]),
        levels: Level::ALL.iter().map(|l| track.level_code(*l)).collect(),
        public,
        natures: [OperatorNature::Private, OperatorNature::InHouse, OperatorNature::PubliclyControlledByLaw]
            .iter()
            .map(|n| (n.code(), v.page.lang.named("operator-nature", n.code())))
            .collect(),
        organisation: user.organisation.name.clone(),
        problem,
        applications: state.store.provider_applications(org).await?,
        listings: state.store.provider_listings(org).await?,
        infrastructures: state.store.list_infrastructures(org).await?,
        profile,
        csrf_token: user.csrf_token.clone(),
    };
    Ok((status, render(&template)).into_response())
}

/// Back to the portal, or the portal again with the problem shown.
async fn outcome<T>(v: &Visit, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| "/fornitore".to_owned(), |problem| portal(v, Some(problem))).await
}

#[derive(Deserialize)]
pub(crate) struct ProfileForm {
    #[serde(default)]
    vat_number: String,
    #[serde(default)]
    pec: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    operator_nature: String,
}

pub(crate) async fn save_profile(v: Visit, CsrfForm(f): CsrfForm<ProfileForm>) -> Result<Response, Problem> {
    let form = providers::ProfileForm {
        vat_number: &f.vat_number,
        pec: &f.pec,
        address: &f.address,
        operator_nature: &f.operator_nature,
    };
    let result = providers::save_profile(&v.state, &v.user, v.now, form).await;
    outcome(&v, result).await
}

#[derive(Deserialize)]
pub(crate) struct InfrastructureForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    sites: String,
    #[serde(default)]
    level: String,
}

pub(crate) async fn add_infrastructure(
    v: Visit,
    CsrfForm(f): CsrfForm<InfrastructureForm>,
) -> Result<Response, Problem> {
    let form = providers::InfrastructureForm { name: &f.name, location: &f.location, sites: &f.sites, level: &f.level };
    let result = providers::add_infrastructure(&v.state, &v.user, v.now, form).await;
    outcome(&v, result).await
}

#[derive(Deserialize)]
pub(crate) struct ListingForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    runs_on: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    pricing_model: String,
    #[serde(default)]
    procurement_channel: String,
    #[serde(default)]
    service_levels: String,
}

pub(crate) async fn add_listing(v: Visit, CsrfForm(f): CsrfForm<ListingForm>) -> Result<Response, Problem> {
    let runs_on = Some(f.runs_on).filter(|r| !r.is_empty());
    let track = track_of(&v.state, &v.user).await?;
    let result = match listings::terms(track, &f.kind, &f.level, runs_on, &f.location) {
        Ok(terms) => {
            let details = ListingDetails {
                name: f.name.trim().into(),
                description: f.description.trim().into(),
                category: f.category.trim().into(),
                terms,
                pricing_model: f.pricing_model.trim().into(),
                procurement_channel: f.procurement_channel.trim().into(),
                service_levels: if f.service_levels.trim().is_empty() { "{}".into() } else { f.service_levels },
            };
            listings::create(&v.state, &v.user, v.now, &details).await
        }
        Err(problem) => Err(problem),
    };
    outcome(&v, result).await
}

#[derive(Deserialize)]
pub(crate) struct OpenForm {
    #[serde(default)]
    listing_id: String,
}

pub(crate) async fn open_application(v: Visit, CsrfForm(f): CsrfForm<OpenForm>) -> Result<Response, Problem> {
    let result = applications::open(&v.state, &v.user, v.now, &f.listing_id, None).await;
    redirect_or(result, |app| format!("/fornitore/domande/{}", app.id), |problem| portal(&v, Some(problem))).await
}
