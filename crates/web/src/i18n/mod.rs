//! The interface speaks Italian first, with English available (`?lang=en`,
//! remembered in a cookie). Every text has both languages, checked by a test
//! that reads the templates.

use crate::cookies;
use axum::http::{HeaderMap, Uri};
use axum_extra::extract::CookieJar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    It,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    fn parse(code: &str) -> Option<Lang> {
        match code {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a request to `uri`: `?lang=` wins, then the
    /// cookie, then Italian.
    pub fn of(uri: &Uri, headers: &HeaderMap) -> Lang {
        query_lang(uri.query())
            .and_then(Lang::parse)
            .or_else(|| CookieJar::from_headers(headers).get(cookies::LANG).and_then(|c| Lang::parse(c.value())))
            .unwrap_or(Lang::It)
    }

    /// The text of `key` in this language (the key itself if unknown, which
    /// the template test rules out).
    pub fn t(&self, key: &str) -> &'static str {
        texts().find(|(k, _, _)| *k == key).map_or("", |(_, it, en)| if *self == Lang::It { it } else { en })
    }

    /// The name in this language of a code of the domain: `named("role",
    /// "viewer")` is the text of `role.viewer`; every code of the kinds
    /// [`NAMED`] lists has one (a test checks).
    pub fn named(&self, kind: &str, code: &str) -> &'static str {
        let text = texts().find(|(k, _, _)| k.strip_prefix(kind).and_then(|rest| rest.strip_prefix('.')) == Some(code));
        text.map_or("", |(_, it, en)| if *self == Lang::It { it } else { en })
    }
}

/// The language a query asks for with `lang=`, if it does.
pub(crate) fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

mod accounts;
mod desk_attestation;
mod ente_attestation;
mod general;
mod programme;
mod quality;

pub(crate) use programme::{deadline_key, formal_check_key, state_key};

/// Every text: the general ones, then the migration programme's.
fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    general::TEXTS
        .iter()
        .chain(accounts::TEXTS)
        .chain(programme::TEXTS)
        .chain(ente_attestation::TEXTS)
        .chain(desk_attestation::TEXTS)
        .chain(quality::TEXTS)
}

/// Every code of one kind of the domain that pages show by name
/// ([`Lang::named`]).
#[cfg(test)]
type Codes = fn() -> Vec<&'static str>;

/// The kinds of codes shown by name, with a function listing every code.
#[cfg(test)]
const NAMED: &[(&str, Codes)] = &[
    ("role", || cloudpa_domain::access::Role::ALL.iter().map(|r| r.code()).collect()),
    ("org_kind", || cloudpa_domain::access::OrganisationKind::ALL.iter().map(|k| k.code()).collect()),
    ("data_class", || cloudpa_domain::qualification::levels::DataClass::ALL.iter().map(|c| c.code()).collect()),
    ("quality_rule", || cloudpa_domain::programme::quality::Rule::ALL.iter().map(|r| r.code()).collect()),
    ("dataset", || vec![cloudpa_store::quality::FINANCED_APPLICATIONS]),
    ("step", || cloudpa_domain::programme::stepper::Milestone::ALL.iter().map(|m| m.code()).collect()),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let all: Vec<_> = texts().collect();
        for (i, (key, it, en)) in all.iter().enumerate() {
            assert!(!it.is_empty() && !en.is_empty(), "{key}");
            assert!(all[i + 1..].iter().all(|(k, _, _)| k != key), "duplicate {key}");
        }
    }

    #[test]
    fn every_code_shown_by_its_name_has_one_in_both_languages() {
        for (kind, codes) in NAMED {
            for code in codes() {
                for lang in [Lang::It, Lang::En] {
                    assert!(!lang.named(kind, code).is_empty(), "{kind}.{code} in {}", lang.code());
                }
            }
        }
        assert_eq!(Lang::It.named("role", "admin"), "Amministratore");
        assert_eq!(Lang::En.named("org_kind", "public_body"), "Public body");
    }

    #[test]
    fn every_key_used_by_a_template_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split(".t(\"").skip(1) {
                let key = piece.split('"').next().unwrap();
                assert!(texts().any(|(k, _, _)| *k == key), "{}: unknown key {key}", path.display());
            }
        }
    }
}
