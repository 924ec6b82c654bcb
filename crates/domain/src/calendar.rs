//! Italian national public holidays and working days, for the terms the
//! programme counts in working days (DOMAIN.md §4: sample controls after
//! payment are answered within 20 working days).
//!
//! The national holidays are the days of art. 2 of L. 27 maggio 1949 n. 260,
//! as amended by L. 5 marzo 1977 n. 54 (Epifania, San Giuseppe, Ascensione,
//! Corpus Domini, Santi Pietro e Paolo no longer holidays; 2 June and
//! 4 November moved to Sundays), by L. 20 novembre 2000 n. 336 (2 June again
//! from 2001) and by L. 8 ottobre 2025 n. 151 (4 October, a holiday until
//! 1977, again from 2026), with the religious festivities of D.P.R.
//! 28 dicembre 1985 n. 792 (Epifania again from 1986). Sundays, holidays
//! under the same art. 2, are left to the weekday rule; only Easter Sunday is
//! named. The calendar is exact from 1978, L. 54/1977 having taken effect in
//! March 1977; earlier years had more holidays, which are not modelled, nor
//! are one-off national holidays (17 March 2011). Nor are the patron saints'
//! days of each comune (29 June in Rome, 7 December in Milan, ...): they are
//! local, not national, and a term of the programme runs alike for every ente.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The holidays on a fixed date: month, day, first year, Italian name. The
/// first year matters for the days a later law made holidays again (the year
/// it took effect in); the others count from L. 260/1949, before the years
/// this calendar is exact for.
const FIXED: [(u32, u32, i32, &str); 11] = [
    (1, 1, 1949, "Capodanno"),
    (1, 6, 1986, "Epifania"), // D.P.R. 792/1985
    (4, 25, 1949, "Festa della Liberazione"),
    (5, 1, 1949, "Festa del Lavoro"),
    (6, 2, 2001, "Festa della Repubblica"), // L. 336/2000, art. 1
    (8, 15, 1949, "Assunzione (Ferragosto)"),
    (10, 4, 2026, "Festa di San Francesco d'Assisi"), // L. 151/2025, art. 1 c. 2, in force 1 Jan 2026
    (11, 1, 1949, "Ognissanti"),
    (12, 8, 1949, "Immacolata Concezione"),
    (12, 25, 1949, "Natale"),
    (12, 26, 1949, "Santo Stefano"),
];

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous
/// Gregorian computus (Meeus/Jones/Butcher algorithm; J. Meeus, *Astronomical
/// Algorithms*, ch. 8): always between 22 March and 25 April. Meaningful from
/// 1583, the first full year of the Gregorian calendar.
///
/// Panics for a year outside chrono's range (about ±262,000).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let (b, c) = (year.div_euclid(100), year.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let (month, day) = (n / 31, n % 31 + 1);
    NaiveDate::from_ymd_opt(year, month.unsigned_abs(), day.unsigned_abs()).expect("Easter falls in March or April")
}

/// The Italian name of the national public holiday on `day`, if it is one
/// (see the module doc for the laws). Easter Sunday and Easter Monday
/// (*Lunedì dell'Angelo*, art. 2 L. 260/1949) move with Easter. When two
/// coincide (25 April 2011 was also Easter Monday), the fixed one is named.
///
/// 4 October is a holiday from 2026: L. 8 ottobre 2025 n. 151 (G.U. n. 236
/// of 10 October 2025, in force 1 January 2026) adds "il 4 ottobre: festa
/// nazionale di San Francesco d'Assisi, patrono d'Italia" to art. 2 of
/// L. 260/1949.
pub fn national_holiday(day: NaiveDate) -> Option<&'static str> {
    let fixed = FIXED
        .iter()
        .find(|&&(month, date, since, _)| day.month() == month && day.day() == date && day.year() >= since)
        .map(|&(.., name)| name);
    fixed.or_else(|| {
        let easter = easter_sunday(day.year());
        if day == easter {
            Some("Pasqua")
        } else if easter.checked_add_days(Days::new(1)) == Some(day) {
            Some("Lunedì dell'Angelo")
        } else {
            None
        }
    })
}

/// Monday to Friday, and not a national holiday. Saturday is not a working
/// day: a term in working days leaves out Saturdays, Sundays and public
/// holidays (Reg. (CEE, Euratom) n. 1182/71, art. 2(2), the rule for terms
/// in EU acts, and the reading of the programme's "20 working days"
/// (DOMAIN.md §4) by public offices that do not open on Saturdays).
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && national_holiday(day).is_none()
}

/// The `n`-th working day after `start` (`start` itself not counted), the
/// last day of a term of `n` working days; `start` when `n` is 0, and
/// `NaiveDate::MAX` when the calendar ends first.
pub fn add_working_days(start: NaiveDate, n: u32) -> NaiveDate {
    let Some(skip) = n.checked_sub(1) else {
        return start;
    };
    start.iter_days().skip(1).filter(|&day| is_working_day(day)).nth(skip as usize).unwrap_or(NaiveDate::MAX)
}

