//! Drawing one ente of the national picture: its project's state and
//! dates, the services it migrates along admissible scenarios, its server
//! room, inventory and application, as rows to write.

use super::Rows;
use crate::batch::Value;
use crate::programme::applications::{Choice, choice_values};
use crate::rng::Rng;
use crate::{Millis, StoreError};
use chrono::{Days, NaiveDate};
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::call::Call;
use cloudpa_domain::programme::cup::Cup;
use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind, SiteStatus};
use cloudpa_domain::programme::scenarios::{Admissibility, Destination, Origin, ScenarioTable};
use cloudpa_domain::programme::selection::{ServiceChoice, check_selection};
use cloudpa_domain::programme::services::ListedService;
use cloudpa_domain::programme::tariff::{Tariff, TariffClass};
use cloudpa_domain::programme::voucher;
use cloudpa_domain::qualification::levels::DataClass;

/// A state and its dates, drawn in the order of a project.
struct Path {
    state: CallApplicationState,
    submitted: NaiveDate,
    decree: Option<NaiveDate>,
    cup_given: Option<NaiveDate>,
    contract: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    attested: Option<NaiveDate>,
    paid: Option<NaiveDate>,
    withdrawn: Option<NaiveDate>,
}

fn after(rng: &mut Rng, day: NaiveDate, min: u64, spread: u64, as_of: NaiveDate) -> NaiveDate {
    (day + Days::new(min + rng.below(spread as usize) as u64)).min(as_of)
}

/// A state (shares close to the programme's: most projects paid, some
/// still running, a tenth withdrawn) and its dates, none after `as_of`.
fn path(rng: &mut Rng, (opens_on, closes_on): (NaiveDate, NaiveDate), as_of: NaiveDate) -> Path {
    use CallApplicationState::*;
    let window = (closes_on - opens_on).num_days().max(1) as u64;
    let submitted = opens_on + Days::new(rng.below(window as usize) as u64);
    let roll = rng.below(100);
    let state = match roll {
        0..=55 => Paid,
        56..=61 => Attested,
        62..=67 => Completed,
        68..=77 => Contracted,
        78..=85 => Financed,
        86..=96 => Withdrawn,
        97 => NotAdmitted,
        _ => Submitted,
    };
    let mut p = Path {
        state,
        submitted,
        decree: None,
        cup_given: None,
        contract: None,
        completed: None,
        attested: None,
        paid: None,
        withdrawn: None,
    };
    if matches!(state, Submitted | NotAdmitted) {
        return p;
    }
    let decree = after(rng, submitted, 20, 70, as_of);
    p.decree = Some(decree);
    let withdraws_at = (state == Withdrawn).then(|| rng.below(3));
    if withdraws_at == Some(0) {
        p.withdrawn = Some(after(rng, decree, 1, 60, as_of));
        return p;
    }
    p.cup_given = Some(after(rng, decree, 0, 6, as_of));
    if state == Financed {
        return p;
    }
    let contract = after(rng, decree, 30, 150, as_of);
    p.contract = Some(contract);
    if withdraws_at.is_some() {
        p.withdrawn = Some(after(rng, contract, 10, 200, as_of));
        return p;
    }
    if state == Contracted {
        return p;
    }
    let completed = after(rng, contract, 60, 360, as_of);
    p.completed = Some(completed);
    if state == Completed {
        return p;
    }
    let attested = after(rng, completed, 10, 60, as_of);
    p.attested = Some(attested);
    if state == Paid {
        p.paid = Some(after(rng, attested, 10, 60, as_of));
    }
    p
}

/// An origin and an admissible destination (the conditional case with an
/// earlier move after 1 Feb 2020).
fn scenario(rng: &mut Rng, table: &ScenarioTable) -> (Origin, Destination, Option<NaiveDate>) {
    const ORIGINS: [Origin; 5] = [
        Origin::OnPremiseStructured,
        Origin::OnPremiseStructured,
        Origin::OnPremiseUnstructured,
        Origin::IaasUnqualified,
        Origin::IaasQualified,
    ];
    let origin = *rng.pick(&ORIGINS);
    let open: Vec<(Destination, Admissibility)> = Destination::ALL
        .into_iter()
        .map(|d| (d, table.cell(origin, d).admissibility))
        .filter(|(_, a)| *a != Admissibility::No)
        .collect();
    let (destination, admissibility) = *rng.pick(&open);
    let earlier = (admissibility == Admissibility::Conditional)
        .then(|| NaiveDate::from_ymd_opt(2020, 3, 1).map(|d| d + Days::new(rng.below(700) as u64)))
        .flatten();
    (origin, destination, earlier)
}

