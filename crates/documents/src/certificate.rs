//! The certificate of a qualification decision: an A4 PDF/A-2b with the
//! decision's facts, the permalink to the listing's live status and a QR code
//! of that permalink. Generated from the decision record each time, so it
//! can never disagree with it.

use crate::text::wrap;
use crate::{BOLD, REGULAR};
use chrono::{Datelike, NaiveDate};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

/// The facts printed on a certificate.
pub struct Certificate<'a> {
    /// An attestation of adeguamento (a public operator's declaration
    /// accepted), not a qualification.
    pub adeguamento: bool,
    pub decision_id: &'a str,
    pub provider: &'a str,
    pub service: &'a str,
    pub kind: &'a str,
    pub level: &'a str,
    pub data_classes: &'a str,
    pub location: &'a str,
    pub decided_on: NaiveDate,
    pub valid_until: &'a str,
    pub motivation: &'a str,
    pub permalink: &'a str,
}

/// Renders the certificate in `lang`; errors name what the PDF/A validation
/// refused.
pub fn render(c: &Certificate<'_>, lang: Lang) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::A(Archival::A2_B))
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
    let mut document = Document::new_with(settings);
    let date =
        DateTime::new(c.decided_on.year() as u16).month(c.decided_on.month() as u8).day(c.decided_on.day() as u8);
    document.set_metadata(
        Metadata::new()
            .title(
                lang.text(
                    &Message::new(if c.adeguamento {
                        "doc-cert-meta-title-adeguamento"
                    } else {
                        "doc-cert-meta-title"
                    })
                    .arg("service", c.service),
                ),
            )
            .language(lang.code().into())
            .creator("cloudpa".into())
            .creation_date(date),
    );
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("the regular font does not load")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("the bold font does not load")?;
    let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).ok_or("page size")?);
    let mut surface = page.surface();
    let mut y = 80.0;
    let mut line = |surface: &mut krilla::surface::Surface<'_>, font: &Font, size: f32, text: &str, gap: f32| {
        surface.draw_text(Point::from_xy(60.0, y), font.clone(), size, text, false, TextDirection::Auto);
        y += gap;
    };
    let title = if c.adeguamento { "doc-cert-title-adeguamento" } else { "doc-cert-title" };
    line(&mut surface, &bold, 20.0, lang.t(title), 26.0);
    line(&mut surface, &regular, 11.0, lang.t("doc-cert-subtitle"), 40.0);
    let rows = [
        (if c.adeguamento { "doc-cert-operator" } else { "doc-cert-provider" }, c.provider),
        ("doc-cert-service", c.service),
        ("doc-cert-kind", c.kind),
        ("doc-cert-level", c.level),
        ("doc-cert-data-classes", c.data_classes),
        ("doc-cert-location", c.location),
        ("doc-cert-valid-until", c.valid_until),
    ];
    for (label, value) in rows {
        line(&mut surface, &regular, 10.0, lang.t(label), 14.0);
        line(&mut surface, &bold, 13.0, value, 24.0);
    }
    line(&mut surface, &regular, 10.0, lang.t("doc-cert-decided-on"), 14.0);
    line(&mut surface, &bold, 13.0, &c.decided_on.format("%d/%m/%Y").to_string(), 24.0);
    line(&mut surface, &regular, 10.0, lang.t("doc-cert-motivation"), 14.0);
    for chunk in wrap(c.motivation, 90) {
        line(&mut surface, &regular, 11.0, &chunk, 15.0);
    }
    line(&mut surface, &regular, 10.0, "", 20.0);
    line(&mut surface, &regular, 10.0, lang.t("doc-cert-live"), 14.0);
    line(&mut surface, &regular, 10.0, c.permalink, 14.0);
    line(&mut surface, &regular, 8.0, &lang.text(&Message::new("doc-cert-decision").arg("id", c.decision_id)), 14.0);
    draw_qr(&mut surface, c.permalink, 405.0, 120.0, 130.0)?;
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

/// Draws a QR code of `text` as filled squares, `size` points wide, at (x, y).
fn draw_qr(surface: &mut krilla::surface::Surface<'_>, text: &str, x: f32, y: f32, size: f32) -> Result<(), String> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| e.to_string())?;
    let width = code.width();
    let module = size / width as f32;
    let mut path = PathBuilder::new();
    for (i, colour) in code.to_colors().into_iter().enumerate() {
        if colour == qrcode::Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            if let Some(rect) = Rect::from_xywh(x + col * module, y + row * module, module, module) {
                path.push_rect(rect);
            }
        }
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(krilla::paint::Fill::default()));
        surface.draw_path(&path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_pdf_a_with_the_facts() {
        let c = Certificate {
            decision_id: "0190-test",
            provider: "Nuvola Appenninica S.p.A.",
            service: "Protocollo informatico",
            kind: "SaaS",
            adeguamento: false,
            level: "QC2",
            data_classes: "ordinari, critici",
            location: "IT",
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            valid_until: "23/11/2029",
            motivation: "Requisiti QC2 verificati; certificazioni ISO 22301 e ISO/IEC 20000 in corso di validità.",
            permalink: "https://cloudpa.example.it/qualificazioni/0190",
        };
        for lang in Lang::ALL {
            let pdf = render(&c, lang).unwrap();
            assert!(pdf.starts_with(b"%PDF-1.7"));
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.contains("pdfaid:part"), "PDF/A identification in the XMP metadata");
            let language = format!("<dc:language><rdf:Bag><rdf:li>{}</rdf:li>", lang.code());
            assert!(text.contains(&language), "the document says its language, {}", lang.code());
        }
        let pdf = render(&Certificate { adeguamento: true, level: "AC2", ..c }, Lang::It).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("Attestazione di adeguamento — Protocollo informatico"), "an adeguamento is named so");
        assert!(!text.contains("Certificato di qualificazione"));
    }
}
