//! Reading records: the fetch, the error that names what was being read and
//! the mapping of each row, which every reader of the store shares; and the
//! dates, stored as ISO text.

use crate::qualification::corrupt;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::{AnyArguments, AnyRow};

/// A statement with its parameters bound.
pub(crate) type Query<'q> = sqlx::query::Query<'q, sqlx::Any, AnyArguments>;

/// How a row reader fails: with the database's error, which is named by the
/// operation that read the row, or with the store's own (a corrupt value).
pub(crate) trait RowError {
    fn during(self, operation: &'static str) -> StoreError;
}

impl RowError for sqlx::Error {
    fn during(self, operation: &'static str) -> StoreError {
        StoreError::during(operation, self)
    }
}

impl RowError for StoreError {
    fn during(self, _: &'static str) -> StoreError {
        self
    }
}

impl Store {
    /// The row `query` selects, if any, read by `from_row`; `operation` names
    /// a failure of the query or of reading the row.
    pub(crate) async fn read_one<T, E: RowError>(
        &self,
        query: Query<'_>,
        operation: &'static str,
        from_row: impl Fn(&AnyRow) -> Result<T, E>,
    ) -> Result<Option<T>, StoreError> {
        let row = query.fetch_optional(&self.pool).await.map_err(|e| e.during(operation))?;
        row.as_ref().map(from_row).transpose().map_err(|e| e.during(operation))
    }

    /// Every row `query` selects, in its order, read by `from_row`;
    /// `operation` names a failure of the query or of reading a row.
    pub(crate) async fn read_all<T, E: RowError>(
        &self,
        query: Query<'_>,
        operation: &'static str,
        from_row: impl Fn(&AnyRow) -> Result<T, E>,
    ) -> Result<Vec<T>, StoreError> {
        let rows = query.fetch_all(&self.pool).await.map_err(|e| e.during(operation))?;
        rows.iter().map(from_row).collect::<Result<_, _>>().map_err(|e| e.during(operation))
    }
}

/// A stored date.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    text.parse().map_err(|_| corrupt("date", text))
}

/// The date in `column` of `r`, if any; `during` names a failed read.
pub(crate) fn optional_date(
    r: &AnyRow,
    column: &str,
    during: impl Fn(sqlx::Error) -> StoreError,
) -> Result<Option<NaiveDate>, StoreError> {
    let text: Option<String> = r.try_get(column).map_err(during)?;
    text.as_deref().map(parse_date).transpose()
}
