//! Demo records of the programme: an open call, the Comune di Genova with
//! its inventory and a financed project waiting for its CUP, the Comune di
//! Masone delegating the Unione dei Comuni that applies for it, and a
//! territorial team member following Liguria. Every step goes through the
//! domain's rules and the store, as a user's would.

use crate::Error;
use crate::Now;
use crate::programme::class_population;
use chrono::Days;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{CallApplicationEvent, CallApplicationState, Facts, Side, transition};
use cloudpa_domain::programme::call::CallFields;
use cloudpa_domain::programme::delegation::Delegation;
use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind};
use cloudpa_domain::programme::open_data::EnteKind;
use cloudpa_domain::programme::scenarios::ScenarioTable;
use cloudpa_domain::programme::scenarios::{Destination, Origin};
use cloudpa_domain::programme::selection::{ServiceChoice, check_selection};
use cloudpa_domain::programme::teams::TeamRole;
use cloudpa_domain::programme::voucher;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::programme::applications::{Choice, Fact, NewApplication};
use cloudpa_store::programme::inventory::ServiceFields;
use cloudpa_store::{Actor, Store};

const GENOVA: &str = "Comune di Genova (demo)";
const MASONE: &str = "Comune di Masone (demo)";
const UNIONE: &str = "Unione dei Comuni Valli Stura, Orba e Leira (demo)";
const OFFICE_ADMIN: &str = "admin@dtd.demo.cloudpa.it";
const TEAM_MEMBER: &str = "misura12@dtd.demo.cloudpa.it";

/// Genova's inventory, named as the call's list names the services: the
/// first 17 (the minimum of class 7) enter its application, the last three
/// of them to SaaS.
const GENOVA_SERVICES: [(&str, DataClass); 18] = [
    ("Anagrafe", DataClass::Critici),
    ("Stato civile", DataClass::Critici),
    ("Servizi elettorali", DataClass::Ordinari),
    ("Protocollo informatico", DataClass::Ordinari),
    ("Gestione documentale", DataClass::Ordinari),
    ("Conservazione documentale", DataClass::Ordinari),
    ("Albo pretorio online", DataClass::Ordinari),
    ("Amministrazione trasparente", DataClass::Ordinari),
    ("Atti amministrativi (delibere e determine)", DataClass::Ordinari),
    ("Contabilità finanziaria", DataClass::Ordinari),
    ("Gestione del personale", DataClass::Critici),
    ("Paghe e stipendi", DataClass::Critici),
    ("IMU", DataClass::Ordinari),
    ("TARI", DataClass::Ordinari),
    ("TRIBUTI MINORI", DataClass::Ordinari),
    ("SUAP", DataClass::Ordinari),
    ("Polizia locale - verbali", DataClass::Critici),
    ("Servizi sociali", DataClass::Critici),
];

