//! Every text a person reads, in Italian and English: the Fluent files in
//! `locales/it` and `locales/en` (one per part of the site, the same names in
//! both), built into the binary. Pages ask for a text by key ([`Lang::t`]),
//! the name of a code of the domain ([`Lang::named`]) or a [`Message`] with
//! its arguments ([`Lang::text`]); nothing a person reads is written in code.

use cloudpa_domain::message::{Arg, Message};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::LazyLock;

mod files;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text of `key`, which has no placeables (empty if there is no such
    /// key: the tests rule that out for every key the code and templates use).
    pub fn t(self, key: &str) -> &'static str {
        CATALOGUE.plain[self as usize].get(key).copied().unwrap_or("")
    }

    /// The name in this language of a code of the domain: `named("role",
    /// "viewer")` is the text of `role-viewer`.
    pub fn named(self, kind: &str, code: &str) -> &'static str {
        self.t(&format!("{kind}-{code}"))
    }

    /// The sentence of `message` in this language, its arguments in place.
    pub fn text(self, message: &Message) -> String {
        let bundle = &CATALOGUE.bundles[self as usize];
        let Some(pattern) = bundle.get_message(message.key).and_then(|m| m.value()) else {
            debug_assert!(false, "no text for {}", message.key);
            return message.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            args.set(*name, self.value_of(value));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        debug_assert!(errors.is_empty(), "{}: {errors:?}", message.key);
        text
    }

    /// Dates are written the Italian public services' way in both languages
    /// (`dd/mm/yyyy`), as the pages write them.
    fn value_of(self, arg: &Arg) -> FluentValue<'static> {
        match arg {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Date(day) => FluentValue::from(day.format("%d/%m/%Y").to_string()),
            Arg::Message(message) => FluentValue::from(self.text(message)),
        }
    }

    /// Whether `key` has a text in this language.
    pub fn has(self, key: &str) -> bool {
        CATALOGUE.bundles[self as usize].has_message(key)
    }
}

/// Both languages' bundles, and every text without placeables formatted once.
struct Catalogue {
    bundles: [FluentBundle<FluentResource>; 2],
    plain: [HashMap<&'static str, &'static str>; 2],
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let load = |lang: Lang| {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.code().parse().expect("a language tag")]);
        bundle.set_use_isolating(false);
        let mut plain = HashMap::new();
        for (name, source) in files::of(lang) {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, errors)| panic!("{}/{name}: {errors:?}", lang.code()));
            for id in files::ids(&resource) {
                plain.insert(id, "");
            }
            bundle.add_resource(resource).unwrap_or_else(|errors| panic!("{}/{name}: {errors:?}", lang.code()));
        }
        for (id, text) in &mut plain {
            let pattern = bundle.get_message(id).and_then(|m| m.value()).expect("a message with a value");
            let mut errors = Vec::new();
            *text = Box::leak(bundle.format_pattern(pattern, None, &mut errors).into_owned().into_boxed_str());
        }
        (bundle, plain)
    };
    let (it, plain_it) = load(Lang::It);
    let (en, plain_en) = load(Lang::En);
    Catalogue { bundles: [it, en], plain: [plain_it, plain_en] }
});

#[cfg(test)]
mod tests;
