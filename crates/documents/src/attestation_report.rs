//! The attestor's report of an asseverazione: an A4 PDF/A-2b with the
//! project, the outcome and its motivation, and every item of the checklist
//! with its verdict and note. Rendered from the records each time, so it
//! never disagrees with them.

use crate::text::wrap;
use crate::{BOLD, REGULAR};
use chrono::{Datelike, NaiveDate};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

/// One item of the checklist as the report prints it.
pub struct ReportItem<'a> {
    /// The project, or the service's position and name, in the report's language.
    pub scope: String,
    pub title: &'a str,
    pub verdict: &'a str,
    pub note: &'a str,
}

/// The facts printed on the report.
pub struct AttestationReport<'a> {
    pub application_id: &'a str,
    pub ente: &'a str,
    pub call: &'a str,
    pub cup: &'a str,
    pub attestor: &'a str,
    pub outcome: &'a str,
    pub decided_on: NaiveDate,
    pub motivation: &'a str,
    pub items: Vec<ReportItem<'a>>,
}

const TOP: f32 = 70.0;
const BOTTOM: f32 = 790.0;

/// Renders the report in `lang` (the caller gives the records' own words in
/// that language too); errors name what the PDF/A validation refused.
pub fn render(r: &AttestationReport<'_>, lang: Lang) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::A(Archival::A2_B))
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let mut document = Document::new_with(SerializeSettings { configuration, ..SerializeSettings::default() });
    let d = r.decided_on;
    document.set_metadata(
        Metadata::new()
            .title(lang.text(&Message::new("doc-report-meta-title").arg("ente", r.ente)))
            .language(lang.code().into())
            .creator("cloudpa".into())
            .creation_date(DateTime::new(d.year() as u16).month(d.month() as u8).day(d.day() as u8)),
    );
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("the regular font does not load")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("the bold font does not load")?;
    let mut lines: Vec<(bool, f32, String, f32)> = vec![
        (true, 18.0, lang.t("doc-report-title").into(), 24.0),
        (false, 10.0, lang.t("doc-report-subtitle").into(), 30.0),
    ];
    let facts = [
        ("doc-report-ente", r.ente),
        ("doc-report-call", r.call),
        ("doc-report-cup", r.cup),
        ("doc-report-attestor", r.attestor),
        ("doc-report-outcome", r.outcome),
    ];
    for (label, value) in facts {
        lines.push((false, 9.0, lang.t(label).into(), 12.0));
        lines.push((true, 12.0, value.into(), 20.0));
    }
    lines.push((false, 9.0, lang.t("doc-report-decided-on").into(), 12.0));
    lines.push((true, 12.0, d.format("%d/%m/%Y").to_string(), 20.0));
    if !r.motivation.is_empty() {
        lines.push((false, 9.0, lang.t("doc-report-motivation").into(), 12.0));
        lines.extend(wrap(r.motivation, 95).into_iter().map(|l| (false, 10.0, l, 13.0)));
        lines.push((false, 6.0, String::new(), 10.0));
    }
    lines.push((true, 12.0, lang.t("doc-report-checks").into(), 18.0));
    for item in &r.items {
        lines.push((true, 9.5, format!("{} — {}: {}", item.scope, item.title, item.verdict), 12.0));
        lines.extend(wrap(item.note, 100).into_iter().map(|l| (false, 9.0, format!("    {l}"), 11.0)));
    }
    lines.push((false, 8.0, String::new(), 12.0));
    lines.push((false, 8.0, lang.text(&Message::new("doc-report-project").arg("id", r.application_id)), 12.0));

    let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).ok_or("page size")?);
    let mut surface = page.surface();
    let mut y = TOP;
    for (strong, size, text, gap) in lines {
        if y + gap > BOTTOM {
            surface.finish();
            page.finish();
            page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).ok_or("page size")?);
            surface = page.surface();
            y = TOP;
        }
        let font = if strong { &bold } else { &regular };
        surface.draw_text(Point::from_xy(60.0, y), font.clone(), size, &text, false, TextDirection::Auto);
        y += gap;
    }
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_pdf_a_over_as_many_pages_as_its_items_need() {
        let items: Vec<ReportItem<'_>> = (0..120)
            .map(|i| ReportItem {
                scope: format!("Servizio {i}"),
                title: "Report delle risorse",
                verdict: "superata",
                note: "Periodo di 20 giorni, intestato all'ente, firmato dal CSP.",
            })
            .collect();
        let report = AttestationReport {
            application_id: "0190-test",
            ente: "Comune di Genova",
            call: "1.2 Abilitazione al Cloud - Comuni - Aprile 2022",
            cup: "J11C22000290006",
            attestor: "Asseverazioni Tecniche S.r.l.",
            outcome: "positivo",
            decided_on: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            motivation: "",
            items,
        };
        let pdf = render(&report, Lang::It).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("pdfaid:part"), "PDF/A identification in the XMP metadata");
        let pages = text.split("/Count ").nth(1).and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next());
        assert_eq!(pages.and_then(|n| n.parse::<u32>().ok()), Some(5), "120 items of two lines take five pages");
    }
}
