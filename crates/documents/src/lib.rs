//! Documents cloudpa produces, rendered from records and never stored: the
//! certificate of a qualification decision (PDF/A), the catalogue's exports
//! (CSV, XLSX, PDF/A) and any table as CSV or XLSX. No I/O and no clock: the
//! caller passes every date printed.

pub mod attestation_report;
pub mod catalogue;
pub mod certificate;
pub mod tables;
pub mod text;

/// The typeface of Designers Italia, embedded in every PDF.
const REGULAR: &[u8] = include_bytes!("../fonts/TitilliumWeb-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/TitilliumWeb-Bold.ttf");
