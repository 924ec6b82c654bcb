//! Data-quality findings: a field of an official record that breaks its rule
//! is kept as published, and the finding says which field, which rule, and
//! the value. Official data is imperfect (a CUP with a letter where a digit
//! belongs, the ISTAT code of a municipality that has since changed
//! province); dropping the record would take public money out of the
//! totals, so the record stays and its flaw is shown.
//!
//! What a user types is still validated strictly: findings are for imports
//! of official data only.

use chrono::NaiveDate;
use serde::Serialize;

/// The rule a field breaks, by a stable code (the interface words it in each
/// language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rule {
    /// A CUP is 15 letters and digits in the shape every CUP shares
    /// ([`super::cup::Cup::parse`]).
    CupShape,
    /// A date is `YYYY-MM-DD`; one written `DD/MM/YYYY` is read as such.
    DateFormat,
    /// A timestamp is ISO 8601 with its offset.
    TimestampFormat,
    /// A window or protocol number is a whole number (`1.0` is read as 1).
    WholeNumber,
    /// An ISTAT code has 6 digits; one of 5 or fewer lost its leading zeros
    /// (a spreadsheet read it as a number) and is read padded.
    IstatLeadingZeros,
    /// The ISTAT code is one a municipality had before a change (of province
    /// or region, or a merger); the record is counted where it is now.
    IstatMoved,
    /// The municipality of the code has ended and the sources do not say
    /// which municipality took its territory; it is counted where it was.
    IstatEnded,
    /// The code is no municipality's, in any year of the reference data; the
    /// record stays with the ente's known municipality.
    IstatUnknown,
    /// A partita IVA's office code (digits 8–10) and check digit (the 11th)
    /// are those DM 23 dicembre 1976, art. 2, sets
    /// ([`crate::qualification::vat::check_vat_number`]); a number of 11
    /// digits that breaks them still names its provider and is kept.
    VatCheck,
    /// A service level is `SLI<n>=objective`, once per indicator of the
    /// table of service level indicators of Circolare AgID 2/2018
    /// (`data/agid_2018_indicatori_sli.csv`); a part that is not one is left
    /// out of the listing's service levels.
    ServiceLevel,
    /// The VAT number belongs to a provider already known under another
    /// name: the listing is the provider's, under the name it has.
    ProviderName,
    /// A field the file must fill is empty.
    Required,
    /// An amount is euros with a decimal point (`11179383.0`) and not
    /// negative; one that is not is left out.
    AmountFormat,
    /// A call closes on or after the day it opens.
    DateOrder,
}

impl Rule {
    pub const ALL: [Rule; 14] = [
        Rule::CupShape,
        Rule::DateFormat,
        Rule::TimestampFormat,
        Rule::WholeNumber,
        Rule::IstatLeadingZeros,
        Rule::IstatMoved,
        Rule::IstatEnded,
        Rule::IstatUnknown,
        Rule::VatCheck,
        Rule::ServiceLevel,
        Rule::ProviderName,
        Rule::Required,
        Rule::AmountFormat,
        Rule::DateOrder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::CupShape => "cup_shape",
            Rule::DateFormat => "date_format",
            Rule::TimestampFormat => "timestamp_format",
            Rule::WholeNumber => "whole_number",
            Rule::IstatLeadingZeros => "istat_leading_zeros",
            Rule::IstatMoved => "istat_moved",
            Rule::IstatEnded => "istat_ended",
            Rule::IstatUnknown => "istat_unknown",
            Rule::VatCheck => "vat_check",
            Rule::ServiceLevel => "service_level",
            Rule::ProviderName => "provider_name",
            Rule::Required => "required",
            Rule::AmountFormat => "amount_format",
            Rule::DateOrder => "date_order",
        }
    }

    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One field of one record that breaks its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The column, as the file names it.
    pub field: &'static str,
    pub rule: Rule,
    /// The value as published.
    pub value: String,
    /// What the value was read as (a municipality's code today and the
    /// date it changed), if anything: the rule's name, in the reader's
    /// language, says what is wrong.
    pub note: String,
}

impl Finding {
    pub fn new(field: &'static str, rule: Rule, value: &str, note: impl Into<String>) -> Finding {
        Finding { field, rule, value: value.to_owned(), note: note.into() }
    }
}

/// A date of `field` as published: `YYYY-MM-DD`, or else `DD/MM/YYYY` read
/// with a finding that says what it was read as, or else left out with a
/// finding. An empty value is no date and no finding (whether the field may
/// be empty is the caller's rule).
pub fn read_date(field: &'static str, value: &str, findings: &mut Vec<Finding>) -> Option<NaiveDate> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    let day = NaiveDate::parse_from_str(text, "%d/%m/%Y").ok();
    findings.push(Finding::new(field, Rule::DateFormat, text, day.map(|d| d.to_string()).unwrap_or_default()));
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_as_published_or_left_out() {
        let mut found = Vec::new();
        assert_eq!(read_date("d", " 2022-08-08 ", &mut found), NaiveDate::from_ymd_opt(2022, 8, 8));
        assert_eq!(read_date("d", "", &mut found), None);
        assert_eq!(found, []);
        assert_eq!(read_date("d", "08/08/2022", &mut found), NaiveDate::from_ymd_opt(2022, 8, 8));
        assert_eq!(read_date("d", "2022-02-30", &mut found), None);
        assert_eq!(
            found,
            [
                Finding::new("d", Rule::DateFormat, "08/08/2022", "2022-08-08"),
                Finding::new("d", Rule::DateFormat, "2022-02-30", "")
            ]
        );
    }

    #[test]
    fn every_rule_reads_back_from_its_code() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.code()), Some(rule));
        }
        assert_eq!(Rule::parse("cup"), None);
    }
}
