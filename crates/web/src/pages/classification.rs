//! The classification pages: an administration's form (its inventory's
//! services with their class and the reasons, its edge infrastructures) and
//! every version it sent; the agency's national reading.

use crate::auth::csrf::CsrfForm;
use crate::extract::Query;
use crate::pages::qualification::status_of;
use crate::pages::{Layout, Visit, redirect_or, render};
use crate::problem::Problem;
use askama::Template;
use axum::response::{IntoResponse, Response};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::classification::EdgeInfrastructure;
use cloudpa_domain::programme::inventory::ServiceStatus;
use cloudpa_domain::qualification::levels::DataClass;
use cloudpa_store::programme::classifications::Communication;
use cloudpa_workflows::programme::classification::{self as flow, deadline};
use serde::Deserialize;
use std::collections::BTreeMap;

/// How many rows the form offers for edge infrastructures (one more than
/// the latest version's, when it has as many).
const EDGE_ROWS: usize = 3;

fn day(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[derive(Template)]
#[template(path = "classification.html")]
struct FormPage {
    layout: Layout,
    problem: Option<Problem>,
    csrf_token: String,
    /// The ente's id when it is not the user's own organisation (delegated).
    ente_param: String,
    ente_name: String,
    /// (id, name, class name or empty, reasons of the latest version)
    services: Vec<(String, String, String, String)>,
    /// (name, place, nodes, operator) of the latest version, padded to the form's rows.
    edge: Vec<(usize, String, String, String, String)>,
    versions: Vec<VersionRow>,
}

struct VersionRow {
    version: i64,
    submitted_on: String,
    /// (name, class, reasons, migrate by)
    services: Vec<(String, String, String, String)>,
    edge: Vec<(String, String, u32, String)>,
}

#[derive(Deserialize)]
pub(crate) struct Which {
    #[serde(default)]
    ente: String,
}

pub(crate) async fn show(v: Visit, Query(which): Query<Which>) -> Result<Response, Problem> {
    form_page(&v, &which.ente, None).await
}

async fn form_page(v: &Visit, ente: &str, problem: Option<Problem>) -> Result<Response, Problem> {
    let lang = v.page.lang;
    let ente_id = if ente.is_empty() { v.user.organisation.id.as_str() } else { ente };
    let draft = flow::draft(&v.state, &v.user, v.now, ente_id).await?;
    let latest = draft.versions.first();
    let said = |id: &str| {
        latest
            .and_then(|c| c.services.iter().find(|s| s.service_id == id))
            .map(|s| s.reasons.clone())
            .unwrap_or_default()
    };
    let class_name = |c: Option<DataClass>| c.map_or(String::new(), |c| lang.named("data_class", c.code()).to_owned());
    let mut edge: Vec<(usize, String, String, String, String)> = latest
        .map(|c| c.edge.iter().map(|e| (e.name.clone(), e.place.clone(), e.nodes.to_string(), e.operator.clone())))
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, (n, p, k, o))| (i, n, p, k, o))
        .collect();
    let rows = EDGE_ROWS.max(edge.len() + 1);
    while edge.len() < rows {
        edge.push((edge.len(), String::new(), String::new(), String::new(), String::new()));
    }
    let page = FormPage {
        layout: v.page.layout("cls-title", &[("/ente", "nav-ente")]),
        problem: problem.clone(),
        csrf_token: v.user.csrf_token.clone(),
        services: draft
            .services
            .iter()
            .filter(|s| s.status != ServiceStatus::Retired)
            .map(|s| (s.id.clone(), s.name.clone(), class_name(s.data_class), said(&s.id)))
            .collect(),
        edge,
        versions: draft.versions.iter().map(|c| version_row(c, &class_name)).collect(),
        ente_param: if draft.acting.delegated { draft.acting.ente_id } else { String::new() },
        ente_name: draft.acting.ente_name,
    };
    Ok((status_of(&problem), render(&page)).into_response())
}

