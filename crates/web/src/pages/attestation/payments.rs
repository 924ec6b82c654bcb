//! The programme office's payments desk: the attested projects, each with
//! the ente's payment request (or the wait for it) and the formal checks;
//! the payment itself is on the project's page, where the office decides.

use crate::pages::{Layout, Visit, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::Response;
use cloudpa_workflows::attestation::payment::{self, PaymentView};

#[derive(Template)]
#[template(path = "office_payments.html")]
struct Desk {
    layout: Layout,
    items: Vec<PaymentView>,
}

impl Desk {
    fn failing(&self, v: &PaymentView) -> usize {
        v.checks.iter().filter(|c| !c.passed()).count()
    }
}

pub(crate) async fn show(v: Visit) -> Result<Response, Problem> {
    let items = payment::desk(&v.state, &v.user, v.now).await?;
    let layout = v.page.layout("payments-title", &[("/programma/ufficio", "office-title")]);
    Ok(render(&Desk { layout, items }))
}
