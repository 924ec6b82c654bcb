//! Population classes and the lump-sum tariff of a call (Avviso 1.2 Comuni).
//!
//! Source: the tariff derived from the 7,482 financed Comuni of the April and
//! July 2022 calls (DOMAIN.md §4, `data/avviso_1_2_comuni_tariffa.csv`).

use crate::money::Cents;
use serde::Serialize;

/// One population class of a tariff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TariffClass {
    pub class: u8,
    pub population_min: u64,
    /// Inclusive upper bound; `None` for the last, open-ended class.
    pub population_max: Option<u64>,
    pub fee: Cents,
    pub rehost: Cents,
    pub upgrade: Cents,
    pub services_min: u32,
    pub services_max: u32,
}

/// A tariff: its classes cover every population from 0 upwards, in order,
/// without gaps or overlaps (checked by [`Tariff::new`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tariff {
    code: String,
    classes: Vec<TariffClass>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TariffError {
    #[error("tariff `{0}` has no classes")]
    Empty(String),
    #[error("class {class} starts at {found} but should start at {expected} (classes must be contiguous from 0)")]
    Gap { class: u8, expected: u64, found: u64 },
    #[error("class {0} is open-ended but is not the last class")]
    OpenEndedNotLast(u8),
    #[error("the last class {0} must be open-ended")]
    LastBounded(u8),
    #[error("class {0} has services_min greater than services_max")]
    ServiceRange(u8),
    #[error("class {0} has a maximum population below its minimum")]
    PopulationRange(u8),
}

impl Tariff {
    pub fn new(code: impl Into<String>, classes: Vec<TariffClass>) -> Result<Self, TariffError> {
        let code = code.into();
        let Some(last) = classes.last() else {
            return Err(TariffError::Empty(code));
        };
        if last.population_max.is_some() {
            return Err(TariffError::LastBounded(last.class));
        }
        let mut expected = 0;
        for (i, c) in classes.iter().enumerate() {
            if c.population_min != expected {
                return Err(TariffError::Gap { class: c.class, expected, found: c.population_min });
            }
            if c.services_min > c.services_max {
                return Err(TariffError::ServiceRange(c.class));
            }
            match c.population_max {
                Some(max) if max < c.population_min => {
                    return Err(TariffError::PopulationRange(c.class));
                }
                Some(max) => expected = max + 1,
                None if i + 1 < classes.len() => {
                    return Err(TariffError::OpenEndedNotLast(c.class));
                }
                None => {}
            }
        }
        Ok(Tariff { code, classes })
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn classes(&self) -> &[TariffClass] {
        &self.classes
    }

    /// The class of a municipality by population; upper bounds are inclusive
    /// (2,500 inhabitants is class 1, 2,501 class 2).
    pub fn class_for(&self, population: u64) -> &TariffClass {
        self.classes
            .iter()
            .find(|c| c.population_max.is_none_or(|max| population <= max))
            .expect("a validated tariff ends with an open-ended class")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The Avviso 1.2 Comuni tariff, as shipped in `data/`.
    pub(crate) fn comuni_2022() -> Tariff {
        let row = |class, min, max, fee, a, b, smin, smax| TariffClass {
            class,
            population_min: min,
            population_max: max,
            fee: Cents::from_euros(fee),
            rehost: Cents::from_euros(a),
            upgrade: Cents::from_euros(b),
            services_min: smin,
            services_max: smax,
        };
        Tariff::new(
            "avviso-1.2-comuni",
            vec![
                row(1, 0, Some(2_500), 6_000, 1_528, 4_603, 7, 9),
                row(2, 2_501, Some(5_000), 12_000, 2_352, 5_069, 10, 13),
                row(3, 5_001, Some(20_000), 25_000, 4_146, 6_928, 11, 14),
                row(4, 20_001, Some(50_000), 50_000, 9_143, 14_437, 11, 14),
                row(5, 50_001, Some(100_000), 120_000, 14_254, 16_618, 14, 18),
                row(6, 100_001, Some(250_000), 450_000, 15_394, 27_694, 17, 21),
                row(7, 250_001, None, 3_500_000, 46_634, 75_816, 17, 21),
            ],
        )
        .unwrap()
    }

    #[test]
    fn upper_bounds_are_inclusive() {
        let t = comuni_2022();
        for (population, class) in [
            (0, 1),
            (2_500, 1),
            (2_501, 2),
            (5_000, 2),
            (5_001, 3),
            (20_000, 3),
            (20_001, 4),
            (50_000, 4),
            (50_001, 5),
            (100_000, 5),
            (100_001, 6),
            (250_000, 6),
            (250_001, 7),
            (2_617_175, 7),
        ] {
            assert_eq!(t.class_for(population).class, class, "population {population}");
        }
    }

    #[test]
    fn rejects_tariffs_with_holes() {
        let mut classes = comuni_2022().classes().to_vec();
        classes[1].population_min = 2_502;
        assert_eq!(Tariff::new("t", classes), Err(TariffError::Gap { class: 2, expected: 2_501, found: 2_502 }));
        let mut bounded = comuni_2022().classes().to_vec();
        bounded[6].population_max = Some(10_000_000);
        assert_eq!(Tariff::new("t", bounded), Err(TariffError::LastBounded(7)));
        assert_eq!(Tariff::new("t", vec![]), Err(TariffError::Empty("t".into())));
    }
}
