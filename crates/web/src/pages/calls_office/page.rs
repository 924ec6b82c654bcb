//! The page of one call, new or edited: its fields and, once it exists, its
//! settings and its list of services — each a form of its own. A refused
//! form comes back with what was typed and each rule next to its input.

use super::fields::{CallForm, STATUSES, input_of};
use super::setup::SettingsForm;
use crate::pages::Layout;
use crate::problem::Problem;
use askama::Template;
use cloudpa_domain::message::Message;
use cloudpa_store::programme::setup::ServiceList;

#[derive(Template)]
#[template(path = "calls_office_call.html")]
pub(super) struct CallPage {
    pub layout: Layout,
    pub csrf_token: String,
    /// The call's id; empty on the new-call page.
    pub id: String,
    pub form: CallForm,
    /// The settings and the list, once the call exists.
    pub setup: Option<Setup>,
    /// The form the problem is of: `call`, `settings` or `services`.
    pub failed: &'static str,
    pub problem: Option<Problem>,
    /// The text saying which form was just saved, if one was.
    pub saved: &'static str,
}

/// A call's settings and list of services as the page shows them.
pub(super) struct Setup {
    pub settings: SettingsForm,
    pub settings_version: i64,
    /// How many population classes the deadlines must cover.
    pub classes: u8,
    pub list: Option<ServiceList>,
    pub list_text: String,
}

impl CallPage {
    fn statuses(&self) -> [&'static str; 2] {
        STATUSES
    }

    fn status_key(&self, status: &str) -> &'static str {
        status_key(status)
    }

    fn label_key(&self, input: &str) -> &'static str {
        label(input)
    }

    /// The rules input `field` broke.
    fn rules(&self, field: &str) -> Vec<&Message> {
        let errors = self.problem.iter().flat_map(|p| &p.errors);
        errors.filter(|e| input_of(&e.field) == field).map(|e| &e.rule).collect()
    }

    /// The rules the input `field` of row `i` of `rows` broke.
    fn rules_at(&self, rows: &str, i: &usize, field: &str) -> Vec<&Message> {
        self.rules(&format!("{rows}[{i}].{field}"))
    }

    /// The id of the input `field` of row `i` of `rows`.
    fn id_at(&self, rows: &str, i: &usize, field: &str) -> String {
        anchor(&format!("{rows}[{i}].{field}"))
    }

    fn anchor(&self, field: &str) -> String {
        anchor(input_of(field))
    }

    /// A refused field as the summary names it: its label, and its row.
    fn field_name(&self, field: &str) -> String {
        let lang = self.layout.lang;
        let field = input_of(field);
        let row = field.split_once('[').and_then(|(rows, rest)| {
            let (i, input) = rest.split_once("].")?;
            Some((rows, i.parse::<usize>().ok()? + 1, input))
        });
        match row {
            Some(("windows", n, input)) => format!("{} {n}, {}", lang.t("calls_office-window"), lang.t(label(input))),
            Some((_, n, input)) => format!("{} {n}, {}", lang.t("calls_office-range"), lang.t(label(input))),
            None if label(field).is_empty() => field.to_owned(),
            None => lang.t(label(field)).to_owned(),
        }
    }
}

/// The id of an input from its name: `windows[1].closes_on` is
/// `field-windows-1-closes_on`.
fn anchor(field: &str) -> String {
    format!("field-{}", field.replace("].", "-").replace('[', "-").replace(']', ""))
}

/// The label of an input of the page.
fn label(input: &str) -> &'static str {
    match input {
        "title" => "calls_office-field-title",
        "measure" => "calls_office-field-measure",
        "opens_on" => "calls_office-field-opens_on",
        "closes_on" => "calls_office-field-closes_on",
        "status" => "calls_office-field-status",
        "budget" => "calls_office-field-budget",
        "measure_budget" => "calls_office-field-measure_budget",
        "targets" => "calls_office-field-targets",
        "windows" => "calls_office-windows",
        "deadlines" => "calls_office-deadlines",
        "from_class" => "calls_office-field-from_class",
        "to_class" => "calls_office-field-to_class",
        "contract_months" => "calls_office-field-contract_months",
        "completion_months" => "calls_office-field-completion_months",
        "eligibility_start" => "calls_office-field-eligibility_start",
        "list" => "calls_office-field-list",
        "file" => "calls_office-field-file",
        _ => "",
    }
}

/// The text of a call's state as the open data writes it.
pub(super) fn status_key(status: &str) -> &'static str {
    match status {
        "APERTO" => "calls_office-status-open",
        "TERMINATO" => "calls_office-status-ended",
        _ => "calls_office-status-other",
    }
}

/// The text saying that the form `salvato` names was saved.
pub(super) fn saved_key(salvato: &str) -> &'static str {
    match salvato {
        "nuovo" => "calls_office-saved-new",
        "avviso" => "calls_office-saved-call",
        "finestre" => "calls_office-saved-settings",
        "servizi" => "calls_office-saved-services",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_named_and_anchored_as_their_refusals() {
        assert_eq!(anchor("windows[1].closes_on"), "field-windows-1-closes_on");
        assert_eq!(anchor(input_of("budget_cents")), "field-budget");
        assert_eq!(saved_key("boh"), "");
        assert_eq!(status_key("APERTO"), "calls_office-status-open");
    }
}