pub(super) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn day(d: Option<NaiveDate>) -> Value {
    Value::OptText(d.map(|d| d.to_string()))
}

/// One ente with its server room, inventory and application.
pub(super) struct Ente<'a> {
    pub(super) organisation: String,
    pub(super) call: &'a Call,
    /// The call's opening and closing days.
    pub(super) window: (NaiveDate, NaiveDate),
    pub(super) tariff: &'a Tariff,
    pub(super) population: u64,
    pub(super) list: &'a [ListedService],
    pub(super) school: bool,
}

/// How many of the 169 schools of the real open-data sample
/// (`data/samples/`, amounts of 553 € × n) chose n services.
const SCHOOL_COUNTS: [(u32, usize); 21] = [
    (3, 9),
    (4, 13),
    (5, 14),
    (6, 10),
    (7, 11),
    (8, 11),
    (9, 13),
    (10, 3),
    (11, 2),
    (12, 1),
    (13, 5),
    (14, 2),
    (15, 4),
    (16, 6),
    (17, 4),
    (18, 11),
    (19, 9),
    (20, 10),
    (21, 8),
    (22, 3),
    (23, 20),
];

/// How many services an ente chooses, as the real open-data sample shows:
/// the amount of 211 of its 226 Comuni fits exactly the maximum count of
/// their class (the others any count of the range), so a Comune takes the
/// maximum 93 times in 100; a school draws from [`SCHOOL_COUNTS`].
fn count_of(rng: &mut Rng, class: &TariffClass, school: bool) -> u32 {
    if school {
        let mut left = rng.below(SCHOOL_COUNTS.iter().map(|(_, n)| n).sum());
        for (count, n) in SCHOOL_COUNTS {
            if left < n {
                return count.clamp(class.services_min, class.services_max);
            }
            left -= n;
        }
    }
    if rng.chance(93) {
        return class.services_max;
    }
    class.services_min + rng.below((class.services_max - class.services_min + 1) as usize) as u32
}

