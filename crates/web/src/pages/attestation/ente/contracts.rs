//! The project's supplier contracts on the hub: each with its supplier from
//! the directory, date, object, amount and documents; and the form that
//! records one with its signed document, the DNSH self-declaration and, for
//! dates inconsistent with the project's, the atto ricognitivo.

use super::hub::render_hub;
use super::posted::Posted;
use super::{date_field, day, euros, hub_at};
use crate::extract::Path;
use crate::pages::Visit;
use crate::problem::Problem;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use cloudpa_domain::access::Permission;
use cloudpa_domain::message::Message;
use cloudpa_store::attestation::contracts::{Contract, ContractFields};
use cloudpa_workflows::attestation::contracts;
use cloudpa_workflows::programme::applications::load;
use std::collections::BTreeSet;

/// A contract as the hub lists it.
pub(super) struct ContractRow {
    pub signed_on: String,
    pub object: String,
    pub supplier: String,
    pub vat: String,
    pub amount: String,
    pub document: String,
    pub dnsh: Option<String>,
    pub recognition: Option<String>,
}

impl ContractRow {
    pub fn of(c: &Contract) -> ContractRow {
        ContractRow {
            signed_on: day(c.fields.signed_on),
            object: c.fields.object.clone(),
            supplier: c.supplier_name.clone(),
            vat: c.supplier_vat.clone(),
            amount: c.fields.amount.to_string(),
            document: c.fields.document.clone(),
            dnsh: c.fields.dnsh.clone(),
            recognition: c.fields.recognition.clone(),
        }
    }
}

/// What the ente typed in the contract form, shown again with a problem
/// (the files must be chosen again).
#[derive(Default)]
pub(super) struct ContractDraft {
    pub supplier_id: String,
    pub signed_on: String,
    pub object: String,
    pub amount: String,
}

/// Records a contract (multipart: `supplier_id`, `signed_on`, `object`,
/// `amount`, and the files `document`, `dnsh`, `recognition`).
pub(crate) async fn add(
    v: Visit,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let mut posted = Posted::read(&v, &headers, multipart, &BTreeSet::new()).await?;
    let draft = ContractDraft {
        supplier_id: posted.text("supplier_id").to_owned(),
        signed_on: posted.text("signed_on").to_owned(),
        object: posted.text("object").to_owned(),
        amount: posted.text("amount").to_owned(),
    };
    let result: Result<Contract, Problem> = async {
        load(&v.state, &v.user, v.now, &id, Permission::ManageOwnProgramme).await?;
        let signed_on = date_field(&draft.signed_on);
        let amount = euros(&draft.amount);
        let mut problem = Problem::validation();
        if let Err(rule) = &signed_on {
            problem = problem.field("signed_on", rule.clone());
        }
        if let Err(rule) = &amount {
            problem = problem.field("amount", rule.clone());
        }
        if !posted.has_file("document") {
            problem = problem.field("document", Message::new("att-contract-document-required"));
        }
        let (Ok(signed_on), Ok(amount), true) = (signed_on, amount, problem.errors.is_empty()) else {
            return Err(problem);
        };
        let stored = posted.store(&v).await?;
        let fields = ContractFields {
            supplier_id: draft.supplier_id.clone(),
            signed_on,
            object: draft.object.clone(),
            amount,
            document: stored.file("document").unwrap_or_default(),
            dnsh: stored.file("dnsh"),
            recognition: stored.file("recognition"),
        };
        Ok(contracts::add(&v.state, &v.user, v.now, &id, fields).await?)
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&hub_at(&id, "contratti")).into_response()),
        Err(problem) => render_hub(&v, &id, Some(problem), draft).await,
    }
}
