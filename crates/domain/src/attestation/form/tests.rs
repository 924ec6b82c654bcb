use super::*;

fn facts() -> FormFacts {
    FormFacts { data_class: DataClass::Ordinari, improved: false }
}

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

fn text(s: &str) -> Answer {
    Answer::Text(s.to_owned())
}

fn fields(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.field.as_str()).collect()
}

const FILE: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn the_shipped_forms_cover_the_three_types_with_the_common_section() {
    for destination in Destination::ALL {
        let form = FormDefinition::shipped(destination).unwrap();
        assert_eq!(form.destination, destination);
        assert!(form.item("accessibility").is_some() && form.item("origin_decommissioned").is_some());
    }
    let a = FormDefinition::shipped(Destination::Iaas).unwrap();
    for id in ["report_from", "report_to", "cpu_vcpu", "ram_gb", "storage_gb", "connectivity", "public_ips"] {
        assert!(a.item(id).is_some(), "{id}");
    }
    assert!(a.item("software").is_some() && a.item("system_ids").is_some());
    let paas = FormDefinition::shipped(Destination::Paas).unwrap();
    assert!(paas.item("paas_updates").is_some() && paas.item("no_local_data").is_some());
    assert!(paas.item("public_ips").is_none());
    let saas = FormDefinition::shipped(Destination::Saas).unwrap();
    assert!(saas.item("verification_mode").is_some() && saas.item("report_from").is_none());
}

#[test]
fn a_definition_is_checked_when_read() {
    let common = SHIPPED_COMMON;
    let head = "id = \"x\"\nversion = \"1\"\ntitle = \"t\"\nsource = \"s\"\n";
    let item = |extra: &str| {
        format!(
            "{head}destination = \"iaas\"\n[[sections]]\nid = \"s\"\ntitle = \"t\"\ntitle_en = \"t\"\n[[sections.items]]\nid = \"i\"\nlabel = \"l\"\nlabel_en = \"l\"\n{extra}"
        )
    };
    assert!(FormDefinition::parse(&item("kind = \"text\""), common).is_ok());
    assert!(matches!(FormDefinition::parse(&item("kind = \"choice\""), common), Err(DefinitionError::Shape(_))));
    assert!(matches!(
        FormDefinition::parse(&item("kind = \"text\"\nwhen = { item = \"later\", any_of = [\"x\"] }"), common),
        Err(DefinitionError::Condition { .. })
    ));
    assert!(matches!(
        FormDefinition::parse(&item("kind = \"text\"\nwhen = { fact = \"weather\", any_of = [\"x\"] }"), common),
        Err(DefinitionError::Condition { .. })
    ));
    assert!(matches!(
        FormDefinition::parse(&item("kind = \"accessibility\""), common),
        Err(DefinitionError::Syntax(_))
    ));
    let twice = item("kind = \"text\"").replace("id = \"i\"", "id = \"accessibility\"");
    assert!(matches!(FormDefinition::parse(&twice, common), Err(DefinitionError::DuplicateItem(_))));
    let nowhere = item("kind = \"text\"").replace("\"iaas\"", "\"cloud\"");
    assert!(matches!(FormDefinition::parse(&nowhere, common), Err(DefinitionError::Destination(_))));
}

#[test]
fn conditions_follow_the_facts_and_the_answers() {
    let form = FormDefinition::shipped(Destination::Saas).unwrap();
    let ids = |facts: &FormFacts, a: &Answers| form.applicable(facts, a).map(|i| i.id.clone()).collect::<Vec<_>>();
    let none = Answers::new();
    assert!(!ids(&facts(), &none).contains(&"data_class_proof".to_owned()));
    let critici = FormFacts { data_class: DataClass::Critici, improved: false };
    assert!(ids(&critici, &none).contains(&"data_class_proof".to_owned()));
    assert!(!ids(&facts(), &none).contains(&"public_url".to_owned()));
    let public = answers(&[("accessibility", text("public"))]);
    assert!(ids(&facts(), &public).contains(&"public_url".to_owned()));
    assert!(!ids(&facts(), &public).contains(&"private_addresses".to_owned()));
    let not_live = answers(&[("in_production", Answer::Bool(false))]);
    assert!(ids(&facts(), &not_live).contains(&"expected_activation".to_owned()));
    assert!(!ids(&facts(), &none).contains(&"improved_declaration".to_owned()));
    let improved = FormFacts { data_class: DataClass::Ordinari, improved: true };
    assert!(ids(&improved, &none).contains(&"improved_declaration".to_owned()));
}

#[test]
fn a_draft_may_be_partial_but_what_it_gives_must_be_well_formed() {
    let form = FormDefinition::shipped(Destination::Iaas).unwrap();
    assert!(check_answers(&form, &facts(), &Answers::new(), Completeness::Draft).is_empty());
    let given = answers(&[
        ("report_from", text("2026-02-30")),
        ("cpu_vcpu", Answer::Number(-1)),
        ("public_ips", Answer::List(vec!["203.0.113.7".into(), "not-an-ip".into()])),
        ("report_document", text("abc")),
        ("accessibility", text("sometimes")),
        ("weather", text("sunny")),
        ("software", Answer::Rows(vec![[("name".to_owned(), "Tributi".to_owned())].into()])),
        ("origin_decommissioned", Answer::Bool(false)),
    ]);
    let found = check_answers(&form, &facts(), &given, Completeness::Draft);
    assert_eq!(fields(&found), ["weather", "report_from", "cpu_vcpu", "report_document", "software", "accessibility"]);
}

#[test]
fn a_submission_needs_every_applicable_item_and_every_declaration() {
    let form = FormDefinition::shipped(Destination::Saas).unwrap();
    let missing = check_answers(&form, &facts(), &Answers::new(), Completeness::Submit);
    assert!(fields(&missing).contains(&"verification_mode"));
    assert!(fields(&missing).contains(&"accessibility"));
    assert!(!fields(&missing).contains(&"public_url"), "a condition not met leaves the item out");
    let complete = answers(&[
        ("verification_mode", text("videocall")),
        ("verification_contact", text("Ufficio CED, 010 000000")),
        ("verification_available_from", text("2026-12-10")),
        ("accessibility", text("public")),
        ("public_url", text("https://tributi.comune.example.it/")),
        ("homepage_screenshot", text(FILE)),
        ("access_ips", Answer::List(vec!["203.0.113.7".into()])),
        ("in_production", Answer::Bool(true)),
        ("origin_description", text("Server in sala CED")),
        ("origin_decommissioned", Answer::Bool(false)),
        ("decommissioned_on", text("2026-11-30")),
    ]);
    let undeclared = check_answers(&form, &facts(), &complete, Completeness::Submit);
    assert_eq!(fields(&undeclared), ["origin_decommissioned"]);
    let mut declared = complete.clone();
    declared.insert("origin_decommissioned".into(), Answer::Bool(true));
    assert_eq!(check_answers(&form, &facts(), &declared, Completeness::Submit), vec![]);
}

#[test]
fn urls_must_be_https_and_well_formed() {
    for (url, ok) in [
        ("https://servizi.comune.genova.it/tributi", true),
        ("https://servizi.comune.genova.it:8443/", true),
        ("http://servizi.comune.genova.it/", false),
        ("https://localhost/", false),
        ("https://user@servizi.comune.genova.it/", false),
        ("https://servizi.comune genova.it/", false),
        ("https://.it/", false),
        ("servizi.comune.genova.it", false),
    ] {
        assert_eq!(url_finding("public_url", url).is_none(), ok, "{url}");
    }
}
