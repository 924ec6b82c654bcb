//! Demo records of the asseverazione: a call closed months ago, the Comune
//! di Masone's project on it — financed, contracted with a supplier of the
//! directory, every service migrated, completed — with a compliance form per
//! service (a draft, some submitted that pass every pre-check, some that
//! fail one), and the demo attestor at work on it: verdicts, a request for
//! documents and a live verification of the SaaS service. Every step goes
//! through the domain's rules and the store, as a user's would, on the day
//! it is dated (counted back from today, so the demo stays fresh).

mod attestor;
mod contract;
mod forms;

use crate::programme::class_population;
use crate::programme::deadlines::{classes_of, settings_of};
use crate::{Error, Now};
use chrono::{Days, NaiveDate};
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::application::{CallApplicationEvent, Facts, Side, check_migrated_on, transition};
use cloudpa_domain::programme::call::CallFields;
use cloudpa_domain::programme::cup::Cup;
use cloudpa_domain::programme::inventory::ServiceStatus;
use cloudpa_domain::programme::scenarios::{Destination, Origin, ScenarioTable};
use cloudpa_domain::programme::selection::{ServiceChoice, check_selection};
use cloudpa_domain::programme::steps::{check_cup, check_not_migrated};
use cloudpa_domain::programme::voucher;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::accounts::{Organisation, User};
use cloudpa_store::blobs::BlobStore;
use cloudpa_store::programme::applications::{CallApplication, Choice, Fact, NewApplication};
use cloudpa_store::programme::inventory::ServiceFields;
use cloudpa_store::{Actor, Store};
use forms::FormPlan;

const MASONE: &str = "Comune di Masone (demo)";
const PROVIDER: &str = "Nuvola Appenninica S.p.A. (demo)";
const ATTESTOR: &str = "Asseverazioni Tecniche S.r.l. (demo)";
const ATTESTOR_USER: &str = "asseveratore@asseverazioni.demo.cloudpa.it";
const OFFICE_MEMBER: &str = "misura12@dtd.demo.cloudpa.it";
const CALL_TITLE: &str = "1.2 Abilitazione al Cloud - Comuni - giugno 2026 (demo)";
const CUP: &str = "D41B26000150006";

/// The days of the story, counted back from today.
const CALL_OPENS: u64 = 200;
const SUBMITTED: u64 = 160;
const CALL_CLOSES: u64 = 150;
const DECREED: u64 = 130;
const CUP_GIVEN: u64 = 128;
const ACTIVATED: u64 = 110;
const MIGRATED: u64 = 40;
const COMPLETED: u64 = 20;

/// One service of Masone's project: its name in the call's list, its data
/// class, where it lands, whether it answers on the Internet, and how its
/// form stands.
struct DemoService {
    name: &'static str,
    class: DataClass,
    destination: Destination,
    public: bool,
    form: FormPlan,
}

const fn service(name: &'static str, class: DataClass, destination: Destination, form: FormPlan) -> DemoService {
    DemoService { name, class, destination, public: false, form }
}

/// Ten services, the fewest of Masone's class (2): all but the last to
/// IaaS. None is named as the services the browser tests add to Masone's
/// inventory.
const SERVICES: [DemoService; 10] = [
    service("Stato civile", DataClass::Critici, Destination::Iaas, FormPlan::Complete),
    service("Servizi elettorali", DataClass::Ordinari, Destination::Iaas, FormPlan::Complete),
    DemoService {
        public: true,
        ..service("Sito istituzionale", DataClass::Ordinari, Destination::Iaas, FormPlan::Complete)
    },
    service(
        "Atti amministrativi (delibere e determine)",
        DataClass::Ordinari,
        Destination::Iaas,
        FormPlan::ShortReport,
    ),
    service("Paghe e stipendi", DataClass::Critici, Destination::Iaas, FormPlan::Complete),
    service("IMU", DataClass::Ordinari, Destination::Iaas, FormPlan::ForeignAddress),
    service("TARI", DataClass::Ordinari, Destination::Iaas, FormPlan::Complete),
    DemoService {
        public: true,
        ..service("Pagamenti pagoPA", DataClass::Ordinari, Destination::Iaas, FormPlan::Draft)
    },
    service("Amministrazione trasparente", DataClass::Ordinari, Destination::Iaas, FormPlan::Complete),
    service("Gestione documentale", DataClass::Ordinari, Destination::Saas, FormPlan::Complete),
];

/// What the seed wrote: the project's forms, and how many of them are
/// drafts and how many submitted ones fail a pre-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAttestation {
    pub forms: usize,
    pub drafts: usize,
    pub failing: usize,
}

/// Who acts in the story.
struct Cast {
    masone: Organisation,
    rtd: User,
    office: User,
    provider: Organisation,
    provider_admin: User,
    attestor: Organisation,
    attestor_user: User,
}

