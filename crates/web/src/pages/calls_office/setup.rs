//! The two forms of a call's set-up on its edit page: its settings (windows,
//! deadlines per population class, first eligible day) typed as rows of
//! text, and its list of services, typed or uploaded as the CSV the API's
//! `PUT /calls/{id}/services` takes.

use super::fields::date;
use crate::api::programme::calls::MAX_LIST_BYTES;
use crate::auth::csrf::session_token_matches;
use crate::pages::Visit;
use crate::pages::qualification::same_site;
use crate::problem::Problem;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::settings::{CallSettings, ClassDeadlines, WindowDates};
use cloudpa_domain::text::{Layout, check};
use cloudpa_store::programme::setup::ServiceList;
use cloudpa_workflows::Error;
use std::collections::HashMap;
use std::str::FromStr;

/// A window as typed: both days included.
#[derive(Clone, Default)]
pub(crate) struct WindowRow {
    pub opens_on: String,
    pub closes_on: String,
}

/// The terms of a range of population classes, as typed.
#[derive(Clone, Default)]
pub(crate) struct DeadlineRow {
    pub from_class: String,
    pub to_class: String,
    pub contract_months: String,
    pub completion_months: String,
}

/// The settings form. Its inputs are named as the domain names the fields
/// it refuses (`windows[1].closes_on`), so each refusal lands on its input.
#[derive(Clone, Default)]
pub(crate) struct SettingsForm {
    pub windows: Vec<WindowRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub eligibility_start: String,
}

impl SettingsForm {
    /// The settings in force, as the form shows them.
    pub fn of(settings: &CallSettings) -> Self {
        SettingsForm {
            windows: settings
                .windows
                .iter()
                .map(|w| WindowRow { opens_on: w.opens_on.to_string(), closes_on: w.closes_on.to_string() })
                .collect(),
            deadlines: settings
                .deadlines
                .iter()
                .map(|d| DeadlineRow {
                    from_class: d.from_class.to_string(),
                    to_class: d.to_class.to_string(),
                    contract_months: d.contract_months.to_string(),
                    completion_months: d.completion_months.to_string(),
                })
                .collect(),
            eligibility_start: settings.eligibility_start.to_string(),
        }
    }

    /// The form as posted, its blank rows left out: a window or a range is
    /// removed by emptying its row, and the rows are numbered again.
    pub fn posted(pairs: &[(String, String)]) -> Self {
        let values: HashMap<&str, &str> = pairs.iter().map(|(k, v)| (k.as_str(), v.trim())).collect();
        let value = |name: String| values.get(name.as_str()).copied().unwrap_or_default().to_owned();
        let rows = |prefix: &str, first: &str| {
            (0..).take_while(|i| values.contains_key(format!("{prefix}[{i}].{first}").as_str())).count()
        };
        let windows = (0..rows("windows", "opens_on"))
            .map(|i| WindowRow {
                opens_on: value(format!("windows[{i}].opens_on")),
                closes_on: value(format!("windows[{i}].closes_on")),
            })
            .filter(|w| !(w.opens_on.is_empty() && w.closes_on.is_empty()))
            .collect();
        let deadlines = (0..rows("deadlines", "from_class"))
            .map(|i| DeadlineRow {
                from_class: value(format!("deadlines[{i}].from_class")),
                to_class: value(format!("deadlines[{i}].to_class")),
                contract_months: value(format!("deadlines[{i}].contract_months")),
                completion_months: value(format!("deadlines[{i}].completion_months")),
            })
            .filter(|d| {
                [&d.from_class, &d.to_class, &d.contract_months, &d.completion_months].iter().any(|v| !v.is_empty())
            })
            .collect();
        SettingsForm { windows, deadlines, eligibility_start: value("eligibility_start".into()) }
    }

    /// The rows the page shows: those typed, and a blank one of each to add.
    pub fn with_blank_rows(mut self) -> Self {
        self.windows.push(WindowRow::default());
        self.deadlines.push(DeadlineRow::default());
        self
    }

    /// The settings for the workflow (which checks their rules), or every
    /// input that is not a date or a whole number.
    pub fn settings(&self) -> Result<CallSettings, Error> {
        let mut refused = Vec::new();
        let mut windows = Vec::new();
        for (i, w) in self.windows.iter().enumerate() {
            let opens_on = kept(&mut refused, format!("windows[{i}].opens_on"), date(&w.opens_on));
            let closes_on = kept(&mut refused, format!("windows[{i}].closes_on"), date(&w.closes_on));
            if let (Some(opens_on), Some(closes_on)) = (opens_on, closes_on) {
                windows.push(WindowDates { opens_on, closes_on });
            }
        }
        let mut deadlines = Vec::new();
        for (i, d) in self.deadlines.iter().enumerate() {
            let field = |name: &str| format!("deadlines[{i}].{name}");
            let from_class = kept(&mut refused, field("from_class"), whole::<u8>(&d.from_class));
            let to_class = kept(&mut refused, field("to_class"), whole::<u8>(&d.to_class));
            let contract_months = kept(&mut refused, field("contract_months"), whole::<u32>(&d.contract_months));
            let completion_months = kept(&mut refused, field("completion_months"), whole::<u32>(&d.completion_months));
            if let (Some(from_class), Some(to_class), Some(contract_months), Some(completion_months)) =
                (from_class, to_class, contract_months, completion_months)
            {
                deadlines.push(ClassDeadlines { from_class, to_class, contract_months, completion_months });
            }
        }
        let eligibility_start = kept(&mut refused, "eligibility_start".into(), date(&self.eligibility_start));
        match eligibility_start {
            Some(eligibility_start) if refused.is_empty() => Ok(CallSettings { windows, deadlines, eligibility_start }),
            _ => Err(refused.into_iter().fold(Error::validation(), |e, (field, rule)| e.field(field, rule))),
        }
    }
}

