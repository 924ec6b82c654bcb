//! The attestor's work on a project: the programme office assigns it to an
//! attestor organisation, which alone (with the office) sees it; a verdict
//! per item of the checklist, requests for documents the ente answers, and
//! the outcome, which moves the project (positive → attested, partially
//! positive → back to the ente, negative → revoked).

use super::forms::{definition_of, service_facts_shape};
use crate::programme::applications::apply;
use crate::qualification::require;
use crate::{Context, Error, ErrorKind, Now};
use cloudpa_documents::attestation_report::{AttestationReport, ReportItem, render};
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::attestation::verification::{PROJECT_CHECKS, Tally, Verdict, check_outcome};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::{AttestationOutcome, CallApplicationEvent, CallApplicationState, Side};
use cloudpa_i18n::Lang;
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::attestation::forms::{ComplianceForm, FormState};
use cloudpa_store::attestation::live::LiveVerification;
use cloudpa_store::attestation::verification::{DocumentRequest, GivenVerdict, NewRequest, StoredVerdict};
use cloudpa_store::programme::applications::{CallApplication, Choice, Fact};

/// One item of a project's checklist: position 0 for the project's checks,
/// a service's position for the sections of its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub position: i64,
    pub item: String,
    pub title: String,
    pub title_en: String,
    pub verdict: Option<StoredVerdict>,
}

/// A project as its attestor (or the office) verifies it.
pub struct Verification {
    pub application: CallApplication,
    pub attestor_id: Option<String>,
    pub choices: Vec<Choice>,
    pub forms: Vec<ComplianceForm>,
    pub checklist: Vec<ChecklistItem>,
    pub requests: Vec<DocumentRequest>,
    pub lives: Vec<LiveVerification>,
    pub tally: Tally,
}

/// Loads a project for its assigned attestor (any other attestor: 404, as
/// for a project that does not exist) or for the programme office.
pub(super) async fn load(
    ctx: &Context,
    user: &SessionUser,
    id: &str,
    permission: Permission,
) -> Result<CallApplication, Error> {
    let not_found = || Error::not_found(Message::new("att-project-not-found").arg("id", id));
    let app = ctx.store.call_application(id).await?.ok_or_else(not_found)?;
    match user.organisation.kind {
        OrganisationKind::ProgrammeOffice => require(user, Permission::ViewWorklist)?,
        _ => {
            require(user, permission)?;
            if ctx.store.attestor_of(&app.id).await?.as_deref() != Some(user.organisation.id.as_str()) {
                return Err(not_found());
            }
        }
    }
    if app.state == CallApplicationState::Draft {
        return Err(not_found());
    }
    Ok(app)
}

/// The programme office assigns a financed project to an attestor
/// organisation.
pub async fn assign(ctx: &Context, user: &SessionUser, now: Now, id: &str, attestor_id: &str) -> Result<(), Error> {
    require(user, Permission::DecideApplications)?;
    let app = ctx
        .store
        .call_application(id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("att-project-not-found").arg("id", id)))?;
    if app.financed_on.is_none() || app.state == CallApplicationState::Draft {
        return Err(Error::conflict(Message::new("att-assign-not-financed")));
    }
    let attestor = ctx.store.organisation(attestor_id).await?;
    if attestor.is_none_or(|o| o.kind != OrganisationKind::Attestor) {
        return Err(Error::invalid([("attestor_id", Message::new("att-not-an-attestor"))]));
    }
    Ok(ctx.store.assign_attestor(&user.actor(), &app.id, attestor_id, &user.user.id, now.ms).await?)
}

/// The projects assigned to the user's attestor organisation.
pub async fn worklist(ctx: &Context, user: &SessionUser) -> Result<Vec<CallApplication>, Error> {
    require(user, Permission::ViewAssignedProjects)?;
    Ok(ctx.store.projects_of_attestor(&user.organisation.id).await?)
}

/// The project's checklist with its verdicts, its forms and requests.
pub async fn view(ctx: &Context, user: &SessionUser, id: &str) -> Result<Verification, Error> {
    let app = load(ctx, user, id, Permission::ViewAssignedProjects).await?;
    verification_of(ctx, app).await
}

