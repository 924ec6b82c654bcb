//! Exports of a catalogue search (or of the whole catalogue): CSV (RFC 4180,
//! UTF-8), XLSX and a PDF catalogue, generated from live data. Every row
//! carries the listing's stable id, its version and the date its status
//! refers to.

use crate::text::wrap;
use crate::{BOLD, REGULAR, tables};
use chrono::{Datelike, NaiveDate};
use cloudpa_domain::message::Message;
use cloudpa_i18n::Lang;
use cloudpa_search::SearchResult;
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

/// The columns of the CSV and XLSX exports, in order.
pub const COLUMNS: [&str; 20] = [
    "id",
    "version",
    "name",
    "provider_id",
    "provider_name",
    "provider_vat",
    "type",
    "level",
    "data_classes",
    "category",
    "description",
    "data_location",
    "runs_on_id",
    "runs_on_name",
    "status",
    "status_since",
    "valid_until",
    "status_date",
    "procurement_channel",
    "permalink",
];

/// One listing as exported.
pub struct Row {
    pub cells: [String; 20],
}

impl Row {
    fn get(&self, column: &str) -> &str {
        COLUMNS.iter().position(|c| *c == column).map_or("", |i| self.cells[i].as_str())
    }
}

/// The rows of every result, on the result's date.
pub fn rows(result: &SearchResult, public_url: &str) -> Vec<Row> {
    let as_of = result.as_of;
    result
        .hits
        .iter()
        .filter_map(|hit| {
            let at = hit.at(as_of)?;
            let entry = at.entry;
            let d = &at.version.details;
            let classes: Vec<&str> = at.version.hosted_classes().iter().map(|c| c.code()).collect();
            let runs_on = at.version.runs_on.as_ref();
            Some(Row {
                cells: [
                    entry.listing_id.clone(),
                    at.version.version.to_string(),
                    d.name.clone(),
                    entry.provider.id.clone(),
                    entry.provider.name.clone(),
                    entry.provider.vat_number.clone().unwrap_or_default(),
                    d.terms.kind.code().into(),
                    // The level by its track's name: QC2, or AC2 for an adeguamento.
                    entry.provider.track.level_code(d.terms.level),
                    classes.join(" "),
                    d.category.clone(),
                    d.description.clone(),
                    d.terms.location.code().into(),
                    runs_on.map(|r| r.id.clone()).unwrap_or_default(),
                    runs_on.map(|r| r.name.clone()).unwrap_or_default(),
                    at.interval.status.code().into(),
                    at.interval.from.to_string(),
                    entry.history.valid_until(as_of).map(|d| d.to_string()).unwrap_or_default(),
                    as_of.to_string(),
                    d.procurement_channel.clone(),
                    format!("{}/qualificazioni/{}", public_url.trim_end_matches('/'), entry.listing_id),
                ],
            })
        })
        .collect()
}

pub fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    tables::csv(&COLUMNS, &rows.iter().map(|r| r.cells.as_slice()).collect::<Vec<_>>())
}

pub fn xlsx(rows: &[Row], as_of: NaiveDate, source: &str) -> Result<Vec<u8>, String> {
    let about = [
        ("Titolo", "Catalogo dei servizi cloud qualificati per la PA"),
        ("Stato alla data", &as_of.to_string()),
        ("Origine", source),
        ("Licenza", "CC BY 4.0"),
        ("Servizi", &rows.len().to_string()),
    ];
    tables::xlsx("Catalogo", &COLUMNS, &rows.iter().map(|r| r.cells.as_slice()).collect::<Vec<_>>(), &about)
}

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;

/// The PDF catalogue (PDF/A-2b) in `lang`: a heading, then one entry per
/// listing, each also an entry of the document outline (bookmarks).
pub fn pdf(
    rows: &[Row],
    as_of: NaiveDate,
    generated_on: NaiveDate,
    source: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::A(Archival::A2_B))
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let mut document = Document::new_with(SerializeSettings { configuration, ..SerializeSettings::default() });
    document.set_metadata(
        Metadata::new()
            .title(lang.text(&Message::new("doc-cat-meta-title").arg("on", as_of)))
            .language(lang.code().into())
            .creator("cloudpa".into())
            .creation_date(
                DateTime::new(generated_on.year() as u16)
                    .month(generated_on.month() as u8)
                    .day(generated_on.day() as u8),
            ),
    );
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("the regular font does not load")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("the bold font does not load")?;
    let settings = || PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("page size");
    let mut outline = Outline::new();
    let mut page_index = 0;
    let mut page = document.start_page_with(settings()?);
    let mut surface = page.surface();
    let mut y = MARGIN + 20.0;
    let text = |surface: &mut krilla::surface::Surface<'_>, font: &Font, size: f32, y: f32, value: &str| {
        surface.draw_text(Point::from_xy(MARGIN, y), font.clone(), size, value, false, TextDirection::Auto);
    };
    text(&mut surface, &bold, 18.0, y, lang.t("doc-cat-title"));
    y += 22.0;
    let heading = Message::new("doc-cat-heading").arg("on", as_of).arg("count", rows.len()).arg("source", source);
    let heading = lang.text(&heading);
    text(&mut surface, &regular, 10.0, y, &heading);
    y += 30.0;
    for row in rows {
        let description = wrap(row.get("description"), 105);
        let height = 58.0 + 12.0 * description.len().min(3) as f32;
        if y + height > PAGE_HEIGHT - MARGIN {
            surface.finish();
            page.finish();
            page = document.start_page_with(settings()?);
            surface = page.surface();
            page_index += 1;
            y = MARGIN + 10.0;
        }
        let title = format!("{} — {}", row.get("name"), row.get("provider_name"));
        outline.push_child(OutlineNode::new(title.clone(), XyzDestination::new(page_index, Point::from_xy(MARGIN, y))));
        text(&mut surface, &bold, 12.0, y, &title);
        y += 15.0;
        let facts = Message::new("doc-cat-facts")
            .arg("kind", row.get("type"))
            .arg("level", row.get("level"))
            .arg("classes", row.get("data_classes"))
            .arg("location", row.get("data_location"))
            .arg("status", row.get("status"))
            .arg("since", row.get("status_since"));
        let mut facts = lang.text(&facts);
        let until = row.get("valid_until");
        if !until.is_empty() {
            facts.push_str(" · ");
            facts.push_str(&lang.text(&Message::new("doc-cat-valid-until").arg("until", until)));
        }
        text(&mut surface, &regular, 9.5, y, &facts);
        y += 12.0;
        for line in description.iter().take(3) {
            text(&mut surface, &regular, 9.0, y, line);
            y += 12.0;
        }
        text(&mut surface, &regular, 8.0, y, &format!("id {} · {}", row.get("id"), row.get("permalink")));
        y += 19.0;
    }
    surface.finish();
    page.finish();
    document.set_outline(outline);
    document.finish().map_err(|e| format!("{e:?}"))
}