/// The value read, or its field and rule added to `refused`.
fn kept<T>(refused: &mut Vec<(String, Message)>, field: String, read: Result<T, Message>) -> Option<T> {
    read.map_err(|rule| refused.push((field, rule))).ok()
}

fn whole<T: FromStr>(text: &str) -> Result<T, Message> {
    text.trim().parse().map_err(|_| Message::new("calls_office-whole-rule"))
}

/// The list of services as posted: the text typed and the file chosen, if
/// any (the file wins).
pub(crate) struct PostedList {
    pub text: String,
    file: Option<(String, Vec<u8>)>,
}

impl PostedList {
    /// Reads the multipart form; refused whole (an error page, nothing
    /// read) when it is not multipart, comes from another site or lacks the
    /// session's token, as the other upload forms are.
    pub async fn read(
        v: &Visit,
        headers: &HeaderMap,
        multipart: Result<Multipart, MultipartRejection>,
    ) -> Result<PostedList, Problem> {
        let broken = || Problem::validation().field("list", Message::new("calls_office-list-broken"));
        let mut multipart = multipart.map_err(|_| broken())?;
        if !same_site(headers, &v.state) {
            return Err(Problem::forbidden(Message::new("web-form-refused")));
        }
        let (mut token, mut text, mut file) = (String::new(), String::new(), None);
        while let Some(mut field) = multipart.next_field().await.map_err(|_| broken())? {
            match (field.name().unwrap_or_default(), field.file_name().map(str::to_owned)) {
                ("file", Some(name)) => {
                    let content = crate::upload::read_field(&mut field).await?;
                    file = Some((name, content)).filter(|(_, content)| !content.is_empty());
                }
                ("csrf_token", None) => token = field.text().await.map_err(|_| broken())?,
                ("list", None) => text = field.text().await.map_err(|_| broken())?,
                _ => {}
            }
        }
        if !session_token_matches(&token, &v.user) {
            return Err(Problem::forbidden(Message::new("web-form-refused")));
        }
        Ok(PostedList { text, file })
    }

    /// The CSV to load and where it came from (the file's name, or the
    /// page), or why there is nothing loadable.
    pub fn csv(&self) -> Result<(&[u8], String), Error> {
        let refuse = |field: &str, rule: Message| Err(Error::validation().field(field, rule));
        let over = || Message::new("web-file-over").arg("limit", "256 KiB");
        match &self.file {
            Some((_, content)) if content.len() > MAX_LIST_BYTES => refuse("file", over()),
            Some((name, content)) => {
                let name = if check(name, Layout::SingleLine).is_ok() { name.as_str() } else { "CSV" };
                Ok((content, format!("web: {name}")))
            }
            None if self.text.trim().is_empty() => refuse("list", Message::new("calls_office-list-empty")),
            None if self.text.len() > MAX_LIST_BYTES => refuse("list", over()),
            None => match check(&self.text, Layout::Prose) {
                Ok(()) => Ok((self.text.as_bytes(), "web".to_owned())),
                Err(rule) => refuse("list", rule),
            },
        }
    }
}

/// The list in force as the text area shows it: the CSV it was loaded as.
pub(crate) fn list_text(list: &ServiceList) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let rows =
        std::iter::once(["codice", "servizio"]).chain(list.services.iter().map(|s| [s.code.as_str(), s.name.as_str()]));
    for row in rows {
        if writer.write_record(row).is_err() {
            return String::new();
        }
    }
    writer.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

/// A refusal of a line of the list (`line 3`) is shown at the list's input,
/// naming the line.
pub(crate) fn at_list(mut problem: Problem) -> Problem {
    for error in &mut problem.errors {
        if let Some(line) = error.field.strip_prefix("line ").and_then(|n| n.parse::<i64>().ok()) {
            error.rule = Message::new("calls_office-list-line").arg("line", line).arg("rule", error.rule.clone());
            error.field = "list".into();
        }
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn blank_rows_are_left_out_and_the_rest_numbered_again() {
        let form = SettingsForm::posted(&pairs(&[
            ("csrf_token", "x"),
            ("windows[0].opens_on", ""),
            ("windows[0].closes_on", ""),
            ("windows[1].opens_on", "2026-01-01"),
            ("windows[1].closes_on", "2026-01-30"),
            ("deadlines[0].from_class", "1"),
            ("deadlines[0].to_class", "7"),
            ("deadlines[0].contract_months", "6"),
            ("deadlines[0].completion_months", "dodici"),
            ("eligibility_start", "2020-02-01"),
        ]));
        assert_eq!(form.windows.len(), 1);
        let refused = form.settings().unwrap_err();
        let fields: Vec<&str> = refused.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["deadlines[0].completion_months"]);
        let fixed = SettingsForm {
            deadlines: vec![DeadlineRow { completion_months: "12".into(), ..form.deadlines[0].clone() }],
            ..form
        };
        let settings = fixed.settings().unwrap();
        assert_eq!(SettingsForm::of(&settings).windows[0].closes_on, "2026-01-30");
        assert_eq!(fixed.with_blank_rows().windows.len(), 2);
    }

    #[test]
    fn a_refused_line_is_shown_at_the_list() {
        let problem = at_list(Problem::validation().field("line 3", Message::new("prog-list-code-rule")));
        assert_eq!(problem.errors[0].field, "list");
        assert_eq!(problem.errors[0].rule.key, "calls_office-list-line");
        let typed = PostedList { text: " \n".into(), file: None };
        assert_eq!(typed.csv().unwrap_err().fields[0].field, "list");
    }
}
