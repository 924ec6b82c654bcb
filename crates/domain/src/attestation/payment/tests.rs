use super::*;
use crate::message::Message;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn request() -> PaymentRequest {
    PaymentRequest {
        cre_file: Some("a".repeat(64)),
        cre_on: day("2026-10-10"),
        request_file: Some("b".repeat(64)),
        requested: Cents(4_760_900),
    }
}

fn project() -> ProjectForPayment<'static> {
    ProjectForPayment {
        decreed: Cents(4_760_900),
        cup: Some("D31B22001230006"),
        completed_on: Some(day("2026-10-01")),
        attested_on: Some(day("2026-10-05")),
    }
}

fn failing(request: &PaymentRequest, project: &ProjectForPayment<'_>) -> Vec<FormalCheck> {
    formal_checks(request, project, day("2026-11-01")).into_iter().filter(|r| !r.passed()).map(|r| r.check).collect()
}

#[test]
fn a_complete_request_passes_every_check() {
    assert_eq!(failing(&request(), &project()), []);
    assert_eq!(formal_checks(&request(), &project(), day("2026-11-01")).len(), FormalCheck::ALL.len());
}

#[test]
fn each_document_is_required() {
    for (cre_file, request_file, expected) in [
        (None, Some("x".to_owned()), vec![FormalCheck::CreDocument]),
        (Some("  ".to_owned()), Some("x".to_owned()), vec![FormalCheck::CreDocument]),
        (Some("x".to_owned()), None, vec![FormalCheck::RequestDocument]),
        (None, None, vec![FormalCheck::CreDocument, FormalCheck::RequestDocument]),
    ] {
        let r = PaymentRequest { cre_file, request_file, ..request() };
        assert_eq!(failing(&r, &project()), expected);
    }
}

#[test]
fn the_cre_is_dated_between_completion_and_today() {
    for (cre_on, passes) in [("2026-09-30", false), ("2026-10-01", true), ("2026-11-01", true), ("2026-11-02", false)] {
        let r = PaymentRequest { cre_on: day(cre_on), ..request() };
        assert_eq!(failing(&r, &project()).is_empty(), passes, "{cre_on}");
    }
    let result =
        formal_checks(&PaymentRequest { cre_on: day("2026-09-30"), ..request() }, &project(), day("2026-11-01"));
    let finding = result.iter().find_map(|r| r.failure.clone()).unwrap();
    assert_eq!(finding.field, "cre_on");
    let expected = Message::new("att-payment-cre-before-completion")
        .arg("cre", day("2026-09-30"))
        .arg("completed", day("2026-10-01"));
    assert_eq!(finding.message, expected);
}

#[test]
fn the_amount_is_exactly_the_decreed_one() {
    for (requested, passes) in [(4_760_899, false), (4_760_900, true), (4_760_901, false), (0, false)] {
        let r = PaymentRequest { requested: Cents(requested), ..request() };
        assert_eq!(failing(&r, &project()).is_empty(), passes, "{requested}");
    }
}

#[test]
fn the_cup_and_a_positive_attestation_are_required() {
    assert_eq!(failing(&request(), &ProjectForPayment { cup: None, ..project() }), [FormalCheck::CupGiven]);
    assert_eq!(failing(&request(), &ProjectForPayment { cup: Some(" "), ..project() }), [FormalCheck::CupGiven]);
    assert_eq!(
        failing(&request(), &ProjectForPayment { attested_on: None, ..project() }),
        [FormalCheck::PositiveAttestation]
    );
}
