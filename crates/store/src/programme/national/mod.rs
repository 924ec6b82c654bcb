//! The national picture for demonstrations and benchmarks (`cloudpa demo
//! --scale national`): every Comune of today whose 2011 census population
//! is known (7,895 of 7,896) applies to a 2022 Comuni call and as many
//! schools as make up 12,934 applications, as in the real open data, to the
//! June 2022 Scuole call — each with an inventory, a
//! server room, services chosen within its class's range (as many as the
//! real open data's amounts show) along admissible scenarios, the voucher the tariff gives, and a state with consistent
//! dates. Every rule is the domain's; the numbers are synthetic. The same
//! seed gives the same picture.

mod draw;

use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::programme::applications::{CHOICE_COLUMNS, code_of};
use crate::rng::Rng;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::{COMUNI_1_2_TARIFF, Call, SCUOLE_1_2_TARIFF};
use cloudpa_domain::programme::scenarios::{Destination, ScenarioTable};
use cloudpa_domain::programme::services::ListedService;
use draw::{Ente, ente, text};
use serde_json::json;
use sqlx::Row;

/// The calls the picture applies to (ids are the titles' slugs).
const COMUNI_CALLS: [&str; 2] =
    ["1-2-abilitazione-al-cloud-comuni-aprile-2022", "1-2-abilitazione-al-cloud-comuni-luglio-2022"];
const SCUOLE_CALL: &str = "1-2-abilitazione-al-cloud-scuole-giugno-2022";
/// Applications in the picture: the rows of the real open data, the Comuni
/// and as many schools as make up the rest.
pub const APPLICATIONS: usize = 12_934;

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
    /// Whether the national picture was written (its audit entry is the
    /// record of it; the picture is committed with it, or not at all).
    pub async fn national_picture_written(&self) -> Result<bool, StoreError> {
        let query = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'programme.demo_national'");
        let n = self.read_one(query, "look for the national picture", |r| r.try_get::<i64, _>("n")).await?;
        Ok(n.unwrap_or_default() > 0)
    }

    /// Writes the national picture into a database whose programme is
    /// empty (no ente yet), in one transaction with one audit entry.
    pub async fn seed_national(
        &self,
        actor: &Actor,
        seed: u64,
        as_of: NaiveDate,
        at: Millis,
    ) -> Result<NationalSummary, StoreError> {
        let during = |e| StoreError::during("seed the national picture", e);
        let enti: i64 = sqlx::query("SELECT COUNT(*) AS n FROM enti")
            .fetch_one(&self.pool)
            .await
            .map_err(during)?
            .try_get("n")
            .map_err(during)?;
        if enti > 0 {
            return Err(StoreError::Conflict(Message::new("store-programme-exists")));
        }
        let call = |id: &'static str| async move {
            self.find_call(id).await?.ok_or_else(|| StoreError::NotFound(Message::new("store-call").arg("id", id)))
        };
        let comuni_calls = [call(COMUNI_CALLS[0]).await?, call(COMUNI_CALLS[1]).await?];
        let schools_call = call(SCUOLE_CALL).await?;
        let window = |call: &Call| {
            call.opens_on
                .zip(call.closes_on)
                .ok_or_else(|| StoreError::Frozen(Message::new("store-call-without-dates").arg("id", call.id.as_str())))
        };
        let comuni_windows = [window(&comuni_calls[0])?, window(&comuni_calls[1])?];
        let schools_window = window(&schools_call)?;
        let missing = |code| StoreError::NotFound(Message::new("store-tariff").arg("code", code));
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
        let query = sqlx::query(
            "SELECT istat_code, name, cadastral_code, population_2011 FROM municipalities \
             WHERE ended_on IS NULL AND population_2011 IS NOT NULL ORDER BY istat_code",
        );
        let municipalities = self
            .read_all(query, "seed the national picture", |r| -> Result<_, sqlx::Error> {
                Ok(Municipality {
                    istat: r.try_get("istat_code")?,
                    name: r.try_get("name")?,
                    cadastral: r.try_get("cadastral_code")?,
                    population: r.try_get::<i64, _>("population_2011")?.max(0) as u64,
                })
            })
            .await?;

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
            let e = Ente {
                organisation,
                call: &comuni_calls[n % 3 / 2],
                window: comuni_windows[n % 3 / 2],
                tariff: &comuni,
                population: m.population,
                list: &comuni_list,
                school: false,
            };
            summary.choices += ente(&mut rows, &mut rng, &table, &e, n, as_of, at)?;
            if n < APPLICATIONS.saturating_sub(municipalities.len()) {
                let organisation = uuid::Uuid::now_v7().to_string();
                rows.organisations.push(vec![
                    text(organisation.clone()),
                    text("public_body"),
                    text(format!("Istituto Comprensivo {} ({})", n + 1, m.name)),
                    text(format!("ic_demo_{:05}", n + 1)),
                    Value::Int(at),
                ]);
                rows.enti.push(vec![text(organisation.clone()), text("scuola"), text(m.istat.clone())]);
                let e = Ente {
                    organisation,
                    call: &schools_call,
                    window: schools_window,
                    tariff: &schools,
                    population: 0,
                    list: &school_list,
                    school: true,
                };
                summary.choices += ente(&mut rows, &mut rng, &table, &e, n + 100_000, as_of, at)?;
            }
        }
        summary.enti = rows.enti.len();
        summary.applications = rows.applications.len();
        summary.inventory = rows.inventory.len();
        summary.sites = rows.sites.len();

        let mut tx = self.begin_write().await?;
        let conn = tx.conn();
        insert(conn, "organisations", &["id", "kind", "name", "ipa_code", "created_at_ms"], rows.organisations)
            .await
            .map_err(during)?;
        insert(conn, "enti", &["organisation_id", "kind", "istat_code"], rows.enti).await.map_err(during)?;
        let site_columns =
            &["id", "organisation_id", "name", "kind", "status", "decommissioned_on", "created_at_ms", "updated_at_ms"];
        insert(conn, "ente_sites", site_columns, rows.sites).await.map_err(during)?;
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
        insert(conn, "ente_services", service_columns, rows.inventory).await.map_err(during)?;
        insert(conn, "call_applications", APPLICATION_COLUMNS, rows.applications).await.map_err(during)?;
        insert(conn, "call_application_services", CHOICE_COLUMNS, rows.choices).await.map_err(during)?;
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
