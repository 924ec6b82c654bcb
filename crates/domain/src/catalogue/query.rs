//! A catalogue search as data: free text, facet filters, the date the
//! catalogue is looked at, and the page.
//!
//! Filters combine as users of faceted search expect: AND across facets, OR
//! within one (`type=IaaS&type=PaaS&level=QC2` is "(IaaS or PaaS) and QC2").

use crate::message::Message;
use crate::qualification::history::ListingStatus;
use crate::qualification::levels::{DataClass, Level};
use crate::qualification::listing::DataLocation;
use crate::qualification::regime::Regime;
use crate::qualification::requirements::ServiceKind;
use crate::qualification::track::Track;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The dimensions results are counted and filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Type,
    Level,
    DataClass,
    Provider,
    Category,
    Location,
    Status,
    /// The regime the qualification was granted under
    /// ([`crate::qualification::regime`]).
    Regime,
    /// Qualification or adeguamento: how the service came into the
    /// catalogue ([`crate::qualification::track`]).
    Track,
}

impl Facet {
    pub const ALL: [Facet; 9] = [
        Facet::Type,
        Facet::Level,
        Facet::DataClass,
        Facet::Provider,
        Facet::Category,
        Facet::Location,
        Facet::Status,
        Facet::Regime,
        Facet::Track,
    ];

    /// The query parameter (and JSON key) of the facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Type => "type",
            Facet::Level => "level",
            Facet::DataClass => "data_class",
            Facet::Provider => "provider",
            Facet::Category => "category",
            Facet::Location => "location",
            Facet::Status => "status",
            Facet::Regime => "regime",
            Facet::Track => "track",
        }
    }

    /// The values a closed facet accepts; `None` for provider and category,
    /// whose values are data.
    pub fn allowed(self) -> Option<Vec<&'static str>> {
        match self {
            Facet::Type => Some(ServiceKind::ALL.iter().map(|k| k.code()).collect()),
            Facet::Level => Some(Level::ALL.iter().map(|l| l.code()).collect()),
            Facet::DataClass => Some(DataClass::ALL.iter().map(|c| c.code()).collect()),
            Facet::Location => Some(DataLocation::ALL.iter().map(|l| l.code()).collect()),
            Facet::Status => Some(ListingStatus::ALL.iter().map(|s| s.code()).collect()),
            Facet::Regime => Some(Regime::ALL.iter().map(|r| r.code()).collect()),
            Facet::Track => Some(Track::ALL.iter().map(|t| t.code()).collect()),
            Facet::Provider | Facet::Category => None,
        }
    }
}

/// Results per page unless asked otherwise, and the most a page may hold.
pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const MAX_PAGE_SIZE: usize = 100;
/// Longer text is not a search but an attempt to make the server work.
pub const MAX_TEXT_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub filters: BTreeMap<Facet, BTreeSet<String>>,
    /// The date the catalogue is looked at; `None` is today.
    pub as_of: Option<NaiveDate>,
    /// 1-based.
    pub page: usize,
    pub page_size: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query { text: String::new(), filters: BTreeMap::new(), as_of: None, page: 1, page_size: DEFAULT_PAGE_SIZE }
    }
}

/// A parameter that breaks a rule: the parameter's name and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct QueryError {
    pub field: String,
    pub rule: Message,
}

fn invalid(field: &str, rule: Message) -> QueryError {
    QueryError { field: field.to_owned(), rule }
}

