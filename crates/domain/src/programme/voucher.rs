//! The lump-sum voucher of a municipality's application.
//!
//! Source: Avviso Misura 1.2 "Abilitazione e facilitazione migrazione al Cloud"
//! — Comuni (April/July 2022): the voucher is the first-year fee of the class,
//! plus nA × A(class), plus nB × B(class), with a number of services between
//! the class's minimum and maximum (DOMAIN.md §4). Worked example: Genova,
//! 586,180 inhabitants, 18 services A and 3 services B: 3,500,000 +
//! 18 × 46,634 + 3 × 75,816 = 4,566,860 €.

use super::tariff::Tariff;
use crate::message::Message;
use crate::money::Cents;
use serde::Serialize;

/// A computed voucher with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoucherQuote {
    pub class: u8,
    pub fee: Cents,
    pub rehost: Cents,
    pub upgrade: Cents,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoucherError {
    #[error("{}", self.message())]
    ServiceCount { class: u8, population: u64, requested: u64, min: u32, max: u32 },
    #[error("{}", self.message())]
    Overflow,
}

impl VoucherError {
    pub fn message(&self) -> Message {
        match self {
            VoucherError::ServiceCount { class, population, requested, min, max } => {
                Message::new("prog-voucher-service-count")
                    .arg("class", u32::from(*class))
                    .arg("population", *population)
                    .arg("min", *min)
                    .arg("max", *max)
                    .arg("requested", *requested)
            }
            VoucherError::Overflow => Message::new("prog-voucher-overflow"),
        }
    }
}

/// Computes the voucher for a municipality of `population` migrating
/// `rehost` services with type A and `upgrade` services with type B.
pub fn quote(tariff: &Tariff, population: u64, rehost: u32, upgrade: u32) -> Result<VoucherQuote, VoucherError> {
    let class = tariff.class_for(population);
    let requested = u64::from(rehost) + u64::from(upgrade);
    if requested < u64::from(class.services_min) || requested > u64::from(class.services_max) {
        return Err(VoucherError::ServiceCount {
            class: class.class,
            population,
            requested,
            min: class.services_min,
            max: class.services_max,
        });
    }
    breakdown(tariff, population, rehost, upgrade)
}

/// The same sum without the class's range of services: what a draft would
/// be worth, shown while the ente is still choosing.
pub fn breakdown(tariff: &Tariff, population: u64, rehost: u32, upgrade: u32) -> Result<VoucherQuote, VoucherError> {
    let class = tariff.class_for(population);
    let rehost_total = class.rehost.checked_mul(i64::from(rehost)).ok_or(VoucherError::Overflow)?;
    let upgrade_total = class.upgrade.checked_mul(i64::from(upgrade)).ok_or(VoucherError::Overflow)?;
    let amount =
        class.fee.checked_add(rehost_total).and_then(|a| a.checked_add(upgrade_total)).ok_or(VoucherError::Overflow)?;
    Ok(VoucherQuote { class: class.class, fee: class.fee, rehost: rehost_total, upgrade: upgrade_total, amount })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::tariff::tests::comuni_2022;

    #[test]
    fn genova_worked_example() {
        let q = quote(&comuni_2022(), 586_180, 18, 3).unwrap();
        assert_eq!(q.class, 7);
        assert_eq!(q.fee, Cents::from_euros(3_500_000));
        assert_eq!(q.rehost, Cents::from_euros(18 * 46_634));
        assert_eq!(q.upgrade, Cents::from_euros(3 * 75_816));
        assert_eq!(q.amount, Cents::from_euros(4_566_860));
    }

    #[test]
    fn every_class_boundary() {
        let t = comuni_2022();
        // (population, class, fee, A, B, min services) on both sides of each bound.
        let cases = [
            (2_500, 1, 6_000, 1_528, 4_603, 7),
            (2_501, 2, 12_000, 2_352, 5_069, 10),
            (5_000, 2, 12_000, 2_352, 5_069, 10),
            (5_001, 3, 25_000, 4_146, 6_928, 11),
            (20_000, 3, 25_000, 4_146, 6_928, 11),
            (20_001, 4, 50_000, 9_143, 14_437, 11),
            (50_000, 4, 50_000, 9_143, 14_437, 11),
            (50_001, 5, 120_000, 14_254, 16_618, 14),
            (100_000, 5, 120_000, 14_254, 16_618, 14),
            (100_001, 6, 450_000, 15_394, 27_694, 17),
            (250_000, 6, 450_000, 15_394, 27_694, 17),
            (250_001, 7, 3_500_000, 46_634, 75_816, 17),
        ];
        for (population, class, fee, a, b, min) in cases {
            let rehost = min - 1;
            let q = quote(&t, population, rehost, 1).unwrap();
            assert_eq!(q.class, class, "population {population}");
            let expected = fee + i64::from(rehost) * a + b;
            assert_eq!(q.amount, Cents::from_euros(expected), "population {population}");
        }
    }

    #[test]
    fn a_draft_shows_its_worth_outside_the_range() {
        let t = comuni_2022();
        let q = breakdown(&t, 2_500, 0, 0).unwrap();
        assert_eq!((q.class, q.amount), (1, Cents::from_euros(6_000)), "the fee alone");
        assert_eq!(breakdown(&t, 2_500, 12, 0).unwrap().amount, Cents::from_euros(6_000 + 12 * 1_528));
        assert_eq!(breakdown(&t, 2_500, u32::MAX, u32::MAX).map(|q| q.class), Ok(1), "cents do not overflow i64 here");
    }

    #[test]
    fn service_count_outside_the_class_range_is_refused() {
        let t = comuni_2022();
        assert_eq!(
            quote(&t, 2_500, 10, 0),
            Err(VoucherError::ServiceCount { class: 1, population: 2_500, requested: 10, min: 7, max: 9 })
        );
        assert!(matches!(quote(&t, 2_500, 3, 3), Err(VoucherError::ServiceCount { requested: 6, .. })));
        assert!(quote(&t, 2_500, 9, 0).is_ok());
        assert!(quote(&t, 2_500, 0, 7).is_ok());
        assert!(matches!(quote(&t, 2_500, u32::MAX, u32::MAX), Err(VoucherError::ServiceCount { .. })));
    }
}
