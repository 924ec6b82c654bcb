//! The attestor's and the programme office's pages of the asseverazione,
//! each with its access rule.

use super::{Route, page};
use crate::access::Access::Can;
use crate::pages::attestation::desk::{controls, project, steps, worklist};
use axum::routing::{get, post};
use cloudpa_domain::access::Permission::*;

pub(super) fn routes() -> Vec<Route> {
    vec![
        page("GET", "/asseveratore", Can(ViewAssignedProjects), get(worklist::show)),
        page("GET", "/asseveratore/progetti/{id}", Can(ViewAssignedProjects), get(project::show)),
        page("POST", "/asseveratore/progetti/{id}/voci/{position}/{item}", Can(Attest), post(steps::verdict)),
        page("POST", "/asseveratore/progetti/{id}/richieste", Can(Attest), post(steps::request)),
        page("POST", "/asseveratore/progetti/{id}/verifiche-sincrone", Can(Attest), post(steps::schedule)),
        page("POST", "/asseveratore/progetti/{id}/verifiche-sincrone/{live_id}", Can(Attest), post(steps::record)),
        page("POST", "/asseveratore/progetti/{id}/esito", Can(Attest), post(steps::outcome)),
        page("GET", "/programma/ufficio/asseverazioni", Can(ViewWorklist), get(controls::show)),
        page(
            "POST",
            "/programma/ufficio/asseverazioni/{id}/asseveratore",
            Can(DecideApplications),
            post(controls::assign),
        ),
        page("POST", "/programma/ufficio/asseverazioni/controlli", Can(DecideApplications), post(controls::draw)),
    ]
}
