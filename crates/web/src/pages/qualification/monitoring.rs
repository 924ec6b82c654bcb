//! The monitoring pages: one qualified service's certificates, alerts,
//! notified changes and checks, with the provider's and the agency's forms;
//! the agency's desk; the provider's list of what is due and when.

use super::status_of;
use crate::auth::csrf::CsrfForm;
use crate::extract::Path;
use crate::i18n::Lang;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::monitoring::certificates::{CertificateForm, Standard};
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage, notice_days};
use cloudpa_domain::qualification::monitoring::checks::{CheckKind, CheckOutcome};
use cloudpa_workflows::qualification::monitoring::reviews::{self, CheckOpening};
use cloudpa_workflows::qualification::monitoring::{self as flow, Due, Monitoring, certificates, desk};
use serde::Deserialize;

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A requirement's alternatives as people read them: `A + B | C`.
fn alternatives(any_of: &[Vec<String>]) -> String {
    let name = |code: &String| Standard::parse(code).map_or_else(|| code.clone(), |s| s.name().to_owned());
    let all: Vec<String> = any_of.iter().map(|a| a.iter().map(name).collect::<Vec<_>>().join(" + ")).collect();
    all.join(" | ")
}

fn requirement_text(key: &str) -> String {
    let any_of: Vec<Vec<String>> = key.split('|').map(|a| a.split('+').map(str::to_owned).collect()).collect();
    alternatives(&any_of)
}

#[derive(Template)]
#[template(path = "monitoring.html")]
struct ServicePage {
    layout: Layout,
    problem: Option<Problem>,
    m: Monitoring,
    provider: bool,
    agency: bool,
    status: String,
    requirements: Vec<(String, String, bool)>,
    certificates: Vec<CertificateRow>,
    alerts: Vec<(String, String, String, String, Option<String>)>,
    changes: Vec<ChangeRow>,
    checks: Vec<CheckRow>,
    standards: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
    csrf_token: String,
}

struct CertificateRow {
    standard: &'static str,
    issuer: String,
    accreditation: String,
    number: String,
    from: String,
    until: String,
    valid: bool,
}

struct ChangeRow {
    id: String,
    kind: &'static str,
    summary: String,
    notified_on: String,
    effective_on: String,
    notice: String,
    triage: Option<&'static str>,
    triage_label: &'static str,
    motivation: String,
}

struct CheckRow {
    id: String,
    kind: &'static str,
    subject: String,
    opened_on: String,
    respond_by: String,
    outcome: Option<&'static str>,
    outcome_label: &'static str,
    findings: String,
    suspended_until: Option<String>,
}

pub(crate) async fn show(v: Visit, Path(id): Path<String>) -> Result<Response, Problem> {
    service_page(&v, &id, None).await
}

async fn service_page(v: &Visit, id: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let m = flow::of_listing(&v.state, &v.user, v.now, id).await?;
    let lang = v.page.lang;
    let provider = v.user.organisation.kind == OrganisationKind::Provider;
    let status =
        m.status.map_or_else(|| lang.t("mon-status-none").to_owned(), |s| lang.named("q-status", s.code()).to_owned());
    let page = ServicePage {
        layout: v.page.titled(
            m.listing.details.name.clone(),
            &[(if provider { "/fornitore/monitoraggio" } else { "/agenzia/monitoraggio" }, "mon-title")],
        ),
        problem: problem.clone(),
        provider,
        agency: v.user.organisation.kind == OrganisationKind::Agency,
        status,
        requirements: m.requirements.iter().map(|r| (r.reference.clone(), alternatives(&r.any_of), r.met)).collect(),
        certificates: m
            .certificates
            .iter()
            .map(|c| CertificateRow {
                standard: c.standard.name(),
                issuer: c.issuer.clone(),
                accreditation: c.accreditation.clone(),
                number: c.number.clone(),
                from: day(c.valid_from),
                until: day(c.valid_until),
                valid: c.held().valid_on(m.as_of),
            })
            .collect(),
        alerts: m
            .alerts
            .iter()
            .map(|a| {
                let text = requirement_text(&a.requirement);
                (a.id.clone(), a.reference.clone(), text, day(a.opened_on), a.closed_on.map(day))
            })
            .collect(),
        changes: m
            .changes
            .iter()
            .map(|c| ChangeRow {
                id: c.id.clone(),
                kind: lang.named("mon-change-kind", c.kind.code()),
                summary: c.summary.clone(),
                notified_on: day(c.notified_on),
                effective_on: day(c.effective_on),
                notice: lang
                    .text(&Message::new("mon-notice-days").arg("days", notice_days(c.notified_on, c.effective_on))),
                triage: c.triage.map(ChangeTriage::code),
                triage_label: c.triage.map_or("", |t| lang.named("mon-triage", t.code())),
                motivation: c.triage_motivation.clone().unwrap_or_default(),
            })
            .collect(),
        checks: m
            .checks
            .iter()
            .map(|c| CheckRow {
                id: c.id.clone(),
                kind: lang.named("mon-check-kind", c.kind.code()),
                subject: c.subject.clone(),
                opened_on: day(c.opened_on),
                respond_by: day(c.respond_by),
                outcome: c.outcome.map(CheckOutcome::code),
                outcome_label: c.outcome.map_or("", |o| lang.named("mon-outcome", o.code())),
                findings: c.findings.clone().unwrap_or_default(),
                suspended_until: c.suspended_until.map(day),
            })
            .collect(),
        standards: Standard::ALL.iter().map(|s| (s.code(), s.name())).collect(),
        kinds: ChangeKind::ALL.iter().map(|k| (k.code(), lang.named("mon-change-kind", k.code()))).collect(),
        csrf_token: v.user.csrf_token.clone(),
        m,
    };
    Ok((status_of(&problem), render(&page)).into_response())
}

