//! The demo attestor at work on Masone's completed project: assigned by the
//! programme office, it has passed some of the project's checks, asked for
//! the full resource report of the service whose report is too short (a
//! request due in ten days), failed the addresses of the service with an
//! address outside the provider's range, and booked the live verification
//! of the SaaS service in a few days, by videocall.

use super::forms::{FormPlan, REPORT_TO, SHORT_REPORT_FROM};
use super::{Cast, SERVICES, ago};
use crate::attestation::forms::definition_of;
use crate::{Error, Now};
use chrono::{Days, NaiveTime};
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::attestation::live::{LiveMode, check_schedule};
use cloudpa_domain::attestation::prechecks::REPORT_MIN_DAYS;
use cloudpa_domain::attestation::verification::{PROJECT_CHECKS, Verdict};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::scenarios::Destination;
use cloudpa_domain::time::local_in_rome;
use cloudpa_store::attestation::live::NewLive;
use cloudpa_store::attestation::verification::{GivenVerdict, NewRequest};
use cloudpa_store::programme::applications::{CallApplication, Choice};
use cloudpa_store::{Actor, Store};

const ASSIGNED: u64 = 18;
const VERIFIED: u64 = 4;
const REQUESTED: u64 = 3;
const SCHEDULED: u64 = 2;
/// The request is due this many days from today.
const REQUEST_DUE: u64 = 10;
/// The live verification is held this many days from today, at 10:30.
const LIVE_IN: u64 = 4;
/// The project's checks the attestor has passed already.
const PASSED: [&str; 3] = ["contract", "single_funding", "dnsh"];

pub(super) async fn at_work(store: &Store, now: Now, cast: &Cast, app: &CallApplication) -> Result<(), Error> {
    let actor = Actor::system();
    if app.financed_on.is_none() || cast.attestor.kind != OrganisationKind::Attestor {
        return Err(Error::conflict(Message::new("att-demo-assign")));
    }
    if app.state != CallApplicationState::Completed {
        return Err(Error::conflict(Message::new("att-demo-not-completed")));
    }
    let assigned = ago(now, ASSIGNED);
    store.assign_attestor(&actor, &app.id, &cast.attestor.id, &cast.office.id, assigned.ms).await?;
    let choices = store.application_choices(&app.id).await?;
    let position = |plan: FormPlan| SERVICES.iter().position(|s| s.form == plan).map(|i| i as i64 + 1);
    let (short, foreign) = (position(FormPlan::ShortReport), position(FormPlan::ForeignAddress));
    let (short, foreign) = (short.ok_or_else(Error::internal)?, foreign.ok_or_else(Error::internal)?);

    let verified = ago(now, VERIFIED);
    let by = &cast.attestor_user.id;
    for item in PASSED {
        PROJECT_CHECKS.iter().find(|id| **id == item).ok_or_else(Error::internal)?;
        let given = GivenVerdict { position: 0, item, verdict: Verdict::Pass, note: "" };
        store.save_verdict(&actor, &app.id, (&given, None), by, verified.ms).await?;
    }
    let days = SHORT_REPORT_FROM - REPORT_TO + 1;
    let note = format!(
        "Il report delle risorse copre {days} giorni: ne servono almeno {REPORT_MIN_DAYS}. Inviare il report completo."
    );
    let report = section_of(&choices, short, "report_to")?;
    let given = GivenVerdict { position: short, item: &report, verdict: Verdict::RequestDocuments, note: &note };
    store.save_verdict(&actor, &app.id, (&given, None), by, verified.ms).await?;
    let addresses = section_of(&choices, foreign, "public_ips")?;
    let why = "Un indirizzo pubblico è fuori dagli intervalli annunciati dal fornitore per la sua infrastruttura.";
    let given = GivenVerdict { position: foreign, item: &addresses, verdict: Verdict::Fail, note: why };
    store.save_verdict(&actor, &app.id, (&given, None), by, verified.ms).await?;

    let requested = ago(now, REQUESTED);
    let due_on = now.today + Days::new(REQUEST_DUE);
    if due_on <= requested.today || short > i64::from(app.services) {
        return Err(Error::internal());
    }
    let request = NewRequest { position: short, text: &note, due_on };
    store.add_document_request(&actor, &app.id, &request, by, requested.ms).await?;

    let scheduled = ago(now, SCHEDULED);
    let landing = |c: &Choice| c.improved_to.unwrap_or(c.destination);
    let saas = choices.iter().position(|c| landing(c) == Destination::Saas).ok_or_else(Error::internal)?;
    let starts_at = (now.today + Days::new(LIVE_IN)).and_time(NaiveTime::from_hms_opt(10, 30, 0).unwrap_or_default());
    check_schedule(landing(&choices[saas]), starts_at, false, local_in_rome(scheduled.ms))
        .map_err(|e| Error::unprocessable(e.message()))?;
    let details = "https://videochiamate.asseverazioni.demo.cloudpa.it/masone-gestione-documentale";
    let live = NewLive { position: saas as i64 + 1, starts_at, mode: LiveMode::Videocall, details };
    store.schedule_live(&actor, &app.id, &live, by, scheduled.ms).await?;
    Ok(())
}

/// The section of the form of the service at `position` that holds `item`:
/// an item of the attestor's checklist.
fn section_of(choices: &[Choice], position: i64, item: &str) -> Result<String, Error> {
    let choice = usize::try_from(position - 1).ok().and_then(|i| choices.get(i)).ok_or_else(Error::internal)?;
    let definition = definition_of(choice)?;
    let section = definition.sections.iter().find(|s| s.items.iter().any(|i| i.id == item));
    Ok(section.ok_or_else(Error::internal)?.id.clone())
}
