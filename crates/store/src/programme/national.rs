//! The national picture for demonstrations and benchmarks (`cloudpa demo
//! --scale national`): every one of the 7,904 Comuni applies to a 2022
//! Comuni call and 5,030 schools to the June 2022 Scuole call — 12,934
//! applications, as in the real open data — each with an inventory, a
//! server room, services chosen within its class's range along admissible
//! scenarios, the voucher the tariff gives, and a state with consistent
//! dates. Every rule is the domain's; the numbers are synthetic. The same
//! seed gives the same picture.

use super::applications::{CHOICE_COLUMNS, Choice, choice_values, code_of};
use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::rng::Rng;
use crate::{Actor, Millis, Store, StoreError};
use chrono::{Days, NaiveDate};
use cloudpa_domain::programme::application::ApplicationState;
use cloudpa_domain::programme::call::{COMUNI_1_2_TARIFF, Call, SCUOLE_1_2_TARIFF};
use cloudpa_domain::programme::cup::Cup;
use cloudpa_domain::programme::scenarios::{Admissibility, Destination, Origin, ScenarioTable};
use cloudpa_domain::programme::selection::{ServiceChoice, check_selection};
use cloudpa_domain::programme::services::ListedService;
use cloudpa_domain::programme::tariff::Tariff;
use cloudpa_domain::programme::voucher;
use cloudpa_domain::qualification::levels::DataClass;
use serde_json::json;
use sqlx::Row;

/// The calls the picture applies to (ids are the titles' slugs).
const COMUNI_CALLS: [&str; 2] =
    ["1-2-abilitazione-al-cloud-comuni-aprile-2022", "1-2-abilitazione-al-cloud-comuni-luglio-2022"];
const SCUOLE_CALL: &str = "1-2-abilitazione-al-cloud-scuole-giugno-2022";
/// Schools in the picture: with the 7,904 Comuni, the 12,934 rows of the
/// real open data.
pub const SCHOOLS: usize = 5_030;

/// The services of a school's application, for the demo: the Scuole calls'
/// list is not public, and is loaded labelled as a demonstration.
const SCHOOL_SERVICES: [&str; 23] = [
    "Segreteria digitale",
    "Registro elettronico",
    "Protocollo informatico",
    "Gestione documentale",
    "Conservazione documentale",
    "Albo online",
    "Amministrazione trasparente",
    "Sito web della scuola",
    "Posta elettronica",
    "Gestione del personale",
    "Contabilità",
    "Inventario",
    "Biblioteca",
    "Piattaforma didattica",
    "Videoconferenze",
    "Pagamenti pagoPA",
    "Iscrizioni online",
    "Orario delle lezioni",
    "Gestione alunni",
    "Gestione assenze",
    "Comunicazioni scuola-famiglia",
    "Gare e contratti",
    "Sicurezza e privacy",
];

/// What the picture holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NationalSummary {
    pub enti: usize,
    pub applications: usize,
    pub choices: usize,
    pub inventory: usize,
    pub sites: usize,
}

struct Municipality {
    istat: String,
    name: String,
    cadastral: String,
    population: u64,
}

/// The rows to write, per table.
#[derive(Default)]
struct Rows {
    organisations: Vec<Vec<Value>>,
    enti: Vec<Vec<Value>>,
    sites: Vec<Vec<Value>>,
    inventory: Vec<Vec<Value>>,
    applications: Vec<Vec<Value>>,
    choices: Vec<Vec<Value>>,
}

