//! The figures of the programme's dashboards, computed in SQL from every
//! application (the open data's and those submitted on cloudpa): per region,
//! province, population class, open-data status or state.

use super::financed::{Ente, StoredApplication, application_from_row, ente_from_row, state_of_status};
use crate::qualification::{sql_in_list, sql_in_list_where};
use crate::read::{Query, parse_date};
use crate::{Store, StoreError};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_domain::programme::figures::{has_population_class, is_attested, is_decreed, is_paid, is_withdrawn};
use cloudpa_domain::programme::inventory::SiteStatus;
use cloudpa_domain::programme::open_data::{EnteKind, FundingStatus};
use cloudpa_domain::programme::reserve::MEZZOGIORNO_AREAS;
use cloudpa_domain::programme::targets::Target;
use serde::Serialize;
use sqlx::Row;
use std::sync::LazyLock;

/// How the applications are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Region,
    Province,
    /// The population class of the municipality (Comuni only; other enti: `none`).
    Class,
    /// The open data's letter: A, R, E (none before the decree).
    Status,
    /// The state of the project (draft excluded): submitted, financed, …
    State,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [GroupBy::Region, GroupBy::Province, GroupBy::Class, GroupBy::Status, GroupBy::State];

    pub fn code(self) -> &'static str {
        match self {
            GroupBy::Region => "region",
            GroupBy::Province => "province",
            GroupBy::Class => "class",
            GroupBy::Status => "status",
            GroupBy::State => "state",
        }
    }

    pub fn parse(code: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Whether each ente falls in one group only (its region, province or
    /// class), so that the totals are the sums of the groups: an ente may
    /// have applications in several states.
    fn partitions_enti(self) -> bool {
        matches!(self, GroupBy::Region | GroupBy::Province | GroupBy::Class)
    }

    fn key(self) -> &'static str {
        match self {
            GroupBy::Region => "a.region",
            GroupBy::Province => "a.province",
            GroupBy::Class => "a.class",
            GroupBy::Status => "a.status",
            GroupBy::State => "a.state",
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
    /// Decreed to enti of the Mezzogiorno (the South reserve's quota).
    pub amount_decreed_south_cents: i64,
    /// Projects with a positive asseverazione (attested or paid).
    pub attested: i64,
    /// Distinct enti with a positive asseverazione: the PNRR target's measure.
    pub enti_attested: i64,
    /// Services the applications migrate, and those migrated already
    /// (applications made on cloudpa; the open data lists no services).
    pub services: i64,
    pub services_migrated: i64,
}

/// The aggregates [`figures`] reads, each named as its field of [`Figures`].
/// What counts as decreed, paid, withdrawn and attested, and which areas
/// make the South reserve's quota, are the domain's rules as SQL.
static FIGURES: LazyLock<String> = LazyLock::new(|| {
    let statuses = |rule| sql_in_list_where(&FundingStatus::ALL, rule, FundingStatus::code);
    let (decreed, paid, withdrawn) = (statuses(is_decreed), statuses(is_paid), statuses(is_withdrawn));
    let attested = sql_in_list_where(&CallApplicationState::ALL, is_attested, CallApplicationState::code);
    let south = sql_in_list(MEZZOGIORNO_AREAS);
    let sum_when = |condition: &str, value: &str, name: &str| {
        format!("CAST(SUM(CASE WHEN {condition} THEN {value} ELSE 0 END) AS BIGINT) AS {name}")
    };
    [
        "COUNT(*) AS applications, COUNT(DISTINCT a.organisation_id) AS enti".to_owned(),
        "CAST(SUM(a.amount_cents) AS BIGINT) AS amount_cents".to_owned(),
        sum_when(&format!("a.status IN ({decreed})"), "a.amount_cents", "amount_decreed_cents"),
        sum_when(&format!("a.status IN ({paid})"), "a.amount_cents", "amount_paid_cents"),
        sum_when(&format!("a.status IN ({withdrawn})"), "1", "withdrawn"),
        sum_when(&format!("a.status IN ({paid})"), "1", "paid"),
        sum_when(
            &format!("a.status IN ({decreed}) AND a.area IN ({south})"),
            "a.amount_cents",
            "amount_decreed_south_cents",
        ),
        sum_when(&format!("a.state IN ({attested})"), "1", "attested"),
        format!("COUNT(DISTINCT CASE WHEN a.state IN ({attested}) THEN a.organisation_id END) AS enti_attested"),
        "CAST(SUM(a.services) AS BIGINT) AS services, CAST(SUM(a.services_migrated) AS BIGINT) AS services_migrated"
            .to_owned(),
    ]
    .join(", ")
});

impl Figures {
    /// Both groups' figures together (of groups with no ente in common).
    fn plus(self, other: &Figures) -> Figures {
        Figures {
            key: self.key,
            applications: self.applications + other.applications,
            enti: self.enti + other.enti,
            amount_cents: self.amount_cents + other.amount_cents,
            amount_decreed_cents: self.amount_decreed_cents + other.amount_decreed_cents,
            amount_paid_cents: self.amount_paid_cents + other.amount_paid_cents,
            withdrawn: self.withdrawn + other.withdrawn,
            paid: self.paid + other.paid,
            amount_decreed_south_cents: self.amount_decreed_south_cents + other.amount_decreed_south_cents,
            attested: self.attested + other.attested,
            enti_attested: self.enti_attested + other.enti_attested,
            services: self.services + other.services,
            services_migrated: self.services_migrated + other.services_migrated,
        }
    }
}

/// The figures of `key` from the [`FIGURES`] columns of `r`.
fn figures(key: String, r: &sqlx::any::AnyRow) -> Result<Figures, StoreError> {
    let n = |column: &str| {
        r.try_get::<Option<i64>, _>(column)
            .map(Option::unwrap_or_default)
            .map_err(|e| StoreError::during("read the programme's figures", e))
    };
    Ok(Figures {
        key,
        applications: n("applications")?,
        enti: n("enti")?,
        amount_cents: n("amount_cents")?,
        amount_decreed_cents: n("amount_decreed_cents")?,
        amount_paid_cents: n("amount_paid_cents")?,
        withdrawn: n("withdrawn")?,
        paid: n("paid")?,
        amount_decreed_south_cents: n("amount_decreed_south_cents")?,
        attested: n("attested")?,
        enti_attested: n("enti_attested")?,
        services: n("services")?,
        services_migrated: n("services_migrated")?,
    })
}

/// Which applications are counted; `None` is no filter.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatsFilter<'a> {
    pub call: Option<&'a str>,
    pub kind: Option<EnteKind>,
    /// A region's name, as in `data/comuni.csv`.
    pub region: Option<&'a str>,
    /// A province's name.
    pub province: Option<&'a str>,
}

/// One arm of [`rows`]: an application of `table` with its ente (and, when
/// `who` names them, the organisation's IPA code and name) and where it is;
/// `state` and `services` are that table's columns for them. Only the enti
/// the domain gives a population class have one.
fn arm(table: &str, state: &str, services: &str, only: &str, who: &str, join_who: &str) -> String {
    let classed = sql_in_list_where(&EnteKind::ALL, has_population_class, EnteKind::code);
    format!(
        "SELECT a.organisation_id, {who}e.kind, m.name AS municipality, m.province, m.region, m.area, \
         CASE WHEN e.kind IN ({classed}) THEN CAST(t.class AS TEXT) ELSE 'none' END AS class, \
         a.call_title, a.measure, a.amount_cents, a.status, {state} AS state, a.submitted_at, a.financed_on, a.cup, \
         a.time_window, {services} FROM {table} a {join_who}JOIN enti e ON e.organisation_id = a.organisation_id \
         JOIN municipalities m ON m.istat_code = e.istat_code LEFT JOIN tariff_classes t ON t.tariff_code = $1 \
         AND m.population_2011 >= t.population_min \
         AND (t.population_max IS NULL OR m.population_2011 <= t.population_max){only}"
    )
}

/// The union of both sources, each arm joined on its own so that SQLite
/// streams the union instead of materialising it (55 → 19 ms for the
/// regions at national scale). The open data's state is its status's, as
/// the domain maps it.
fn rows(who: &str, join_who: &str) -> String {
    let open_data = arm(
        "financed_applications",
        &state_of_status("a.status"),
        "0 AS services, 0 AS services_migrated",
        "",
        who,
        join_who,
    );
    let made_here = arm(
        "call_applications",
        "a.state",
        "a.services, a.services_migrated",
        " WHERE a.submitted_at IS NOT NULL",
        who,
        join_who,
    );
    format!("({open_data} UNION ALL {made_here}) a")
}

/// Every application the figures count — the open data's and those
/// submitted on cloudpa (the `programme_applications` view) — with its ente's
/// kind, where it is and its population class. With [`WHERE`], binds $1–$5
/// (see [`bind`]).
static ROWS: LazyLock<String> = LazyLock::new(|| rows("", ""));
/// The same with the ente's IPA code and name, for the lists of enti.
static ROWS_WITH_ENTE: LazyLock<String> =
    LazyLock::new(|| rows("o.ipa_code, o.name AS ente_name, ", "JOIN organisations o ON o.id = a.organisation_id "));
const WHERE: &str = "($2 = '' OR a.call_title = $2) AND ($3 = '' OR a.kind = $3) AND ($4 = '' OR a.region = $4) \
    AND ($5 = '' OR a.province = $5)";

fn bind<'q>(query: Query<'q>, f: &StatsFilter<'q>) -> Query<'q> {
    query
        .bind(COMUNI_1_2_TARIFF)
        .bind(f.call.unwrap_or_default())
        .bind(f.kind.map(|k| k.code()).unwrap_or_default())
        .bind(f.region.unwrap_or_default())
        .bind(f.province.unwrap_or_default())
}

/// An ente with its applications' figures, for a province's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnteFigures {
    pub ipa_code: String,
    pub name: String,
    pub kind: String,
    pub municipality: String,
    pub figures: Figures,
}

