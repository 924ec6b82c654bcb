//! The last PDF catalogue rendered, kept while the index does not change.

use axum::body::Bytes;

/// The PDF catalogue takes seconds to lay out for 10,000 listings: one is
/// rendered at a time, and the last one is kept for as long as the index
/// does not change, so repeated downloads cost nothing and cannot pile up.
#[derive(Default)]
pub(crate) struct PdfCache {
    last: tokio::sync::Mutex<Option<(String, Bytes)>>,
}

impl PdfCache {
    /// The PDF for `key` (the search and the index generation), rendered by
    /// `render` unless it is the last one rendered.
    pub(crate) async fn get_or_render(
        &self,
        key: String,
        render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> Result<Bytes, String> {
        let mut last = self.last.lock().await;
        if let Some((cached, pdf)) = last.as_ref()
            && *cached == key
        {
            return Ok(pdf.clone());
        }
        let pdf = Bytes::from(tokio::task::spawn_blocking(render).await.map_err(|e| e.to_string())??);
        *last = Some((key, pdf.clone()));
        Ok(pdf)
    }
}
