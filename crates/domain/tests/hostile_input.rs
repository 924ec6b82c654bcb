//! Hostile input (issue 13, item 5): every parser of the domain fed random
//! and near-valid input for `FUZZ_SECONDS` seconds (see `common/fuzz.rs`),
//! asserting that it never panics and keeps its contract: what it accepts is
//! canonical, parses again to the same value and passes its own rules.

#[path = "common/fuzz.rs"]
mod fuzz;

use chrono::NaiveDate;
use cloudpa_domain::accounts::normalise_email;
use cloudpa_domain::attestation::addresses::{Prefix, classify, parse_address, within_any};
use cloudpa_domain::attestation::destinations::Candidate;
use cloudpa_domain::attestation::form::{Answer, Answers, Completeness, FormDefinition, FormFacts, check_answers};
use cloudpa_domain::attestation::prechecks::{Check, ContractFacts, ProjectFacts, ServiceFacts, precheck};
use cloudpa_domain::catalogue::query::Query;
use cloudpa_domain::catalogue::record::history;
use cloudpa_domain::fiscal_code::FiscalCode;
use cloudpa_domain::money::parse_euros;
use cloudpa_domain::programme::cup::{Cup, CupError};
use cloudpa_domain::programme::scenarios::{Destination, Origin, ScenarioTable};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::{DataClass, Level};
use cloudpa_domain::qualification::requirements::{RequirementSet, ServiceKind};
use cloudpa_domain::qualification::vat::{check_digit, check_vat_number};
use fuzz::{fuzz, mutated, near, text};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

const OMOCODIA: &[u8] = b"LMNPQRSTUV";

/// A valid fiscal code: random letters, year, month letter, day (+40 for
/// women), municipality, some digits replaced by their omocodia letter, and
/// the check letter that makes it valid.
fn valid_fiscal_code() -> impl Strategy<Value = String> {
    let letter = || proptest::char::range('A', 'Z');
    (
        proptest::collection::vec(letter(), 6),
        0u8..100,
        select(b"ABCDEHLMPRST".to_vec()),
        prop_oneof![1u8..=31, 41u8..=71],
        letter(),
        0u16..1000,
        proptest::collection::vec(any::<bool>(), 7),
    )
        .prop_map(|(name, year, month, day, town, number, omocodia)| {
            let mut code: Vec<u8> = name.iter().map(|&c| c as u8).collect();
            code.extend(format!("{year:02}").bytes());
            code.push(month);
            code.extend(format!("{day:02}").bytes());
            code.push(town as u8);
            code.extend(format!("{number:03}").bytes());
            for (position, swap) in [6, 7, 9, 10, 12, 13, 14].into_iter().zip(omocodia) {
                if swap {
                    code[position] = OMOCODIA[usize::from(code[position] - b'0')];
                }
            }
            let first15 = String::from_utf8(code).expect("ASCII");
            (b'A'..=b'Z')
                .map(|check| format!("{first15}{}", check as char))
                .find(|candidate| FiscalCode::parse(candidate).is_ok())
                .expect("one check letter fits")
        })
}

