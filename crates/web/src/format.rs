//! Display conventions of Italian public services: dates `dd/mm/yyyy` in
//! Europe/Rome (DOMAIN.md §7).

use chrono::DateTime;
use cloudpa_domain::time::in_rome;

/// `dd/mm/yyyy hh:mm` in Europe/Rome.
pub(crate) fn rome_datetime(millis: i64) -> String {
    DateTime::from_timestamp_millis(millis)
        .map(|utc| in_rome(utc).format("%d/%m/%Y %H:%M").to_string())
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
    use chrono::Utc;

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
    fn a_qr_code_is_a_labelled_svg() {
        let svg = qr_svg("https://cloudpa.example.it/qualificazioni/1", "QR <permalink>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("aria-label=\"QR &lt;permalink>\""));
        assert!(svg.matches('M').count() > 100, "the dark modules are drawn");
    }

    #[test]
    fn formats_the_italian_way() {
        let millis = at("2026-11-22T22:30:00Z").timestamp_millis();
        assert_eq!(rome_datetime(millis), "22/11/2026 23:30");
    }
}
