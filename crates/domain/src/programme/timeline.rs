//! The programme's progress over time: how many enti had reached a step
//! (financed, migrated) by the end of each month, from their dated records,
//! for the line chart against the PNRR target.
//!
//! Source: DOMAIN.md §4 (an ente counts as migrated once an asseverazione of
//! its project is positive). Only dated records are counted: the open data of
//! financed applications dates the financing, not the payment.

use chrono::{Datelike, Months, NaiveDate};

/// The first day of the month of `day`.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The months from the month of `from` to the month of `to`, inclusive,
/// as their first days (none when `to` is before `from`). At most `limit`
/// months, the last ones, so that a date typed far in the past cannot make
/// the chart unbounded.
pub fn months(from: NaiveDate, to: NaiveDate, limit: usize) -> Vec<NaiveDate> {
    let (mut at, last) = (month_of(from), month_of(to));
    let mut all = Vec::new();
    while at <= last {
        all.push(at);
        match at.checked_add_months(Months::new(1)) {
            Some(next) => at = next,
            None => break,
        }
    }
    let skip = all.len().saturating_sub(limit);
    all.split_off(skip)
}

/// For each month of `months`, how many of `dates` fall on or before its
/// last day.
pub fn cumulative(months: &[NaiveDate], dates: &[NaiveDate]) -> Vec<u64> {
    let mut sorted = dates.to_vec();
    sorted.sort_unstable();
    months
        .iter()
        .map(|m| {
            let next = m.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
            sorted.partition_point(|d| *d < next) as u64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_run_from_the_first_to_the_last_inclusive() {
        let all = months(day("2022-08-08"), day("2022-11-01"), 100);
        assert_eq!(all, [day("2022-08-01"), day("2022-09-01"), day("2022-10-01"), day("2022-11-01")]);
        assert_eq!(months(day("2022-08-08"), day("2022-07-01"), 100), []);
        assert_eq!(
            months(day("2000-01-01"), day("2026-06-30"), 3),
            [day("2026-04-01"), day("2026-05-01"), day("2026-06-01")]
        );
    }

    #[test]
    fn each_month_counts_the_dates_up_to_its_last_day() {
        let all = months(day("2022-08-01"), day("2022-10-31"), 100);
        let dates = [day("2022-08-08"), day("2022-08-31"), day("2022-10-01"), day("2022-07-15"), day("2023-01-01")];
        assert_eq!(cumulative(&all, &dates), [3, 3, 4], "July counts in August; January 2023 in no month shown");
        assert_eq!(cumulative(&all, &[]), [0, 0, 0]);
    }
}
