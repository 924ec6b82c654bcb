//! The figures of the programme's dashboards, computed in SQL from the
//! financed applications: per region, province, population class or status.

use crate::{Store, StoreError};
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_domain::programme::open_data::EnteKind;
use serde::Serialize;
use sqlx::Row;

/// How the applications are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Region,
    Province,
    /// The population class of the municipality (Comuni only; other enti: `none`).
    Class,
    Status,
}

impl GroupBy {
    pub const ALL: [GroupBy; 4] = [GroupBy::Region, GroupBy::Province, GroupBy::Class, GroupBy::Status];

    pub fn code(self) -> &'static str {
        match self {
            GroupBy::Region => "region",
            GroupBy::Province => "province",
            GroupBy::Class => "class",
            GroupBy::Status => "status",
        }
    }

    pub fn parse(code: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.code() == code)
    }

    fn key(self) -> &'static str {
        match self {
            GroupBy::Region => "m.region",
            GroupBy::Province => "m.province",
            GroupBy::Class => "CASE WHEN e.kind = 'comune' THEN CAST(t.class AS TEXT) ELSE 'none' END",
            GroupBy::Status => "a.status",
        }
    }
}

/// The figures of one group (or of all: the totals). Amounts in euro cents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub key: String,
    pub applications: i64,
    /// Distinct enti with an application.
    pub enti: i64,
    /// Every application's amount, whatever its status.
    pub amount_cents: i64,
    /// Financed and not withdrawn (status A or E).
    pub amount_decreed_cents: i64,
    /// Paid (status E).
    pub amount_paid_cents: i64,
    /// Withdrawn (status R).
    pub withdrawn: i64,
    pub paid: i64,
}

const FIGURES: &str = "COUNT(*), COUNT(DISTINCT a.organisation_id), CAST(SUM(a.amount_cents) AS BIGINT), \
    CAST(SUM(CASE WHEN a.status IN ('A', 'E') THEN a.amount_cents ELSE 0 END) AS BIGINT), \
    CAST(SUM(CASE WHEN a.status = 'E' THEN a.amount_cents ELSE 0 END) AS BIGINT), \
    CAST(SUM(CASE WHEN a.status = 'R' THEN 1 ELSE 0 END) AS BIGINT), \
    CAST(SUM(CASE WHEN a.status = 'E' THEN 1 ELSE 0 END) AS BIGINT)";

fn figures(key: String, r: &sqlx::any::AnyRow, first: usize) -> Result<Figures, StoreError> {
    let n = |i: usize| r.try_get::<Option<i64>, _>(first + i).map(Option::unwrap_or_default);
    Ok(Figures {
        key,
        applications: n(0)?,
        enti: n(1)?,
        amount_cents: n(2)?,
        amount_decreed_cents: n(3)?,
        amount_paid_cents: n(4)?,
        withdrawn: n(5)?,
        paid: n(6)?,
    })
}

impl Store {
    /// The figures per group and in total, optionally for one call and one
    /// kind of ente; groups by key.
    pub async fn application_stats(
        &self,
        group_by: GroupBy,
        call: Option<&str>,
        kind: Option<EnteKind>,
    ) -> Result<(Vec<Figures>, Figures), StoreError> {
        let from = "FROM financed_applications a JOIN enti e ON e.organisation_id = a.organisation_id \
                    JOIN municipalities m ON m.istat_code = e.istat_code \
                    LEFT JOIN tariff_classes t ON t.tariff_code = $3 AND m.population_2011 >= t.population_min \
                    AND (t.population_max IS NULL OR m.population_2011 <= t.population_max) \
                    WHERE ($1 = '' OR a.call_title = $1) AND ($2 = '' OR e.kind = $2)";
        let call = call.unwrap_or_default();
        let kind = kind.map(|k| k.code()).unwrap_or_default();
        let sql = format!("SELECT {key}, {FIGURES} {from} GROUP BY {key} ORDER BY {key}", key = group_by.key());
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(call)
            .bind(kind)
            .bind(COMUNI_1_2_TARIFF)
            .fetch_all(&self.pool)
            .await?;
        let groups = rows
            .iter()
            .map(|r| figures(r.try_get::<Option<String>, _>(0)?.unwrap_or_else(|| "none".into()), r, 1))
            .collect::<Result<Vec<_>, _>>()?;
        let sql = format!("SELECT {FIGURES} {from}");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(call)
            .bind(kind)
            .bind(COMUNI_1_2_TARIFF)
            .fetch_one(&self.pool)
            .await?;
        Ok((groups, figures("total".into(), &row, 0)?))
    }
}
