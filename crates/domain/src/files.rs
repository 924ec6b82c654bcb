//! Which uploaded files are accepted: the type is read from the content's
//! first bytes (its "magic number"), never from the name or the declared
//! type. Source: OWASP File Upload Cheat Sheet (allow-list, validate the
//! content, limit the size).

/// The largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The accepted kinds of file: documents and pictures of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
        }
    }
}

/// The type of `content`, if it is one of the accepted ones.
pub fn sniff(content: &[u8]) -> Option<FileType> {
    if content.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileType::Jpeg)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(FileType::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileType::Jpeg));
        assert_eq!(sniff(b"MZ\x90\0 an executable named cert.pdf"), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b""), None);
    }
}
