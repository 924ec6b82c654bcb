//! Italy's municipalities with their history: an ISTAT code of any year since
//! 2011 resolves to the municipality that holds its territory today, so that a
//! record counts in the province and region where it is now.
//!
//! Source: `data/comuni.csv` (ISTAT's list of 2020-01-01 and every code since,
//! each with the date it ended and today's code) and
//! `data/comuni_variazioni.csv` (every change since 2011-01-01: new codes
//! after a change of province or region, mergers, incorporations), both
//! written by `scripts/territory` from ANPR's archive of municipalities and
//! ISTAT's current list. A successor is known only where those sources
//! determine it.

use super::quality::{Finding, Rule};
use crate::message::Message;
use std::collections::HashMap;

/// A code of the reference list: when it ended, and the code of today's
/// municipality that holds its territory (when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub ended_on: Option<String>,
    pub current: Option<String>,
}

/// Where a code stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// A municipality of today.
    Current(String),
    /// A code a municipality had before a change on `on`: its territory is
    /// `to`'s today.
    Moved { to: String, on: String },
    /// The municipality `code` ended on `on` and the sources do not name the
    /// one that took its territory; `listed` when the reference list still
    /// has it (with the province and region it had).
    Ended { code: String, on: String, listed: bool },
    /// No municipality had this code since 2011.
    Unknown,
}

/// The reference list and the changes before it.
#[derive(Debug, Clone, Default)]
pub struct Territory {
    listed: HashMap<String, Listed>,
    /// Codes that had ended before the reference list: the date and the
    /// successor, when known.
    earlier: HashMap<String, (String, Option<String>)>,
}

/// Changes followed before giving up: a chain of mergers is short, and a
/// loop in the data must not hang an import.
const MAX_CHAIN: usize = 32;

impl Territory {
    pub fn new(
        listed: impl IntoIterator<Item = (String, Listed)>,
        changes: impl IntoIterator<Item = (String, String, Option<String>)>,
    ) -> Territory {
        let listed: HashMap<String, Listed> = listed.into_iter().collect();
        let earlier = changes
            .into_iter()
            .filter(|(code, _, _)| !listed.contains_key(code))
            .map(|(code, on, next)| (code, (on, next)))
            .collect();
        Territory { listed, earlier }
    }

    /// Where the ISTAT code `code` (6 digits) stands today.
    pub fn resolve(&self, code: &str) -> Placement {
        if let Some(listed) = self.listed.get(code) {
            return match (&listed.ended_on, &listed.current) {
                (None, _) => Placement::Current(code.to_owned()),
                (Some(on), Some(to)) => Placement::Moved { to: to.clone(), on: on.clone() },
                (Some(on), None) => Placement::Ended { code: code.to_owned(), on: on.clone(), listed: true },
            };
        }
        let (mut at, mut first) = (code, None);
        for _ in 0..MAX_CHAIN {
            let Some((on, next)) = self.earlier.get(at) else { break };
            let first = first.get_or_insert_with(|| on.clone());
            let Some(next) = next else {
                return Placement::Ended { code: at.to_owned(), on: on.clone(), listed: false };
            };
            at = next;
            if let Some(listed) = self.listed.get(at) {
                return match (&listed.ended_on, &listed.current) {
                    (None, _) => Placement::Moved { to: at.to_owned(), on: first.clone() },
                    (Some(_), Some(to)) => Placement::Moved { to: to.clone(), on: first.clone() },
                    (Some(on), None) => Placement::Ended { code: at.to_owned(), on: on.clone(), listed: true },
                };
            }
        }
        Placement::Unknown
    }

