//! The interface speaks Italian first, with English available (`?lang=en`,
//! remembered in a cookie). The texts are in the translation files of
//! `cloudpa-i18n`; this module picks a request's language and names the
//! codes pages show.

use crate::cookies;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use axum_extra::extract::CookieJar;
use std::convert::Infallible;

pub(crate) use cloudpa_i18n::Lang;

mod keys;

pub(crate) use keys::{deadline_key, formal_check_key, state_key};

/// The language of a request to `uri`: `?lang=` wins, then the cookie, then
/// Italian.
pub(crate) fn lang_of(uri: &Uri, headers: &HeaderMap) -> Lang {
    query_lang(uri.query())
        .and_then(Lang::parse)
        .or_else(|| CookieJar::from_headers(headers).get(cookies::LANG).and_then(|c| Lang::parse(c.value())))
        .unwrap_or(Lang::It)
}

/// The language of whoever asked for a document (a PDF): `?lang=`, the
/// cookie, then the first of ours in `Accept-Language`, then Italian.
pub(crate) struct Reader(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let chosen = query_lang(parts.uri.query()).and_then(Lang::parse).or_else(|| {
            CookieJar::from_headers(&parts.headers).get(cookies::LANG).and_then(|c| Lang::parse(c.value()))
        });
        Ok(Reader(chosen.or_else(|| accepted(&parts.headers)).unwrap_or(Lang::It)))
    }
}

/// The first language of ours that `Accept-Language` names (weights are
/// written in order of preference by every browser; a tag's region is
/// ignored).
fn accepted(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    value.split(',').find_map(|tag| Lang::parse(tag.split(';').next()?.trim().split('-').next()?))
}

/// The language a query asks for with `lang=`, if it does.
pub(crate) fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang="))
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
    ("regime", || cloudpa_domain::qualification::regime::Regime::ALL.iter().map(|r| r.code()).collect()),
    ("track", || cloudpa_domain::qualification::track::Track::ALL.iter().map(|t| t.code()).collect()),
    ("quality_rule", || cloudpa_domain::programme::quality::Rule::ALL.iter().map(|r| r.code()).collect()),
    ("dataset", || {
        use cloudpa_store::quality::{CALLS, CATALOGUE_LISTINGS, FINANCED_APPLICATIONS};
        vec![FINANCED_APPLICATIONS, CATALOGUE_LISTINGS, CALLS]
    }),
    ("step", || cloudpa_domain::programme::stepper::Milestone::ALL.iter().map(|m| m.code()).collect()),
    ("att-project-check", || cloudpa_domain::attestation::verification::PROJECT_CHECKS.to_vec()),
    ("mon-change-kind", || {
        cloudpa_domain::qualification::monitoring::changes::ChangeKind::ALL.iter().map(|k| k.code()).collect()
    }),
    ("mon-check-kind", || vec!["documentary", "on_site"]),
    ("operator-nature", || {
        cloudpa_domain::qualification::track::OperatorNature::ALL.iter().map(|n| n.code()).collect()
    }),
    ("mon-outcome", || vec!["compliant", "not_compliant"]),
    ("mon-triage", || vec!["substantive", "not_substantive"]),
    ("q-status", || cloudpa_domain::qualification::history::ListingStatus::ALL.iter().map(|s| s.code()).collect()),
    ("infra-status", || cloudpa_domain::qualification::history::ListingStatus::ALL.iter().map(|s| s.code()).collect()),
    ("infra-state", || {
        cloudpa_domain::qualification::lifecycle::QualificationState::ALL.iter().map(|s| s.code()).collect()
    }),
    ("infra-decision", || {
        cloudpa_domain::qualification::lifecycle::DecisionKind::ALL.iter().map(|k| k.code()).collect()
    }),
    ("infra-step", || cloudpa_workflows::qualification::infrastructures::Step::ALL.iter().map(|s| s.code()).collect()),
];

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_domain::attestation::payment::FormalCheck;
    use cloudpa_domain::programme::application::CallApplicationState;
    use cloudpa_domain::programme::deadlines::DeadlineKind;

    #[test]
    fn every_code_shown_by_its_name_has_one_in_both_languages() {
        for (kind, codes) in NAMED {
            for code in codes() {
                for lang in Lang::ALL {
                    assert!(!lang.named(kind, code).is_empty(), "{kind}.{code} in {}", lang.code());
                }
            }
        }
        assert_eq!(Lang::It.named("role", "admin"), "Amministratore");
        assert_eq!(Lang::En.named("org_kind", "public_body"), "Public body");
    }

    #[test]
    fn every_state_check_and_deadline_has_a_text() {
        let keys = CallApplicationState::ALL
            .iter()
            .map(|s| state_key(*s))
            .chain(FormalCheck::ALL.iter().map(|c| formal_check_key(*c)))
            .chain(DeadlineKind::ALL.iter().map(|d| deadline_key(*d)));
        for key in keys {
            for lang in Lang::ALL {
                assert!(!lang.t(key).is_empty(), "{key} in {}", lang.code());
            }
        }
    }

    #[test]
    fn the_language_comes_from_the_query_then_the_cookie() {
        let uri: Uri = "/catalogo?q=x&lang=en".parse().unwrap();
        assert_eq!(lang_of(&uri, &HeaderMap::new()), Lang::En);
        let mut headers = HeaderMap::new();
        headers.insert("cookie", format!("{}=en", cookies::LANG).parse().unwrap());
        assert_eq!(lang_of(&"/".parse().unwrap(), &headers), Lang::En);
        assert_eq!(lang_of(&"/".parse().unwrap(), &HeaderMap::new()), Lang::It);
    }

    #[test]
    fn a_document_s_reader_may_also_say_it_with_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert("accept-language", "fr-FR, en-GB;q=0.8, it;q=0.5".parse().unwrap());
        assert_eq!(accepted(&headers), Some(Lang::En));
        headers.insert("accept-language", "de".parse().unwrap());
        assert_eq!(accepted(&headers), None);
    }
}