/// Seeds the records when the demo organisations exist, Masone has its
/// profile and no project has a contract yet; `None` when it wrote nothing.
pub async fn seed(store: &Store, blobs: &BlobStore, now: Now) -> Result<Option<DemoAttestation>, Error> {
    let Some(cast) = cast(store).await? else { return Ok(None) };
    let (contracts, _) = store.attestation_record_counts().await?;
    if contracts > 0 || store.ente_profile(&cast.masone.id).await?.is_none() {
        return Ok(None);
    }
    let app = financed_and_contracted(store, now, &cast).await?;
    let contract = contract::record(store, blobs, now, &cast, &app).await?;
    let app = migrate(store, now, app).await?;
    let landing = forms::landing(store, now, &cast, &contract).await?;
    let summary = forms::fill(store, blobs, now, &cast, &app, &contract, &landing).await?;
    let eligible_from = eligible_from(store, &app).await?;
    let done = ago(now, COMPLETED);
    let event = CallApplicationEvent::Complete { on: done.today };
    let app = step(store, &app, Side::Ente, event, Fact::Completed { on: done.today }, done, eligible_from).await?;
    attestor::at_work(store, now, &cast, &app).await?;
    Ok(Some(summary))
}

async fn cast(store: &Store) -> Result<Option<Cast>, Error> {
    let (Some(masone), Some(provider), Some(attestor)) = (
        store.find_organisation_by_name(MASONE).await?,
        store.find_organisation_by_name(PROVIDER).await?,
        store.find_organisation_by_name(ATTESTOR).await?,
    ) else {
        return Ok(None);
    };
    let first = |users: Vec<User>| users.into_iter().next().ok_or_else(Error::internal);
    let (rtd, provider_admin) =
        (first(store.list_users(&masone.id).await?)?, first(store.list_users(&provider.id).await?)?);
    let office = store.users_of_kind(OrganisationKind::ProgrammeOffice).await?;
    let office = office.into_iter().find(|u| u.email == OFFICE_MEMBER).ok_or_else(Error::internal)?;
    let attestor_user = store.list_users(&attestor.id).await?.into_iter().find(|u| u.email == ATTESTOR_USER);
    let attestor_user = attestor_user.ok_or_else(Error::internal)?;
    Ok(Some(Cast { masone, rtd, office, provider, provider_admin, attestor, attestor_user }))
}

/// `now`, `days` earlier: the instant a step of the story is recorded at.
fn ago(now: Now, days: u64) -> Now {
    Now { ms: now.ms - days as i64 * 86_400_000, today: now.today - Days::new(days) }
}

