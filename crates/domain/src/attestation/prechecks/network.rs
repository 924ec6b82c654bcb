//! The pre-checks of the addresses a form lists: each a valid public
//! address, inside the ranges the destination's provider announces, and the
//! lists of different sections consistent with each other.

use super::super::Finding;
use super::super::addresses::{Prefix, classify, parse_address, within_any};
use super::super::form::{Answer, Answers};
use std::collections::BTreeSet;

/// Every address listed is a valid public address.
pub(super) fn public_addresses(answers: &Answers, lists: &[&str]) -> Vec<Finding> {
    let mut found = Vec::new();
    for list in lists {
        let entries = answers.get(*list).map(Answer::entries).unwrap_or_default();
        for entry in entries {
            let (it, en) = match parse_address(entry).map(classify) {
                Ok(Ok(())) => continue,
                Ok(Err(kind)) => (format!("{entry}: {}", kind.reason_it()), format!("{entry}: {}", kind.reason_en())),
                Err(_) => (format!("{entry}: non è un indirizzo IP"), format!("{entry}: not an IP address")),
            };
            found.push(Finding { field: (*list).to_owned(), it, en });
        }
    }
    found
}

/// Every public address lies in a range the destination's provider
/// declares for its infrastructure: the service really is on the qualified
/// provider (what the attestor checks by hand with a WHOIS today).
pub(super) fn provider_ranges(answers: &Answers, lists: &[&str], prefixes: &[Prefix]) -> Vec<Finding> {
    let mut found = Vec::new();
    for list in lists {
        let public = answers.get(*list).map(Answer::entries).unwrap_or_default().into_iter().filter_map(|e| {
            let ip = parse_address(e).ok()?;
            classify(ip).is_ok().then_some((e, ip))
        });
        for (entry, ip) in public {
            if prefixes.is_empty() {
                let it = "il fornitore non ha dichiarato gli intervalli di indirizzi dell'infrastruttura";
                return vec![Finding::new(
                    list,
                    it,
                    "the provider has declared no address ranges for the infrastructure",
                )];
            }
            if !within_any(ip, prefixes) {
                found.push(Finding {
                    field: (*list).to_owned(),
                    it: format!("{entry}: fuori dagli intervalli dichiarati dal fornitore del servizio qualificato"),
                    en: format!("{entry}: outside the ranges the qualified service's provider declares"),
                });
            }
        }
    }
    found
}

/// The addresses a public service answers on are among the service's
/// public addresses.
pub(super) fn address_lists_agree(answers: &Answers) -> Vec<Finding> {
    let set = |id: &str| -> BTreeSet<_> {
        answers
            .get(id)
            .map(Answer::entries)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| parse_address(e).ok())
            .collect()
    };
    let all = set("public_ips");
    let missing: Vec<String> = set("access_ips").difference(&all).map(ToString::to_string).collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        field: "access_ips".into(),
        it: format!("non compaiono tra gli indirizzi pubblici del servizio: {}", missing.join(", ")),
        en: format!("not among the service's public addresses: {}", missing.join(", ")),
    }]
}