pub(super) async fn verification_of(ctx: &Context, application: CallApplication) -> Result<Verification, Error> {
    let choices = ctx.store.application_choices(&application.id).await?;
    let forms = ctx.store.compliance_forms(&application.id).await?;
    let verdicts = ctx.store.verdicts(&application.id).await?;
    let verdict =
        |position: i64, item: &str| verdicts.iter().find(|v| v.position == position && v.item == item).cloned();
    let mut checklist: Vec<ChecklistItem> = PROJECT_CHECKS
        .iter()
        .map(|item| {
            let key = format!("att-project-check-{item}");
            ChecklistItem {
                position: 0,
                item: (*item).to_owned(),
                title: Lang::It.t(&key).to_owned(),
                title_en: Lang::En.t(&key).to_owned(),
                verdict: verdict(0, item),
            }
        })
        .collect();
    for (i, choice) in choices.iter().enumerate() {
        let position = i as i64 + 1;
        let definition = definition_of(choice)?;
        let answers = forms.iter().find(|f| f.position == position).map(|f| f.answers.clone()).unwrap_or_default();
        let facts = service_facts_shape(choice).form_facts();
        for section in &definition.sections {
            if section.items.iter().any(|i| definition.applicable(&facts, &answers).any(|a| a.id == i.id)) {
                checklist.push(ChecklistItem {
                    position,
                    item: section.id.clone(),
                    title: section.title.clone(),
                    title_en: section.title_en.clone(),
                    verdict: verdict(position, &section.id),
                });
            }
        }
    }
    let submitted = forms.iter().filter(|f| f.state == FormState::Submitted).count();
    let tally = Tally::of(
        checklist.len(),
        choices.len().saturating_sub(submitted),
        checklist.iter().filter_map(|c| c.verdict.as_ref().map(|v| v.verdict)),
    );
    let requests = ctx.store.document_requests(&application.id).await?;
    let lives = ctx.store.live_verifications(&application.id).await?;
    let attestor_id = ctx.store.attestor_of(&application.id).await?;
    Ok(Verification { application, attestor_id, choices, forms, checklist, requests, lives, tally })
}

