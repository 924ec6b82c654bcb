//! The payment request (*domanda di erogazione*): after a positive
//! asseverazione the ente uploads the *Certificato di Regolare Esecuzione*
//! (CRE) and the payment request; the programme office runs its formal
//! checks and then pays (DOMAIN.md §4, project steps: "asseverazione → 5
//! CRE and domanda di erogazione → formal checks → payment"). Each formal
//! check is a rule below; the office pays only when all pass.

use super::Finding;
use crate::message::Message;
use crate::money::Cents;
use chrono::NaiveDate;
use serde::Serialize;

/// The request as the ente sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    /// The CRE's document (a stored file) and the date it was signed.
    pub cre_file: Option<String>,
    pub cre_on: NaiveDate,
    /// The payment request's document.
    pub request_file: Option<String>,
    pub requested: Cents,
}

/// The project as the formal checks read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectForPayment<'a> {
    /// The amount decreed: the voucher is a lump sum paid whole.
    pub decreed: Cents,
    pub cup: Option<&'a str>,
    pub completed_on: Option<NaiveDate>,
    /// The day of the positive asseverazione; none before it.
    pub attested_on: Option<NaiveDate>,
}

/// A formal check of the programme office before payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormalCheck {
    CreDocument,
    RequestDocument,
    CreDate,
    AmountAsDecreed,
    CupGiven,
    PositiveAttestation,
}

impl FormalCheck {
    pub const ALL: [FormalCheck; 6] = [
        FormalCheck::CreDocument,
        FormalCheck::RequestDocument,
        FormalCheck::CreDate,
        FormalCheck::AmountAsDecreed,
        FormalCheck::CupGiven,
        FormalCheck::PositiveAttestation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormalCheck::CreDocument => "cre_document",
            FormalCheck::RequestDocument => "request_document",
            FormalCheck::CreDate => "cre_date",
            FormalCheck::AmountAsDecreed => "amount_as_decreed",
            FormalCheck::CupGiven => "cup_given",
            FormalCheck::PositiveAttestation => "positive_attestation",
        }
    }
}

/// One formal check's result: passed, or the finding that fails it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormalResult {
    pub check: FormalCheck,
    pub failure: Option<Finding>,
}

impl FormalResult {
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// Every formal check of `request` on `project`, as of `as_of`.
pub fn formal_checks(request: &PaymentRequest, project: &ProjectForPayment<'_>, as_of: NaiveDate) -> Vec<FormalResult> {
    FormalCheck::ALL
        .into_iter()
        .map(|check| {
            let failure = match check {
                FormalCheck::CreDocument => document(&request.cre_file, "cre_file", "att-payment-cre-missing"),
                FormalCheck::RequestDocument => {
                    document(&request.request_file, "request_file", "att-payment-request-missing")
                }
                FormalCheck::CreDate => cre_date(request.cre_on, project.completed_on, as_of),
                FormalCheck::AmountAsDecreed => amount_as_decreed(request.requested, project.decreed),
                FormalCheck::CupGiven => cup_given(project.cup),
                FormalCheck::PositiveAttestation => positive_attestation(project.attested_on),
            };
            FormalResult { check, failure }
        })
        .collect()
}

/// The CRE and the payment request are documents the ente signs and
/// uploads (DOMAIN.md §2: the RUP/RTD "uploads the CRE"); neither may be
/// missing.
fn document(file: &Option<String>, field: &str, missing: &'static str) -> Option<Finding> {
    match file.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => None,
        _ => Some(Finding::new(field, Message::new(missing))),
    }
}

/// The CRE certifies work already done: it cannot be signed before the
/// project's completion, nor after today.
fn cre_date(cre_on: NaiveDate, completed_on: Option<NaiveDate>, as_of: NaiveDate) -> Option<Finding> {
    if cre_on > as_of {
        return Some(Finding::new("cre_on", Message::new("att-payment-cre-in-future").arg("cre", cre_on)));
    }
    match completed_on {
        Some(done) if cre_on < done => Some(Finding::new(
            "cre_on",
            Message::new("att-payment-cre-before-completion").arg("cre", cre_on).arg("completed", done),
        )),
        _ => None,
    }
}

/// The voucher is a lump sum (*contributo forfettario*, DOMAIN.md §4): the
/// request asks for exactly the amount decreed, no more and no less — an
/// improved migration does not change it either.
fn amount_as_decreed(requested: Cents, decreed: Cents) -> Option<Finding> {
    (requested != decreed).then(|| {
        let message = Message::new("att-payment-amount-not-decreed")
            .arg("requested", requested.to_string())
            .arg("decreed", decreed.to_string());
        Finding::new("requested_cents", message)
    })
}

/// Every payment of PNRR funds names the project's CUP (DOMAIN.md §4: the
/// CUP within 5 days of admission).
fn cup_given(cup: Option<&str>) -> Option<Finding> {
    cup.is_none_or(|c| c.trim().is_empty()).then(|| Finding::new("cup", Message::new("att-payment-cup-missing")))
}

/// Only a positive asseverazione opens the payment request (DOMAIN.md §4:
/// "positivo (→ payment request)").
fn positive_attestation(attested_on: Option<NaiveDate>) -> Option<Finding> {
    attested_on.is_none().then(|| Finding::new("state", Message::new("att-payment-not-attested")))
}

#[cfg(test)]
mod tests;
