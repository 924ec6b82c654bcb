//! Hostile input (issue 13, item 5): every CSV importer and reference-data
//! loader of the store fed random files for `FUZZ_SECONDS` seconds (see
//! `crates/domain/tests/common/fuzz.rs`): files with the right header and
//! random cells (quotes, a BOM, CRLF, blank lines, huge fields, non-UTF-8
//! bytes, missing or extra cells), and mutations of the shipped files. The
//! contract: no panic, and every record of the file either read or rejected
//! with the line it starts on.

#[path = "../../domain/tests/common/fuzz.rs"]
mod fuzz;

use chrono::NaiveDate;
use cloudpa_domain::programme::call::COLUMNS;
use cloudpa_domain::programme::cup::Cup;
use cloudpa_domain::programme::quality::Rule;
use cloudpa_domain::qualification::vat::{check_digit, check_vat_number};
use cloudpa_store::StoreError;
use cloudpa_store::attestation::suppliers::read_supplier_file;
use cloudpa_store::catalogue::import::read_catalogue_file;
use cloudpa_store::programme::financed::read_open_data;
use cloudpa_store::programme::setup::read_service_list;
use cloudpa_store::reference::{DATASETS, Rejection, read_calls};
use fuzz::{fuzz, mutated, near, text};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::BTreeSet;

/// A CSV file and the line each of its records starts on.
#[derive(Debug, Clone)]
struct Csv {
    bytes: Vec<u8>,
    lines: Vec<u64>,
}

/// How a file is written.
#[derive(Debug, Clone)]
struct Style {
    bom: bool,
    crlf: bool,
    quote_all: bool,
    final_newline: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.8))
        .prop_map(|(bom, crlf, quote_all, final_newline)| Style { bom, crlf, quote_all, final_newline })
}

/// A row: its cells and the blank lines before it.
type Row = (usize, Vec<Vec<u8>>);

/// Writes `header` and `rows` as CSV, quoting what must be quoted, and
/// notes where each record starts (1 + the line feeds before it).
fn render(header: &[&str], rows: &[Row], style: &Style) -> Csv {
    let end: &[u8] = if style.crlf { b"\r\n" } else { b"\n" };
    let mut bytes = Vec::new();
    if style.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(header.join(",").as_bytes());
    let mut lines = Vec::new();
    for (blanks, cells) in rows {
        bytes.extend_from_slice(end);
        for _ in 0..*blanks {
            bytes.extend_from_slice(end);
        }
        lines.push(1 + line_ends(&bytes));
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                bytes.push(b',');
            }
            let special = cell.iter().any(|b| matches!(b, b'"' | b',' | b'\r' | b'\n'));
            if style.quote_all || special || (cells.len() == 1 && cell.is_empty()) {
                bytes.push(b'"');
                for &b in cell {
                    if b == b'"' {
                        bytes.push(b'"');
                    }
                    bytes.push(b);
                }
                bytes.push(b'"');
            } else {
                bytes.extend_from_slice(cell);
            }
        }
    }
    if style.final_newline {
        bytes.extend_from_slice(end);
    }
    Csv { bytes, lines }
}

/// The line ends in `bytes`: `\n`, `\r\n` or a lone `\r` (as an editor counts them).
fn line_ends(bytes: &[u8]) -> u64 {
    let lone_cr =
        bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
    (bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64
}

/// A cell: mostly a valid value of its column, else a near miss, hostile
/// text, raw bytes (not always UTF-8) or a huge field.
fn cell(valid: BoxedStrategy<String>) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        12 => valid.clone().prop_map(String::into_bytes),
        2 => valid.prop_flat_map(near).prop_map(String::into_bytes),
        2 => text().prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
        1 => select(vec![&b""[..], b" ", b"\"", b"\r\n", b"a\nb", b"\xff\xfe", b"\0", b"\xef\xbb\xbf"]).prop_map(<[u8]>::to_vec),
        1 => (1usize..70_000, select(vec![b'a', b'"', b'\n', b',', b' '])).prop_map(|(n, b)| vec![b; n]),
    ]
    .boxed()
}

