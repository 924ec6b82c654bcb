//! One row of the published calls file (`padigitale2026_avvisi.csv`), read
//! as the open data publishes it. The title identifies the call (its slug is
//! the call's id), so a row without one is refused; every other field that
//! breaks its rule is kept as published, or left out when it cannot be read
//! (a date, an amount), with a data-quality finding (issue 15: each call
//! dropped would take a call, and the projects financed by it, out of the
//! programme's pages).

use super::call::{Call, CallError, slug};
use super::quality::{Finding, Rule, read_date};
use crate::message::Message;
use crate::money::{Cents, parse_euros};

/// One row of the calls file, as text.
#[derive(Debug, Clone, Default)]
pub struct CallRow<'a> {
    pub title: &'a str,
    pub measure: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
    pub status: &'a str,
    pub budget: &'a str,
    pub measure_budget: &'a str,
    pub targets: &'a str,
}

impl CallRow<'_> {
    /// The call the row publishes and the findings of its fields, or why the
    /// row names no call.
    pub fn read(&self) -> Result<(Call, Vec<Finding>), CallError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(CallError::Missing("titolo"));
        }
        if slug(title).is_empty() {
            // A title of punctuation alone would make an empty id.
            return Err(CallError::Invalid { field: "titolo", rule: Message::new("prog-call-title-letters") });
        }
        let mut findings = Vec::new();
        let opens_on = day("data_inizio_bando", self.opens_on, &mut findings);
        let closes_on = day("data_fine_bando", self.closes_on, &mut findings);
        if let (Some(opens), Some(closes)) = (opens_on, closes_on)
            && closes < opens
        {
            let note = format!("{opens} > {closes}");
            findings.push(Finding::new("data_fine_bando", Rule::DateOrder, self.closes_on.trim(), note));
        }
        let call = Call {
            id: slug(title),
            title: title.to_owned(),
            measure: text("misura", self.measure, &mut findings),
            opens_on,
            closes_on,
            status: text("stato", self.status, &mut findings),
            budget: amount("totale_importo_stanziato", self.budget, &mut findings),
            measure_budget: amount("totale_importo_misura", self.measure_budget, &mut findings),
            targets: self.targets.split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        };
        if call.targets.is_empty() {
            findings.push(Finding::new("soggetti_destinatari", Rule::Required, self.targets, ""));
        }
        Ok((call, findings))
    }
}

/// A date the file must fill ([`read_date`]; empty, with a finding).
fn day(field: &'static str, value: &str, findings: &mut Vec<Finding>) -> Option<chrono::NaiveDate> {
    if value.trim().is_empty() {
        findings.push(Finding::new(field, Rule::Required, "", ""));
    }
    read_date(field, value, findings)
}

/// A text the file must fill: kept as published, empty with a finding.
fn text(field: &'static str, value: &str, findings: &mut Vec<Finding>) -> String {
    let value = value.trim();
    if value.is_empty() {
        findings.push(Finding::new(field, Rule::Required, value, ""));
    }
    value.to_owned()
}

