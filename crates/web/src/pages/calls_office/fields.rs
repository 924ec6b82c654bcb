//! A call's fields as the office types them in the form: kept as text, so
//! that a refused form shows again exactly what was typed, and read into the
//! fields the workflow checks (the same the API's `POST /calls` takes).

use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::money::{Cents, parse_euros};
use cloudpa_domain::programme::call::{Call, CallFields};
use cloudpa_workflows::Error;
use serde::Deserialize;

/// The call form as posted. Amounts are in euros (the API's are in cents);
/// the kinds of ente are `;`-separated, as the open data writes them.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct CallForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub measure_budget: String,
    #[serde(default)]
    pub targets: String,
    /// The call's version the edit page was read at ("" on the new-call page).
    #[serde(default)]
    pub version: String,
}

/// The states a call may be in, as the open data writes them.
pub(crate) const STATUSES: [&str; 2] = ["APERTO", "TERMINATO"];

impl CallForm {
    /// The form of a stored call, at `version`.
    pub fn of(call: &Call, version: i64) -> Self {
        CallForm {
            title: call.title.clone(),
            measure: call.measure.clone(),
            opens_on: call.opens_on.map(|d| d.to_string()).unwrap_or_default(),
            closes_on: call.closes_on.map(|d| d.to_string()).unwrap_or_default(),
            status: call.status.clone(),
            budget: call.budget.map(euros).unwrap_or_default(),
            measure_budget: call.measure_budget.map(euros).unwrap_or_default(),
            targets: call.targets.join("; "),
            version: version.to_string(),
        }
    }

    /// The fields for the workflow, or every field that is not a date or
    /// an amount, each named by its input.
    pub fn fields(&self) -> Result<CallFields, Error> {
        let mut refused = Vec::new();
        let opens_on = kept(&mut refused, "opens_on", date(&self.opens_on));
        let closes_on = kept(&mut refused, "closes_on", date(&self.closes_on));
        let budget = kept(&mut refused, "budget", amount(&self.budget));
        let measure_budget = kept(&mut refused, "measure_budget", amount(&self.measure_budget));
        let (Some(opens_on), Some(closes_on), Some(budget), Some(measure_budget)) =
            (opens_on, closes_on, budget, measure_budget)
        else {
            return Err(refused.into_iter().fold(Error::validation(), |e, (field, rule)| e.field(field, rule)));
        };
        Ok(CallFields {
            title: self.title.clone(),
            measure: self.measure.clone(),
            opens_on,
            closes_on,
            status: self.status.clone(),
            budget_cents: budget.0,
            measure_budget_cents: measure_budget.0,
            targets: self.targets.split(';').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        })
    }

    /// The version the change is made to.
    pub fn expected(&self) -> Result<i64, Error> {
        self.version
            .trim()
            .parse()
            .map_err(|_| Error::validation().field("version", Message::new("calls_office-version-rule")))
    }
}

/// The value read, or its field and rule added to `refused`.
fn kept<T>(refused: &mut Vec<(&'static str, Message)>, field: &'static str, read: Result<T, Message>) -> Option<T> {
    read.map_err(|rule| refused.push((field, rule))).ok()
}

/// The workflow names the amounts by the API's fields; the form by its
/// inputs.
pub(crate) fn input_of(field: &str) -> &str {
    field.strip_suffix("_cents").unwrap_or(field)
}

/// An amount in euros as a number input holds it: `1234.50`.
fn euros(amount: Cents) -> String {
    format!("{}.{:02}", amount.0 / 100, (amount.0 % 100).abs())
}

/// A day as a date input sends it (`2026-12-01`).
pub(crate) fn date(text: &str) -> Result<NaiveDate, Message> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Message::new("calls_office-date-rule"))
}

/// Euros with `.` or, as Italian writes them, `,` before the cents.
fn amount(text: &str) -> Result<Cents, Message> {
    let text = text.trim();
    let text = if text.contains('.') { text.to_owned() } else { text.replacen(',', ".", 1) };
    parse_euros(&text).map_err(|e| e.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> CallForm {
        CallForm {
            title: "1.2 Comuni - dicembre 2026".into(),
            measure: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
            opens_on: "2026-12-01".into(),
            closes_on: "2027-01-31".into(),
            status: "APERTO".into(),
            budget: "10000000,50".into(),
            measure_budget: "987000000".into(),
            targets: "Comuni; ; Scuole".into(),
            version: String::new(),
        }
    }

    #[test]
    fn reads_euros_and_the_kinds_of_ente() {
        let fields = typed().fields().unwrap();
        assert_eq!((fields.budget_cents, fields.measure_budget_cents), (1_000_000_050, 98_700_000_000));
        assert_eq!(fields.targets, ["Comuni", "Scuole"]);
        let call = fields.check().unwrap();
        assert_eq!(CallForm::of(&call, 3).budget, "10000000.50");
        assert_eq!(CallForm::of(&call, 3).fields().unwrap().budget_cents, 1_000_000_050);
    }

    #[test]
    fn names_every_field_that_is_not_a_date_or_an_amount() {
        let bad = CallForm { opens_on: "01/12/2026".into(), budget: "dieci".into(), ..typed() };
        let fields: Vec<String> = bad.fields().unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["opens_on", "budget"]);
        assert_eq!(input_of("measure_budget_cents"), "measure_budget");
        assert!(CallForm { version: "x".into(), ..typed() }.expected().is_err());
    }
}
