//! What the programme's figures answer: financed applications by group,
//! and the progress towards the PNRR targets.

use crate::api::euros;
use chrono::NaiveDate;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::reserve::{reserve_met, share_permille};
use cloudpa_domain::programme::targets::{Progress, Target, progress};
use cloudpa_store::programme::stats::{Figures, GroupBy, StatsFilter};
use serde::Serialize;
use utoipa::ToSchema;

/// Financed applications grouped as asked, with the filters applied.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationStats {
    /// region, province, class, status or state.
    group_by: &'static str,
    /// The call's title filtered on.
    call: Option<String>,
    /// The kind of ente filtered on: comune, scuola or altro_ente.
    kind: Option<&'static str>,
    region: Option<String>,
    province: Option<String>,
    groups: Vec<StatsFigures>,
    /// The figures of every group together.
    totals: StatsFigures,
}

impl ApplicationStats {
    pub(crate) fn of(group_by: GroupBy, filter: &StatsFilter<'_>, groups: &[Figures], totals: &Figures) -> Self {
        ApplicationStats {
            group_by: group_by.code(),
            call: filter.call.map(str::to_owned),
            kind: filter.kind.map(|k| k.code()),
            region: filter.region.map(str::to_owned),
            province: filter.province.map(str::to_owned),
            groups: groups.iter().map(StatsFigures::from).collect(),
            totals: totals.into(),
        }
    }
}

/// The figures of one group (or of all: the totals), each amount in euros
/// and in cents.
#[derive(Serialize, ToSchema)]
pub(crate) struct StatsFigures {
    /// The group: a region, a province, a class, a status or a state.
    key: String,
    applications: i64,
    /// Distinct enti with an application.
    enti: i64,
    /// Every application's amount, whatever its status.
    #[schema(value_type = f64)]
    amount_eur: serde_json::Number,
    /// Financed and not withdrawn (status A or E).
    #[schema(value_type = f64)]
    amount_decreed_eur: serde_json::Number,
    /// Paid (status E).
    #[schema(value_type = f64)]
    amount_paid_eur: serde_json::Number,
    amount_cents: i64,
    amount_decreed_cents: i64,
    amount_paid_cents: i64,
    /// Withdrawn applications (status R).
    withdrawn: i64,
    /// Paid applications (status E).
    paid: i64,
    /// Decreed to enti of the Mezzogiorno.
    #[schema(value_type = f64)]
    amount_decreed_south_eur: serde_json::Number,
    amount_decreed_south_cents: i64,
    /// The Mezzogiorno's share of the amount decreed, in percent with one
    /// decimal; none when nothing is decreed.
    #[schema(value_type = Option<f64>)]
    south_share_percent: Option<serde_json::Number>,
    /// Whether the Mezzogiorno has at least the 40% reserve of the PNRR.
    south_reserve_met: bool,
    /// Projects with a positive asseverazione (attested or paid).
    attested: i64,
    /// Distinct enti with a positive asseverazione: the PNRR target's measure.
    enti_attested: i64,
    /// Services the applications migrate (applications made on cloudpa).
    services: i64,
    /// Of those, the services migrated already.
    services_migrated: i64,
}

impl From<&Figures> for StatsFigures {
    fn from(f: &Figures) -> Self {
        let (south, decreed) = (Cents(f.amount_decreed_south_cents), Cents(f.amount_decreed_cents));
        StatsFigures {
            key: f.key.clone(),
            applications: f.applications,
            enti: f.enti,
            amount_eur: euros(Cents(f.amount_cents)),
            amount_decreed_eur: euros(decreed),
            amount_paid_eur: euros(Cents(f.amount_paid_cents)),
            amount_cents: f.amount_cents,
            amount_decreed_cents: f.amount_decreed_cents,
            amount_paid_cents: f.amount_paid_cents,
            withdrawn: f.withdrawn,
            paid: f.paid,
            amount_decreed_south_eur: euros(south),
            amount_decreed_south_cents: f.amount_decreed_south_cents,
            south_share_percent: share_permille(south, decreed)
                .and_then(|permille| serde_json::Number::from_f64(permille as f64 / 10.0)),
            south_reserve_met: reserve_met(south, decreed),
            attested: f.attested,
            enti_attested: f.enti_attested,
            services: f.services,
            services_migrated: f.services_migrated,
        }
    }
}

/// The PNRR targets and the progress towards each on a day.
#[derive(Serialize, ToSchema)]
pub(crate) struct ProgrammeTargets {
    as_of: NaiveDate,
    items: Vec<TargetProgress>,
}

impl ProgrammeTargets {
    /// The progress of `achieved` enti towards each of `targets` on `as_of`.
    pub(crate) fn of(as_of: NaiveDate, targets: &[Target], achieved: u64) -> Self {
        let items = targets.iter().map(|t| TargetProgress::of(t, progress(t, achieved, as_of))).collect();
        ProgrammeTargets { as_of, items }
    }
}

/// A target (how many enti must be migrated by when) and how far it is.
#[derive(Serialize, ToSchema)]
pub(crate) struct TargetProgress {
    code: String,
    description: String,
    /// The enti to migrate.
    value: u64,
    due_on: NaiveDate,
    /// Where the target is stated.
    source: String,
    /// Whether the value was read in a primary source.
    confirmed: bool,
    /// Enti with a positive asseverazione so far.
    achieved: u64,
    /// Tenths of a percent of the target, rounded down, at most 1000.
    permille: u64,
    reached: bool,
    /// Days to the due date (negative once past).
    days_left: i64,
}

impl TargetProgress {
    fn of(t: &Target, p: Progress) -> Self {
        TargetProgress {
            code: t.code.clone(),
            description: t.description.clone(),
            value: t.value,
            due_on: t.due_on,
            source: t.source.clone(),
            confirmed: t.confirmed,
            achieved: p.achieved,
            permille: p.permille,
            reached: p.reached,
            days_left: p.days_left,
        }
    }
}
