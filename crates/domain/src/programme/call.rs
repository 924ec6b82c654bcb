//! Calls (avvisi) as published in the PA digitale 2026 open data.

use super::open_data::EnteKind;
use crate::message::Message;
use crate::money::Cents;
use chrono::NaiveDate;
use serde::Serialize;

/// The tariff code of the Avviso 1.2 Comuni lump sum (DOMAIN.md §4).
pub const COMUNI_1_2_TARIFF: &str = "avviso-1.2-comuni";

/// The tariff code of the Avviso 1.2 Scuole lump sum: 553 € per service,
/// 1 to 23 services (DOMAIN.md §4; every Scuole amount of the real sample is
/// a multiple of 553 € up to 23 × 553).
pub const SCUOLE_1_2_TARIFF: &str = "avviso-1.2-scuole";

/// A call, as listed in `padigitale2026_avvisi.csv`. A date or an amount
/// is `None` when the open data publishes it in a form that cannot be read
/// (the import keeps the call, with a data-quality finding holding the value
/// as published: [`super::call_row`]); a call the office writes has them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    pub id: String,
    pub title: String,
    pub measure: String,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub status: String,
    pub budget: Option<Cents>,
    pub measure_budget: Option<Cents>,
    pub targets: Vec<String>,
}

/// The columns of the PA digitale 2026 calls file, in its order.
pub const COLUMNS: [&str; 8] = [
    "titolo",
    "misura",
    "data_inizio_bando",
    "data_fine_bando",
    "stato",
    "totale_importo_stanziato",
    "totale_importo_misura",
    "soggetti_destinatari",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("{}", self.message())]
    Missing(&'static str),
    #[error("{}", self.message())]
    ClosesBeforeOpening { opens_on: NaiveDate, closes_on: NaiveDate },
    #[error("{}", self.message())]
    Invalid { field: &'static str, rule: Message },
}

impl CallError {
    pub fn message(&self) -> Message {
        let field = |field: &str, rule: Message| Message::new("prog-call-field").arg("field", field).arg("rule", rule);
        match self {
            CallError::Missing(name) => Message::new("prog-call-missing").arg("field", *name),
            CallError::ClosesBeforeOpening { opens_on, closes_on } => {
                Message::new("prog-call-closes-before-opening").arg("closes_on", *closes_on).arg("opens_on", *opens_on)
            }
            CallError::Invalid { field: name, rule } => field(name, rule.clone()),
        }
    }
}

/// A call as the programme office writes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallFields {
    pub title: String,
    pub measure: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// As the open data writes it: `APERTO` while open, `TERMINATO` after.
    pub status: String,
    pub budget_cents: i64,
    pub measure_budget_cents: i64,
    /// The kinds of ente it is for (`Comuni`, `Scuole`, `ASL`, …).
    pub targets: Vec<String>,
}

/// The longest title of a call.
pub const MAX_TITLE: usize = 300;

impl CallFields {
    /// Checks the fields; the id is the title's slug (see [`slug`]), so a
    /// call keeps its id when edited only if its title stays.
    pub fn check(self) -> Result<Call, CallError> {
        let invalid = |field, rule| Err(CallError::Invalid { field, rule });
        let title = self.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > MAX_TITLE || slug(&title).is_empty() {
            return invalid("title", Message::new("prog-call-title-rule"));
        }
        if self.measure.trim().is_empty() {
            return Err(CallError::Missing("measure"));
        }
        if !["APERTO", "TERMINATO"].contains(&self.status.trim()) {
            return invalid("status", Message::new("prog-call-status-rule"));
        }
        if self.budget_cents < 0 || self.measure_budget_cents < 0 {
            return invalid("budget_cents", Message::new("prog-call-budget-negative"));
        }
        if self.budget_cents > self.measure_budget_cents {
            return invalid("budget_cents", Message::new("prog-call-budget-over-measure"));
        }
        let targets: Vec<String> = self.targets.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        if targets.is_empty() || targets.iter().any(|t| t.contains(';')) {
            return invalid("targets", Message::new("prog-call-targets-rule"));
        }
        if self.closes_on < self.opens_on {
            return Err(CallError::ClosesBeforeOpening { opens_on: self.opens_on, closes_on: self.closes_on });
        }
        Ok(Call {
            id: slug(&title),
            title,
            measure: self.measure.trim().to_owned(),
            opens_on: Some(self.opens_on),
            closes_on: Some(self.closes_on),
            status: self.status.trim().to_owned(),
            budget: Some(Cents(self.budget_cents)),
            measure_budget: Some(Cents(self.measure_budget_cents)),
            targets,
        })
    }
}

