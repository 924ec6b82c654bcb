//! Display conventions of Italian public services: dates `dd/mm/yyyy` in
//! Europe/Rome (DOMAIN.md §7).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};

/// Europe/Rome's offset at `utc`: CEST (UTC+2) from 01:00 UTC on the last
/// Sunday of March to 01:00 UTC on the last Sunday of October (Directive
/// 2000/84/EC), CET (UTC+1) otherwise.
pub(crate) fn rome_offset(utc: DateTime<Utc>) -> FixedOffset {
    let year = utc.year();
    let switch = |month| {
        let last = last_sunday(year, month);
        Utc.from_utc_datetime(&last.and_hms_opt(1, 0, 0).expect("valid time"))
    };
    let summer = utc >= switch(3) && utc < switch(10);
    FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("valid offset")
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().expect("in range");
    }
    day
}

/// `dd/mm/yyyy hh:mm` in Europe/Rome.
pub(crate) fn rome_datetime(millis: i64) -> String {
    DateTime::from_timestamp_millis(millis)
        .map(|utc| utc.with_timezone(&rome_offset(utc)).format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// A whole number the Italian way: `12.464`.
pub(crate) fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Splits `text` into lines of at most `width` characters, at spaces.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// A QR code of `text` as an inline SVG image labelled `label`.
pub(crate) fn qr_svg(text: &str, label: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else { return String::new() };
    let width = code.width();
    let mut path = String::new();
    for (i, colour) in code.to_colors().into_iter().enumerate() {
        if colour == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    let size = width + 8;
    let label = label.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"160\" height=\"160\" \
         role=\"img\" aria-label=\"{label}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_group_by_thousands() {
        assert_eq!(thousands(12_464), "12.464");
        assert_eq!(thousands(586_180), "586.180");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1.000.000");
        assert_eq!(thousands(-1_500), "-1.500");
        assert_eq!(thousands(0), "0");
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn summer_time_switches_at_one_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        assert_eq!(rome_offset(at("2026-03-29T00:59:59Z")).local_minus_utc(), 3600);
        assert_eq!(rome_offset(at("2026-03-29T01:00:00Z")).local_minus_utc(), 7200);
        assert_eq!(rome_offset(at("2026-10-25T00:59:59Z")).local_minus_utc(), 7200);
        assert_eq!(rome_offset(at("2026-10-25T01:00:00Z")).local_minus_utc(), 3600);
    }

    #[test]
    fn a_qr_code_is_a_labelled_svg() {
        let svg = qr_svg("https://cloudpa.example.it/qualificazioni/1", "QR <permalink>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("aria-label=\"QR &lt;permalink>\""));
        assert!(svg.matches('M').count() > 100, "the dark modules are drawn");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("uno due tre quattro", 8), ["uno due", "tre", "quattro"]);
        assert_eq!(wrap("", 8), [""]);
    }

    #[test]
    fn formats_the_italian_way() {
        let millis = at("2026-11-22T22:30:00Z").timestamp_millis();
        assert_eq!(rome_datetime(millis), "22/11/2026 23:30");
    }
}