#[test]
fn fiscal_code() {
    let input = prop_oneof![
        1 => text(),
        1 => valid_fiscal_code(),
        3 => valid_fiscal_code().prop_flat_map(near),
        1 => valid_fiscal_code().prop_map(|c| format!("TINIT-{c}")),
        1 => valid_fiscal_code().prop_map(|c| format!("tinit-{}", c.to_lowercase())),
    ];
    fuzz("fiscal_code", input, |raw| {
        if let Ok(code) = FiscalCode::parse(&raw) {
            let s = code.as_str();
            prop_assert!(s.len() == 16 && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{s}");
            prop_assert_eq!(FiscalCode::parse(s), Ok(code.clone()));
            prop_assert_eq!(FiscalCode::parse(&format!("TINIT-{}", s.to_lowercase())), Ok(code.clone()));
            let json = serde_json::to_string(&code).expect("serialises");
            prop_assert_eq!(serde_json::from_str::<FiscalCode>(&json).ok(), Some(code.clone()));
            // One letter of the first fifteen changed to another letter of its
            // kind changes the check letter (the odd and even tables are bijective).
            let mut bytes = s.as_bytes().to_vec();
            bytes[0] = if bytes[0] == b'Z' { b'A' } else { bytes[0] + 1 };
            prop_assert!(FiscalCode::parse(std::str::from_utf8(&bytes).expect("ASCII")).is_err());
        }
        Ok(())
    });
}

fn valid_cup() -> impl Strategy<Value = String> {
    let alnum = || prop_oneof![proptest::char::range('A', 'Z'), proptest::char::range('0', '9')];
    (
        proptest::char::range('A', 'Z'),
        proptest::collection::vec(alnum(), 2),
        proptest::char::range('A', 'Z'),
        proptest::collection::vec(proptest::char::range('0', '9'), 2),
        proptest::collection::vec(alnum(), 9),
    )
        .prop_map(|(a, b, c, d, e)| {
            let mut cup = String::from(a);
            cup.extend(b);
            cup.push(c);
            cup.extend(d);
            cup.extend(e);
            cup
        })
}

#[test]
fn cup() {
    let input = prop_oneof![1 => text(), 1 => valid_cup(), 3 => valid_cup().prop_flat_map(near)];
    fuzz("cup", input, |raw| {
        match Cup::parse(&raw) {
            Ok(cup) => {
                let s = cup.as_str();
                prop_assert!(s.len() == 15 && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
                let b = s.as_bytes();
                prop_assert!(b[0].is_ascii_uppercase() && b[3].is_ascii_uppercase());
                prop_assert!(b[4].is_ascii_digit() && b[5].is_ascii_digit());
                prop_assert_eq!(Cup::parse(s), Ok(cup.clone()));
                prop_assert_eq!(Cup::parse(&s.to_lowercase()), Ok(cup.clone()));
            }
            Err(CupError::Length { found }) => prop_assert_ne!(found, 15),
            Err(CupError::Character { position, .. } | CupError::Shape { position, .. }) => {
                prop_assert!((1..=15).contains(&position))
            }
        }
        Ok(())
    });
}

fn valid_vat() -> impl Strategy<Value = String> {
    (proptest::collection::vec(0u32..10, 7), prop_oneof![1u32..=100, select(vec![120, 121, 888, 999])]).prop_map(
        |(head, office)| {
            let mut digits = head;
            digits.extend([office / 100, office / 10 % 10, office % 10]);
            digits.push(check_digit(&digits));
            digits.iter().map(|d| char::from_digit(*d, 10).expect("digit")).collect()
        },
    )
}

#[test]
fn vat_number() {
    let input = prop_oneof![
        1 => text(),
        1 => valid_vat(),
        1 => valid_vat().prop_map(|v| format!("IT {v}")),
        3 => valid_vat().prop_flat_map(near),
    ];
    fuzz("vat_number", input, |raw| {
        if let Ok(vat) = check_vat_number(&raw) {
            prop_assert!(vat.len() == 11 && vat.bytes().all(|b| b.is_ascii_digit()), "{vat}");
            let d: Vec<u32> = vat.bytes().map(|b| u32::from(b - b'0')).collect();
            prop_assert_eq!(check_digit(&d[..10]), d[10]);
            prop_assert_eq!(check_vat_number(&vat), Ok(vat.clone()));
            prop_assert_eq!(check_vat_number(&format!("IT{vat}")), Ok(vat.clone()));
            // Luhn catches every single-digit substitution.
            for position in 0..11 {
                let mut wrong = vat.clone().into_bytes();
                wrong[position] = b'0' + (wrong[position] - b'0' + 1) % 10;
                let wrong = String::from_utf8(wrong).expect("ASCII");
                prop_assert!(check_vat_number(&wrong).is_err(), "{wrong}");
            }
        }
        Ok(())
    });
}

#[test]
fn email() {
    let part = || prop_oneof![3 => "[a-z0-9.]{0,12}", 1 => text()];
    let input = prop_oneof![
        1 => text(),
        3 => (part(), select(vec!["@", "@@", "", " @", "@."]), part(), select(vec![".it", "", ".", ".gov.it", " .it"]))
            .prop_map(|(local, at, domain, tld)| format!("{local}{at}{domain}{tld}")),
        1 => "[a-zA-Z]{1,8}@[a-z]{1,8}\\.it".prop_flat_map(near),
        1 => "[a-z]{250,260}@a\\.it",
    ];
    fuzz("email", input, |raw| {
        if let Ok(email) = normalise_email(&raw) {
            prop_assert_eq!(normalise_email(&email), Ok(email.clone()), "not idempotent");
            prop_assert!(email.len() <= 254);
            prop_assert_eq!(email.matches('@').count(), 1);
            prop_assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()));
            let (local, domain) = email.split_once('@').expect("one @");
            prop_assert!(!local.is_empty() && domain.contains('.'));
        }
        Ok(())
    });
}

