//! The pages (and the few non-API routes: static files, metrics, the
//! OpenAPI document), each declared once with its access rule.

use super::{Route, page};
use crate::access::Access::{Can, MetricsToken, Public, SignedIn};
use crate::api::openapi::DocCell;
use crate::pages::catalogue as cat;
use crate::pages::qualification as q;
use crate::pages::{self, account, federated, home, legal, login, mailbox, programme, tokens, users};
use crate::{api::openapi, assets, metrics};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use cloudpa_domain::access::Permission::*;
use cloudpa_domain::files::MAX_UPLOAD_BYTES;

pub(super) fn routes(doc: &DocCell) -> Vec<Route> {
    let doc = doc.clone();
    vec![
        page("GET", "/", Public, get(home::show)),
        page("GET", "/catalogo", Public, get(cat::search::show)),
        page("GET", "/catalogo/livelli", Public, get(cat::levels::show)),
        page("GET", "/catalogo/novita", Public, get(cat::changes::show)),
        page("GET", "/fornitori/{id}", Public, get(cat::organisations::provider)),
        page("GET", "/infrastrutture/{id}", Public, get(cat::organisations::infrastructure)),
        page("GET", "/programma", Public, get(programme::show)),
        page("GET", "/programma/cruscotto", Public, get(pages::dashboard::show)),
        page("GET", "/programma/cruscotto/andamento.csv", Public, get(pages::timeline::csv)),
        page("GET", "/enti", Public, get(pages::comuni::find)),
        page("GET", "/qualita-dati", Public, get(pages::quality::show)),
        page("GET", "/qualita-dati.csv", Public, get(pages::quality::csv)),
        page("GET", "/enti/{ipa}", Public, get(pages::ente_public::show)),
        page("GET", "/ente", Can(ViewOwnProgramme), get(pages::ente::show)),
        page("POST", "/ente/profilo", Can(ManageOwnProgramme), post(pages::ente::save_profile)),
        page("POST", "/ente/sedi", Can(ManageOwnProgramme), post(pages::ente::add_site)),
        page("POST", "/ente/sedi/{id}/stato", Can(ManageOwnProgramme), post(pages::ente::site_status)),
        page("POST", "/ente/servizi", Can(ManageOwnProgramme), post(pages::ente::add_service)),
        page("POST", "/ente/servizi/{id}", Can(ManageOwnProgramme), post(pages::ente::update_service)),
        page("POST", "/ente/deleghe", Can(ManageDelegations), post(pages::ente::grant)),
        page("POST", "/ente/deleghe/{id}/revoca", Can(ManageDelegations), post(pages::ente::revoke)),
        page("POST", "/ente/candidature", Can(ManageOwnProgramme), post(pages::ente::open)),
        page("GET", "/candidature/{id}", SignedIn, get(pages::candidatura::show)),
        page("POST", "/candidature/{id}/servizi", Can(ManageOwnProgramme), post(pages::candidatura::save_services)),
        page("POST", "/candidature/{id}/ente/{action}", Can(ManageOwnProgramme), post(pages::candidatura::ente_step)),
        page(
            "POST",
            "/candidature/{id}/servizi/{position}/{action}",
            Can(ManageOwnProgramme),
            post(pages::candidatura::service_step),
        ),
        page("POST", "/candidature/{id}/ufficio/{action}", Can(DecideApplications), post(pages::candidatura::decide)),
        page("GET", "/programma/ufficio", Can(ViewWorklist), get(pages::office::queue)),
        page("GET", "/programma/ufficio/erogazioni", Can(DecideApplications), get(pages::attestation::payments::show)),
        page("GET", "/programma/ufficio/preverifiche", Can(ViewWorklist), get(pages::attestation::prechecks::show)),
        page(
            "POST",
            "/programma/ufficio/preverifiche",
            Can(DecideApplications),
            post(pages::attestation::prechecks::start),
        ),
        page("GET", "/team", Can(ViewWorklist), get(pages::office::team)),
        page("POST", "/team/membri", Can(ManageTeams), post(pages::office::assign)),
        page("POST", "/team/membri/{user_id}/rimuovi", Can(ManageTeams), post(pages::office::remove)),
        page("GET", "/dichiarazione-accessibilita", Public, get(|page| legal::show(page, &legal::ACCESSIBILITY))),
        page("GET", "/privacy", Public, get(|page| legal::show(page, &legal::PRIVACY))),
        page("GET", "/note-legali", Public, get(|page| legal::show(page, &legal::NOTES))),
        page("GET", "/static/{*path}", Public, get(assets::serve)),
        page("GET", "/login", Public, get(login::form)),
        page("POST", "/login", Public, post(login::submit)),
        page("POST", "/logout", SignedIn, post(login::logout)),
        page("GET", "/login/spid", Public, get(federated::start)),
        page("GET", "/auth/callback", Public, get(federated::callback)),
        page("POST", "/login/spid/organizzazione", Public, post(federated::choose)),
        page("GET", "/.well-known/openid-federation", Public, get(federated::entity_configuration)),
        page("GET", "/.well-known/jwks.json", Public, get(federated::jwks)),
        page("GET", "/profilo", SignedIn, get(account::show)),
        page("GET", "/posta", SignedIn, get(mailbox::show)),
        page("GET", "/organizzazione/utenti", Can(ManageOwnUsers), get(users::list)),
        page("POST", "/organizzazione/utenti", Can(ManageOwnUsers), post(users::create)),
        page("GET", "/organizzazione/token", Can(ManageApiTokens), get(tokens::list)),
        page("POST", "/organizzazione/token", Can(ManageApiTokens), post(tokens::create)),
        page("POST", "/organizzazione/token/{id}/revoca", Can(ManageApiTokens), post(tokens::revoke)),
        page("POST", "/organizzazione/utenti/{id}/ruolo", Can(ManageOwnUsers), post(users::change_role)),
        page("POST", "/organizzazione/utenti/{id}/rimozione", Can(ManageOwnUsers), post(users::remove)),
        page("GET", "/qualificazioni/{listing_id}", Public, get(q::public::show)),
        page("GET", "/fornitore", Can(ViewOwnListings), get(q::provider::show)),
        page("POST", "/fornitore/profilo", Can(ManageOwnListings), post(q::provider::save_profile)),
        page("POST", "/fornitore/infrastrutture", Can(ManageOwnListings), post(q::provider::add_infrastructure)),
        page("POST", "/fornitore/servizi", Can(ManageOwnListings), post(q::provider::add_listing)),
        page("POST", "/fornitore/domande", Can(ManageOwnListings), post(q::provider::open_application)),
        page("GET", "/fornitore/domande/{id}", Can(ViewOwnListings), get(q::application::show)),
        page(
            "POST",
            "/fornitore/domande/{id}/risposte/{requirement}",
            Can(ManageOwnListings),
            post(q::application::save_answer),
        ),
        page(
            "POST",
            "/fornitore/domande/{id}/documenti/{requirement}",
            Can(ManageOwnListings),
            post(q::application::save_document).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        ),
        page(
            "POST",
            "/fornitore/domande/{id}/presenta",
            Can(ManageOwnListings),
            post(q::application::submit_application),
        ),
        page("GET", "/agenzia/coda", Can(ReviewApplications), get(q::agency::queue)),
        page("GET", "/agenzia/domande/{id}", Can(ReviewApplications), get(q::agency::show)),
        page("POST", "/agenzia/domande/{id}/presa-in-carico", Can(ReviewApplications), post(q::agency::take_on)),
        page(
            "POST",
            "/agenzia/domande/{id}/verifiche/{requirement}",
            Can(ReviewApplications),
            post(q::agency::verdict),
        ),
        page(
            "POST",
            "/agenzia/domande/{id}/integrazione",
            Can(ReviewApplications),
            post(q::agency::request_integration),
        ),
        page("POST", "/agenzia/domande/{id}/decisione", Can(ReviewApplications), post(q::agency::decide)),
        page("POST", "/agenzia/schede/{listing_id}/{action}", Can(ReviewApplications), post(q::agency::listing_action)),
        page("GET", "/metrics", MetricsToken, get(metrics::serve)),
        page("GET", "/api/v1/openapi.json", Public, get(move || openapi::serve(doc.clone()))),
        page("GET", "/bench/static", Public, get(super::bench_static)),
    ]
}