/// On-premise sites of the enti a filter selects, and how many are closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SiteFigures {
    pub sites: i64,
    pub decommissioned: i64,
}

impl Store {
    /// The sites of the enti in the filter's area and kind (sites belong to
    /// an ente, not to a call: the call filter does not apply).
    pub async fn site_figures(&self, filter: &StatsFilter<'_>) -> Result<SiteFigures, StoreError> {
        let during = |e| StoreError::during("count the enti's sites", e);
        let row = sqlx::query(
            "SELECT COUNT(*) AS sites, \
             CAST(SUM(CASE WHEN s.status = $4 THEN 1 ELSE 0 END) AS BIGINT) AS decommissioned \
             FROM ente_sites s JOIN enti e ON e.organisation_id = s.organisation_id \
             JOIN municipalities m ON m.istat_code = e.istat_code \
             WHERE ($1 = '' OR e.kind = $1) AND ($2 = '' OR m.region = $2) AND ($3 = '' OR m.province = $3)",
        )
        .bind(filter.kind.map(|k| k.code()).unwrap_or_default())
        .bind(filter.region.unwrap_or_default())
        .bind(filter.province.unwrap_or_default())
        .bind(SiteStatus::Decommissioned.code())
        .fetch_one(&self.pool)
        .await
        .map_err(during)?;
        Ok(SiteFigures {
            sites: row.try_get("sites").map_err(during)?,
            decommissioned: row.try_get::<Option<i64>, _>("decommissioned").map_err(during)?.unwrap_or_default(),
        })
    }

