//! Documents cloudpa produces: the qualification certificate and the
//! catalogue exports.

pub(crate) mod catalogue;
pub(crate) mod certificate;

/// The typeface of Designers Italia, embedded in every PDF.
pub(crate) const REGULAR: &[u8] = include_bytes!("../../fonts/TitilliumWeb-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../fonts/TitilliumWeb-Bold.ttf");
