//! The pre-checks of the addresses a form lists: each a valid public
//! address, inside the ranges the destination's provider announces, and the
//! lists of different sections consistent with each other.

use super::super::Finding;
use super::super::addresses::{Prefix, classify, parse_address, within_any};
use super::super::form::{Answer, Answers};
use crate::message::Message;
use std::collections::BTreeSet;

/// Every address listed is a valid public address.
pub(super) fn public_addresses(answers: &Answers, lists: &[&str]) -> Vec<Finding> {
    let mut found = Vec::new();
    for list in lists {
        let entries = answers.get(*list).map(Answer::entries).unwrap_or_default();
        for entry in entries {
            let message = match parse_address(entry).map(classify) {
                Ok(Ok(())) => continue,
                Ok(Err(kind)) => {
                    Message::new("att-check-address-not-public").arg("entry", entry).arg("reason", kind.reason())
                }
                Err(_) => Message::new("att-check-address-invalid").arg("entry", entry),
            };
            found.push(Finding::new(list, message));
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
                return vec![Finding::new(list, Message::new("att-check-ranges-missing"))];
            }
            if !within_any(ip, prefixes) {
                found.push(Finding::new(list, Message::new("att-check-address-outside-ranges").arg("entry", entry)));
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
    vec![Finding::new("access_ips", Message::new("att-check-access-not-public").arg("list", missing.join(", ")))]
}