/// An IP address as people write it: IPv4 with or without leading zeros or
/// out-of-range parts, IPv6 from any 128 bits, with an embedded IPv4, a
/// zone, a prefix length, surrounding spaces or a near miss of all that.
fn ip_text() -> impl Strategy<Value = String> {
    let v4 = prop_oneof![
        3 => any::<[u8; 4]>().prop_map(|o| Ipv4Addr::from(o).to_string()),
        1 => proptest::collection::vec(prop_oneof!["[0-9]{1,3}", "0[0-9]{1,2}", "[0-9]{4}"], 1..6).prop_map(|p| p.join(".")),
    ];
    let v6 = prop_oneof![
        3 => any::<u128>().prop_map(|b| Ipv6Addr::from(b).to_string()),
        1 => any::<[u8; 4]>().prop_map(|o| format!("::ffff:{}", Ipv4Addr::from(o))),
        1 => any::<[u8; 4]>().prop_map(|o| format!("64:ff9b::{}", Ipv4Addr::from(o))),
        1 => any::<u128>().prop_map(|b| format!("{}", Ipv6Addr::from(b & !0xffff_ffff_u128)) ),
        1 => proptest::collection::vec("[0-9a-fA-F]{0,5}", 1..10).prop_map(|g| g.join(":")),
        1 => "[0-9a-f:]{2,12}::[0-9a-f.:]{0,16}",
        1 => select(vec!["fe80::1%eth0", "::", "::1", "2001:db8::", "::ffff:010.1.1.1", "1::2::3", ":::"]).prop_map(String::from),
    ];
    let address = prop_oneof![v4, v6];
    let suffix = prop_oneof![
        3 => Just(String::new()),
        2 => (0u16..140).prop_map(|l| format!("/{l}")),
        1 => select(vec!["/", "//24", "/-1", "/+8", "/ 24", "/024", "/24 ", "/999999999999"]).prop_map(String::from),
    ];
    let one = (address, suffix).prop_map(|(a, s)| format!("{a}{s}"));
    prop_oneof![
        6 => one.clone(),
        2 => one.prop_flat_map(near),
        1 => select(vec![" ", "\t", "\n", "\u{a0}", "\u{3000}"]).prop_flat_map(|pad| ip_text_plain().prop_map(move |t| format!("{pad}{t}{pad}"))),
        1 => text(),
    ]
}

fn ip_text_plain() -> impl Strategy<Value = String> {
    any::<u128>().prop_map(|b| Ipv6Addr::from(b).to_string())
}

#[test]
fn ip_addresses_and_prefixes() {
    fuzz("ip_addresses_and_prefixes", ip_text(), |raw| {
        if let Ok(ip) = parse_address(&raw) {
            prop_assert_eq!(parse_address(&ip.to_string()), Ok(ip), "the canonical text reads back");
            let kind = classify(ip);
            if let IpAddr::V6(v6) = ip
                && let Some(v4) = v6.to_ipv4_mapped()
            {
                prop_assert_eq!(kind, classify(IpAddr::V4(v4)), "a mapped address is its IPv4 address");
            }
        }
        if let Ok(prefix) = raw.parse::<Prefix>() {
            let width = if prefix.network().is_ipv4() { 32 } else { 128 };
            prop_assert!(prefix.len() <= width);
            prop_assert_eq!(prefix.to_string().parse::<Prefix>(), Ok(prefix), "the canonical text reads back");
            prop_assert!(prefix.contains(prefix.network()) && within_any(prefix.network(), &[prefix]));
        }
        Ok(())
    });
}

fn decimal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (any::<i64>(), 0u32..1000).prop_map(|(e, c)| format!("{}.{c}", e / 100)),
        2 => "-?[0-9]{0,20}(\\.[0-9]{0,5})?",
        1 => "-?[0-9]{0,3}\\.?0{0,30}",
        1 => text(),
    ]
}