/// An amount of euros as the open data writes it (`11179383.0`); one that is
/// not a non-negative amount in that form is left out with a finding (a
/// comma is not read as a decimal point: `1.000,5` is ambiguous).
fn amount(field: &'static str, value: &str, findings: &mut Vec<Finding>) -> Option<Cents> {
    let read = parse_euros(value).ok().filter(|c| c.0 >= 0);
    if read.is_none() {
        findings.push(Finding::new(field, Rule::AmountFormat, value.trim(), ""));
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::call::{COMUNI_1_2_TARIFF, SCUOLE_1_2_TARIFF};
    use crate::programme::open_data::EnteKind;

    fn row() -> CallRow<'static> {
        CallRow {
            title: "1.2 Abilitazione al Cloud - Comuni - luglio 2025",
            measure: "1.2 Abilitazione e facilitazione migrazione al Cloud",
            opens_on: "2025-07-17",
            closes_on: "2025-09-12",
            status: "TERMINATO",
            budget: "11179383.0",
            measure_budget: "987000000.0",
            targets: "Comuni",
        }
    }

    fn call(row: CallRow<'_>) -> Call {
        let (call, findings) = row.read().unwrap();
        assert_eq!(findings, []);
        call
    }

    #[test]
    fn reads_a_comuni_call_with_the_lump_sum_tariff() {
        let call = call(row());
        assert_eq!(call.id, "1-2-abilitazione-al-cloud-comuni-luglio-2025");
        assert_eq!(call.budget, Some(Cents::from_euros(11_179_383)));
        assert_eq!(call.voucher_tariff(), Some(COMUNI_1_2_TARIFF));
    }

    #[test]
    fn schools_have_their_lump_sum_and_other_calls_none() {
        assert_eq!(call(CallRow { targets: "Scuole", ..row() }).voucher_tariff(), Some(SCUOLE_1_2_TARIFF));
        assert_eq!(call(CallRow { targets: "ASL;Aziende Ospedaliere", ..row() }).voucher_tariff(), None);
        let pdnd = CallRow { measure: "1.3.1 Piattaforma Digitale Nazionale Dati", ..row() };
        assert_eq!(call(pdnd).voucher_tariff(), None);
    }

    #[test]
    fn a_call_admits_the_enti_it_targets() {
        let comuni = call(row());
        assert!(comuni.admits(EnteKind::Comune));
        assert!(!comuni.admits(EnteKind::Scuola) && !comuni.admits(EnteKind::AltroEnte));
        let schools = call(CallRow { targets: "Scuole", ..row() });
        assert!(schools.admits(EnteKind::Scuola) && !schools.admits(EnteKind::Comune));
        let asl = call(CallRow { targets: "ASL;Aziende Ospedaliere", ..row() });
        assert!(asl.admits(EnteKind::AltroEnte) && !asl.admits(EnteKind::Comune));
    }

    #[test]
    fn a_row_without_a_title_names_no_call() {
        assert_eq!(CallRow { title: " ", ..row() }.read(), Err(CallError::Missing("titolo")));
        assert!(matches!(CallRow { title: "\"", ..row() }.read(), Err(CallError::Invalid { field: "titolo", .. })));
    }

    fn findings(row: CallRow<'_>) -> (Call, Vec<(&'static str, Rule, String, String)>) {
        let (call, findings) = row.read().unwrap();
        (call, findings.into_iter().map(|f| (f.field, f.rule, f.value, f.note)).collect())
    }

    #[test]
    fn a_field_that_breaks_its_rule_is_kept_with_a_finding() {
        let (call, found) = findings(CallRow { opens_on: "17/07/2025", closes_on: "fine luglio", ..row() });
        assert_eq!((call.opens_on, call.closes_on), ("2025-07-17".parse().ok(), None));
        let expected = [
            ("data_inizio_bando", Rule::DateFormat, "17/07/2025".into(), "2025-07-17".into()),
            ("data_fine_bando", Rule::DateFormat, "fine luglio".into(), String::new()),
        ];
        assert_eq!(found, expected);

        let (call, found) = findings(CallRow { budget: "11,2", measure_budget: "-1.0", ..row() });
        assert_eq!((call.budget, call.measure_budget), (None, None));
        assert_eq!(
            found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            [("totale_importo_stanziato", Rule::AmountFormat), ("totale_importo_misura", Rule::AmountFormat)]
        );

        let (call, found) =
            findings(CallRow { closes_on: "2025-01-01", measure: "", status: " ", targets: ";", ..row() });
        assert_eq!(call.closes_on, "2025-01-01".parse().ok(), "both dates kept as published");
        assert_eq!((call.measure.as_str(), call.status.as_str(), call.targets.len()), ("", "", 0));
        assert_eq!(
            found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            [
                ("data_fine_bando", Rule::DateOrder),
                ("misura", Rule::Required),
                ("stato", Rule::Required),
                ("soggetti_destinatari", Rule::Required)
            ]
        );
    }

    #[test]
    fn the_published_row_reads_back_the_same() {
        for row in [row(), CallRow { budget: "x", opens_on: "", ..row() }] {
            let (call, _) = row.read().unwrap();
            let text = call.published();
            let back = CallRow {
                title: &text[0],
                measure: &text[1],
                opens_on: &text[2],
                closes_on: &text[3],
                status: &text[4],
                budget: &text[5],
                measure_budget: &text[6],
                targets: &text[7],
            };
            assert_eq!(back.read().unwrap().0, call);
        }
    }
}
