//! Every route of cloudpa and the access rule it answers to.
//!
//! [`RULES`] is the reviewable list; [`router`] registers each handler only
//! through it, and refuses to build if a route has no rule or a rule has no
//! route — so a new route cannot ship without an explicit rule.

use crate::access::{Access, Guard, enforce};
use crate::api::call_applications as ca;
use crate::api::{applications, calls, catalogue, enti, listings, openapi, providers, stats, status, teams};
use crate::auth::login;
use crate::pages::catalogue as cat;
use crate::pages::error::error_page;
use crate::pages::qualification as q;
use crate::pages::{self, account, home, legal, mailbox, programme, users};
use crate::problem::Problem;
use crate::{AppState, assets, input, metrics, rate_limit, security_headers};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use cloudpa_domain::access::Permission;
use cloudpa_domain::files::MAX_UPLOAD_BYTES;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

/// One route's access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRule {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn rule(method: &'static str, path: &'static str, access: Access) -> RouteRule {
    RouteRule { method, path, access }
}

use Access::{Can, MetricsToken, Public, SignedIn};

pub static RULES: &[RouteRule] = &[
    rule("GET", "/", Public),
    rule("GET", "/catalogo", Public),
    rule("GET", "/catalogo/livelli", Public),
    rule("GET", "/catalogo/novita", Public),
    rule("GET", "/fornitori/{id}", Public),
    rule("GET", "/infrastrutture/{id}", Public),
    rule("GET", "/programma", Public),
    rule("GET", "/programma/cruscotto", Public),
    rule("GET", "/enti/{ipa}", Public),
    rule("GET", "/ente", Can(Permission::ViewOwnProgramme)),
    rule("POST", "/ente/profilo", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/ente/sedi", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/ente/sedi/{id}/stato", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/ente/servizi", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/ente/servizi/{id}", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/ente/deleghe", Can(Permission::ManageDelegations)),
    rule("POST", "/ente/deleghe/{id}/revoca", Can(Permission::ManageDelegations)),
    rule("POST", "/ente/candidature", Can(Permission::ManageOwnProgramme)),
    rule("GET", "/candidature/{id}", SignedIn),
    rule("POST", "/candidature/{id}/servizi", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/candidature/{id}/ente/{action}", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/candidature/{id}/servizi/{position}/{action}", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/candidature/{id}/ufficio/{action}", Can(Permission::DecideApplications)),
    rule("GET", "/programma/ufficio", Can(Permission::ViewWorklist)),
    rule("GET", "/team", Can(Permission::ViewWorklist)),
    rule("POST", "/team/membri", Can(Permission::ManageTeams)),
    rule("POST", "/team/membri/{user_id}/rimuovi", Can(Permission::ManageTeams)),
    rule("GET", "/dichiarazione-accessibilita", Public),
    rule("GET", "/privacy", Public),
    rule("GET", "/note-legali", Public),
    rule("GET", "/static/{*path}", Public),
    rule("GET", "/login", Public),
    rule("POST", "/login", Public),
    rule("POST", "/logout", SignedIn),
    rule("GET", "/profilo", SignedIn),
    rule("GET", "/posta", SignedIn),
    rule("GET", "/organizzazione/utenti", Can(Permission::ManageOwnUsers)),
    rule("POST", "/organizzazione/utenti", Can(Permission::ManageOwnUsers)),
    rule("GET", "/qualificazioni/{listing_id}", Public),
    rule("GET", "/fornitore", Can(Permission::ViewOwnListings)),
    rule("POST", "/fornitore/profilo", Can(Permission::ManageOwnListings)),
    rule("POST", "/fornitore/infrastrutture", Can(Permission::ManageOwnListings)),
    rule("POST", "/fornitore/servizi", Can(Permission::ManageOwnListings)),
    rule("POST", "/fornitore/domande", Can(Permission::ManageOwnListings)),
    rule("GET", "/fornitore/domande/{id}", Can(Permission::ViewOwnListings)),
    rule("POST", "/fornitore/domande/{id}/risposte/{requirement}", Can(Permission::ManageOwnListings)),
    rule("POST", "/fornitore/domande/{id}/documenti/{requirement}", Can(Permission::ManageOwnListings)),
    rule("POST", "/fornitore/domande/{id}/presenta", Can(Permission::ManageOwnListings)),
    rule("GET", "/agenzia/coda", Can(Permission::ReviewApplications)),
    rule("GET", "/agenzia/domande/{id}", Can(Permission::ReviewApplications)),
    rule("POST", "/agenzia/domande/{id}/presa-in-carico", Can(Permission::ReviewApplications)),
    rule("POST", "/agenzia/domande/{id}/verifiche/{requirement}", Can(Permission::ReviewApplications)),
    rule("POST", "/agenzia/domande/{id}/integrazione", Can(Permission::ReviewApplications)),
    rule("POST", "/agenzia/domande/{id}/decisione", Can(Permission::ReviewApplications)),
    rule("POST", "/agenzia/schede/{listing_id}/{action}", Can(Permission::ReviewApplications)),
    rule("GET", "/metrics", MetricsToken),
    rule("GET", "/api/v1/status", Public),
    rule("GET", "/api/v1/openapi.json", Public),
    rule("GET", "/api/v1/calls", Public),
    rule("GET", "/api/v1/calls/{call_id}/voucher-quote", Public),
    rule("GET", "/api/v1/calls/{call_id}/services", Public),
    rule("PUT", "/api/v1/calls/{call_id}/services", Can(Permission::ManageCalls)),
    rule("GET", "/api/v1/calls/{call_id}/settings", Public),
    rule("PUT", "/api/v1/calls/{call_id}/settings", Can(Permission::ManageCalls)),
    rule("POST", "/api/v1/calls", Can(Permission::ManageCalls)),
    rule("PUT", "/api/v1/calls/{call_id}", Can(Permission::ManageCalls)),
    rule("GET", "/api/v1/calls/{call_id}/versions", Public),
    rule("GET", "/api/v1/stats/applications", Public),
    rule("GET", "/api/v1/stats/targets", Public),
    rule("GET", "/api/v1/enti", Can(Permission::ViewOwnProgramme)),
    rule("GET", "/api/v1/enti/{ente_id}/inventory", Can(Permission::ViewOwnProgramme)),
    rule("PUT", "/api/v1/enti/{ente_id}/profile", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/enti/{ente_id}/sites", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/sites/{id}/status", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/enti/{ente_id}/services", Can(Permission::ManageOwnProgramme)),
    rule("PUT", "/api/v1/ente-services/{id}", Can(Permission::ManageOwnProgramme)),
    rule("GET", "/api/v1/delegations", Can(Permission::ViewOwnProgramme)),
    rule("POST", "/api/v1/delegations", Can(Permission::ManageDelegations)),
    rule("POST", "/api/v1/delegations/{id}/revoke", Can(Permission::ManageDelegations)),
    rule("GET", "/api/v1/enti/{ente_id}/applications", Can(Permission::ViewOwnProgramme)),
    rule("POST", "/api/v1/enti/{ente_id}/applications", Can(Permission::ManageOwnProgramme)),
    rule("GET", "/api/v1/call-applications", Can(Permission::ViewWorklist)),
    rule("GET", "/api/v1/call-applications/{id}", SignedIn),
    rule("DELETE", "/api/v1/call-applications/{id}", Can(Permission::ManageOwnProgramme)),
    rule("PUT", "/api/v1/call-applications/{id}/services", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/submit", Can(Permission::ManageOwnProgramme)),
    rule("PUT", "/api/v1/call-applications/{id}/cup", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/contract", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/complete", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/withdraw", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/services/{position}/migrated", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/services/{position}/improvement", Can(Permission::ManageOwnProgramme)),
    rule("POST", "/api/v1/call-applications/{id}/decree", Can(Permission::DecideApplications)),
    rule("POST", "/api/v1/call-applications/{id}/refusal", Can(Permission::DecideApplications)),
    rule("POST", "/api/v1/call-applications/{id}/attestation", Can(Permission::DecideApplications)),
    rule("POST", "/api/v1/call-applications/{id}/payment", Can(Permission::DecideApplications)),
    rule("GET", "/api/v1/teams", Can(Permission::ViewWorklist)),
    rule("PUT", "/api/v1/teams/members/{user_id}", Can(Permission::ManageTeams)),
    rule("DELETE", "/api/v1/teams/members/{user_id}", Can(Permission::ManageTeams)),
    rule("GET", "/api/v1/teams/worklist", Can(Permission::ViewWorklist)),
    rule("GET", "/api/v1/programme/applications.csv", Public),
    rule("GET", "/api/v1/programme/applications.xlsx", Public),
    rule("GET", "/api/v1/me", SignedIn),
    rule("PUT", "/api/v1/provider/profile", Can(Permission::ManageOwnListings)),
    rule("POST", "/api/v1/provider/infrastructures", Can(Permission::ManageOwnListings)),
    rule("GET", "/api/v1/provider/infrastructures", Can(Permission::ViewOwnListings)),
    rule("POST", "/api/v1/provider/listings", Can(Permission::ManageOwnListings)),
    rule("GET", "/api/v1/provider/listings", Can(Permission::ViewOwnListings)),
    rule("PUT", "/api/v1/provider/listings/{id}", Can(Permission::ManageOwnListings)),
    rule("POST", "/api/v1/files", Can(Permission::ManageOwnListings)),
    rule("GET", "/api/v1/files/{id}", SignedIn),
    rule("POST", "/api/v1/applications", Can(Permission::ManageOwnListings)),
    rule("GET", "/api/v1/applications/{id}", SignedIn),
    rule("PUT", "/api/v1/applications/{id}/answers/{requirement_id}", Can(Permission::ManageOwnListings)),
    rule("POST", "/api/v1/applications/{id}/submit", Can(Permission::ManageOwnListings)),
    rule("POST", "/api/v1/applications/{id}/withdraw", Can(Permission::ManageOwnListings)),
    rule("GET", "/api/v1/review/queue", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/applications/{id}/assign", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/applications/{id}/start-review", Can(Permission::ReviewApplications)),
    rule("PUT", "/api/v1/applications/{id}/reviews/{requirement_id}", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/applications/{id}/request-integration", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/applications/{id}/decision", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/listings/{id}/suspend", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/listings/{id}/reinstate", Can(Permission::ReviewApplications)),
    rule("POST", "/api/v1/listings/{id}/revoke", Can(Permission::ReviewApplications)),
    rule("GET", "/api/v1/listings/{id}/status", Public),
    rule("GET", "/api/v1/listings", Public),
    rule("GET", "/api/v1/listings/{id}", Public),
    rule("GET", "/api/v1/listings/changes", Public),
    rule("GET", "/api/v1/listings/changes.atom", Public),
    rule("GET", "/api/v1/listings/export.csv", Public),
    rule("GET", "/api/v1/listings/export.xlsx", Public),
    rule("GET", "/api/v1/listings/export.json", Public),
    rule("GET", "/api/v1/listings/export.pdf", Public),
    rule("GET", "/api/v1/listings/dcat.jsonld", Public),
    rule("GET", "/bench/static", Public),
    rule("GET", "/api/v1/requirement-sets", Public),
    rule("GET", "/api/v1/requirement-sets/{id}", Public),
    rule("GET", "/api/v1/decisions/{id}", Public),
    rule("GET", "/api/v1/decisions/{id}/certificate.pdf", Public),
];

/// The rules, for documentation and tests.
pub fn rules() -> &'static [RouteRule] {
    RULES
}

struct Builder {
    state: AppState,
    router: OpenApiRouter<AppState>,
    used: Vec<bool>,
}

impl Builder {
    fn guard(&mut self, method: &str, path: &str) -> Guard {
        let index = RULES
            .iter()
            .position(|r| r.method == method && r.path == path)
            .unwrap_or_else(|| panic!("route {method} {path} has no access rule in RULES"));
        self.used[index] = true;
        Guard { state: self.state.clone(), access: RULES[index].access }
    }

    fn page(mut self, method: &str, path: &str, handler: MethodRouter<AppState>) -> Self {
        let guard = self.guard(method, path);
        let handler = handler.layer(from_fn(pages::error::html_errors));
        self.router = self.router.route(path, handler.route_layer(from_fn_with_state(guard, enforce)));
        self
    }

    /// An upload route: like [`Builder::api`], with a larger body limit.
    fn upload(self, (schemas, paths, handler): UtoipaMethodRouter<AppState>, limit: usize) -> Self {
        self.api((schemas, paths, handler.layer(DefaultBodyLimit::max(limit))))
    }

    fn api(mut self, (schemas, paths, handler): UtoipaMethodRouter<AppState>) -> Self {
        let mut guards = Vec::new();
        for (path, item) in &paths.paths {
            let methods = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("DELETE", item.delete.is_some()),
                ("PATCH", item.patch.is_some()),
            ];
            for (method, present) in methods {
                if present {
                    guards.push(self.guard(method, path));
                }
            }
        }
        let [guard] = <[Guard; 1]>::try_from(guards).unwrap_or_else(|_| panic!("one operation per API handler"));
        let handler = handler.route_layer(from_fn_with_state(guard, enforce));
        self.router = self.router.routes((schemas, paths, handler));
        self
    }

    fn finish(self) -> (Router<AppState>, utoipa::openapi::OpenApi) {
        let unused: Vec<_> = RULES.iter().zip(&self.used).filter(|(_, used)| !**used).map(|(r, _)| r).collect();
        let unused: Vec<_> = unused.into_iter().filter(|r| r.path != "/api/v1/openapi.json").collect();
        assert!(unused.is_empty(), "access rules without a route: {unused:?}");
        self.router.split_for_parts()
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    metrics::install_recorder();
    let builder = Builder {
        state: state.clone(),
        router: OpenApiRouter::with_openapi(openapi::ApiDoc::openapi()),
        used: vec![false; RULES.len()],
    };
    let (router, doc) = builder
        .page("GET", "/", get(home::show))
        .page("GET", "/catalogo", get(cat::search::show))
        .page("GET", "/catalogo/livelli", get(cat::levels::show))
        .page("GET", "/catalogo/novita", get(cat::changes::show))
        .page("GET", "/fornitori/{id}", get(cat::organisations::provider))
        .page("GET", "/infrastrutture/{id}", get(cat::organisations::infrastructure))
        .page("GET", "/programma", get(programme::show))
        .page("GET", "/programma/cruscotto", get(pages::dashboard::show))
        .page("GET", "/enti/{ipa}", get(pages::dashboard::ente))
        .page("GET", "/ente", get(pages::ente::show))
        .page("POST", "/ente/profilo", post(pages::ente::save_profile))
        .page("POST", "/ente/sedi", post(pages::ente::add_site))
        .page("POST", "/ente/sedi/{id}/stato", post(pages::ente::site_status))
        .page("POST", "/ente/servizi", post(pages::ente::add_service))
        .page("POST", "/ente/servizi/{id}", post(pages::ente::update_service))
        .page("POST", "/ente/deleghe", post(pages::ente::grant))
        .page("POST", "/ente/deleghe/{id}/revoca", post(pages::ente::revoke))
        .page("POST", "/ente/candidature", post(pages::ente::open))
        .page("GET", "/candidature/{id}", get(pages::candidatura::show))
        .page("POST", "/candidature/{id}/servizi", post(pages::candidatura::save_services))
        .page("POST", "/candidature/{id}/ente/{action}", post(pages::candidatura::ente_step))
        .page("POST", "/candidature/{id}/servizi/{position}/{action}", post(pages::candidatura::service_step))
        .page("POST", "/candidature/{id}/ufficio/{action}", post(pages::candidatura::decide))
        .page("GET", "/programma/ufficio", get(pages::office::queue))
        .page("GET", "/team", get(pages::office::team))
        .page("POST", "/team/membri", post(pages::office::assign))
        .page("POST", "/team/membri/{user_id}/rimuovi", post(pages::office::remove))
        .page("GET", "/dichiarazione-accessibilita", get(|page| legal::show(page, &legal::ACCESSIBILITY)))
        .page("GET", "/privacy", get(|page| legal::show(page, &legal::PRIVACY)))
        .page("GET", "/note-legali", get(|page| legal::show(page, &legal::NOTES)))
        .page("GET", "/static/{*path}", get(assets::serve))
        .page("GET", "/login", get(login::form))
        .page("POST", "/login", post(login::submit))
        .page("POST", "/logout", post(login::logout))
        .page("GET", "/profilo", get(account::show))
        .page("GET", "/posta", get(mailbox::show))
        .page("GET", "/organizzazione/utenti", get(users::list))
        .page("POST", "/organizzazione/utenti", post(users::create))
        .page("GET", "/qualificazioni/{listing_id}", get(q::public::show))
        .page("GET", "/fornitore", get(q::provider::show))
        .page("POST", "/fornitore/profilo", post(q::provider::save_profile))
        .page("POST", "/fornitore/infrastrutture", post(q::provider::add_infrastructure))
        .page("POST", "/fornitore/servizi", post(q::provider::add_listing))
        .page("POST", "/fornitore/domande", post(q::provider::open_application))
        .page("GET", "/fornitore/domande/{id}", get(q::application::show))
        .page("POST", "/fornitore/domande/{id}/risposte/{requirement}", post(q::application::save_answer))
        .page(
            "POST",
            "/fornitore/domande/{id}/documenti/{requirement}",
            post(q::application::save_document).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .page("POST", "/fornitore/domande/{id}/presenta", post(q::application::submit_application))
        .page("GET", "/agenzia/coda", get(q::agency::queue))
        .page("GET", "/agenzia/domande/{id}", get(q::agency::show))
        .page("POST", "/agenzia/domande/{id}/presa-in-carico", post(q::agency::take_on))
        .page("POST", "/agenzia/domande/{id}/verifiche/{requirement}", post(q::agency::verdict))
        .page("POST", "/agenzia/domande/{id}/integrazione", post(q::agency::request_integration))
        .page("POST", "/agenzia/domande/{id}/decisione", post(q::agency::decide))
        .page("POST", "/agenzia/schede/{listing_id}/{action}", post(q::agency::listing_action))
        .page("GET", "/metrics", get(metrics::serve))
        .api(routes!(status::status))
        .api(routes!(calls::list))
        .api(routes!(calls::voucher_quote))
        .api(routes!(calls::services))
        .api(routes!(calls::load_services))
        .api(routes!(calls::settings))
        .api(routes!(calls::save_settings))
        .api(routes!(calls::create))
        .api(routes!(calls::update))
        .api(routes!(calls::versions))
        .api(routes!(stats::applications))
        .api(routes!(stats::targets))
        .api(routes!(enti::list))
        .api(routes!(enti::show))
        .api(routes!(enti::save_profile))
        .api(routes!(enti::add_site))
        .api(routes!(enti::site_status))
        .api(routes!(enti::add_service))
        .api(routes!(enti::update_service))
        .api(routes!(enti::delegations))
        .api(routes!(enti::grant))
        .api(routes!(enti::revoke))
        .api(routes!(ca::list_of_ente))
        .api(routes!(ca::open))
        .api(routes!(ca::office_list))
        .api(routes!(ca::show))
        .api(routes!(ca::delete))
        .api(routes!(ca::save_services))
        .api(routes!(ca::submit))
        .api(routes!(ca::cup))
        .api(routes!(ca::contract))
        .api(routes!(ca::complete))
        .api(routes!(ca::withdraw))
        .api(routes!(ca::migrated))
        .api(routes!(ca::improvement))
        .api(routes!(ca::decree))
        .api(routes!(ca::refusal))
        .api(routes!(ca::attestation))
        .api(routes!(ca::payment))
        .api(routes!(teams::list))
        .api(routes!(teams::assign))
        .api(routes!(teams::remove))
        .api(routes!(teams::worklist))
        .api(routes!(stats::export_csv))
        .api(routes!(stats::export_xlsx))
        .api(routes!(providers::me))
        .api(routes!(providers::save_profile))
        .api(routes!(providers::create_infrastructure))
        .api(routes!(providers::list_infrastructures))
        .upload(routes!(providers::upload), MAX_UPLOAD_BYTES + 64 * 1024)
        .api(routes!(providers::download))
        .api(routes!(listings::create))
        .api(routes!(listings::list))
        .api(routes!(listings::change))
        .api(routes!(listings::status_on))
        .api(routes!(catalogue::search))
        .api(routes!(catalogue::listing))
        .api(routes!(catalogue::changes))
        .api(routes!(catalogue::atom))
        .api(routes!(catalogue::export_csv))
        .api(routes!(catalogue::export_xlsx))
        .api(routes!(catalogue::export_json))
        .api(routes!(catalogue::export_pdf))
        .api(routes!(catalogue::dcat))
        .page("GET", "/bench/static", get(bench_static))
        .api(routes!(listings::requirement_sets))
        .api(routes!(listings::requirement_set))
        .api(routes!(applications::open))
        .api(routes!(applications::show))
        .api(routes!(applications::answer))
        .api(routes!(applications::submit))
        .api(routes!(applications::withdraw))
        .api(routes!(applications::queue))
        .api(routes!(applications::assign))
        .api(routes!(applications::start_review))
        .api(routes!(applications::review))
        .api(routes!(applications::request_integration))
        .api(routes!(applications::decide))
        .api(routes!(applications::suspend))
        .api(routes!(applications::reinstate))
        .api(routes!(applications::revoke))
        .api(routes!(applications::decision))
        .api(routes!(applications::certificate))
        .finish();
    let doc = Arc::new(doc);
    router
        .route("/api/v1/openapi.json", get(openapi::serve).with_state(doc))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn(input::check_uri))
        .layer(from_fn(pages::remember_language))
        .layer(from_fn(security_headers::add))
        .layer(from_fn_with_state(state.clone(), rate_limit::limit))
        .layer(from_fn(metrics::track))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// A fixed body of the size set by `serve --bench-static-bytes`: the
/// baseline the search benchmark compares against (same server, same
/// middleware, no work). 404 when not set.
async fn bench_static(axum::extract::State(state): axum::extract::State<AppState>, request: Request) -> Response {
    match &state.config.bench_static {
        Some(body) => ([(axum::http::header::CONTENT_TYPE, "application/json")], body.clone()).into_response(),
        None => not_found(request).await,
    }
}

pub(crate) async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        Problem::not_found(format!("No resource at {}.", request.uri().path())).into_response()
    } else {
        error_page(StatusCode::NOT_FOUND, request.headers(), None)
    }
}

async fn method_not_allowed(request: Request) -> Response {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method")
        .detail(format!("{} is not allowed on {}.", request.method(), request.uri().path()))
        .into_response()
}
