//! The South reserve: at least 40% of the PNRR resources allocated through
//! calls go to the Mezzogiorno (D.L. 77/2021, art. 2, comma 6-bis), tracked
//! as a quota of the amounts decreed. The Mezzogiorno is ISTAT's "Sud" and
//! "Isole" areas: Abruzzo, Molise, Campania, Puglia, Basilicata, Calabria,
//! Sicilia, Sardegna.

use crate::money::Cents;

/// The reserved share, in percent.
pub const SOUTH_RESERVE_PERCENT: i64 = 40;

/// The ISTAT areas (ripartizioni geografiche, `data/comuni.csv`) of the Mezzogiorno.
pub const MEZZOGIORNO_AREAS: [&str; 2] = ["Sud", "Isole"];

pub fn is_mezzogiorno(area: &str) -> bool {
    MEZZOGIORNO_AREAS.contains(&area)
}

/// `part` as a share of `total` in tenths of a percent (423 = 42.3%),
/// rounded down; `None` when nothing was decreed.
pub fn share_permille(part: Cents, total: Cents) -> Option<i64> {
    (total.0 > 0).then(|| (i128::from(part.0) * 1000 / i128::from(total.0)) as i64)
}

/// Whether the Mezzogiorno got at least its reserved share of `total`.
pub fn reserve_met(south: Cents, total: Cents) -> bool {
    i128::from(south.0) * 100 >= i128::from(total.0) * i128::from(SOUTH_RESERVE_PERCENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mezzogiorno_is_south_and_islands() {
        assert!(is_mezzogiorno("Sud") && is_mezzogiorno("Isole"));
        assert!(!is_mezzogiorno("Centro") && !is_mezzogiorno("Nord-est") && !is_mezzogiorno("sud"));
    }

    #[test]
    fn forty_percent_exactly_meets_the_reserve() {
        assert!(reserve_met(Cents(40_00), Cents(10_000)));
        assert!(!reserve_met(Cents(39_99), Cents(10_000)));
        assert!(reserve_met(Cents(0), Cents(0)), "nothing decreed, nothing owed");
        assert!(reserve_met(Cents(400_000_000_000), Cents(1_000_000_000_000)));
    }

    #[test]
    fn shares_are_in_tenths_of_a_percent() {
        assert_eq!(share_permille(Cents(423), Cents(1000)), Some(423));
        assert_eq!(share_permille(Cents(1), Cents(3)), Some(333));
        assert_eq!(share_permille(Cents(5), Cents(0)), None);
        assert_eq!(share_permille(Cents(i64::MAX / 2), Cents(i64::MAX)), Some(499));
    }
}