    /// The PNRR targets of the programme, by due date.
    pub async fn programme_targets(&self) -> Result<Vec<Target>, StoreError> {
        let operation = "read the programme's targets";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query(
            "SELECT code, description, value, due_on, source, confirmed FROM programme_targets ORDER BY due_on, code",
        );
        self.read_all(query, operation, |r| -> Result<_, StoreError> {
            let due: String = r.try_get("due_on").map_err(during)?;
            Ok(Target {
                code: r.try_get("code").map_err(during)?,
                description: r.try_get("description").map_err(during)?,
                value: r.try_get::<i64, _>("value").map_err(during)?.max(0) as u64,
                due_on: parse_date(&due)?,
                source: r.try_get("source").map_err(during)?,
                confirmed: r.try_get::<i64, _>("confirmed").map_err(during)? == 1,
            })
        })
        .await
    }

    /// The figures per group and in total, for the applications `filter`
    /// selects; groups by key.
    pub async fn application_stats(
        &self,
        group_by: GroupBy,
        filter: &StatsFilter<'_>,
    ) -> Result<(Vec<Figures>, Figures), StoreError> {
        let operation = "compute the programme's figures";
        let key = group_by.key();
        let (aggregates, from) = (FIGURES.as_str(), ROWS.as_str());
        let sql =
            format!("SELECT {key} AS group_key, {aggregates} FROM {from} WHERE {WHERE} GROUP BY {key} ORDER BY {key}");
        let query = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), filter);
        let groups = self
            .read_all(query, operation, |r| {
                let key = r.try_get::<Option<String>, _>("group_key").map_err(|e| StoreError::during(operation, e))?;
                figures(key.unwrap_or_else(|| "none".into()), r)
            })
            .await?;
        if group_by.partitions_enti() {
            let total = groups.iter().fold(Figures { key: "total".into(), ..Figures::default() }, |t, g| t.plus(g));
            return Ok((groups, total));
        }
        let sql = format!("SELECT {aggregates} FROM {from} WHERE {WHERE}");
        let row = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), filter)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| StoreError::during(operation, e))?;
        Ok((groups, figures("total".into(), &row)?))
    }

    /// Every application `filter` selects with its ente, by region,
    /// province, ente and call: what the applications export lists.
    pub async fn financed_applications(
        &self,
        filter: &StatsFilter<'_>,
    ) -> Result<Vec<(Ente, StoredApplication)>, StoreError> {
        let sql = format!(
            "SELECT a.ipa_code, a.ente_name, a.kind, a.municipality, a.province, a.region, a.call_title, a.measure, \
             a.amount_cents, a.status, a.submitted_at, a.financed_on, a.cup, a.time_window, a.state \
             FROM {from} WHERE {WHERE} ORDER BY a.region, a.province, a.ente_name, a.ipa_code, a.call_title",
            from = ROWS_WITH_ENTE.as_str()
        );
        let query = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), filter);
        self.read_all(query, "list the financed applications", |r| -> Result<_, StoreError> {
            Ok((ente_from_row(r)?, application_from_row(r)?))
        })
        .await
    }

    /// Every ente `filter` selects, with its figures, by name.
    pub async fn ente_figures(&self, filter: &StatsFilter<'_>) -> Result<Vec<EnteFigures>, StoreError> {
        let sql = format!(
            "SELECT a.ipa_code, a.ente_name, a.kind, a.municipality, {aggregates} FROM {from} WHERE {WHERE} \
             GROUP BY a.ipa_code, a.ente_name, a.kind, a.municipality ORDER BY a.ente_name, a.ipa_code",
            aggregates = FIGURES.as_str(),
            from = ROWS_WITH_ENTE.as_str()
        );
        let operation = "compute the figures of each ente";
        let during = |e| StoreError::during(operation, e);
        self.read_all(bind(sqlx::query(sqlx::AssertSqlSafe(sql)), filter), operation, |r| -> Result<_, StoreError> {
            let ipa_code: String = r.try_get("ipa_code").map_err(during)?;
            Ok(EnteFigures {
                figures: figures(ipa_code.clone(), r)?,
                ipa_code,
                name: r.try_get("ente_name").map_err(during)?,
                kind: r.try_get("kind").map_err(during)?,
                municipality: r.try_get("municipality").map_err(during)?,
            })
        })
        .await
    }
}