/// A state and its dates, drawn in the order of a project.
struct Path {
    state: ApplicationState,
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
fn path(rng: &mut Rng, call: &Call, as_of: NaiveDate) -> Path {
    use ApplicationState::*;
    let window = (call.closes_on - call.opens_on).num_days().max(1) as u64;
    let submitted = call.opens_on + Days::new(rng.below(window as usize) as u64);
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

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn day(d: Option<NaiveDate>) -> Value {
    Value::OptText(d.map(|d| d.to_string()))
}

/// One ente with its server room, inventory and application.
struct Ente<'a> {
    organisation: String,
    call: &'a Call,
    tariff: &'a Tariff,
    population: u64,
    list: &'a [ListedService],
}

fn ente(
    rows: &mut Rows,
    rng: &mut Rng,
    table: &ScenarioTable,
    e: &Ente<'_>,
    n: usize,
    as_of: NaiveDate,
    at: Millis,
) -> Result<usize, StoreError> {
    let class = e.tariff.class_for(e.population);
    // The smallest of three draws: most enti choose few services more than
    // their minimum, as the open data's amounts show.
    let range = (class.services_max - class.services_min + 1) as usize;
    let count = class.services_min as usize + rng.below(range).min(rng.below(range)).min(rng.below(range));
    let count = count.min(e.list.len());
    let site = uuid::Uuid::now_v7().to_string();
    let p = path(rng, e.call, as_of);
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
            (true, Some(contract), None) if p.state == ApplicationState::Contracted && rng.chance(40) => {
                Some(after(rng, contract, 5, 90, as_of))
            }
            _ => None,
        };
        let status = if migrated_on.is_some() { "migrated" } else { "in_use" };
        rows.inventory.push(vec![
            text(service.clone()),
            text(e.organisation.clone()),
            text(listed.name.clone()),
            text(data_class.code()),
            text(origin.code()),
            text(site.clone()),
            text(status),
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
    let closed = p.state == ApplicationState::Paid && rng.chance(40);
    rows.sites.push(vec![
        text(site),
        text(e.organisation.clone()),
        text("Sala server"),
        text("server_room"),
        text(if closed { "decommissioned" } else { "active" }),
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
        Value::OptText((p.state == ApplicationState::NotAdmitted).then(|| "Domanda incompleta (demo)".to_owned())),
        text("system"),
        Value::Int(at),
        Value::Int(at),
    ]);
    let count = choices.len();
    rows.choices.extend(choices.iter().enumerate().map(|(i, c)| choice_values(&id, i, c)));
    Ok(count)
}

const APPLICATION_COLUMNS: &[&str] = &[
    "id",
    "organisation_id",
    "call_id",
    "call_title",
    "measure",
    "state",
    "status",
    "tariff_code",
    "tariff_class",
    "fee_cents",
    "rehost_cents",
    "upgrade_cents",
    "amount_cents",
    "services",
    "services_migrated",
    "submitted_at",
    "time_window",
    "financed_on",
    "cup",
    "cup_given_on",
    "contract_activated_on",
    "completed_on",
    "attested_on",
    "paid_on",
    "withdrawn_on",
    "motivation",
    "created_by",
    "created_at_ms",
    "updated_at_ms",
];

impl Store {
    /// Writes the national picture into a database whose programme is
    /// empty (no ente yet), in one transaction with one audit entry.
    pub async fn seed_national(
        &self,
        actor: &Actor,
        seed: u64,
        as_of: NaiveDate,
        at: Millis,
    ) -> Result<NationalSummary, StoreError> {
        let enti: i64 = sqlx::query("SELECT COUNT(*) FROM enti").fetch_one(&self.pool).await?.try_get(0)?;
        if enti > 0 {
            return Err(StoreError::Conflict("a programme (the national picture needs a fresh database)".into()));
        }
        let call = |id: &'static str| async move {
            self.find_call(id).await?.ok_or_else(|| StoreError::NotFound(format!("call {id}")))
        };
        let comuni_calls = [call(COMUNI_CALLS[0]).await?, call(COMUNI_CALLS[1]).await?];
        let schools_call = call(SCUOLE_CALL).await?;
        let missing = |code| StoreError::NotFound(format!("tariff {code}"));
        let comuni = self.tariff(COMUNI_1_2_TARIFF).await?.ok_or_else(|| missing(COMUNI_1_2_TARIFF))?;
        let schools = self.tariff(SCUOLE_1_2_TARIFF).await?.ok_or_else(|| missing(SCUOLE_1_2_TARIFF))?;
        let comuni_list = self.call_service_list(COMUNI_CALLS[0]).await?.map(|l| l.services).unwrap_or_default();
        let school_list: Vec<ListedService> = SCHOOL_SERVICES
            .iter()
            .enumerate()
            .map(|(i, name)| ListedService { code: format!("SC{:02}", i + 1), name: (*name).to_owned() })
            .collect();
        self.load_call_services(actor, SCUOLE_CALL, &school_list, "demo --scale national (elenco dimostrativo)", at)
            .await?;
        let table =
            ScenarioTable::official().map_err(|e| crate::qualification::corrupt("scenarios", &e.to_string()))?;
        let municipalities: Vec<Municipality> = sqlx::query(
            "SELECT istat_code, name, cadastral_code, population_2011 FROM municipalities ORDER BY istat_code",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(Municipality {
                istat: r.try_get(0)?,
                name: r.try_get(1)?,
                cadastral: r.try_get(2)?,
                population: r.try_get::<i64, _>(3)?.max(0) as u64,
            })
        })
        .collect::<Result<_, StoreError>>()?;

        let mut rng = Rng(seed);
        let mut rows = Rows::default();
        let mut summary = NationalSummary::default();
        for (n, m) in municipalities.iter().enumerate() {
            let organisation = uuid::Uuid::now_v7().to_string();
            rows.organisations.push(vec![
                text(organisation.clone()),
                text("public_body"),
                text(format!("Comune di {}", m.name)),
                text(format!("c_{}", m.cadastral.to_lowercase())),
                Value::Int(at),
            ]);
            rows.enti.push(vec![text(organisation.clone()), text("comune"), text(m.istat.clone())]);
            let call = &comuni_calls[n % 3 / 2];
            let e = Ente { organisation, call, tariff: &comuni, population: m.population, list: &comuni_list };
            summary.choices += ente(&mut rows, &mut rng, &table, &e, n, as_of, at)?;
            if n < SCHOOLS {
                let organisation = uuid::Uuid::now_v7().to_string();
                rows.organisations.push(vec![
                    text(organisation.clone()),
                    text("public_body"),
                    text(format!("Istituto Comprensivo {} ({})", n + 1, m.name)),
                    text(format!("ic_demo_{:05}", n + 1)),
                    Value::Int(at),
                ]);
                rows.enti.push(vec![text(organisation.clone()), text("scuola"), text(m.istat.clone())]);
                let e = Ente { organisation, call: &schools_call, tariff: &schools, population: 0, list: &school_list };
                summary.choices += ente(&mut rows, &mut rng, &table, &e, n + 100_000, as_of, at)?;
            }
        }
        summary.enti = rows.enti.len();
        summary.applications = rows.applications.len();
        summary.inventory = rows.inventory.len();
        summary.sites = rows.sites.len();

        let mut tx = self.begin_write().await?;
        let conn = tx.conn();
        insert(conn, "organisations", &["id", "kind", "name", "ipa_code", "created_at_ms"], rows.organisations).await?;
        insert(conn, "enti", &["organisation_id", "kind", "istat_code"], rows.enti).await?;
        let site_columns =
            &["id", "organisation_id", "name", "kind", "status", "decommissioned_on", "created_at_ms", "updated_at_ms"];
        insert(conn, "ente_sites", site_columns, rows.sites).await?;
        let service_columns = &[
            "id",
            "organisation_id",
            "name",
            "data_class",
            "origin",
            "site_id",
            "status",
            "created_at_ms",
            "updated_at_ms",
        ];
        insert(conn, "ente_services", service_columns, rows.inventory).await?;
        insert(conn, "call_applications", APPLICATION_COLUMNS, rows.applications).await?;
        insert(conn, "call_application_services", CHOICE_COLUMNS, rows.choices).await?;
        let entry = AuditEntry {
            actor,
            action: "programme.demo_national",
            subject: "programme".into(),
            details: json!({ "seed": seed, "enti": summary.enti, "applications": summary.applications,
                             "choices": summary.choices, "inventory": summary.inventory, "sites": summary.sites,
                             "amounts": "synthetic", "destination_codes": Destination::ALL.map(code_of) }),
        };
        tx.commit(entry, at).await?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_domain::money::Cents;

    fn call() -> Call {
        Call {
            id: "c".into(),
            title: "c".into(),
            measure: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
            opens_on: "2022-04-19".parse().unwrap(),
            closes_on: "2022-07-22".parse().unwrap(),
            status: "TERMINATO".into(),
            budget: Cents(0),
            measure_budget: Cents(0),
            targets: vec!["Comuni".into()],
        }
    }

    #[test]
    fn every_path_keeps_its_dates_in_order() {
        let as_of: NaiveDate = "2026-12-01".parse().unwrap();
        let mut rng = Rng(7);
        for _ in 0..2_000 {
            let p = path(&mut rng, &call(), as_of);
            let chain = [Some(p.submitted), p.decree, p.contract, p.completed, p.attested, p.paid];
            let known: Vec<NaiveDate> = chain.into_iter().flatten().collect();
            assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
            assert!(known.iter().all(|d| *d <= as_of));
            assert_eq!(p.paid.is_some(), p.state == ApplicationState::Paid);
            assert_eq!(p.withdrawn.is_some(), p.state == ApplicationState::Withdrawn);
            assert_eq!(
                p.decree.is_none(),
                matches!(p.state, ApplicationState::Submitted | ApplicationState::NotAdmitted)
            );
        }
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
