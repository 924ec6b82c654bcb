use super::*;
use crate::qualification::history::ListingStatus;
use crate::qualification::levels::Level;
use crate::qualification::requirements::ServiceKind;

const FILE: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-06-30")
}

fn project() -> ProjectFacts {
    ProjectFacts {
        ente_name: "Comune di Masone".into(),
        ipa_code: "c_f020".into(),
        eligible_from: day("2020-02-01"),
        completed_on: Some(day("2026-05-31")),
    }
}

fn service(destination: Destination) -> ServiceFacts {
    let kind = super::super::destinations::kind_of(destination);
    ServiceFacts {
        origin: Origin::OnPremiseStructured,
        declared: destination,
        improved_to: None,
        earlier_move: None,
        data_class: DataClass::Ordinari,
        contract: Some(ContractFacts { signed_on: day("2025-09-15"), dnsh_declared: true }),
        listing: Some(Candidate {
            kind,
            level: Level::QC2,
            status_on_contract: Some(ListingStatus::Qualified),
            status_today: Some(ListingStatus::Qualified),
        }),
        prefixes: vec!["80.211.0.0/16".parse().unwrap(), "2a01:4f8::/32".parse().unwrap()],
        identifiers_elsewhere: BTreeSet::from(["vm-0099".to_owned()]),
        funded_elsewhere: false,
    }
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn list(items: &[&str]) -> Answer {
    Answer::List(items.iter().map(|s| (*s).to_owned()).collect())
}

fn common() -> Answers {
    [
        ("accessibility", text("public")),
        ("public_url", text("https://tributi.comune.masone.ge.it/")),
        ("homepage_screenshot", text(FILE)),
        ("access_ips", list(&["80.211.10.10"])),
        ("in_production", Answer::Bool(true)),
        ("origin_description", text("Server fisico nella sala CED del Comune")),
        ("origin_decommissioned", Answer::Bool(true)),
        ("decommissioned_on", text("2026-05-15")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn good(destination: Destination) -> Answers {
    let mut a = common();
    let own: Vec<(&str, Answer)> = match destination {
        Destination::Iaas => vec![
            ("report_issuer", text("Cloud Appennino S.p.A.")),
            ("report_from", text("2026-05-01")),
            ("report_to", text("2026-05-15")),
            ("cpu_vcpu", Answer::Number(8)),
            ("ram_gb", Answer::Number(32)),
            ("storage_gb", Answer::Number(500)),
            ("connectivity", text("1 Gbit/s")),
            ("report_ente", text("COMUNE DI MASONE - tenant 42")),
            ("report_document", text(FILE)),
            ("public_ips", list(&["80.211.10.10", "2a01:4f8:1:2::10"])),
            (
                "software",
                Answer::Rows(vec![
                    [
                        ("name", "Tributi"),
                        ("producer", "Acme"),
                        ("description", "Tributi minori"),
                        ("relevance", "principale"),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                ]),
            ),
            ("system_ids", list(&["vm-0001", "vm-0002"])),
        ],
        Destination::Paas => vec![
            ("report_from", text("2026-05-01")),
            ("report_to", text("2026-05-15")),
            ("consumption", text("Database gestito 2 vCPU; App service 4 istanze")),
            ("report_ente", text("Consumi c_f020, maggio 2026")),
            ("report_document", text(FILE)),
            ("paas_software", text("Protocollo")),
            ("paas_relevance", text("Servizio principale")),
            ("paas_updates", text("Containerizzato, database gestito")),
            ("all_data_migrated", Answer::Bool(true)),
            ("no_local_data", Answer::Bool(true)),
            ("security", text("Cifratura a riposo")),
            ("resilience", text("Due zone")),
            ("scalability", text("Autoscaling")),
            ("implementation_document", text(FILE)),
        ],
        Destination::Saas => vec![
            ("verification_mode", text("videocall")),
            ("verification_contact", text("Ufficio CED")),
            ("verification_available_from", text("2026-07-01")),
        ],
    };
    a.extend(own.into_iter().map(|(k, v)| (k.to_owned(), v)));
    a
}

fn run(destination: Destination, service: &ServiceFacts, answers: &Answers) -> Vec<CheckResult> {
    let form = FormDefinition::shipped(destination).unwrap();
    precheck(&form, &project(), service, answers, &ScenarioTable::official().unwrap(), today())
}

fn failed(results: &[CheckResult]) -> Vec<Check> {
    results.iter().filter(|r| !r.passed()).map(|r| r.check).collect()
}

#[test]
fn a_good_form_of_each_type_passes_every_check() {
    for destination in Destination::ALL {
        let results = run(destination, &service(destination), &good(destination));
        assert_eq!(failed(&results), vec![], "{destination:?}: {results:#?}");
    }
    let a = run(Destination::Iaas, &service(Destination::Iaas), &good(Destination::Iaas));
    assert!(a.iter().any(|r| r.check == Check::Identifiers) && a.iter().any(|r| r.check == Check::ReportPeriod));
    let saas = run(Destination::Saas, &service(Destination::Saas), &good(Destination::Saas));
    assert!(!saas.iter().any(|r| r.check == Check::ReportPeriod), "a SaaS is verified live, not by report");
}

/// Each case changes one fact or answer of a good A/IaaS form and names the
/// one check that must fail; the good form is the other side of each rule.
#[test]
fn each_check_fails_on_its_own_rule() {
    type Change = fn(&mut ServiceFacts, &mut Answers);
    let cases: Vec<(&str, Change, &[Check])> = vec![
        ("a required item left out", |_, a| _ = a.remove("connectivity"), &[Check::Complete]),
        ("no contract named", |s, _| s.contract = None, &[Check::ContractPinned]),
        (
            "signed before 1 Feb 2020",
            |s, _| s.contract.as_mut().unwrap().signed_on = day("2020-01-31"),
            &[Check::ContractDate],
        ),
        (
            "signed after completion (so the report predates it)",
            |s, _| s.contract.as_mut().unwrap().signed_on = day("2026-06-01"),
            &[Check::ContractDate, Check::ReportPeriod],
        ),
        ("no DNSH", |s, _| s.contract.as_mut().unwrap().dnsh_declared = false, &[Check::Dnsh]),
        (
            "a PaaS listing for an A service",
            |s, _| s.listing.as_mut().unwrap().kind = ServiceKind::PaaS,
            &[Check::DestinationType],
        ),
        (
            "QC1 for critici",
            |s, a| {
                s.listing.as_mut().unwrap().level = Level::QC1;
                s.data_class = DataClass::Critici;
                a.insert("data_class_proof".into(), text(FILE));
            },
            &[Check::DestinationLevel],
        ),
        (
            "not yet qualified at the contract",
            |s, _| s.listing.as_mut().unwrap().status_on_contract = None,
            &[Check::QualifiedOnContract],
        ),
        (
            "suspended after the contract",
            |s, _| s.listing.as_mut().unwrap().status_today = Some(ListingStatus::Suspended),
            &[Check::QualifiedToday],
        ),
        ("SaaS origin to IaaS", |s, _| s.origin = Origin::Saas, &[Check::Scenario]),
        ("14 days of report", |_, a| _ = a.insert("report_to".into(), text("2026-05-14")), &[Check::ReportPeriod]),
        (
            "a report from before the contract",
            |_, a| _ = a.insert("report_from".into(), text("2025-09-14")),
            &[Check::ReportPeriod],
        ),
        (
            "a report ending tomorrow",
            |_, a| {
                a.insert("report_from".into(), text("2026-06-01"));
                a.insert("report_to".into(), text("2026-07-01"));
            },
            &[Check::ReportPeriod],
        ),
        (
            "a report naming someone else",
            |_, a| _ = a.insert("report_ente".into(), text("Comune di Genova")),
            &[Check::ReportNamesEnte],
        ),
        (
            "a private address",
            |_, a| _ = a.insert("public_ips".into(), list(&["80.211.10.10", "192.168.1.10"])),
            &[Check::PublicAddresses],
        ),
        (
            "an address off the provider's ranges",
            |_, a| _ = a.insert("public_ips".into(), list(&["80.211.10.10", "8.8.8.8"])),
            &[Check::ProviderRanges],
        ),
        ("no ranges declared", |s, _| s.prefixes.clear(), &[Check::ProviderRanges]),
        (
            "an access address not listed",
            |_, a| _ = a.insert("access_ips".into(), list(&["2a01:4f8:1:2::11"])),
            &[Check::AddressListsAgree],
        ),
        (
            "a repeated identifier",
            |_, a| _ = a.insert("system_ids".into(), list(&["vm-0001", "vm-0001"])),
            &[Check::Identifiers],
        ),
        (
            "an identifier of another service",
            |_, a| _ = a.insert("system_ids".into(), list(&["vm-0099"])),
            &[Check::Identifiers],
        ),
        (
            "a plain http address",
            |_, a| _ = a.insert("public_url".into(), text("http://tributi.comune.masone.ge.it/")),
            &[Check::Url],
        ),
        (
            "decommissioning in the future",
            |_, a| _ = a.insert("decommissioned_on".into(), text("2026-07-01")),
            &[Check::OriginDecommissioned],
        ),
        ("funded twice", |s, _| s.funded_elsewhere = true, &[Check::NotFundedTwice]),
    ];
    for (name, change, checks) in cases {
        let (mut s, mut a) = (service(Destination::Iaas), good(Destination::Iaas));
        change(&mut s, &mut a);
        let results = run(Destination::Iaas, &s, &a);
        assert_eq!(failed(&results), checks, "{name}: {results:#?}");
        for failure in results.iter().filter(|r| !r.passed()) {
            assert!(failure.findings.iter().all(|f| !f.message.key.is_empty() && !f.field.is_empty()), "{name}");
        }
    }
}

#[test]
fn fifteen_days_counted_with_both_ends_pass() {
    let (s, mut a) = (service(Destination::Iaas), good(Destination::Iaas));
    a.insert("report_from".into(), text("2026-05-01"));
    a.insert("report_to".into(), text("2026-05-15"));
    assert!(!failed(&run(Destination::Iaas, &s, &a)).contains(&Check::ReportPeriod));
    a.insert("report_to".into(), text("2026-05-14"));
    let results = run(Destination::Iaas, &s, &a);
    let period = results.iter().find(|r| r.check == Check::ReportPeriod).unwrap();
    let expected = Message::new("att-check-report-too-short").arg("days", 14).arg("minimum", REPORT_MIN_DAYS);
    assert_eq!(period.findings[0].message, expected);
}

#[test]
fn the_ipa_code_names_the_ente_as_a_whole_word() {
    let s = service(Destination::Paas);
    for (named, ok) in
        [("Consumi c_f020 maggio", true), ("COMUNE DI MASONE", true), ("c_f0201", false), ("Masone", false)]
    {
        let mut a = good(Destination::Paas);
        a.insert("report_ente".into(), text(named));
        assert_eq!(!failed(&run(Destination::Paas, &s, &a)).contains(&Check::ReportNamesEnte), ok, "{named}");
    }
}

#[test]
fn an_improved_migration_is_checked_against_its_new_destination() {
    let mut s = service(Destination::Iaas);
    s.improved_to = Some(Destination::Saas);
    let mut a = good(Destination::Saas);
    let results = run(Destination::Saas, &s, &a);
    assert_eq!(failed(&results), vec![Check::Complete, Check::DestinationType], "{results:#?}");
    let complete = results.iter().find(|r| r.check == Check::Complete).unwrap();
    assert_eq!(complete.findings[0].field, "improved_declaration");
    a.insert("improved_declaration".into(), Answer::Bool(true));
    s.listing.as_mut().unwrap().kind = ServiceKind::SaaS;
    assert_eq!(failed(&run(Destination::Saas, &s, &a)), vec![]);
}

#[test]
fn a_private_service_lists_no_public_addresses_to_check() {
    let s = service(Destination::Saas);
    let mut a = good(Destination::Saas);
    a.insert("accessibility".into(), text("private"));
    a.insert("private_addresses".into(), list(&["10.1.2.3", "https://intranet.comune.local/"]));
    let results = run(Destination::Saas, &s, &a);
    assert_eq!(failed(&results), vec![]);
    assert!(!results.iter().any(|r| r.check == Check::PublicAddresses || r.check == Check::Url));
}
