//! The translation files, built into the binary: the same files in each
//! language.

use crate::Lang;
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

/// The files, named once: each is read in both languages.
macro_rules! files {
    ($($name:literal),* $(,)?) => {
        const IT: &[(&str, &str)] = &[$(($name, include_str!(concat!("../locales/it/", $name, ".ftl")))),*];
        const EN: &[(&str, &str)] = &[$(($name, include_str!(concat!("../locales/en/", $name, ".ftl")))),*];
    };
}

files!(
    "general",
    "accounts",
    "programme",
    "ente-attestation",
    "desk-attestation",
    "quality",
    "errors",
    "errors-qualification",
    "errors-attestation",
    "errors-programme",
    "errors-accounts",
    "errors-web",
    "mail",
    "documents",
    "legal",
    "store",
    "calls-office",
    "organisations",
    "monitoring",
    "infrastructures",
);

pub(crate) fn of(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::It => IT,
        Lang::En => EN,
    }
}

/// The ids of the messages of `resource`, kept for the life of the program.
pub(crate) fn ids(resource: &FluentResource) -> Vec<&'static str> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(&*Box::leak(m.id.name.to_owned().into_boxed_str())),
            _ => None,
        })
        .collect()
}
