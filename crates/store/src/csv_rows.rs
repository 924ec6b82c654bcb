//! Reading the rows of a CSV file so that every row is accounted for: a row
//! that deserialises and passes its rules, with its line, or a rejection
//! with its line and reason. After a quoting error the rest of the file
//! cannot be trusted, so reading stops there (and says so).

use crate::reference::Rejection;
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
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                match record.deserialize::<R>(Some(&headers)) {
                    Err(e) => rejected.push(Rejection { line, reason: e.to_string() }),
                    Ok(row) => match validate(row) {
                        Ok(valid) => rows.push((line, valid)),
                        Err(e) => rejected.push(Rejection { line, reason: e.to_string() }),
                    },
                }
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
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
