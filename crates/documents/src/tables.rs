//! Tables as files: RFC 4180 CSV (UTF-8, CRLF) and XLSX with a bold,
//! frozen, filterable header and an optional sheet of facts about the data.

/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn csv<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> Result<Vec<u8>, String> {
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    out.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        out.write_record(row.as_ref()).map_err(|e| e.to_string())?;
    }
    out.into_inner().map_err(|e| e.to_string())
}

/// CSV as the PA digitale 2026 open data writes it: every text in quotes,
/// numbers bare, lines ending with LF.
pub fn csv_published<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> Result<Vec<u8>, String> {
    let mut out = ::csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(header).map_err(|e| e.to_string())?;
    let mut out = ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::NonNumeric)
        .from_writer(out.into_inner().map_err(|e| e.to_string())?);
    for row in rows {
        out.write_record(row.as_ref()).map_err(|e| e.to_string())?;
    }
    out.into_inner().map_err(|e| e.to_string())
}

/// A workbook with the table on sheet `name` and, when `about` is not
/// empty, a sheet "Informazioni" of label–value facts.
pub fn xlsx<R: AsRef<[String]>>(
    name: &str,
    header: &[&str],
    rows: &[R],
    about: &[(&str, &str)],
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let error = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet().set_name(name).map_err(error)?;
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold).map_err(error)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.as_ref().iter().enumerate() {
            sheet.write_string(r as u32 + 1, col as u16, value).map_err(error)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(error)?;
    sheet.autofilter(0, 0, rows.len() as u32, header.len().max(1) as u16 - 1).map_err(error)?;
    if !about.is_empty() {
        let facts = workbook.add_worksheet().set_name("Informazioni").map_err(error)?;
        for (r, (label, value)) in about.iter().enumerate() {
            facts.write_string_with_format(r as u32, 0, *label, &bold).map_err(error)?;
            facts.write_string(r as u32, 1, *value).map_err(error)?;
        }
    }
    workbook.save_to_buffer().map_err(error)
}
