//! Documents cloudpa produces: the qualification certificate.

pub(crate) mod certificate;