/// Rows of `columns.len()` cells (sometimes one fewer or one more).
fn rows(columns: Vec<BoxedStrategy<String>>) -> impl Strategy<Value = Vec<Row>> {
    let width = columns.len();
    let cells: Vec<BoxedStrategy<Vec<u8>>> = columns.into_iter().map(cell).collect();
    let row = (
        prop_oneof![8 => Just(0usize), 1 => 1usize..3],
        cells,
        prop_oneof![20 => Just(0i8), 1 => Just(-1i8), 1 => Just(1i8)],
    )
        .prop_map(move |(blanks, mut cells, change)| {
            match change {
                -1 => {
                    cells.pop();
                }
                1 => cells.push(b"extra".to_vec()),
                _ => {}
            }
            debug_assert!(width > 0);
            (blanks, cells)
        });
    proptest::collection::vec(row, 0..12)
}

fn file(header: &'static [&'static str], columns: Vec<BoxedStrategy<String>>) -> impl Strategy<Value = Csv> {
    (rows(columns), style()).prop_map(move |(rows, style)| render(header, &rows, &style))
}

fn s(strategy: impl Strategy<Value = String> + 'static) -> BoxedStrategy<String> {
    strategy.boxed()
}

fn one_of(values: &[&'static str]) -> BoxedStrategy<String> {
    select(values.to_vec()).prop_map(String::from).boxed()
}

fn valid_vat() -> BoxedStrategy<String> {
    (proptest::collection::vec(0u32..10, 7), 1u32..=100)
        .prop_map(|(head, office)| {
            let mut digits = head;
            digits.extend([office / 100, office / 10 % 10, office % 10]);
            digits.push(check_digit(&digits));
            digits.iter().map(|d| char::from_digit(*d, 10).expect("digit")).collect()
        })
        .boxed()
}

fn valid_cup() -> BoxedStrategy<String> {
    "[A-Z][A-Z0-9]{2}[A-Z][0-9]{2}[A-Z0-9]{9}".boxed()
}

fn date() -> BoxedStrategy<String> {
    (2018i32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")).boxed()
}

/// Every record is accounted for once, on the line it starts on.
fn accounted(csv: &Csv, read: &[u64], rejected: &[Rejection]) -> Result<(), TestCaseError> {
    let mut all: Vec<u64> = read.iter().copied().chain(rejected.iter().map(|r| r.line)).collect();
    all.sort_unstable();
    prop_assert_eq!(&all, &csv.lines, "outcomes {:?}", rejected);
    Ok(())
}

/// The open data's columns, as the published file orders them.
const OPEN_DATA: &[&str] = &cloudpa_domain::programme::open_data_format::COLUMNS;

#[test]
fn open_data_import() {
    let columns = vec![
        s("c_[a-z][0-9]{3}"),
        s("Comune di [A-Z][a-z]{2,10}"),
        s("[A-Z][a-z]{2,10}"),
        s("[0-9]{6}"),
        s("[A-Z]{2}"),
        s("[0-9]{3}"),
        s("[A-Z][a-z]{4,8}"),
        s("[0-9]{2}"),
        s("[0-9]{1,8}\\.[0-9]{1,2}"),
        one_of(&["1.2 Abilitazione al cloud - Comuni - Aprile 2022", "1.4.1 Esperienza del cittadino"]),
        s(prop_oneof![
            "20[0-9]{2}-0[1-9]-[0-2][1-9]T[01][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}\\+0000",
            "20[0-9]{2}-0[1-9]-[0-2][1-9]T[01][0-9]:[0-5][0-9]:[0-5][0-9]Z",
            Just(String::new()),
        ]),
        s(prop_oneof![date(), Just(String::new())]),
        s(prop_oneof![valid_cup(), Just(String::new())]),
        s("[0-9]{1,3}(\\.0)?"),
        s("[0-9]{1,10}(\\.0)?"),
        one_of(&["A", "R", "E"]),
        one_of(&["1.2 Abilitazione e facilitazione migrazione al Cloud"]),
        one_of(&["Comune", "Scuola", "Altri Enti", "comuni"]),
    ];
    let sample = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");
    let head: Vec<u8> = sample.split_inclusive(|&b| b == b'\n').take(15).flatten().copied().collect();
    let input = prop_oneof![
        4 => file(OPEN_DATA, columns).prop_map(Some),
        1 => mutated(head, 8).prop_map(|bytes| Some(Csv { bytes, lines: Vec::new() })),
    ];
    fuzz("open_data_import", input, |csv| {
        let csv = csv.expect("a file");
        let mut rows_seen = 0u64;
        let (rows, rejected) = read_open_data(&csv.bytes, |_| rows_seen += 1);
        for (_, row) in &rows {
            prop_assert!(row.amount.0 >= 0);
            // A code of digits has its leading zeros; any other is kept as
            // published, for the import to place or refuse.
            let digits = row.istat_code.bytes().all(|b| b.is_ascii_digit());
            prop_assert!(!row.istat_code.is_empty() && (!digits || row.istat_code.len() >= 6));
            // A CUP that is not one is kept with its finding.
            if let Some(cup) = &row.cup {
                let found = row.findings.iter().any(|f| f.rule == Rule::CupShape && f.field == "codice_cup");
                prop_assert!(Cup::parse(cup.as_str()).is_ok() != found, "{cup}: {:?}", row.findings);
            }
            prop_assert!(!row.ipa_code.is_empty() && !row.call.is_empty() && !row.measure.is_empty());
        }
        if !csv.lines.is_empty() || csv.bytes.is_empty() {
            accounted(&csv, &rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), &rejected)?;
        } else {
            lines_in_file(&csv.bytes, rows.iter().map(|(l, _)| *l).chain(rejected.iter().map(|r| r.line)))?;
        }
        Ok(())
    });
}

/// For a mutated file, whose records are not known: distinct lines within the file.
fn lines_in_file(bytes: &[u8], lines: impl Iterator<Item = u64>) -> Result<(), TestCaseError> {
    let last = 1 + line_ends(bytes);
    let lines: Vec<u64> = lines.collect();
    let distinct: BTreeSet<u64> = lines.iter().copied().collect();
    prop_assert_eq!(distinct.len(), lines.len(), "two outcomes on one line: {:?}", lines);
    prop_assert!(lines.iter().all(|l| (1..=last).contains(l)), "a line outside the file: {:?} of {}", lines, last);
    Ok(())
}

const CATALOGUE: &[&str] = &[
    "provider_vat",
    "provider_name",
    "provider_pec",
    "infrastructure",
    "infrastructure_location",
    "name",
    "type",
    "level",
    "category",
    "description",
    "data_location",
    "pricing_model",
    "procurement_channel",
    "service_levels",
    "history",
];

#[test]
fn catalogue_import() {
    let history = proptest::collection::vec(
        (one_of(&["qualified", "suspended", "revoked", "expired"]), date()).prop_map(|(s, d)| format!("{s}:{d}")),
        1..4,
    )
    .prop_map(|steps| format!("qualified:2018-01-01;{}", steps.join(";")));
    let columns = vec![
        valid_vat(),
        s("[A-Z][a-z]{2,10} S\\.r\\.l\\."),
        s("[a-z]{1,8}@pec\\.[a-z]{2,6}\\.it"),
        s("Data center [A-Z][a-z]{2,8}"),
        one_of(&["IT", "EU", "extra-EU"]),
        s("[A-Z][a-z ]{2,20}"),
        one_of(&["IaaS", "PaaS", "SaaS"]),
        one_of(&["QC1", "QC2", "QC3", "QC4"]),
        s("[A-Z][a-z]{2,12}"),
        s("[A-Za-z ,.\n]{0,40}"),
        one_of(&["IT", "EU", "extra-EU"]),
        one_of(&["a consumo", ""]),
        one_of(&["MEPA", ""]),
        s(prop_oneof!["SLI[0-9]=[0-9]{2}(\\.[0-9])?%(;SLI[0-9]=[0-9]h)?", Just(String::new())]),
        s(history),
    ];
    let sample = include_bytes!("../../../data/samples/catalogo_esempio.csv").to_vec();
    let input = prop_oneof![
        4 => file(CATALOGUE, columns),
        1 => mutated(sample, 8).prop_map(|bytes| Csv { bytes, lines: Vec::new() }),
    ];
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    fuzz("catalogue_import", input, |csv| {
        let (rows, rejected) = read_catalogue_file(&csv.bytes, as_of);
        for (_, record) in &rows {
            let flagged = record.findings.iter().any(|f| f.field == "provider_vat");
            prop_assert!(flagged || check_vat_number(&record.provider_vat).ok() == Some(record.provider_vat.clone()));
            prop_assert!(record.provider_vat.len() == 11 && record.provider_vat.bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(record.history.first().is_some_and(|(_, d)| *d <= as_of));
            prop_assert!(!record.name.is_empty() && record.name.trim() == record.name);
        }
        let read: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
        if csv.lines.is_empty() && !csv.bytes.is_empty() {
            lines_in_file(&csv.bytes, read.into_iter().chain(rejected.iter().map(|r| r.line)))
        } else {
            accounted(&csv, &read, &rejected)
        }
    });
}

#[test]
fn suppliers_import() {
    let vat = prop_oneof![4 => valid_vat(), 1 => one_of(&["01114601006", "IT 01114601006"])].boxed();
    let columns = vec![
        vat,
        s("[A-Z][a-z]{2,10}( S\\.r\\.l\\.)?"),
        s("[a-zA-Z.]{1,8}@pec\\.[a-z]{2,6}\\.it"),
        one_of(&["si", "sì", "SI", "no", "true", "0", "1", "forse"]),
    ];
    fuzz("suppliers_import", file(&["partita_iva", "denominazione", "pec", "abilitato_mepa"], columns), |csv| {
        let (rows, rejected) = read_supplier_file(&csv.bytes);
        let vats: BTreeSet<&str> = rows.iter().map(|(_, r)| r.vat_number.as_str()).collect();
        prop_assert_eq!(vats.len(), rows.len(), "a VAT number is kept once");
        for (_, row) in &rows {
            prop_assert_eq!(check_vat_number(&row.vat_number).ok(), Some(row.vat_number.clone()));
            prop_assert!(!row.name.is_empty());
        }
        accounted(&csv, &rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), &rejected)
    });
}

/// The calls file's columns, as the published file orders them.
const CALLS: &[&str] = &cloudpa_domain::programme::call::COLUMNS;

#[test]
fn calls_import() {
    let columns = vec![
        s("1\\.2 Abilitazione al Cloud - [A-Z][a-z]{3,8} - [a-z]{4,8} 20[0-9]{2}"),
        one_of(&["1.2 Abilitazione e facilitazione migrazione al Cloud"]),
        date(),
        date(),
        one_of(&["TERMINATO", "APERTO"]),
        s("[0-9]{1,12}\\.[0-9]"),
        s("[0-9]{1,12}\\.[0-9]"),
        one_of(&["Comuni", "Scuole", "Comuni;Scuole", ""]),
    ];
    let shipped = include_bytes!("../../../data/padigitale2026_avvisi.csv").to_vec();
    let input = prop_oneof![
        4 => file(CALLS, columns),
        1 => mutated(shipped, 8).prop_map(|bytes| Csv { bytes, lines: Vec::new() }),
    ];
    fuzz("calls_import", input, |csv| {
        match read_calls(&csv.bytes) {
            Ok((calls, rejected)) => {
                for read in &calls {
                    let call = &read.call;
                    prop_assert!(!call.title.is_empty() && !call.id.is_empty());
                    let reversed = matches!((call.opens_on, call.closes_on), (Some(o), Some(c)) if o > c);
                    prop_assert_eq!(reversed, read.findings.iter().any(|f| f.rule == Rule::DateOrder));
                    prop_assert!(read.findings.iter().all(|f| COLUMNS.contains(&f.field)), "{:?}", read.findings);
                }
                if csv.lines.is_empty() {
                    let lines = rejected.iter().map(|r| r.line);
                    lines_in_file(&csv.bytes, lines)?;
                } else {
                    prop_assert_eq!(calls.len() + rejected.len(), csv.lines.len(), "{:?}", rejected);
                    for r in &rejected {
                        prop_assert!(csv.lines.contains(&r.line), "line {} is no record's: {:?}", r.line, csv.lines);
                    }
                }
            }
            Err(StoreError::Reference { line, .. }) => prop_assert_eq!(line, 1),
            Err(other) => prop_assert!(false, "{other}"),
        }
        Ok(())
    });
}

#[test]
fn service_list_import() {
    let columns = vec![s("S[0-9]{2}"), s("[A-Z][a-z]{3,12}( [a-z]{2,8})?")];
    let shipped = include_bytes!("../../../data/servizi_avviso_1_2_comuni_provvisorio.csv").to_vec();
    let input = prop_oneof![
        4 => file(&["codice", "servizio"], columns),
        1 => mutated(shipped, 8).prop_map(|bytes| Csv { bytes, lines: Vec::new() }),
    ];
    fuzz("service_list_import", input, |csv| {
        match read_service_list(&csv.bytes) {
            Ok(list) => {
                if !csv.lines.is_empty() {
                    prop_assert_eq!(list.len(), csv.lines.len());
                }
                let codes: BTreeSet<&str> = list.iter().map(|s| s.code.as_str()).collect();
                prop_assert_eq!(codes.len(), list.len());
            }
            Err(e) if csv.lines.is_empty() => lines_in_file(&csv.bytes, std::iter::once(e.line as u64))?,
            Err(e) => prop_assert!(
                e.line == 1 || csv.lines.contains(&(e.line as u64)),
                "{e} not a record's line: {:?}",
                csv.lines
            ),
        }
        Ok(())
    });
}

#[test]
fn reference_data_loaders() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let files: Vec<(usize, Vec<u8>)> = DATASETS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let bytes = std::fs::read(root.join(d.file)).expect("shipped file");
            // The first 40 lines: enough structure, quick to parse again and again.
            let head = bytes.split_inclusive(|&b| b == b'\n').take(40).flatten().copied().collect();
            (i, head)
        })
        .collect();
    for (i, head) in &files {
        let dataset = &DATASETS[*i];
        if !dataset.file.ends_with(".toml") {
            assert!(dataset.parse_rows(head).is_ok() || dataset.file.contains("tariff"), "{}", dataset.name);
        }
    }
    let input = select(files).prop_flat_map(|(i, head)| (Just(i), mutated(head, 8)));
    fuzz("reference_data_loaders", input, |(i, bytes)| {
        match DATASETS[i].parse_rows(&bytes) {
            Ok(_) => {}
            // Line 0: a rule over the whole file (the areas must cover every region).
            Err(StoreError::Reference { line: 0, .. }) => {}
            Err(StoreError::Reference { line, .. }) => lines_in_file(&bytes, std::iter::once(line))?,
            Err(other) => prop_assert!(false, "{other}"),
        }
        Ok(())
    });
}

