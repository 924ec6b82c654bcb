//! The dated records behind the programme's progress over time: the day each
//! ente was first financed, and the day each was first migrated (its first
//! positive asseverazione or payment). Withdrawn applications do not count.

use crate::read::parse_date;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use sqlx::Row;

/// Each ente's first day financed, and first day migrated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgressDates {
    pub financed: Vec<NaiveDate>,
    pub migrated: Vec<NaiveDate>,
    /// Enti migrated (paid, in the open data) whose day is not published.
    pub migrated_undated: u64,
}

const FINANCED: &str = "SELECT MIN(financed_on) AS day FROM (\
     SELECT organisation_id, financed_on FROM financed_applications WHERE status <> 'R' AND financed_on IS NOT NULL \
     UNION ALL SELECT organisation_id, financed_on FROM call_applications \
     WHERE financed_on IS NOT NULL AND withdrawn_on IS NULL) a GROUP BY organisation_id";
const MIGRATED: &str = "SELECT MIN(COALESCE(attested_on, paid_on)) AS day FROM call_applications \
     WHERE (attested_on IS NOT NULL OR paid_on IS NOT NULL) AND withdrawn_on IS NULL GROUP BY organisation_id";
/// Enti paid in the open data (status E), with no application on cloudpa that dates it.
const UNDATED: &str = "SELECT COUNT(DISTINCT f.organisation_id) AS n FROM financed_applications f \
     WHERE f.status = 'E' AND NOT EXISTS (SELECT 1 FROM call_applications c WHERE c.organisation_id = f.organisation_id \
     AND (c.attested_on IS NOT NULL OR c.paid_on IS NOT NULL))";

impl Store {
    pub async fn progress_dates(&self) -> Result<ProgressDates, StoreError> {
        let day = |r: &sqlx::any::AnyRow| -> Result<NaiveDate, StoreError> {
            let text: String = r.try_get("day").map_err(|e| StoreError::during("read the programme's dates", e))?;
            parse_date(&text)
        };
        let financed = self.read_all(sqlx::query(FINANCED), "read the days enti were financed", day);
        let migrated = self.read_all(sqlx::query(MIGRATED), "read the days enti migrated", day);
        let undated =
            self.read_one(sqlx::query(UNDATED), "count the enti paid without a date", |r| r.try_get::<i64, _>("n"));
        let (financed, migrated, undated) = tokio::try_join!(financed, migrated, undated)?;
        Ok(ProgressDates { financed, migrated, migrated_undated: undated.map_or(0, |n| n.max(0) as u64) })
    }
}
