//! The ente's pages of the asseverazione: the hub of a financed project
//! (its contracts, its services with their compliance forms, the
//! attestor's requests, the live verifications, a sample control, the
//! payment request and the attestor's report) and the compliance form of
//! each service, rendered from its definition with its pre-checks. The
//! programme office reads the same pages. The forms post multipart (they
//! carry documents) and call the same workflows as the API.

pub(crate) mod answers;
mod checks;
pub(crate) mod contracts;
mod fields;
pub(crate) mod form;
mod form_input;
pub(crate) mod hub;
pub(crate) mod payment;
mod posted;

use chrono::NaiveDate;
use cloudpa_domain::access::{Permission, holds};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::Side;
use cloudpa_store::accounts::SessionUser;

/// A day as the pages show it: `dd/mm/yyyy`.
fn day(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Whether `user`, on `side` of a project, may change it: the ente (or its
/// aggregator), as an operator.
fn may_manage(user: &SessionUser, side: Side) -> bool {
    side == Side::Ente && holds(user.organisation.kind, user.user.role, Permission::ManageOwnProgramme)
}

/// The hub of project `id`, at the section `anchor`.
fn hub_at(id: &str, anchor: &str) -> String {
    format!("/candidature/{id}/asseverazione#{anchor}")
}

/// An amount in euro as people write it: `1.234,56`, `1234,56` or
/// `1234.56` (a `€` allowed).
fn euros(text: &str) -> Result<cloudpa_domain::money::Cents, Message> {
    let text = text.trim().trim_end_matches('€').trim();
    let plain = if text.contains(',') { text.replace('.', "").replace(',', ".") } else { text.to_owned() };
    cloudpa_domain::money::parse_euros(&plain).map_err(|_| Message::new("att-euros"))
}

/// A day given by a date field (`YYYY-MM-DD`).
fn date_field(text: &str) -> Result<NaiveDate, Message> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Message::new("att-date"))
}
