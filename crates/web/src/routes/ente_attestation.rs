//! The ente's pages of the asseverazione, each with its access rule. The
//! forms that carry documents take a multipart body up to the upload limit.

use super::{Route, page};
use crate::access::Access::{Can, SignedIn};
use crate::pages::attestation::ente::{answers, contracts, form, hub, payment};
use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, get, post};
use cloudpa_domain::access::Permission::*;
use cloudpa_domain::files::MAX_UPLOAD_BYTES;

/// A form with files: its body may hold an upload and the other fields.
fn with_files(handler: MethodRouter<crate::AppState>) -> MethodRouter<crate::AppState> {
    handler.layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024))
}

pub(super) fn routes() -> Vec<Route> {
    vec![
        page("GET", "/candidature/{id}/asseverazione", SignedIn, get(hub::show)),
        page(
            "POST",
            "/candidature/{id}/asseverazione/contratti",
            Can(ManageOwnProgramme),
            with_files(post(contracts::add)),
        ),
        page("GET", "/candidature/{id}/servizi/{position}/conformita", SignedIn, get(form::show)),
        page(
            "POST",
            "/candidature/{id}/servizi/{position}/conformita",
            Can(ManageOwnProgramme),
            with_files(post(form::save)),
        ),
        page(
            "POST",
            "/candidature/{id}/servizi/{position}/conformita/presenta",
            Can(ManageOwnProgramme),
            with_files(post(form::submit)),
        ),
        page(
            "POST",
            "/candidature/{id}/richieste/{request_id}/risposta",
            Can(ManageOwnProgramme),
            with_files(post(answers::answer_request)),
        ),
        page(
            "POST",
            "/candidature/{id}/controllo/risposta",
            Can(ManageOwnProgramme),
            with_files(post(answers::answer_control)),
        ),
        page("POST", "/candidature/{id}/domanda-erogazione", Can(ManageOwnProgramme), with_files(post(payment::send))),
    ]
}