/// Draws the server room, inventory and application of `e` (the `n`th
/// ente) into `rows`; returns the number of services chosen.
pub(super) fn ente(
    rows: &mut Rows,
    rng: &mut Rng,
    table: &ScenarioTable,
    e: &Ente<'_>,
    n: usize,
    as_of: NaiveDate,
    at: Millis,
) -> Result<usize, StoreError> {
    let class = e.tariff.class_for(e.population);
    let count = (count_of(rng, class, e.school) as usize).min(e.list.len());
    let site = uuid::Uuid::now_v7().to_string();
    let p = path(rng, e.window, as_of);
    let mut offered: Vec<&ListedService> = e.list.iter().collect();
    let mut choices = Vec::with_capacity(count);
    for i in 0..(count + 1).min(e.list.len()) {
        let listed = offered.swap_remove(rng.below(offered.len()));
        let (origin, destination, earlier_move) = scenario(rng, table);
        let data_class = if rng.chance(15) { DataClass::Critici } else { DataClass::Ordinari };
        let service = uuid::Uuid::now_v7().to_string();
        let chosen = i < count;
        let migrated_on = match (chosen, p.contract, p.completed) {
            (true, Some(contract), Some(completed)) => Some(contract.max(completed - Days::new(rng.below(30) as u64))),
            (true, Some(contract), None) if p.state == CallApplicationState::Contracted && rng.chance(40) => {
                Some(after(rng, contract, 5, 90, as_of))
            }
            _ => None,
        };
        let status = if migrated_on.is_some() { ServiceStatus::Migrated } else { ServiceStatus::InUse };
        rows.inventory.push(vec![
            text(service.clone()),
            text(e.organisation.clone()),
            text(listed.name.clone()),
            text(data_class.code()),
            text(origin.code()),
            text(site.clone()),
            text(status.code()),
            Value::Int(at),
            Value::Int(at),
        ]);
        if chosen {
            choices.push(Choice {
                service_code: listed.code.clone(),
                service_name: listed.name.clone(),
                ente_service_id: service,
                data_class,
                origin,
                destination,
                earlier_move,
                improved_to: None,
                migrated_on,
            });
        }
    }
    let declared: Vec<ServiceChoice> = choices.iter().map(Choice::declared).collect();
    let counts = check_selection(class, table, &declared)
        .map_err(|e| crate::qualification::corrupt("national selection", &format!("{e:?}")))?;
    let quote = voucher::quote(e.tariff, e.population, counts.rehost, counts.upgrade)
        .map_err(|e| crate::qualification::corrupt("national voucher", &e.to_string()))?;
    let closed = p.state == CallApplicationState::Paid && rng.chance(40);
    rows.sites.push(vec![
        text(site),
        text(e.organisation.clone()),
        text("Sala server"),
        text(SiteKind::ServerRoom.code()),
        text(if closed { SiteStatus::Decommissioned } else { SiteStatus::Active }.code()),
        day(closed.then_some(p.paid).flatten()),
        Value::Int(at),
        Value::Int(at),
    ]);
    let id = uuid::Uuid::now_v7().to_string();
    let migrated = choices.iter().filter(|c| c.migrated_on.is_some()).count();
    let status = p.state.funding_status(p.decree.is_some()).map(|s| s.code().to_owned());
    let cup = p.cup_given.map(|_| format!("J{:02}C22{:09}", n % 90 + 10, n));
    if let Some(cup) = &cup {
        Cup::parse(cup).map_err(|e| crate::qualification::corrupt("national CUP", &e.to_string()))?;
    }
    rows.applications.push(vec![
        text(id.clone()),
        text(e.organisation.clone()),
        text(e.call.id.clone()),
        text(e.call.title.clone()),
        text(e.call.measure.clone()),
        text(p.state.code()),
        Value::OptText(status),
        text(e.tariff.code()),
        Value::Int(quote.class.into()),
        Value::Int(quote.fee.0),
        Value::Int(quote.rehost.0),
        Value::Int(quote.upgrade.0),
        Value::Int(quote.amount.0),
        Value::Int(choices.len() as i64),
        Value::Int(migrated as i64),
        text(format!("{}T10:00:00+00:00", p.submitted)),
        Value::Int(1),
        day(p.decree),
        Value::OptText(cup),
        day(p.cup_given),
        day(p.contract),
        day(p.completed),
        day(p.attested),
        day(p.paid),
        day(p.withdrawn),
        Value::OptText((p.state == CallApplicationState::NotAdmitted).then(|| "Domanda incompleta (demo)".to_owned())),
        text("system"),
        Value::Int(at),
        Value::Int(at),
    ]);
    let count = choices.len();
    rows.choices.extend(choices.iter().enumerate().map(|(i, c)| choice_values(&id, i, c)));
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_domain::money::Cents;

    fn window() -> (NaiveDate, NaiveDate) {
        ("2022-04-19".parse().unwrap(), "2022-07-22".parse().unwrap())
    }

    #[test]
    fn every_path_keeps_its_dates_in_order() {
        let as_of: NaiveDate = "2026-12-01".parse().unwrap();
        let mut rng = Rng(7);
        for _ in 0..2_000 {
            let p = path(&mut rng, window(), as_of);
            let chain = [Some(p.submitted), p.decree, p.contract, p.completed, p.attested, p.paid];
            let known: Vec<NaiveDate> = chain.into_iter().flatten().collect();
            assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
            assert!(known.iter().all(|d| *d <= as_of));
            assert_eq!(p.paid.is_some(), p.state == CallApplicationState::Paid);
            assert_eq!(p.withdrawn.is_some(), p.state == CallApplicationState::Withdrawn);
            assert_eq!(
                p.decree.is_none(),
                matches!(p.state, CallApplicationState::Submitted | CallApplicationState::NotAdmitted)
            );
        }
    }

    #[test]
    fn counts_stay_in_the_class_and_follow_the_real_sample() {
        let class = |min, max| TariffClass {
            class: 1,
            population_min: 0,
            population_max: None,
            fee: Cents(0),
            rehost: Cents(0),
            upgrade: Cents(0),
            services_min: min,
            services_max: max,
        };
        let (comune, school) = (class(7, 9), class(1, 23));
        let mut rng = Rng(5);
        let comuni: Vec<u32> = (0..10_000).map(|_| count_of(&mut rng, &comune, false)).collect();
        let schools: Vec<u32> = (0..10_000).map(|_| count_of(&mut rng, &school, true)).collect();
        assert!(comuni.iter().all(|n| (7..=9).contains(n)) && schools.iter().all(|n| (1..=23).contains(n)));
        let at_max = comuni.iter().filter(|n| **n == 9).count();
        assert!((9_300..9_700).contains(&at_max), "{at_max}");
        let mean = schools.iter().sum::<u32>() as f64 / 10_000.0;
        assert!((12.0..13.3).contains(&mean), "the sample's 169 schools average 12.6 services: {mean}");
    }

    #[test]
    fn every_scenario_drawn_is_admissible() {
        let table = ScenarioTable::official().unwrap();
        let mut rng = Rng(11);
        for _ in 0..2_000 {
            let (origin, destination, earlier) = scenario(&mut rng, &table);
            cloudpa_domain::programme::scenarios::admissible(&table, origin, destination, earlier).unwrap();
        }
    }
}