/// The closed call, Masone's inventory and its project on the call, moved
/// from the draft to the contract's activation.
async fn financed_and_contracted(store: &Store, now: Now, cast: &Cast) -> Result<CallApplication, Error> {
    let actor = Actor::system();
    let opened = ago(now, CALL_OPENS);
    let fields = CallFields {
        title: CALL_TITLE.into(),
        measure: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
        opens_on: opened.today,
        closes_on: ago(now, CALL_CLOSES).today,
        status: "TERMINATO".into(),
        budget_cents: Cents::from_euros(40_000_000).0,
        measure_budget_cents: Cents::from_euros(987_000_000).0,
        targets: vec!["Comuni".into()],
    };
    let call = fields.check().map_err(|e| Error::unprocessable(e.message()))?;
    store.create_call(&actor, &call, &cast.office.id, opened.ms).await?;

    let list = store.call_service_list(&call.id).await?.ok_or_else(Error::internal)?.services;
    let mut choices = Vec::with_capacity(SERVICES.len());
    for s in &SERVICES {
        let listed = list.iter().find(|l| l.name == s.name).ok_or_else(Error::internal)?;
        let fields = ServiceFields {
            name: s.name.into(),
            data_class: Some(s.class),
            origin: Some(Origin::OnPremiseStructured),
            site_id: None,
            status: ServiceStatus::InUse,
        };
        let owned = store.create_ente_service(&actor, &cast.masone.id, &fields, opened.ms).await?;
        choices.push(Choice {
            service_code: listed.code.clone(),
            service_name: listed.name.clone(),
            ente_service_id: owned.id,
            data_class: s.class,
            origin: Origin::OnPremiseStructured,
            destination: s.destination,
            earlier_move: None,
            improved_to: None,
            migrated_on: None,
        });
    }
    let tariff = store.tariff(call.voucher_tariff().unwrap_or_default()).await?.ok_or_else(Error::internal)?;
    let profile = store.ente_profile(&cast.masone.id).await?.ok_or_else(Error::internal)?;
    let declared: Vec<ServiceChoice> = choices.iter().map(Choice::declared).collect();
    let table = ScenarioTable::official().map_err(|_| Error::internal())?;
    let population = class_population(&tariff, &profile)?;
    let counts = check_selection(tariff.class_for(population), &table, &declared).map_err(|_| Error::internal())?;
    let quote = voucher::quote(&tariff, population, counts.rehost, counts.upgrade)
        .map_err(|e| Error::unprocessable(e.message()))?;
    let submitted = ago(now, SUBMITTED);
    let new = NewApplication {
        organisation_id: &cast.masone.id,
        call: &call,
        tariff_code: tariff.code(),
        quote: &quote,
        created_by: &cast.rtd.id,
    };
    let draft = store.create_call_application(&actor, &new, submitted.ms).await?;
    store.save_choices(&actor, &draft, &choices, &quote, submitted.ms).await?;

    let (_, settings) = settings_of(store, &call).await?;
    let windows = settings.check(classes_of(store, &call).await?).map_err(|_| Error::internal())?;
    let window = windows.check_submission(submitted.today).map_err(|e| Error::conflict(e.message()))?;
    let eligible_from = settings.eligibility_start;
    let app = store.call_application(&draft.id).await?.ok_or_else(Error::internal)?;
    let (event, fact) = (
        CallApplicationEvent::Submit { on: submitted.today },
        Fact::Submitted { at: submitted.utc(), window: window as u32 },
    );
    let app = step(store, &app, Side::Ente, event, fact, submitted, eligible_from).await?;
    let decreed = ago(now, DECREED);
    let (event, fact) = (
        CallApplicationEvent::Finance { decree_on: decreed.today },
        Fact::Decreed { on: decreed.today, amount: quote.amount },
    );
    let app = step(store, &app, Side::Office, event, fact, decreed, eligible_from).await?;
    check_cup(Side::Ente, app.state).map_err(|e| Error::conflict(e.message()))?;
    let cup = Cup::parse(CUP).map_err(|e| Error::unprocessable(e.message()))?;
    let given = ago(now, CUP_GIVEN);
    store.give_cup(&actor, &app, cup.as_str(), given.today, given.ms).await?;
    let app = store.call_application(&app.id).await?.ok_or_else(Error::internal)?;
    let activated = ago(now, ACTIVATED);
    let (event, fact) = (
        CallApplicationEvent::ActivateContract { on: activated.today },
        Fact::ContractActivated { on: activated.today },
    );
    step(store, &app, Side::Ente, event, fact, activated, eligible_from).await
}

/// Marks every service migrated, on the day of the migration.
async fn migrate(store: &Store, now: Now, mut app: CallApplication) -> Result<CallApplication, Error> {
    let on = ago(now, MIGRATED);
    let eligible_from = eligible_from(store, &app).await?;
    for (i, choice) in store.application_choices(&app.id).await?.iter().enumerate() {
        check_not_migrated(&choice.service_name, choice.migrated_on).map_err(|e| Error::conflict(e.message()))?;
        check_migrated_on(app.state, &facts(&app, eligible_from), on.today, on.today)
            .map_err(|e| Error::unprocessable(e.message()))?;
        store.mark_migrated(&Actor::system(), &app, i + 1, choice, on.today, on.ms).await?;
        app = store.call_application(&app.id).await?.ok_or_else(Error::internal)?;
    }
    Ok(app)
}

async fn eligible_from(store: &Store, app: &CallApplication) -> Result<NaiveDate, Error> {
    let call = store.find_call(&app.call_id).await?.ok_or_else(Error::internal)?;
    Ok(settings_of(store, &call).await?.1.eligibility_start)
}

fn facts(app: &CallApplication, eligible_from: NaiveDate) -> Facts {
    Facts {
        submitted_on: app.submitted_at.map(|t| t.date_naive()),
        decree_on: app.financed_on,
        cup_given: app.cup_given_on.is_some(),
        contract_activated_on: app.contract_activated_on,
        completed_on: app.completed_on,
        services: app.services,
        services_migrated: app.services_migrated,
        eligible_from: Some(eligible_from),
    }
}

/// Moves `app` with `event` on the day `on`, recording `fact`.
async fn step(
    store: &Store,
    app: &CallApplication,
    side: Side,
    event: CallApplicationEvent,
    fact: Fact,
    on: Now,
    eligible_from: NaiveDate,
) -> Result<CallApplication, Error> {
    let to = transition(app.state, &facts(app, eligible_from), &event, side, on.today)
        .map_err(|e| Error::unprocessable(e.message()))?;
    let financed = app.financed_on.is_some() || matches!(fact, Fact::Decreed { .. });
    store.record_fact(&Actor::system(), app, to, to.funding_status(financed), &fact, on.ms).await?;
    store.call_application(&app.id).await?.ok_or_else(Error::internal)
}
