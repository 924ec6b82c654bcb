//! A snapshot of the answers about calls, figures and territorial teams on
//! the demo data: the programme office's administrator creates and edits a
//! call, loads a service list and sets windows on a past call (whose dates
//! stay put); the open data's figures and exports; a team member's worklist.

use crate::common;

use common::candidature::open_call_fields;
use common::snapshots::{Snapshots, demo, demo_user, path};
use common::*;
use serde_json::json;

/// A past Comuni call of the reference data: its settings and list can change
/// without touching the calls the demo's enti apply to.
const PAST_CALL: &str = "1-2-abilitazione-al-cloud-comuni-luglio-2025";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_figure_and_team_answers() {
    let (_store, app) = demo().await;
    let mut s = Snapshots::new(&app, "api_snapshots_calls");
    let admin = demo_user(&app, "admin@dtd.demo.cloudpa.it").await;
    let member = demo_user(&app, "misura12@dtd.demo.cloudpa.it").await;

    s.get(None, "/api/v1/calls", &[], "").await;
    let mut call = open_call_fields();
    let created = s.send(&admin, "POST", "/api/v1/calls", &[], call.clone()).await;
    let id = created["id"].as_str().unwrap().to_owned();
    call["budget_cents"] = json!(2_000_000_000);
    s.send(&admin, "PUT", "/api/v1/calls/{call_id}", &[&id], call).await;
    s.get(None, "/api/v1/calls/{call_id}/versions", &[&id], "").await;
    s.get(None, "/api/v1/calls/{call_id}/services", &[&id], "").await;
    let quote = "?population=586180&rehost=18&upgrade=3";
    s.get(None, "/api/v1/calls/{call_id}/voucher-quote", &[&id], quote).await;

    let list = axum::http::Request::put(path("/api/v1/calls/{call_id}/services", &[PAST_CALL]))
        .header(axum::http::header::COOKIE, &admin.cookie)
        .header("x-csrf-token", &admin.csrf)
        .header(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")
        .body(axum::body::Body::from("codice,servizio\nT1,TRIBUTI MINORI\nT2,CANONI\n"))
        .unwrap();
    s.record("PUT", "/api/v1/calls/{call_id}/services", send(&app, list).await);
    s.get(None, "/api/v1/calls/{call_id}/settings", &[PAST_CALL], "").await;
    let settings = json!({
        "windows": [{"opens_on": "2025-07-17", "closes_on": "2025-08-10"}, {"opens_on": "2025-08-11", "closes_on": "2025-09-12"}],
        "deadlines": [
            {"from_class": 1, "to_class": 3, "contract_months": 6, "completion_months": 15},
            {"from_class": 4, "to_class": 7, "contract_months": 9, "completion_months": 18}
        ]
    });
    s.send(&admin, "PUT", "/api/v1/calls/{call_id}/settings", &[PAST_CALL], settings).await;

    s.get(None, "/api/v1/stats/applications", &[], "?group_by=status").await;
    s.get(None, "/api/v1/stats/targets", &[], "").await;
    s.get(None, "/api/v1/programme/applications.csv", &[], "").await;
    s.get(None, "/api/v1/programme/applications.xlsx", &[], "").await;
    s.get(None, "/api/v1/programme/open-data/candidature_finanziate.csv", &[], "").await;
    s.get(None, "/api/v1/calls/export.csv", &[], "").await;
    s.get(None, "/api/v1/programme/open-data/numero_progetti_regione_1_2.csv", &[], "").await;

    s.get(Some(&admin), "/api/v1/teams", &[], "").await;
    let me = admin.get(&app, "/api/v1/me").await.json()["user"]["id"].as_str().unwrap().to_owned();
    let membership = json!({"area": "Isole", "role": "operation_assistant"});
    s.send(&admin, "PUT", "/api/v1/teams/members/{user_id}", &[&me], membership).await;
    s.send(&admin, "DELETE", "/api/v1/teams/members/{user_id}", &[&me], json!({})).await;
    s.get(Some(&member), "/api/v1/teams/worklist", &[], "").await;
    s.finish();
}