    /// Where the record of an ente published with the ISTAT code `code`
    /// counts: today's municipality, with the finding (field `cod_comune`)
    /// when that is not the code as published; or why it cannot be placed.
    /// `known` is the ente's municipality when it has one already, where a
    /// record with a code that cannot be placed stays (issue 15: a record
    /// is dropped only when it cannot be placed at all). `name` words a code
    /// for the finding's note (its name, province and region).
    pub fn place(
        &self,
        code: &str,
        known: Option<&str>,
        name: impl Fn(&str) -> String,
    ) -> Result<(String, Option<Finding>), Message> {
        let finding = |rule, note: String| Some(Finding::new("cod_comune", rule, code, note));
        match (self.resolve(code), known) {
            (Placement::Current(code), _) => Ok((code, None)),
            (Placement::Moved { to, on }, _) => {
                let note = format!("{on} → {}", name(&to));
                Ok((to, finding(Rule::IstatMoved, note)))
            }
            (Placement::Ended { code: ended, on, listed: true }, _) => {
                let note = format!("{on}: {}", name(&ended));
                Ok((ended, finding(Rule::IstatEnded, note)))
            }
            (Placement::Ended { on, .. }, Some(known)) => {
                Ok((known.to_owned(), finding(Rule::IstatEnded, format!("{on}: {}", name(known)))))
            }
            (Placement::Unknown, Some(known)) => Ok((known.to_owned(), finding(Rule::IstatUnknown, name(known)))),
            (Placement::Ended { on, .. }, None) => {
                Err(Message::new("prog-import-ended").arg("code", code).arg("on", on))
            }
            (Placement::Unknown, None) => Err(Message::new("prog-import-unknown").arg("code", code)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(ended_on: Option<&str>, current: Option<&str>) -> Listed {
        Listed { ended_on: ended_on.map(str::to_owned), current: current.map(str::to_owned) }
    }

    /// Real cases of `data/comuni.csv`: Montecopiolo moved from Pesaro e
    /// Urbino (Marche) to Rimini (Emilia-Romagna) on 2021-06-17 with a new
    /// code; Monteciccardo was incorporated on 2020-07-01 into a
    /// municipality the sources do not name; Brez merged on 2020-01-01 into
    /// one of three new municipalities (before the list); 022999 chains
    /// through a merger before the list and one after it.
    fn italy() -> Territory {
        Territory::new(
            [
                ("010025".into(), listed(None, None)),
                ("041033".into(), listed(Some("2021-06-17"), Some("099030"))),
                ("099030".into(), listed(None, None)),
                ("041032".into(), listed(Some("2020-07-01"), None)),
                ("005079".into(), listed(Some("2023-01-01"), Some("005122"))),
                ("005122".into(), listed(None, None)),
            ],
            [
                ("041033".into(), "2021-06-17".into(), Some("099030".into())),
                ("022027".into(), "2020-01-01".into(), None),
                ("005999".into(), "2016-01-01".into(), Some("005079".into())),
                ("005998".into(), "2015-01-01".into(), Some("005999".into())),
                ("001001".into(), "2012-01-01".into(), Some("001002".into())),
                ("001002".into(), "2013-01-01".into(), Some("001001".into())),
            ],
        )
    }

    #[test]
    fn a_code_of_today_is_itself() {
        assert_eq!(italy().resolve("010025"), Placement::Current("010025".into()));
        assert_eq!(italy().resolve("099030"), Placement::Current("099030".into()));
    }

    #[test]
    fn a_municipality_that_changed_province_counts_where_it_is_now() {
        let moved = Placement::Moved { to: "099030".into(), on: "2021-06-17".into() };
        assert_eq!(italy().resolve("041033"), moved);
    }

    #[test]
    fn a_chain_of_mergers_is_followed_to_today_from_the_first_change() {
        let moved = Placement::Moved { to: "005122".into(), on: "2015-01-01".into() };
        assert_eq!(italy().resolve("005998"), moved);
    }

    #[test]
    fn an_ended_municipality_without_a_named_successor_says_so() {
        let listed = Placement::Ended { code: "041032".into(), on: "2020-07-01".into(), listed: true };
        assert_eq!(italy().resolve("041032"), listed);
        let earlier = Placement::Ended { code: "022027".into(), on: "2020-01-01".into(), listed: false };
        assert_eq!(italy().resolve("022027"), earlier);
    }

    #[test]
    fn a_record_is_placed_where_its_municipality_is_now_or_stays_with_its_ente() {
        let name = |code: &str| format!("[{code}]");
        let place = |code, known| italy().place(code, known, name);
        assert_eq!(place("010025", None), Ok(("010025".into(), None)));
        let moved = Finding::new("cod_comune", Rule::IstatMoved, "041033", "2021-06-17 → [099030]");
        assert_eq!(place("041033", None), Ok(("099030".into(), Some(moved))));
        let ended = Finding::new("cod_comune", Rule::IstatEnded, "041032", "2020-07-01: [041032]");
        assert_eq!(place("041032", Some("010025")), Ok(("041032".into(), Some(ended))), "counted where it was");
        let stays = Finding::new("cod_comune", Rule::IstatEnded, "022027", "2020-01-01: [010025]");
        assert_eq!(place("022027", Some("010025")), Ok(("010025".into(), Some(stays))));
        let unknown = Finding::new("cod_comune", Rule::IstatUnknown, "999999", "[010025]");
        assert_eq!(place("999999", Some("010025")), Ok(("010025".into(), Some(unknown))));
        assert_eq!(place("022027", None).unwrap_err().key, "prog-import-ended");
        assert_eq!(place("999999", None).unwrap_err().key, "prog-import-unknown");
    }

    #[test]
    fn unknown_codes_and_loops_in_the_data_end() {
        assert_eq!(italy().resolve("999999"), Placement::Unknown);
        assert_eq!(italy().resolve("001001"), Placement::Unknown);
    }
}