/// The attestor's verdict on one item of the checklist of a completed
/// project; with `expected` (the verdict's version it was given to, 0 for
/// none yet), refused when a colleague's verdict on the item came first.
pub async fn give_verdict(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    (given, expected): (&GivenVerdict<'_>, Option<i64>),
) -> Result<Verification, Error> {
    let app = attestor_project(ctx, user, id).await?;
    let current = verification_of(ctx, app).await?;
    if !current.checklist.iter().any(|c| c.position == given.position && c.item == given.item) {
        let rule = Message::new("att-not-a-checklist-item").arg("position", given.position);
        return Err(Error::invalid([("item", rule)]));
    }
    if given.verdict != Verdict::Pass && given.note.trim().is_empty() {
        return Err(Error::invalid([("note", Message::new("att-verdict-note-missing"))]));
    }
    let actor = user.actor();
    ctx.store.save_verdict(&actor, &current.application.id, (given, expected), &user.user.id, now.ms).await?;
    verification_of(ctx, current.application).await
}

/// Sends the ente a request for documents, due on `due_on`.
pub async fn request_documents(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    request: &NewRequest<'_>,
) -> Result<Verification, Error> {
    let app = attestor_project(ctx, user, id).await?;
    let mut errors = Vec::new();
    if request.text.trim().is_empty() {
        errors.push(("text", Message::new("att-request-text-missing")));
    }
    if request.due_on <= now.today {
        errors.push(("due_on", Message::new("att-after-today")));
    }
    if request.position < 0 || request.position > i64::from(app.services) {
        errors.push(("position", Message::new("att-request-position").arg("services", app.services)));
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    ctx.store.add_document_request(&user.actor(), &app.id, request, &user.user.id, now.ms).await?;
    verification_of(ctx, app).await
}

/// The attestor's outcome: every form submitted and every item decided,
/// checked by the domain; the project moves as the outcome says.
pub async fn decide(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    id: &str,
    outcome: AttestationOutcome,
    motivation: &str,
) -> Result<CallApplication, Error> {
    let app = attestor_project(ctx, user, id).await?;
    let current = verification_of(ctx, app).await?;
    check_outcome(outcome, &current.tally, motivation)
        .map_err(|e| Error::new(ErrorKind::Rule).detail(e.message()).field("outcome", e.message()))?;
    let event = CallApplicationEvent::RecordAttestation { outcome, on: now.today };
    let fact = Fact::Attested { on: now.today, outcome, motivation: motivation.trim().to_owned() };
    apply(ctx, user, now, &current.application, Side::Attestor, event, fact).await
}

/// The attestor's report of the project's last outcome (PDF/A): its
/// attestor, the programme office, or the ente (or its aggregator).
pub async fn report(ctx: &Context, user: &SessionUser, now: Now, id: &str) -> Result<Vec<u8>, Error> {
    let app = match user.organisation.kind {
        OrganisationKind::PublicBody => {
            crate::programme::applications::load(ctx, user, now, id, Permission::ViewOwnProgramme).await?.0
        }
        _ => load(ctx, user, id, Permission::ViewAssignedProjects).await?,
    };
    let decided_on = app.attested_on.ok_or_else(|| Error::not_found(Message::new("att-report-no-outcome")))?;
    let current = verification_of(ctx, app).await?;
    let attestor = match &current.attestor_id {
        Some(id) => ctx.store.organisation(id).await?.map(|o| o.name),
        None => None,
    };
    let app = &current.application;
    let lang = Lang::parse(&user.user.language).unwrap_or(Lang::It);
    let outcome = lang.t(match app.state {
        CallApplicationState::Revoked => "doc-report-outcome-negative",
        CallApplicationState::Contracted | CallApplicationState::Completed => "doc-report-outcome-partial",
        _ => "doc-report-outcome-positive",
    });
    let names: Vec<String> = current.choices.iter().map(|c| c.service_name.clone()).collect();
    let items = current
        .checklist
        .iter()
        .map(|c| ReportItem {
            scope: match c.position {
                0 => lang.t("doc-report-scope-project").to_owned(),
                p => lang.text(
                    &Message::new("doc-report-scope-service")
                        .arg("position", p)
                        .arg("name", names.get(p as usize - 1).map_or("", String::as_str)),
                ),
            },
            title: if lang == Lang::It { &c.title } else { &c.title_en },
            verdict: lang.t(c.verdict.as_ref().map_or("doc-report-verdict-none", |v| match v.verdict {
                Verdict::Pass => "doc-report-verdict-pass",
                Verdict::Fail => "doc-report-verdict-fail",
                Verdict::RequestDocuments => "doc-report-verdict-documents",
            })),
            note: c.verdict.as_ref().map_or("", |v| v.note.as_str()),
        })
        .collect();
    let report = AttestationReport {
        application_id: &app.id,
        ente: &app.ente_name,
        call: &app.call_title,
        cup: app.cup.as_deref().unwrap_or("—"),
        attestor: attestor.as_deref().unwrap_or(lang.t("doc-report-attestor-office")),
        outcome,
        decided_on,
        motivation: app.motivation.as_deref().unwrap_or_default(),
        items,
    };
    render(&report, lang).map_err(|e| {
        tracing::error!(error = %e, "the attestation report did not render");
        Error::internal()
    })
}

/// A completed project assigned to the user's attestor organisation, for a
/// user who may attest.
pub(super) async fn attestor_project(ctx: &Context, user: &SessionUser, id: &str) -> Result<CallApplication, Error> {
    require(user, Permission::Attest)?;
    let app = load(ctx, user, id, Permission::Attest).await?;
    if app.state != CallApplicationState::Completed {
        return Err(Error::conflict(Message::new("att-not-completed").arg("state", app.state.code())));
    }
    Ok(app)
}