impl Call {
    /// The call as a row of the published calls file ([`COLUMNS`]): dates
    /// `YYYY-MM-DD`, amounts as the file writes them (`1000000.0`), the
    /// recipients joined by `;`; a date or amount that was unreadable in the
    /// open data is empty. [`super::call_row::CallRow::read`] reads it back
    /// the same.
    pub fn published(&self) -> [String; 8] {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let amount = |a: Option<Cents>| a.map(super::open_data_format::amount).unwrap_or_default();
        [
            self.title.clone(),
            self.measure.clone(),
            day(self.opens_on),
            day(self.closes_on),
            self.status.clone(),
            amount(self.budget),
            amount(self.measure_budget),
            self.targets.join(";"),
        ]
    }

    /// The voucher tariff that applies to applications to this call, if any:
    /// every call of Misura 1.2 addressed to Comuni, or to Scuole, uses that
    /// kind's lump-sum tariff.
    pub fn voucher_tariff(&self) -> Option<&'static str> {
        if !self.measure.starts_with("1.2 ") {
            return None;
        }
        match self.targets.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["Comuni"] => Some(COMUNI_1_2_TARIFF),
            ["Scuole"] => Some(SCUOLE_1_2_TARIFF),
            _ => None,
        }
    }

    /// Whether an ente of `kind` may apply: a call for Comuni takes Comuni, a
    /// call for Scuole takes schools, any other call the other enti.
    pub fn admits(&self, kind: EnteKind) -> bool {
        self.targets.iter().any(|t| match t.as_str() {
            "Comuni" => kind == EnteKind::Comune,
            "Scuole" => kind == EnteKind::Scuola,
            _ => kind == EnteKind::AltroEnte,
        })
    }
}

/// A stable, readable identifier from a title: lower-case ASCII letters and
/// digits joined by single dashes (`1.2 Abilitazione al Cloud - Comuni -
/// luglio 2025` → `1-2-abilitazione-al-cloud-comuni-luglio-2025`).
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for ch in title.chars().flat_map(fold_accent) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold_accent(ch: char) -> Option<char> {
    Some(match ch {
        'à' | 'á' | 'À' | 'Á' => 'a',
        'è' | 'é' | 'È' | 'É' => 'e',
        'ì' | 'í' | 'Ì' | 'Í' => 'i',
        'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
        'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
        '\'' | '’' => return None,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> CallFields {
        CallFields {
            title: "1.2 Abilitazione al Cloud - Comuni - dicembre 2026".into(),
            measure: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
            opens_on: "2026-12-01".parse().unwrap(),
            closes_on: "2027-01-31".parse().unwrap(),
            status: "APERTO".into(),
            budget_cents: Cents::from_euros(10_000_000).0,
            measure_budget_cents: Cents::from_euros(987_000_000).0,
            targets: vec!["Comuni".into()],
        }
    }

    #[test]
    fn the_office_writes_a_call() {
        let call = fields().check().unwrap();
        assert_eq!(call.id, "1-2-abilitazione-al-cloud-comuni-dicembre-2026");
        assert_eq!(call.voucher_tariff(), Some(COMUNI_1_2_TARIFF));
        let field = |f: CallFields| match f.check() {
            Err(CallError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(CallFields { title: " - ".into(), ..fields() }), "title");
        assert_eq!(field(CallFields { status: "aperto".into(), ..fields() }), "status");
        assert_eq!(field(CallFields { budget_cents: -1, ..fields() }), "budget_cents");
        assert_eq!(
            field(CallFields { budget_cents: Cents::from_euros(987_000_000).0 + 1, ..fields() }),
            "budget_cents"
        );
        assert_eq!(field(CallFields { targets: vec![" ".into()], ..fields() }), "targets");
        assert_eq!(field(CallFields { targets: vec!["ASL;Scuole".into()], ..fields() }), "targets");
        assert!(matches!(
            CallFields { closes_on: "2026-11-30".parse().unwrap(), ..fields() }.check(),
            Err(CallError::ClosesBeforeOpening { .. })
        ));
        assert_eq!(CallFields { measure: " ".into(), ..fields() }.check(), Err(CallError::Missing("measure")));
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(
            slug("1.1 e 1.2 'Infrastrutture digitali' - ASL/AO -marzo 2023"),
            "1-1-e-1-2-infrastrutture-digitali-asl-ao-marzo-2023"
        );
        assert_eq!(slug("Identità digitale"), "identita-digitale");
    }
}
