//! The programme's progress over time on the national dashboard: a line
//! chart (accessible SVG, no JavaScript) of the enti financed and the enti
//! migrated by the end of each month, against the PNRR target, with its data
//! table beside it and the same rows as CSV.

use crate::AppState;
use crate::api::{CSV, attachment};
use crate::clock::Clock;
use crate::figures::Figures;
use crate::problem::Problem;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use cloudpa_documents::tables;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::targets::Target;
use cloudpa_domain::programme::timeline::{cumulative, month_of, months};
use cloudpa_store::programme::timeline::ProgressDates;

/// The chart's drawing area, in its own units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 24.0;
/// Months shown at most (ten years).
const MONTHS: usize = 120;

/// The chart and its rows.
pub(crate) struct Timeline {
    /// (month as `08/2022`, enti financed, enti migrated) by the month's end.
    pub rows: Vec<(String, u64, u64)>,
    pub financed: String,
    pub migrated: String,
    /// The target's line: its height, and where its due month is.
    pub target_y: f64,
    pub due_x: f64,
    pub target: u64,
    /// The labels of the vertical axis: (height, number).
    pub ticks: Vec<(f64, String)>,
    /// The first and last month shown, for the horizontal axis.
    pub first: String,
    pub last: String,
    /// Enti migrated (paid in the open data) that no dated record places.
    pub undated: u64,
}

/// The months from the first record to the later of today and the
/// target's due date, with the counts by each month's end.
fn rows(dates: &ProgressDates, target: &Target, today: NaiveDate) -> Vec<(NaiveDate, u64, u64)> {
    let first = dates.financed.iter().chain(&dates.migrated).min().copied().unwrap_or(today);
    let shown = months(first, today.max(target.due_on), MONTHS);
    let financed = cumulative(&shown, &dates.financed);
    let migrated = cumulative(&shown, &dates.migrated);
    shown.into_iter().zip(financed).zip(migrated).map(|((m, f), g)| (m, f, g)).collect()
}

/// The chart of `dates` against `target` as of `today`.
pub(crate) fn timeline(dates: &ProgressDates, target: &Target, today: NaiveDate) -> Timeline {
    let rows = rows(dates, target, today);
    let top = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(0).max(target.value).max(1) as f64;
    let step = (WIDTH - LEFT) / rows.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| LEFT + step * i as f64;
    let y = |n: u64| TOP + (HEIGHT - BOTTOM - TOP) * (1.0 - n as f64 / top);
    let line = |count: fn(&(NaiveDate, u64, u64)) -> u64| {
        rows.iter()
            .enumerate()
            .take_while(|(_, r)| r.0 <= month_of(today))
            .map(|(i, r)| format!("{:.1},{:.1}", x(i), y(count(r))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let due = rows.iter().position(|r| r.0 == month_of(target.due_on)).unwrap_or(rows.len().saturating_sub(1));
    let month = |d: &NaiveDate| d.format("%m/%Y").to_string();
    Timeline {
        financed: line(|r| r.1),
        migrated: line(|r| r.2),
        target_y: y(target.value),
        due_x: x(due),
        target: target.value,
        ticks: (0..=4u64)
            .map(|k| (y(top as u64 * k / 4), crate::format::thousands((top as u64 * k / 4) as i64)))
            .collect(),
        first: rows.first().map(|r| month(&r.0)).unwrap_or_default(),
        last: rows.last().map(|r| month(&r.0)).unwrap_or_default(),
        rows: rows.iter().filter(|r| r.0 <= month_of(today)).map(|r| (month(&r.0), r.1, r.2)).collect(),
        undated: dates.migrated_undated,
    }
}

/// The chart's rows as CSV: month, enti financed, enti migrated.
pub(crate) async fn csv(State(state): State<AppState>, Clock(now): Clock) -> Result<Response, Problem> {
    let figures = Figures::now(&state).await?;
    let (dates, targets) = tokio::try_join!(figures.progress_dates(), figures.programme_targets())?;
    let Some(target) = targets.first() else { return Err(Problem::not_found(Message::new("prog-no-target"))) };
    let chart = timeline(&dates, target, now.today);
    let rows: Vec<Vec<String>> =
        chart.rows.into_iter().map(|(m, f, g)| vec![m, f.to_string(), g.to_string()]).collect();
    let body = tables::csv(&["mese", "enti_finanziati", "enti_migrati"], &rows).map_err(|_| Problem::internal())?;
    Ok(attachment(CSV, "andamento.csv", body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn target() -> Target {
        Target {
            code: "t".into(),
            description: "PA migrate".into(),
            value: 4,
            due_on: day("2022-12-31"),
            source: "test".into(),
            confirmed: false,
        }
    }

    #[test]
    fn the_lines_stop_today_and_the_months_run_to_the_due_date() {
        let dates = ProgressDates {
            financed: vec![day("2022-08-08"), day("2022-09-05"), day("2022-09-30")],
            migrated: vec![day("2022-10-01")],
            migrated_undated: 2,
        };
        let chart = timeline(&dates, &target(), day("2022-10-15"));
        let rows: Vec<(&str, u64, u64)> = chart.rows.iter().map(|(m, f, g)| (m.as_str(), *f, *g)).collect();
        assert_eq!(rows, [("08/2022", 1, 0), ("09/2022", 3, 0), ("10/2022", 3, 1)]);
        assert_eq!((chart.first.as_str(), chart.last.as_str()), ("08/2022", "12/2022"));
        assert_eq!(chart.financed.split(' ').count(), 3, "a point a month up to today");
        assert_eq!(chart.due_x, WIDTH, "the target's month is the last");
        assert_eq!(chart.target_y, TOP, "the target is the top of the chart");
        assert_eq!(chart.undated, 2);
    }
}
