//! Reading the rows of a CSV file so that every row is accounted for: a row
//! that deserialises and passes its rules, with its line, or a rejection
//! with its line and reason. After a quoting error the rest of the file
//! cannot be trusted, so reading stops there (and says so).

use crate::reference::Rejection;
use cloudpa_domain::text;
use serde::de::DeserializeOwned;
use std::fmt::Display;

/// Reads `bytes` (with a header) into `R`, checks each with `validate`, and
/// calls `progress` with the bytes read so far after each row.
pub(crate) fn read_rows<R, T, E>(
    bytes: &[u8],
    validate: impl Fn(R) -> Result<T, E>,
    mut progress: impl FnMut(u64),
) -> (Vec<(u64, T)>, Vec<Rejection>)
where
    R: DeserializeOwned,
    E: Display,
{
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let (mut rows, mut rejected) = (Vec::new(), Vec::new());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return (rows, vec![Rejection { line: 1, reason: format!("the header cannot be read: {e}") }]),
    };
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::new(bytes);
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| lines.start(p));
                if let Some(reason) = control_characters(&headers, &record) {
                    rejected.push(Rejection { line, reason });
                    progress(reader.position().byte());
                    continue;
                }
                match record.deserialize::<R>(Some(&headers)) {
                    Err(e) => rejected.push(Rejection { line, reason: e.to_string() }),
                    Ok(row) => match validate(row) {
                        Ok(valid) => rows.push((line, valid)),
                        Err(e) => rejected.push(Rejection { line, reason: e.to_string() }),
                    },
                }
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| lines.start(p));
                rejected.push(Rejection { line, reason: format!("not valid CSV: {e}") });
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
        progress(reader.position().byte());
    }
    (rows, rejected)
}

/// The first cell of `record` that breaks the domain's text rule for its
/// column (`cloudpa_domain::text`): a NUL or another control character.
fn control_characters(headers: &csv::StringRecord, record: &csv::StringRecord) -> Option<String> {
    headers.iter().zip(record.iter()).find_map(|(column, cell)| {
        text::check(cell, text::layout_of(column))
            .err()
            .map(|rule| format!("column `{column}` {}", cloudpa_i18n::Lang::En.text(&rule)))
    })
}

/// The lines records start on, counted as an editor counts them: after
/// every `\n`, `\r\n` or lone `\r`. The csv reader ends a record at each of
/// them but counts only `\n`, and places a record where the previous one
/// ended: before the `\n` of a `\r\n` and before the blank lines it skips.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    /// Bytes before `at` are counted: `line` is the line of byte `at`.
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Lines { bytes, at: 0, line: 1 }
    }

    /// The line of the record the reader placed at `position`: the line of
    /// the first byte from there that is not a line end. Records come in
    /// order, so each call counts only the bytes since the previous one.
    pub(crate) fn start(&mut self, position: &csv::Position) -> u64 {
        let bytes = self.bytes;
        let mut target = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
        while bytes.get(target).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            target += 1;
        }
        if target < self.at {
            (self.at, self.line) = (0, 1);
        }
        let ends = (self.at..target)
            .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .count();
        (self.at, self.line) = (target, self.line + ends as u64);
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Row {
        n: String,
    }

    fn lines(text: &str) -> Vec<u64> {
        let (rows, rejected) =
            read_rows(text.as_bytes(), |r: Row| r.n.parse::<u32>().map_err(|e| e.to_string()), |_| {});
        let mut all: Vec<u64> = rows.iter().map(|(l, _)| *l).chain(rejected.iter().map(|r| r.line)).collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn lines_are_counted_alike_with_lf_and_crlf() {
        assert_eq!(lines("n\n1\nx\n3\n"), [2, 3, 4]);
        assert_eq!(lines("n\r\n1\r\nx\r\n3\r\n"), [2, 3, 4]);
        assert_eq!(lines("n\r\n\"1\"\r\n\"x\ny\"\r\n3"), [2, 3, 5], "a quoted line break spans two lines");
    }

    #[test]
    fn lines_are_counted_across_blank_lines() {
        // Found by the hostile-input tests: a record after blank lines was
        // placed on the first blank line.
        assert_eq!(lines("n\n\n\n1\n"), [4]);
        assert_eq!(lines("n\r\n\r\n1\r\n\r\n\r\nx\r\n"), [3, 6]);
        assert_eq!(lines("\u{feff}n\n\n\"1\n\"\n\n3"), [3, 6]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        // Found by the hostile-input tests: the csv reader ends a record at a
        // lone `\r` (old Mac files) without counting a line, so every row was
        // on line 2.
        assert_eq!(lines("n\r1\rx\r3\r"), [2, 3, 4]);
        assert_eq!(lines("n\n1\r\r2\r\n\"a\rb\"\n"), [2, 4, 5]);
    }

    #[test]
    fn a_cell_with_a_control_character_is_rejected_with_its_line() {
        let (rows, rejected) =
            read_rows(b"n\n1\n2\x003\n4\n", |r: Row| r.n.parse::<u32>().map_err(|e| e.to_string()), |_| {});
        assert_eq!(rows.iter().map(|(l, v)| (*l, *v)).collect::<Vec<_>>(), [(2, 1), (4, 4)]);
        assert_eq!(rejected.len(), 1);
        assert_eq!(
            (rejected[0].line, rejected[0].reason.as_str()),
            (3, "column `n` must not contain the NUL character")
        );
    }
}
