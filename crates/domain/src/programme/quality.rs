//! Data-quality findings: a field of an official record that breaks its rule
//! is kept as published, and the finding says which field, which rule, and
//! the value. Official data is imperfect (a CUP with a letter where a digit
//! belongs, the ISTAT code of a municipality that has since changed
//! province); dropping the record would take public money out of the
//! totals, so the record stays and its flaw is shown.
//!
//! What a user types is still validated strictly: findings are for imports
//! of official data only.

use serde::Serialize;

/// The rule a field breaks, by a stable code (the interface words it in each
/// language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rule {
    /// A CUP is 15 letters and digits in the shape every CUP shares
    /// ([`super::cup::Cup::parse`]).
    CupShape,
    /// A date is `YYYY-MM-DD`.
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
}

impl Rule {
    pub const ALL: [Rule; 11] = [
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads_back_from_its_code() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.code()), Some(rule));
        }
        assert_eq!(Rule::parse("cup"), None);
    }
}
