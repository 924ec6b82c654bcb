//! The loop of the hostile-input tests (issue 13, item 5), shared by the
//! `hostile_input` test of cloudpa-domain, cloudpa-store and cloudpa-identity
//! (the other two include this file with `#[path]`): a proptest `TestRunner`
//! run for `FUZZ_SECONDS` seconds per target (default 2; `scripts/fuzz` sets
//! more), a panic or a broken contract shrunk to a minimal input, and one line
//! per target for the CI log. `FUZZ_SEED` replays a run.

#![allow(dead_code, reason = "each test crate uses a different part of the helpers")]

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestError, TestRunner};
use std::cell::Cell;
use std::fmt::Debug;
use std::time::{Duration, Instant};

/// Runs `check` on inputs from `strategy` for `FUZZ_SECONDS` seconds, at
/// least one batch; panics with the minimal failing input.
pub fn fuzz<S: Strategy>(target: &str, strategy: S, check: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: Debug,
{
    let seconds: f64 = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(2.0);
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        nanos.as_nanos() as u64
    });
    let config = Config { cases: 16, failure_persistence: None, rng_seed: RngSeed::Fixed(seed), ..Config::default() };
    let mut seeds = TestRunner::new(config.clone());
    let (start, budget, cases) = (Instant::now(), Duration::from_secs_f64(seconds.max(0.0)), Cell::new(0u64));
    loop {
        // A runner counts its successes: a fresh one per batch, seeded from `seeds`.
        let mut runner = TestRunner::new_with_rng(config.clone(), seeds.new_rng());
        let outcome = runner.run(&strategy, |value| {
            cases.set(cases.get() + 1);
            check(value)
        });
        match outcome {
            Ok(()) => {}
            Err(TestError::Fail(reason, minimal)) => {
                panic!("fuzz {target}: {reason}\nminimal input: {minimal:?}\nreplay with FUZZ_SEED={seed}")
            }
            Err(TestError::Abort(reason)) => panic!("fuzz {target}: aborted: {reason} (FUZZ_SEED={seed})"),
        }
        if start.elapsed() >= budget {
            break;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    // One write, so that the line stays whole among the other tests' output.
    let line = format!("fuzz {target}: {} cases in {elapsed:.1} s (FUZZ_SEED={seed})\n", cases.get());
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), line.as_bytes());
}

/// Fragments that break parsers: separators, quotes, line ends, a BOM, a
/// NUL and other controls, a lone UTF-8 continuation byte, big numbers,
/// non-ASCII letters whose case mapping changes their length.
pub const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b";",
    b":",
    b"=",
    b".",
    b"-",
    b"/",
    b"%",
    b"@",
    b"#",
    b"\\",
    b"'",
    b" ",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\0",
    b"\x1b",
    b"\x7f",
    b"\xc2\x85",
    b"\xff",
    b"\x80",
    b"\xc3",
    b"[",
    b"]",
    b"[[",
    b"{",
    b"}",
    b"true",
    b"0",
    b"-1",
    b"1.5",
    b"9223372036854775807",
    b"9223372036854775808",
    b"-9223372036854775809",
    b"99999999999999999999999999",
    b"1e309",
    b"\xc3\xa9",
    b"\xc4\xb0",
    b"\xc3\x9f",
    b"\xe2\x80\xae",
    b"\xf0\x9f\x98\x80",
    b"\xcc\x81",
    b"2024-02-30",
    b"0000-00-00",
    b"+262143-12-31",
];

/// A token of [`TOKENS`] or one random byte.
pub fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![3 => proptest::sample::select(TOKENS).prop_map(<[u8]>::to_vec), 1 => any::<u8>().prop_map(|b| vec![b])]
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
pub enum Edit {
    Insert(Index, Vec<u8>),
    Replace(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, usize),
    Truncate(Index),
}

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), token()).prop_map(|(i, t)| Edit::Insert(i, t)),
        3 => (any::<Index>(), token()).prop_map(|(i, t)| Edit::Replace(i, t)),
        2 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => (any::<Index>(), 1usize..200).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// `sample` with a few random edits: inputs that stay close to a valid file
/// and so get past the first checks of its parser.
pub fn mutated(sample: Vec<u8>, max_edits: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(edit(), 0..=max_edits).prop_map(move |edits| apply(&sample, &edits))
}

pub fn apply(sample: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = sample.to_vec();
    for e in edits {
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match e {
            Edit::Insert(i, t) => {
                let p = at(i, bytes.len());
                bytes.splice(p..p, t.iter().copied());
            }
            Edit::Replace(i, t) if !bytes.is_empty() => {
                let p = i.index(bytes.len());
                bytes.splice(p..p + 1, t.iter().copied());
            }
            Edit::Delete(i, n) if !bytes.is_empty() => {
                let p = i.index(bytes.len());
                bytes.drain(p..(p + n).min(bytes.len()));
            }
            Edit::Duplicate(i, n) if !bytes.is_empty() => {
                let p = i.index(bytes.len());
                let chunk = bytes[p..(p + n).min(bytes.len())].to_vec();
                bytes.splice(p..p, chunk);
            }
            Edit::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            _ => {}
        }
    }
    bytes
}

/// Text as a hostile user types it: anything, or mostly ASCII with the
/// fragments of [`TOKENS`] that are valid UTF-8.
pub fn text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => proptest::char::range(' ', '~').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        2 => proptest::sample::select(TOKENS).prop_filter_map("not UTF-8", |t| std::str::from_utf8(t).ok().map(str::to_owned)),
    ];
    prop_oneof![
        1 => any::<String>(),
        3 => proptest::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat()),
    ]
}

/// `valid` with one character replaced, inserted or removed, its case or
/// surrounding spaces changed: the near misses a check must tell apart.
pub fn near(valid: String) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => proptest::char::range('0', '9'),
        3 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('a', 'z'),
        1 => proptest::sample::select(vec![' ', '-', '.', '\0', '\u{feff}', 'É', 'ß', 'İ', '\u{212a}', '٣']),
        1 => any::<char>(),
    ];
    (0u8..6, any::<Index>(), ch).prop_map(move |(how, i, c)| {
        let mut chars: Vec<char> = valid.chars().collect();
        let p = i.index(chars.len().max(1)).min(chars.len().saturating_sub(1));
        match how {
            0 if !chars.is_empty() => chars[p] = c,
            1 => chars.insert(p, c),
            2 if !chars.is_empty() => {
                chars.remove(p);
            }
            3 => return valid.to_lowercase(),
            4 => return format!(" \t{valid}\u{a0} "),
            _ => {}
        }
        chars.into_iter().collect()
    })
}