#[test]
fn money() {
    fuzz("money", prop_oneof![3 => decimal_text(), 1 => decimal_text().prop_flat_map(near)], |raw| {
        if let Ok(cents) = parse_euros(&raw) {
            let (sign, abs) = (if cents.0 < 0 { "-" } else { "" }, cents.0.unsigned_abs());
            let canonical = format!("{sign}{}.{:02}", abs / 100, abs % 100);
            prop_assert_eq!(parse_euros(&canonical), Ok(cents), "{}", canonical);
            let shown = cents.to_string();
            prop_assert!(shown.ends_with(" €"));
        }
        Ok(())
    });
}

const SETS: [&str; 4] = [
    include_str!("../../../data/requirements/agid-2018-csp.toml"),
    include_str!("../../../data/requirements/agid-2018-saas.toml"),
    include_str!("../../../data/requirements/acn-2024-qc.toml"),
    include_str!("../../../data/requirements/acn-2024-ac.toml"),
];

/// A requirement set built from random pieces of the schema: known and
/// unknown keys, values of the right and wrong types.
fn random_set() -> impl Strategy<Value = String> {
    let value = || {
        prop_oneof![
            Just("\"x\"".to_owned()),
            Just("true".to_owned()),
            Just("1".to_owned()),
            Just("[]".to_owned()),
            Just("\"SaaS\"".to_owned()),
            Just("[\"IaaS\", \"SaaS\"]".to_owned()),
            Just("\"QC2\"".to_owned()),
            Just("[\"ordinari\"]".to_owned()),
            Just("\"yes_no\"".to_owned()),
            Just("{ a = 1 }".to_owned()),
            text().prop_map(|t| format!("{t:?}")),
        ]
    };
    let key = || {
        select(vec![
            "id",
            "regime",
            "title",
            "version",
            "kinds",
            "source",
            "group",
            "text",
            "answer",
            "mandatory",
            "from_level",
            "evidence",
            "code",
            "data_classes",
            "unknown",
        ])
    };
    let pair = move || (key(), value()).prop_map(|(k, v)| format!("{k} = {v}\n"));
    let table = move || {
        (
            select(vec!["[[requirements]]", "[[levels]]", "[requirements]", "[x]"]),
            proptest::collection::vec(pair(), 0..10),
        )
            .prop_map(|(h, pairs)| format!("{h}\n{}", pairs.concat()))
    };
    (proptest::collection::vec(pair(), 0..10), proptest::collection::vec(table(), 0..6))
        .prop_map(|(top, tables)| format!("{}{}", top.concat(), tables.concat()))
}

#[test]
fn requirement_set() {
    let shipped = select(SETS.to_vec()).prop_flat_map(|s| mutated(s.as_bytes().to_vec(), 6));
    let input = prop_oneof![
        4 => shipped.prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        2 => random_set(),
        1 => text(),
    ];
    fuzz("requirement_set", input, |raw| {
        if let Ok(set) = RequirementSet::parse(&raw) {
            prop_assert!(!set.kinds.is_empty());
            let ids: BTreeSet<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
            prop_assert_eq!(ids.len(), set.requirements.len(), "ids are unique");
            for r in &set.requirements {
                prop_assert_eq!(r.from_level.is_some(), !set.levels.is_empty());
            }
            let written = toml::to_string(&set).expect("a parsed set serialises");
            prop_assert_eq!(RequirementSet::parse(&written), Ok(set.clone()), "it reads back as written");
            for kind in ServiceKind::ALL {
                for level in [None, Some(Level::QC1), Some(Level::QC4)] {
                    let _ = set.applicable(kind, level);
                }
            }
        }
        Ok(())
    });
}

#[test]
fn form_definition() {
    let common = cloudpa_domain::attestation::form::SHIPPED_COMMON;
    let files = prop_oneof![
        3 => (select(cloudpa_domain::attestation::form::SHIPPED.to_vec()), Just(common)),
        1 => (Just(cloudpa_domain::attestation::form::SHIPPED[0]), select(cloudpa_domain::attestation::form::SHIPPED.to_vec())),
    ];
    let input = prop_oneof![
        5 => (files.clone(), any::<bool>()).prop_flat_map(|((own, common), which)| {
            let target = if which { own } else { common };
            mutated(target.as_bytes().to_vec(), 6).prop_map(move |bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if which { (text, common.to_owned()) } else { (own.to_owned(), text) }
            })
        }),
        1 => (text(), Just(common.to_owned())),
    ];
    fuzz("form_definition", input, |(own, common)| {
        if let Ok(form) = FormDefinition::parse(&own, &common) {
            let ids: Vec<&str> = form.items().map(|i| i.id.as_str()).collect();
            prop_assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "ids are unique");
            let facts = FormFacts { data_class: DataClass::Critici, improved: true };
            let _ = check_answers(&form, &facts, &Answers::new(), Completeness::Submit);
        }
        Ok(())
    });
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (730_000i32..750_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("in range")),
        1 => select(vec![NaiveDate::MIN, NaiveDate::MAX]),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => date().prop_map(|d| d.to_string()),
        2 => (-300_000i32..300_000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => date().prop_map(|d| d.to_string()).prop_flat_map(near),
    ]
}