// Regression tests: the minimal inputs the targets above found.

/// A record after blank lines was reported on the first blank line.
#[test]
fn a_row_after_blank_lines_is_reported_on_its_own_line() {
    let (rows, rejected) =
        read_supplier_file(b"partita_iva,denominazione,pec,abilitato_mepa\n\n\n00000000018,Aaa,a@pec.aa.it,forse\n");
    assert_eq!((rows.len(), rejected.len()), (0, 1));
    assert_eq!(rejected[0].line, 4, "{:?}", rejected[0]);
    let (_, rejected) = read_open_data(b"\xef\xbb\xbfcodice_ipa\r\n\r\nx\r\n", |_| {});
    assert_eq!(rejected.iter().map(|r| r.line).collect::<Vec<_>>(), [3]);
}

/// The service list counted records, not lines: a quoted line break or a
/// blank line put the error on the wrong line.
#[test]
fn a_bad_service_list_row_is_reported_on_its_own_line() {
    let error = read_service_list(b"codice,servizio\r\nS00,\"\n\"\r\nS00,Abpl,extra\r\n").expect_err("three fields");
    assert_eq!(error.line, 4, "{error}");
    let error = read_service_list(b"codice,servizio\n\nS01,Anagrafe\nS01,Tributi\n").expect_err("a code twice");
    assert_eq!(error.line, 4, "{error}");
}

/// A calls file row whose title is punctuation alone made a call with an
/// empty id (its slug), where the programme office's form refuses it.
#[test]
fn a_call_titled_with_punctuation_alone_is_rejected() {
    let file = "titolo,misura,data_inizio_bando,data_fine_bando,stato,totale_importo_stanziato,totale_importo_misura,\
                soggetti_destinatari\n\"\"\"\",1.2 Abilitazione,2018-01-01,2018-01-01,TERMINATO,0.0,0.0,Comuni\n";
    let (calls, rejected) = read_calls(file.as_bytes()).expect("a calls file");
    assert!(calls.is_empty(), "{calls:?}");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].line, 2);
    assert!(rejected[0].reason.contains("titolo"), "{}", rejected[0].reason);
}
