//! A voucher quote as the API (`GET /api/v1/calls/{id}/voucher-quote`) and
//! the command line (`cloudpa voucher`) answer it: one shape for both.

use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::voucher::VoucherQuote;
use serde::Serialize;
use utoipa::ToSchema;

/// A voucher with its breakdown, in euros (exact: the tariff is in whole euros)
/// and in cents.
#[derive(Serialize, ToSchema)]
pub struct VoucherQuoteBody {
    class: u8,
    #[schema(value_type = f64)]
    fee_eur: serde_json::Number,
    #[schema(value_type = f64)]
    rehost_eur: serde_json::Number,
    #[schema(value_type = f64)]
    upgrade_eur: serde_json::Number,
    #[schema(value_type = f64)]
    amount_eur: serde_json::Number,
    amount_cents: i64,
}

impl From<VoucherQuote> for VoucherQuoteBody {
    fn from(q: VoucherQuote) -> Self {
        VoucherQuoteBody {
            class: q.class,
            fee_eur: euros(q.fee),
            rehost_eur: euros(q.rehost),
            upgrade_eur: euros(q.upgrade),
            amount_eur: euros(q.amount),
            amount_cents: q.amount.0,
        }
    }
}

/// Whole euros as a JSON integer; otherwise the decimal value, which a
/// float renders exactly for any amount below 2^53 cents.
pub fn euros(c: Cents) -> serde_json::Number {
    match c.whole_euros() {
        Some(e) => e.into(),
        None => serde_json::Number::from_f64(c.0 as f64 / 100.0).unwrap_or_else(|| 0.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_whole_when_they_can_be() {
        assert_eq!(euros(Cents(1_250_000)).to_string(), "12500");
        assert_eq!(euros(Cents(12_345)).to_string(), "123.45");
    }
}