fn url_text() -> impl Strategy<Value = String> {
    let scheme = select(vec!["https://", "http://", "HTTPS://", "", "https:/", "https://user:pw@"]);
    let host = prop_oneof!["[a-z0-9-]{0,10}(\\.[a-z]{1,5}){0,3}", text()];
    let port = prop_oneof![Just(String::new()), (0u32..100_000).prop_map(|p| format!(":{p}")), Just(":".to_owned())];
    let path = prop_oneof![Just(String::new()), "[/?#][a-z/ ?#=&.]{0,12}"];
    (scheme, host, port, path).prop_map(|(s, h, p, q)| format!("{s}{h}{p}{q}"))
}

fn answer() -> impl Strategy<Value = Answer> {
    let cell = || prop_oneof![3 => "[a-z ]{0,8}", 1 => text()];
    prop_oneof![
        1 => any::<bool>().prop_map(Answer::Bool),
        1 => any::<i64>().prop_map(Answer::Number),
        2 => prop_oneof![date_text(), url_text(), text(), "[0-9a-f]{64}".boxed(), select(vec!["si", "no", "yes", "ordinari"]).prop_map(String::from).boxed()]
            .prop_map(Answer::Text),
        3 => proptest::collection::vec(prop_oneof![4 => ip_text(), 1 => cell()], 0..8).prop_map(Answer::List),
        1 => proptest::collection::vec(
                proptest::collection::btree_map(prop_oneof![select(vec!["name", "producer", "version", "x"]).prop_map(String::from), cell()], cell(), 0..4),
                0..4,
            )
            .prop_map(Answer::Rows),
    ]
}

fn candidate() -> impl Strategy<Value = Candidate> {
    let status = || proptest::option::of(select(ListingStatus::ALL.to_vec()));
    (select(ServiceKind::ALL.to_vec()), select(Level::ALL.to_vec()), status(), status()).prop_map(
        |(kind, level, status_on_contract, status_today)| Candidate { kind, level, status_on_contract, status_today },
    )
}