impl Query {
    /// Reads query-string pairs. A facet may repeat (`type=IaaS&type=SaaS`);
    /// an empty value is no filter; an unknown parameter is an error, so a
    /// typo does not silently widen a search.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Query, QueryError> {
        let mut query = Query::default();
        for (key, value) in pairs {
            let value = value.trim();
            if let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == key) {
                if value.is_empty() {
                    continue;
                }
                if let Some(allowed) = facet.allowed()
                    && !allowed.contains(&value)
                {
                    return Err(invalid(key, Message::new("qual-one-of").arg("allowed", allowed.join(", "))));
                }
                query.filters.entry(facet).or_default().insert(value.to_owned());
                continue;
            }
            match key {
                "q" if value.chars().count() > MAX_TEXT_CHARS => {
                    return Err(invalid("q", Message::new("qual-too-long").arg("max", MAX_TEXT_CHARS)));
                }
                "q" => query.text = value.to_owned(),
                "as_of" if value.is_empty() => {}
                "as_of" => {
                    query.as_of = Some(
                        NaiveDate::parse_from_str(value, "%Y-%m-%d")
                            .map_err(|_| invalid("as_of", Message::new("qual-date-iso")))?,
                    );
                }
                "page" => query.page = number(key, value, 1, usize::MAX)?,
                "page_size" => query.page_size = number(key, value, 1, MAX_PAGE_SIZE)?,
                _ => return Err(invalid(key, Message::new("qual-search-parameter"))),
            }
        }
        Ok(query)
    }

    /// Whether `values` (a result's values for `facet`) pass that facet's filter.
    pub fn admits<'v>(&self, facet: Facet, mut values: impl Iterator<Item = &'v str>) -> bool {
        match self.filters.get(&facet) {
            None => true,
            Some(wanted) => values.any(|v| wanted.contains(v)),
        }
    }

    /// The same search as a query string with its parts in a fixed order:
    /// the key of cached answers and of links that keep the search.
    pub fn canonical(&self) -> String {
        let paging = format!("page={}&page_size={}", self.page, self.page_size);
        match self.search_part() {
            filters if filters.is_empty() => paging,
            filters => format!("{filters}&{paging}"),
        }
    }

    /// The text, filters and date, without the page: what an export of
    /// every result is asked with.
    pub fn search_part(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        for (facet, values) in &self.filters {
            pairs.extend(values.iter().map(|v| (facet.param(), v.clone())));
        }
        if let Some(date) = self.as_of {
            pairs.push(("as_of", date.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }
}

fn number(key: &str, value: &str, min: usize, max: usize) -> Result<usize, QueryError> {
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ if max == usize::MAX => Err(invalid(key, Message::new("qual-number-from").arg("min", min))),
        _ => Err(invalid(key, Message::new("qual-number-between").arg("min", min).arg("max", max))),
    }
}

/// Percent-encoding of a query-string value (RFC 3986 unreserved kept).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Query, QueryError> {
        let pairs: Vec<(&str, &str)> = text.split('&').filter_map(|p| p.split_once('=')).collect();
        Query::parse(pairs)
    }

    #[test]
    fn facets_repeat_and_empty_values_are_no_filter() {
        let q = parse("q=posta&type=IaaS&type=SaaS&level=&as_of=2025-03-01&page=2&page_size=50").unwrap();
        assert_eq!(q.text, "posta");
        assert_eq!(q.filters[&Facet::Type].len(), 2);
        assert!(!q.filters.contains_key(&Facet::Level));
        assert_eq!(q.as_of, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!((q.page, q.page_size), (2, 50));
    }

    #[test]
    fn bad_values_name_the_parameter_and_the_rule() {
        assert_eq!(parse("level=QC9").unwrap_err().field, "level");
        assert_eq!(
            parse("level=QC9").unwrap_err().rule,
            Message::new("qual-one-of").arg("allowed", "QC1, QC2, QC3, QC4")
        );
        assert_eq!(parse("as_of=01/03/2025").unwrap_err().field, "as_of");
        assert_eq!(parse("page=0").unwrap_err().field, "page");
        assert_eq!(
            parse("page_size=101").unwrap_err().rule,
            Message::new("qual-number-between").arg("min", 1usize).arg("max", 100usize)
        );
        assert_eq!(parse("tipo=IaaS").unwrap_err().rule, Message::new("qual-search-parameter"));
        assert_eq!(Query::parse([("q", "x".repeat(201).as_str())]).unwrap_err().field, "q");
        assert!(Query::parse([("q", "è".repeat(200).as_str())]).is_ok());
    }

    #[test]
    fn or_within_a_facet() {
        let q = parse("type=IaaS&type=PaaS").unwrap();
        assert!(q.admits(Facet::Type, ["PaaS"].into_iter()));
        assert!(!q.admits(Facet::Type, ["SaaS"].into_iter()));
        assert!(q.admits(Facet::Level, ["QC1"].into_iter()));
        assert!(q.admits(Facet::Type, ["SaaS", "IaaS"].into_iter()));
    }

    #[test]
    fn the_canonical_form_ignores_the_order_of_parameters() {
        let a = parse("type=SaaS&q=posta elettronica&type=IaaS").unwrap();
        let b = parse("type=IaaS&type=SaaS&q=posta elettronica").unwrap();
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(a.canonical(), "q=posta%20elettronica&type=IaaS&type=SaaS&page=1&page_size=20");
        assert_eq!(a.search_part(), "q=posta%20elettronica&type=IaaS&type=SaaS");
        assert_eq!(Query::default().canonical(), "page=1&page_size=20");
    }
}
