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
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::CupShape,
        Rule::DateFormat,
        Rule::TimestampFormat,
        Rule::WholeNumber,
        Rule::IstatLeadingZeros,
        Rule::IstatMoved,
        Rule::IstatEnded,
        Rule::IstatUnknown,
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