fn version_row(c: &Communication, class_name: &dyn Fn(Option<DataClass>) -> String) -> VersionRow {
    VersionRow {
        version: c.version,
        submitted_on: day(c.submitted_on),
        services: c
            .services
            .iter()
            .map(|s| {
                (s.name.clone(), class_name(Some(s.class)), s.reasons.clone(), deadline(s).map(day).unwrap_or_default())
            })
            .collect(),
        edge: c.edge.iter().map(|e| (e.name.clone(), e.place.clone(), e.nodes, e.operator.clone())).collect(),
    }
}

/// The form's fields: `ente`, `reasons.<service id>`, and for each row `i`
/// of edge infrastructures `edge_name_i`, `edge_place_i`, `edge_nodes_i`,
/// `edge_operator_i` (a row left empty is not one).
pub(crate) async fn submit(v: Visit, CsrfForm(f): CsrfForm<BTreeMap<String, String>>) -> Result<Response, Problem> {
    let ente = f.get("ente").cloned().unwrap_or_default();
    let ente_id = if ente.is_empty() { v.user.organisation.id.clone() } else { ente.clone() };
    let reasons: BTreeMap<String, String> =
        f.iter().filter_map(|(k, v)| k.strip_prefix("reasons.").map(|id| (id.to_owned(), v.clone()))).collect();
    let field =
        |name: &str, i: usize| f.get(&format!("edge_{name}_{i}")).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut edge = Vec::new();
    let mut problem = Problem::validation();
    for i in 0..f.keys().filter(|k| k.starts_with("edge_name_")).count() {
        let (name, place, nodes, operator) =
            (field("name", i), field("place", i), field("nodes", i), field("operator", i));
        if [&name, &place, &nodes, &operator].iter().all(|v| v.is_empty()) {
            continue;
        }
        match nodes.parse::<u32>() {
            Ok(nodes) => edge.push(EdgeInfrastructure { name, place, nodes, operator }),
            Err(_) => problem = problem.field(format!("edge.{i}.nodes"), Message::new("cls-rule-edge-nodes")),
        }
    }
    let result = if problem.errors.is_empty() {
        flow::submit(&v.state, &v.user, v.now, &ente_id, (&reasons, &edge)).await.map_err(Problem::from)
    } else {
        Err(problem)
    };
    let back =
        if ente.is_empty() { "/ente/classificazione".to_owned() } else { format!("/ente/classificazione?ente={ente}") };
    redirect_or(result, |_| back, |problem| form_page(&v, &ente, Some(problem))).await
}

#[derive(Template)]
#[template(path = "classification_national.html")]
struct NationalPage {
    layout: Layout,
    classes: Vec<String>,
    administrations: u64,
    totals: Vec<u64>,
    regions: Vec<(String, Vec<u64>)>,
    kinds: Vec<(String, Vec<u64>)>,
    edge: (u64, u64),
    terms_confirmed: bool,
    /// (ente, region, version, day, services)
    latest: Vec<(String, String, i64, String, usize)>,
}

pub(crate) async fn national(v: Visit) -> Result<Response, Problem> {
    let lang = v.page.lang;
    let n = flow::national(&v.state, &v.user).await?;
    let row = |counts: &BTreeMap<DataClass, u64>| {
        DataClass::ALL.iter().map(|c| counts.get(c).copied().unwrap_or(0)).collect()
    };
    let t = &n.tally;
    let page = NationalPage {
        layout: v.page.layout("cls-national-title", &[]),
        classes: DataClass::ALL.iter().map(|c| lang.named("data_class", c.code()).to_owned()).collect(),
        administrations: t.administrations,
        totals: row(&t.by_class),
        regions: t.by_region.iter().map(|(r, c)| (r.clone(), row(c))).collect(),
        kinds: t.by_kind.iter().map(|(k, c)| (k.clone(), row(c))).collect(),
        edge: (t.edge_infrastructures, t.edge_nodes),
        terms_confirmed: n.terms_confirmed,
        latest: n
            .latest
            .iter()
            .map(|l| {
                let c = &l.communication;
                (l.ente_name.clone(), l.region.clone(), c.version, day(c.submitted_on), c.services.len())
            })
            .collect(),
    };
    Ok(render(&page))
}