/// Seeds the records when the demo organisations exist and Genova has no
/// profile yet; returns the number of applications created.
pub async fn seed(store: &Store, now: Now) -> Result<usize, Error> {
    let (today, at) = (now.today, now.ms);
    let (Some(genova), Some(masone), Some(unione)) = (
        store.find_organisation_by_name(GENOVA).await?,
        store.find_organisation_by_name(MASONE).await?,
        store.find_organisation_by_name(UNIONE).await?,
    ) else {
        return Ok(0);
    };
    if store.ente_profile(&genova.id).await?.is_some() {
        return Ok(0);
    }
    let office = store.users_of_kind(cloudpa_domain::access::OrganisationKind::ProgrammeOffice).await?;
    let find = |email: &str| office.iter().find(|u| u.email == email).cloned().ok_or_else(Error::internal);
    let (admin, member) = (find(OFFICE_ADMIN)?, find(TEAM_MEMBER)?);
    let actor = Actor::system();

    let fields = CallFields {
        title: "1.2 Abilitazione al Cloud - Comuni - dicembre 2026 (demo)".into(),
        measure: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
        opens_on: today - Days::new(7),
        closes_on: today + Days::new(60),
        status: "APERTO".into(),
        budget_cents: Cents::from_euros(50_000_000).0,
        measure_budget_cents: Cents::from_euros(987_000_000).0,
        targets: vec!["Comuni".into()],
    };
    let call = fields.check().map_err(|e| Error::unprocessable(e.message()))?;
    store.create_call(&actor, &call, &admin.id, at).await?;

    store.save_ente_profile(&actor, &genova.id, EnteKind::Comune, "010025", at).await?;
    store.save_ente_profile(&actor, &masone.id, EnteKind::Comune, "010032", at).await?;
    let ced = store.create_site(&actor, &genova.id, "CED di Palazzo Tursi", SiteKind::DataCentre, at).await?;
    store.create_site(&actor, &genova.id, "Sala server Municipio Valpolcevera", SiteKind::ServerRoom, at).await?;
    let mut inventory = Vec::new();
    for (name, class) in GENOVA_SERVICES {
        let fields = ServiceFields {
            name: name.into(),
            data_class: Some(class),
            origin: Some(Origin::OnPremiseStructured),
            site_id: Some(ced.id.clone()),
            status: ServiceStatus::InUse,
        };
        inventory.push(store.create_ente_service(&actor, &genova.id, &fields, at).await?);
    }
    let unclassified = ServiceFields {
        name: "Gestione sale e impianti sportivi".into(),
        data_class: None,
        origin: None,
        site_id: None,
        status: ServiceStatus::InUse,
    };
    store.create_ente_service(&actor, &genova.id, &unclassified, at).await?;

    let list = store.call_service_list(&call.id).await?.ok_or_else(Error::internal)?.services;
    let choices: Vec<Choice> = inventory
        .iter()
        .take(17)
        .filter_map(|service| Some((service, list.iter().find(|l| l.name == service.name)?)))
        .enumerate()
        .map(|(i, (service, listed))| Choice {
            service_code: listed.code.clone(),
            service_name: listed.name.clone(),
            ente_service_id: service.id.clone(),
            data_class: service.data_class.unwrap_or(DataClass::Ordinari),
            origin: Origin::OnPremiseStructured,
            destination: if i < 14 { Destination::Iaas } else { Destination::Saas },
            earlier_move: None,
            improved_to: None,
            migrated_on: None,
        })
        .collect();
    let tariff = store.tariff(call.voucher_tariff().unwrap_or_default()).await?.ok_or_else(Error::internal)?;
    let profile = store.ente_profile(&genova.id).await?.ok_or_else(Error::internal)?;
    let declared: Vec<ServiceChoice> = choices.iter().map(Choice::declared).collect();
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let population = class_population(&tariff, &profile)?;
    let counts = check_selection(tariff.class_for(population), &table, &declared).map_err(|_| Error::internal())?;
    let quote = voucher::quote(&tariff, population, counts.rehost, counts.upgrade)
        .map_err(|e| Error::unprocessable(e.message()))?;
    let new = NewApplication {
        organisation_id: &genova.id,
        call: &call,
        tariff_code: tariff.code(),
        quote: &quote,
        created_by: &admin.id,
    };
    let draft = store.create_call_application(&actor, &new, at).await?;
    store.save_choices(&actor, &draft, &choices, &quote, at).await?;
    let mut app = store.call_application(&draft.id).await?.ok_or_else(Error::internal)?;
    for (event, fact, side) in [
        (CallApplicationEvent::Submit { on: today }, Fact::Submitted { at: now.utc(), window: 1 }, Side::Ente),
        (
            CallApplicationEvent::Finance { decree_on: today },
            Fact::Decreed { on: today, amount: quote.amount },
            Side::Office,
        ),
    ] {
        let facts = Facts { submitted_on: Some(today), services: 17, ..Facts::default() };
        let to = transition(app.state, &facts, &event, side, today).map_err(|e| Error::unprocessable(e.message()))?;
        let status = to.funding_status(to != CallApplicationState::Submitted);
        store.record_fact(&actor, &app, to, status, &fact, at).await?;
        app = store.call_application(&app.id).await?.ok_or_else(Error::internal)?;
    }

    let period = Delegation { valid_from: today, valid_until: None, revoked_on: None };
    let masone_admin = store.list_users(&masone.id).await?.into_iter().next().ok_or_else(Error::internal)?;
    store.grant_delegation(&actor, &masone.id, &unione.id, &period, &masone_admin.id, at).await?;
    store.assign_team_member(&actor, &member.id, "Nord-Ovest", TeamRole::AccountManager, &admin.id, at).await?;
    Ok(1)
}
