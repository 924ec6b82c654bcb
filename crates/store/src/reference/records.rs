//! Reading a reference CSV file by column name: each record with its line
//! number, each cell checked against the domain's text rules.

use crate::StoreError;
use crate::batch::Value;

/// A CSV file read by column name, each record with its line number.
pub(super) struct Records<'a> {
    dataset: &'static str,
    bytes: &'a [u8],
    pub(super) headers: csv::StringRecord,
    reader: csv::Reader<&'a [u8]>,
}

/// One record of a [`Records`] file.
pub(super) struct Record<'r> {
    dataset: &'static str,
    pub(super) line: u64,
    headers: &'r csv::StringRecord,
    record: csv::StringRecord,
}

impl<'a> Records<'a> {
    pub(super) fn new(dataset: &'static str, bytes: &'a [u8]) -> Result<Self, StoreError> {
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader.headers().map_err(|e| invalid(dataset, 1, e.to_string()))?.clone();
        Ok(Records { dataset, bytes, headers, reader })
    }

    pub(super) fn for_each(
        mut self,
        mut f: impl FnMut(&Record<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut lines = crate::csv_rows::Lines::new(self.bytes);
        for (i, result) in self.reader.records().enumerate() {
            let record = result.map_err(|e| invalid(self.dataset, i as u64 + 2, e.to_string()))?;
            let line = record.position().map_or(i as u64 + 2, |p| lines.start(p));
            f(&Record { dataset: self.dataset, line, headers: &self.headers, record })?;
        }
        Ok(())
    }
}

impl Records<'_> {
    /// Like `for_each`, but hands every row's outcome (including a row the
    /// CSV reader cannot read) to `sink` instead of stopping at the first error.
    pub(super) fn for_each_lenient<T>(
        mut self,
        mut parse: impl FnMut(&Record<'_>) -> Result<T, StoreError>,
        mut sink: impl FnMut(Result<T, StoreError>),
    ) {
        let mut lines = crate::csv_rows::Lines::new(self.bytes);
        for (i, result) in self.reader.records().enumerate() {
            let outcome = match result {
                Ok(record) => {
                    let line = record.position().map_or(i as u64 + 2, |p| lines.start(p));
                    parse(&Record { dataset: self.dataset, line, headers: &self.headers, record })
                }
                Err(e) => {
                    let line = e.position().map_or(i as u64 + 2, |p| lines.start(p));
                    Err(invalid(self.dataset, line, e.to_string()))
                }
            };
            sink(outcome);
        }
    }
}

impl Record<'_> {
    pub(super) fn get(&self, column: &str) -> Result<&str, StoreError> {
        let index = self.headers.iter().position(|h| h == column);
        let cell = index
            .and_then(|i| self.record.get(i))
            .map(str::trim)
            .ok_or_else(|| self.error(format!("column `{column}` is missing")))?;
        let layout = cloudpa_domain::text::layout_of(column);
        cloudpa_domain::text::check(cell, layout)
            .map_err(|rule| self.error(format!("column `{column}` {}", cloudpa_i18n::Lang::En.text(&rule))))?;
        Ok(cell)
    }

    pub(super) fn int(&self, column: &str) -> Result<i64, StoreError> {
        let text = self.get(column)?;
        text.parse().map_err(|_| self.error(format!("column `{column}`: `{text}` is not an integer")))
    }

    pub(super) fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        if self.get(column)?.is_empty() { Ok(None) } else { self.int(column).map(Some) }
    }

    pub(super) fn text(&self, column: &str) -> Result<Value, StoreError> {
        self.get(column).map(|s| Value::Text(s.to_owned()))
    }

    pub(super) fn error(&self, reason: String) -> StoreError {
        invalid(self.dataset, self.line, reason)
    }
}

pub(super) fn invalid(dataset: &'static str, line: u64, reason: String) -> StoreError {
    StoreError::Reference { dataset, line, reason }
}
