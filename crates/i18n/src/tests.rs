use super::*;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};

/// Each message of one language's files: its file and the variables it uses.
fn messages(lang: Lang) -> BTreeMap<String, (&'static str, BTreeSet<String>)> {
    let mut all = BTreeMap::new();
    for (name, source) in files::of(lang) {
        let resource = FluentResource::try_new(source.to_string()).expect("parses");
        for entry in resource.entries() {
            if let Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    variables(value, &mut vars);
                }
                let before = all.insert(m.id.name.to_owned(), (*name, vars));
                assert!(before.is_none(), "{}: {} twice", lang.code(), m.id.name);
            }
        }
    }
    all
}

fn variables(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, vars);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, vars),
        Expression::Select { selector, variants } => {
            inline_variables(selector, vars);
            for variant in variants {
                variables(&variant.value, vars);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_variables(arg, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_is_in_both_languages_in_the_same_file_with_the_same_arguments() {
    let it = messages(Lang::It);
    let en = messages(Lang::En);
    for (key, (file, vars)) in &it {
        let (en_file, en_vars) = en.get(key).unwrap_or_else(|| panic!("{key} has no English text"));
        assert_eq!(file, en_file, "{key} is in different files");
        assert_eq!(vars, en_vars, "{key} uses different arguments");
    }
    for key in en.keys() {
        assert!(it.contains_key(key), "{key} has no Italian text");
    }
    assert!(it.len() > 700, "{}", it.len());
}

#[test]
fn every_text_is_non_empty_and_texts_without_arguments_are_ready() {
    for lang in Lang::ALL {
        for (key, (_, vars)) in messages(lang) {
            if vars.is_empty() {
                assert!(!lang.t(&key).trim().is_empty(), "{key} in {}", lang.code());
            }
        }
    }
    assert_eq!(Lang::It.t("nav-catalogue"), "Catalogo");
    assert_eq!(Lang::En.t("nav-catalogue"), "Catalogue");
    assert_eq!(Lang::It.t("no-such-key"), "");
}

#[test]
fn a_message_takes_its_arguments_in_the_reader_s_language() {
    let m = Message::new("error-not-found").arg("what", "x");
    assert_eq!(Lang::It.text(&m), "Non trovato: x.");
    assert_eq!(Lang::En.text(&m), "x not found.");
    let nested = Message::new("error-last-changed").arg("refusal", m).arg("changed_by", "Ada").arg("version", 3);
    assert_eq!(Lang::En.text(&nested), "x not found. It was last changed by Ada, to version 3.");
}

/// Every key the code and the templates name (`t("…")`, `Message::new("…")`)
/// has a text; keys built from codes are checked where the codes are listed.
#[test]
fn every_key_named_in_the_code_or_a_template_exists() {
    let crates = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut stack = vec![std::path::PathBuf::from(crates)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("i18n") && !path.ends_with("target") {
                    stack.push(path);
                }
                continue;
            }
            if !matches!(path.extension().and_then(|e| e.to_str()), Some("rs" | "html")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in [".t(\"", ".layout(\"", "Message::new(\""] {
                for piece in text.split(marker).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    seen += 1;
                    if !Lang::It.has(key) || !Lang::En.has(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys without a text:\n{}", missing.join("\n"));
    assert!(seen > 700, "{seen}");
}