/// Back to the service's page, or the page again with the problem shown.
async fn outcome<T>(v: &Visit, id: &str, result: Result<T, impl Into<Problem>>) -> Result<Response, Problem> {
    redirect_or(result, |_| format!("/monitoraggio/servizi/{id}"), |problem| service_page(v, id, Some(problem))).await
}

/// A date typed in a form, or the field's problem.
fn date(field: &'static str, text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Problem::validation().field(field, Message::new("mon-date-missing")))
}

#[derive(Deserialize)]
pub(crate) struct CertificateFields {
    #[serde(default)]
    standard: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    accreditation: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_until: String,
}

pub(crate) async fn add_certificate(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<CertificateFields>,
) -> Result<Response, Problem> {
    let form = CertificateForm {
        standard: f.standard,
        issuer: f.issuer,
        accreditation: f.accreditation,
        number: f.number,
        valid_from: date("valid_from", &f.valid_from).ok(),
        valid_until: date("valid_until", &f.valid_until).ok(),
    };
    let result = certificates::add(&v.state, &v.user, v.now, &id, &form).await;
    outcome(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct ChangeFields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    effective_on: String,
}

pub(crate) async fn notify_change(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ChangeFields>,
) -> Result<Response, Problem> {
    let result = match (ChangeKind::parse(&f.kind), date("effective_on", &f.effective_on)) {
        (Some(kind), Ok(on)) => {
            reviews::notify(&v.state, &v.user, v.now, &id, (kind, &f.summary, on)).await.map_err(Problem::from)
        }
        (None, _) => Err(Problem::validation().field("kind", Message::new("mon-rule-change-kind"))),
        (_, Err(problem)) => Err(problem),
    };
    outcome(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct CheckFields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    respond_by: String,
    #[serde(default)]
    alert_id: String,
}

pub(crate) async fn open_check(
    v: Visit,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<CheckFields>,
) -> Result<Response, Problem> {
    let alert_id = Some(f.alert_id.as_str()).filter(|a| !a.is_empty());
    let result = match (CheckKind::parse(&f.kind), date("respond_by", &f.respond_by)) {
        (Some(kind), Ok(respond_by)) => {
            let opening = CheckOpening { kind, subject: &f.subject, respond_by, alert_id };
            reviews::open_check(&v.state, &v.user, v.now, &id, opening).await.map_err(Problem::from)
        }
        (None, _) => Err(Problem::validation().field("kind", Message::new("mon-rule-check-kind"))),
        (_, Err(problem)) => Err(problem),
    };
    outcome(&v, &id, result).await
}

#[derive(Deserialize)]
pub(crate) struct TriageFields {
    #[serde(default)]
    triage: String,
    #[serde(default)]
    motivation: String,
}

pub(crate) async fn triage(
    v: Visit,
    Path(change_id): Path<String>,
    CsrfForm(f): CsrfForm<TriageFields>,
) -> Result<Response, Problem> {
    let change = v.state.store.notified_change(&change_id).await?;
    let change = change.ok_or_else(|| {
        Problem::not_found(Message::new("error-not-found").arg("what", Message::new("mon-no-change")))
    })?;
    let result = match ChangeTriage::parse(&f.triage) {
        Some(t) => {
            reviews::triage(&v.state, &v.user, v.now, &change_id, (t, &f.motivation)).await.map_err(Problem::from)
        }
        None => Err(Problem::validation().field("triage", Message::new("mon-rule-triage"))),
    };
    outcome(&v, &change.listing_id, result).await
}

#[derive(Deserialize)]
pub(crate) struct CloseFields {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    findings: String,
    #[serde(default)]
    suspend_until: String,
}

pub(crate) async fn close_check(
    v: Visit,
    Path(check_id): Path<String>,
    CsrfForm(f): CsrfForm<CloseFields>,
) -> Result<Response, Problem> {
    let check = v.state.store.check(&check_id).await?;
    let check = check
        .ok_or_else(|| Problem::not_found(Message::new("error-not-found").arg("what", Message::new("mon-no-check"))))?;
    let suspend = match f.suspend_until.trim() {
        "" => Ok(None),
        text => date("suspend_until", text).map(Some),
    };
    let result = match (CheckOutcome::parse(&f.outcome), suspend) {
        (Some(o), Ok(until)) => reviews::close_check(&v.state, &v.user, v.now, &check_id, (o, &f.findings, until))
            .await
            .map_err(Problem::from),
        (None, _) => Err(Problem::validation().field("outcome", Message::new("mon-rule-check-outcome"))),
        (_, Err(problem)) => Err(problem),
    };
    outcome(&v, &check.listing_id, result).await
}

#[derive(Template)]
#[template(path = "monitoring_desk.html")]
struct DeskPage {
    layout: Layout,
    agency: bool,
    /// (listing, service, what, about, day)
    rows: Vec<(String, String, String, String, String)>,
    alerts: Vec<(String, String, String, String)>,
    changes: Vec<(String, String, String, String)>,
    checks: Vec<(String, String, String, String)>,
}

fn due_row(lang: Lang, listing_id: String, service: String, due: Due) -> (String, String, String, String, String) {
    let on = day(due.on());
    let (what, about) = match due {
        Due::CertificateEnds { standard, .. } => ("mon-due-certificate", requirement_text(&standard)),
        Due::CheckAnswer { subject, .. } => ("mon-due-check", subject),
        Due::RequirementUnmet { requirement, reference, .. } => {
            ("mon-due-unmet", format!("{reference}: {}", requirement_text(&requirement)))
        }
    };
    (listing_id, service, lang.t(what).to_owned(), about, on)
}

pub(crate) async fn provider_desk(v: Visit) -> Result<Response, Problem> {
    let owed = desk::provider(&v.state, &v.user, v.now).await?;
    let lang = v.page.lang;
    let page = DeskPage {
        layout: v.page.layout("mon-title", &[("/fornitore", "portal-title")]),
        agency: false,
        rows: owed.into_iter().map(|o| due_row(lang, o.listing_id, o.service, o.due)).collect(),
        alerts: Vec::new(),
        changes: Vec::new(),
        checks: Vec::new(),
    };
    Ok(render(&page))
}

pub(crate) async fn agency_desk(v: Visit) -> Result<Response, Problem> {
    let d = desk::agency(&v.state, &v.user).await?;
    let page = DeskPage {
        layout: v.page.layout("mon-title", &[]),
        agency: true,
        rows: Vec::new(),
        alerts: d
            .alerts
            .into_iter()
            .map(|n| {
                let about = format!("{} {}: {}", n.item.level, n.item.reference, requirement_text(&n.item.requirement));
                (n.item.listing_id, n.service, about, day(n.item.opened_on))
            })
            .collect(),
        changes: d
            .changes
            .into_iter()
            .map(|n| (n.item.listing_id, n.service, n.item.summary, day(n.item.effective_on)))
            .collect(),
        checks: d
            .checks
            .into_iter()
            .map(|n| (n.item.listing_id, n.service, n.item.subject, day(n.item.respond_by)))
            .collect(),
    };
    Ok(render(&page))
}
