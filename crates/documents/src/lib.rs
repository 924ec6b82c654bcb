//! Documents cloudpa produces: the qualification certificate, the catalogue
//! exports and tables as CSV or XLSX.

pub(crate) mod catalogue;
pub(crate) mod certificate;
pub(crate) mod tables;

/// The typeface of Designers Italia, embedded in every PDF.
pub(crate) const REGULAR: &[u8] = include_bytes!("../../fonts/TitilliumWeb-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../fonts/TitilliumWeb-Bold.ttf");