/// The working days after `from` up to and including `to`: how many of a
/// term's working days have passed from `from` to `to`; 0 when `to` is not
/// after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days().skip(1).take_while(|&day| day <= to).filter(|&day| is_working_day(day)).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_sunday_by_the_computus() {
        for (year, easter) in [
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), day(easter), "{year}");
        }
    }

    #[test]
    fn the_national_holidays_of_a_year() {
        let holidays = |year| {
            let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            first
                .iter_days()
                .take_while(|d| d.year() == year)
                .filter_map(|d| national_holiday(d).map(|name| (d.to_string(), name)))
                .collect::<Vec<_>>()
        };
        let expected_2026 = [
            ("2026-01-01", "Capodanno"),
            ("2026-01-06", "Epifania"),
            ("2026-04-05", "Pasqua"),
            ("2026-04-06", "Lunedì dell'Angelo"),
            ("2026-04-25", "Festa della Liberazione"),
            ("2026-05-01", "Festa del Lavoro"),
            ("2026-06-02", "Festa della Repubblica"),
            ("2026-08-15", "Assunzione (Ferragosto)"),
            ("2026-10-04", "Festa di San Francesco d'Assisi"),
            ("2026-11-01", "Ognissanti"),
            ("2026-12-08", "Immacolata Concezione"),
            ("2026-12-25", "Natale"),
            ("2026-12-26", "Santo Stefano"),
        ];
        let as_owned = |list: &[(&str, &'static str)]| list.iter().map(|&(d, n)| (d.to_owned(), n)).collect::<Vec<_>>();
        assert_eq!(holidays(2026), as_owned(&expected_2026));
        assert_eq!(holidays(2025).len(), 12, "no 4 October before 2026");
        assert_eq!(holidays(2027).len(), 13);
    }

    #[test]
    fn holidays_on_both_sides_of_the_laws_and_of_easter() {
        for (date, name) in [
            ("2024-03-31", Some("Pasqua")),
            ("2024-04-01", Some("Lunedì dell'Angelo")),
            ("2025-04-01", None),
            ("2025-04-20", Some("Pasqua")),
            ("2025-04-21", Some("Lunedì dell'Angelo")),
            ("2025-04-22", None),
            ("2026-04-06", Some("Lunedì dell'Angelo")),
            ("2027-03-29", Some("Lunedì dell'Angelo")),
            ("2011-04-25", Some("Festa della Liberazione")),
            ("2038-04-25", Some("Festa della Liberazione")),
            ("2038-04-26", Some("Lunedì dell'Angelo")),
            ("1985-01-06", None),
            ("1986-01-06", Some("Epifania")),
            ("2000-06-02", None),
            ("2001-06-02", Some("Festa della Repubblica")),
            ("2025-10-04", None),
            ("2026-10-04", Some("Festa di San Francesco d'Assisi")),
            ("2027-10-04", Some("Festa di San Francesco d'Assisi")),
            ("2026-10-03", None),
            ("2026-10-05", None),
            ("2026-06-29", None),
            ("2026-12-07", None),
            ("2026-11-04", None),
        ] {
            assert_eq!(national_holiday(day(date)), name, "{date}");
        }
    }

    #[test]
    fn working_days_are_weekdays_that_are_not_holidays() {
        for (date, working) in [
            ("2026-06-05", true),
            ("2026-06-06", false),
            ("2026-06-07", false),
            ("2026-06-08", true),
            ("2026-06-01", true),
            ("2026-06-02", false),
            ("2026-06-03", true),
            ("2027-10-04", false),
            ("2027-10-05", true),
            ("2025-10-03", true),
            ("2024-02-29", true),
        ] {
            assert_eq!(is_working_day(day(date)), working, "{date}");
        }
    }

    #[test]
    fn terms_in_working_days() {
        for (start, n, end) in [
            ("2026-12-15", 20, "2027-01-15"),
            ("2026-12-15", 19, "2027-01-14"),
            ("2026-12-24", 1, "2026-12-28"),
            ("2026-12-31", 1, "2027-01-04"),
            ("2027-01-05", 1, "2027-01-07"),
            ("2025-04-17", 20, "2025-05-20"),
            ("2025-04-17", 2, "2025-04-22"),
            ("2025-04-24", 1, "2025-04-28"),
            ("2025-04-30", 1, "2025-05-02"),
            ("2026-06-05", 1, "2026-06-08"),
            ("2026-06-06", 1, "2026-06-08"),
            ("2026-06-07", 1, "2026-06-08"),
            ("2026-06-01", 1, "2026-06-03"),
            ("2026-12-25", 0, "2026-12-25"),
        ] {
            assert_eq!(add_working_days(day(start), n), day(end), "{start} + {n}");
        }
        assert_eq!(add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX, "the calendar ends first");
    }

    #[test]
    fn working_days_between_counts_after_the_start_up_to_the_end() {
        for (from, to, n) in [
            ("2026-12-15", "2027-01-14", 19),
            ("2026-12-15", "2027-01-15", 20),
            ("2026-12-15", "2026-12-15", 0),
            ("2026-12-15", "2026-12-01", 0),
            ("2026-06-05", "2026-06-08", 1),
            ("2026-06-06", "2026-06-07", 0),
            ("2026-12-24", "2026-12-27", 0),
            ("2025-04-17", "2025-05-20", 20),
        ] {
            assert_eq!(working_days_between(day(from), day(to)), n, "{from} to {to}");
        }
    }

    proptest! {
        #[test]
        fn easter_is_a_sunday_between_22_march_and_25_april(year in 1583i32..=9999) {
            let easter = easter_sunday(year);
            prop_assert_eq!(easter.weekday(), Weekday::Sun);
            prop_assert!(easter >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap());
            prop_assert!(easter <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap());
        }

        #[test]
        fn counting_undoes_adding(offset in 0u64..(365 * 60), n in 0u32..200) {
            let start = day("2000-01-01") + Days::new(offset);
            let end = add_working_days(start, n);
            prop_assert_eq!(working_days_between(start, end), i64::from(n));
            prop_assert!(n == 0 || is_working_day(end));
        }
    }
}