#[test]
fn prechecks_and_form_answers() {
    let forms: Vec<FormDefinition> =
        Destination::ALL.into_iter().map(|d| FormDefinition::shipped(d).expect("shipped form")).collect();
    let scenarios = ScenarioTable::official().expect("official table");
    let mut ids: Vec<String> = forms.iter().flat_map(|f| f.items().map(|i| i.id.clone())).collect();
    ids.sort();
    ids.dedup();
    let key = prop_oneof![9 => select(ids), 1 => "[a-z_]{1,10}"];
    let answers = proptest::collection::btree_map(key, answer(), 0..25);
    let prefixes = proptest::collection::vec(ip_text(), 0..5)
        .prop_map(|texts| texts.iter().filter_map(|t| t.parse::<Prefix>().ok()).collect::<Vec<_>>());
    let service = (
        (
            select(Origin::ALL.to_vec()),
            select(Destination::ALL.to_vec()),
            proptest::option::of(select(Destination::ALL.to_vec())),
        ),
        (proptest::option::of(date()), select(DataClass::ALL.to_vec())),
        proptest::option::of((date(), any::<bool>())),
        proptest::option::of(candidate()),
        prefixes,
        proptest::collection::btree_set("[a-z0-9]{1,4}", 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(
                (origin, declared, improved_to),
                (earlier_move, data_class),
                contract,
                listing,
                prefixes,
                ids,
                funded,
            )| {
                ServiceFacts {
                    origin,
                    declared,
                    improved_to,
                    earlier_move,
                    data_class,
                    contract: contract.map(|(signed_on, dnsh_declared)| ContractFacts { signed_on, dnsh_declared }),
                    listing,
                    prefixes,
                    identifiers_elsewhere: ids,
                    funded_elsewhere: funded,
                }
            },
        );
    let project = (text(), "[a-z_0-9]{0,8}", date(), proptest::option::of(date())).prop_map(
        |(ente_name, ipa_code, eligible_from, completed_on)| ProjectFacts {
            ente_name,
            ipa_code,
            eligible_from,
            completed_on,
        },
    );
    let input = (0..forms.len(), project, service, answers, date());
    fuzz("prechecks_and_form_answers", input, |(form, project, service, answers, as_of)| {
        let form = &forms[form];
        let results = precheck(form, &project, &service, &answers, &scenarios, as_of);
        prop_assert_eq!(results.first().map(|r| r.check), Some(Check::Complete));
        let checks: BTreeSet<Check> = results.iter().map(|r| r.check).collect();
        prop_assert_eq!(checks.len(), results.len(), "each check once");
        for finding in results.iter().flat_map(|r| &r.findings) {
            prop_assert!(!finding.field.is_empty() && !finding.message.key.is_empty());
        }
        for mode in [Completeness::Draft, Completeness::Submit] {
            let _ = check_answers(form, &service.form_facts(), &answers, mode);
        }
        // The answers as the API receives them: JSON, read back the same (an
        // empty list of rows is an empty list).
        let json = serde_json::to_string(&answers).expect("serialises");
        let read: Answers = serde_json::from_str(&json).expect("reads back");
        let expected: BTreeMap<_, _> = answers
            .into_iter()
            .map(|(k, v)| (k, if v == Answer::Rows(Vec::new()) { Answer::List(Vec::new()) } else { v }))
            .collect();
        prop_assert_eq!(read, expected);
        Ok(())
    });
}

const SCENARIOS: &str = include_str!("../../../data/scenari_ammissibili.csv");

#[test]
fn scenario_table() {
    let input = prop_oneof![
        6 => mutated(SCENARIOS.as_bytes().to_vec(), 6).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => text(),
    ];
    fuzz("scenario_table", input, |raw| {
        if let Ok(table) = ScenarioTable::parse(&raw) {
            prop_assert_eq!(table.cells().len(), Origin::ALL.len() * Destination::ALL.len());
            for origin in Origin::ALL {
                for destination in Destination::ALL {
                    let cell = table.cell(origin, destination);
                    prop_assert_eq!((cell.origin, cell.destination), (origin, destination));
                }
            }
        }
        Ok(())
    });
}

fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn catalogue_query_and_history() {
    let key = prop_oneof![
        6 => select(vec!["q", "type", "level", "data_class", "provider", "category", "location", "status", "as_of", "page", "page_size"]).prop_map(String::from),
        1 => text(),
    ];
    let value = prop_oneof![
        2 => select(vec!["IaaS", "SaaS", "QC1", "QC4", "critici", "IT", "qualified", "1", "0", "100", "101", ""]).prop_map(String::from),
        2 => date_text(),
        1 => "[0-9]{1,25}",
        1 => "[a-z ]{195,205}",
        2 => text(),
    ];
    let status = select(vec!["qualified", "suspended", "revoked", "expired", "Qualified", ""]);
    let step = (status, date_text(), select(vec![":", "", "::", " : "])).prop_map(|(s, d, sep)| format!("{s}{sep}{d}"));
    let history_text = proptest::collection::vec(step, 0..6).prop_map(|steps| steps.join(";"));
    let input = (proptest::collection::vec((key, value), 0..8), history_text, date());
    fuzz("catalogue_query_and_history", input, |(pairs, history_text, as_of)| {
        if let Ok(query) = Query::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            let canonical = query.canonical();
            let again: Vec<(String, String)> = canonical
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), decode(v)))
                .collect();
            let reread = Query::parse(again.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            prop_assert_eq!(reread, Ok(query), "canonical {}", canonical);
        }
        if let Ok(steps) = history(&history_text, as_of) {
            prop_assert!(steps.first().is_none_or(|(s, _)| *s == ListingStatus::Qualified));
            prop_assert!(steps.windows(2).all(|w| w[0].1 <= w[1].1) && steps.iter().all(|(_, d)| *d <= as_of));
        }
        Ok(())
    });
}
