//! One insta snapshot per operation of the OpenAPI document: the table of
//! cases (which `api_snapshots*` file calls which operation), the recorder
//! that sends a case, checks it succeeded and snapshots its answer, and the
//! demo store the cases run on.

use super::{Client, Reply, get, unlimited};
use axum::Router;
use cloudpa_store::demo::DEMO_PASSWORD;
use cloudpa_store::testing::TestStore;
use cloudpa_store::{Actor, Store};
use cloudpa_workflows::Now;
use serde_json::{Value, json};

/// Every operation of the document, with the test file whose scenario calls
/// it: `every_operation_has_a_snapshot_case` holds this table to the document,
/// each file's recorder holds its scenario to its rows.
pub const CASES: &[(&str, &str, &str)] = &[
    ("api_snapshots", "GET", "/api/v1/status"),
    ("api_snapshots", "GET", "/api/v1/me"),
    ("api_snapshots", "POST", "/api/v1/api-tokens"),
    ("api_snapshots", "GET", "/api/v1/api-tokens"),
    ("api_snapshots", "DELETE", "/api/v1/api-tokens/{id}"),
    ("api_snapshots", "GET", "/api/v1/requirement-sets"),
    ("api_snapshots", "GET", "/api/v1/requirement-sets/{id}"),
    ("api_snapshots", "GET", "/api/v1/listings"),
    ("api_snapshots", "GET", "/api/v1/listings/{id}"),
    ("api_snapshots", "GET", "/api/v1/listings/{id}/status"),
    ("api_snapshots", "GET", "/api/v1/listings/changes"),
    ("api_snapshots", "GET", "/api/v1/listings/changes.atom"),
    ("api_snapshots", "GET", "/api/v1/listings/dcat.jsonld"),
    ("api_snapshots", "GET", "/api/v1/listings/export.csv"),
    ("api_snapshots", "GET", "/api/v1/listings/export.json"),
    ("api_snapshots", "GET", "/api/v1/listings/export.pdf"),
    ("api_snapshots", "GET", "/api/v1/listings/export.xlsx"),
    ("api_snapshots", "GET", "/api/v1/decisions/{id}"),
    ("api_snapshots", "GET", "/api/v1/decisions/{id}/certificate.pdf"),
    ("api_snapshots_qualification", "PUT", "/api/v1/provider/profile"),
    ("api_snapshots_qualification", "POST", "/api/v1/provider/infrastructures"),
    ("api_snapshots_qualification", "GET", "/api/v1/provider/infrastructures"),
    ("api_snapshots_qualification", "POST", "/api/v1/files"),
    ("api_snapshots_qualification", "GET", "/api/v1/files/{id}"),
    ("api_snapshots_qualification", "POST", "/api/v1/provider/listings"),
    ("api_snapshots_qualification", "GET", "/api/v1/provider/listings"),
    ("api_snapshots_qualification", "PUT", "/api/v1/provider/listings/{id}"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications"),
    ("api_snapshots_qualification", "GET", "/api/v1/applications/{id}"),
    ("api_snapshots_qualification", "PUT", "/api/v1/applications/{id}/answers/{requirement_id}"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/submit"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/withdraw"),
    ("api_snapshots_qualification", "GET", "/api/v1/review/queue"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/assign"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/start-review"),
    ("api_snapshots_qualification", "PUT", "/api/v1/applications/{id}/reviews/{requirement_id}"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/request-integration"),
    ("api_snapshots_qualification", "POST", "/api/v1/applications/{id}/decision"),
    ("api_snapshots_qualification", "POST", "/api/v1/listings/{id}/suspend"),
    ("api_snapshots_qualification", "POST", "/api/v1/listings/{id}/reinstate"),
    ("api_snapshots_qualification", "POST", "/api/v1/listings/{id}/revoke"),
    ("api_snapshots_classification", "POST", "/api/v1/enti/{ente_id}/classifications"),
    ("api_snapshots_classification", "GET", "/api/v1/enti/{ente_id}/classifications"),
    ("api_snapshots_classification", "GET", "/api/v1/classifications"),
    ("api_snapshots_monitoring", "GET", "/api/v1/monitoring"),
    ("api_snapshots_monitoring", "GET", "/api/v1/provider/monitoring"),
    ("api_snapshots_monitoring", "POST", "/api/v1/listings/{id}/certificates"),
    ("api_snapshots_monitoring", "GET", "/api/v1/listings/{id}/monitoring"),
    ("api_snapshots_monitoring", "POST", "/api/v1/listings/{id}/changes"),
    ("api_snapshots_monitoring", "POST", "/api/v1/monitoring/changes/{id}/triage"),
    ("api_snapshots_monitoring", "POST", "/api/v1/listings/{id}/checks"),
    ("api_snapshots_monitoring", "POST", "/api/v1/monitoring/checks/{id}/close"),
    ("api_snapshots_infrastructures", "GET", "/api/v1/infrastructure-requirements"),
    ("api_snapshots_infrastructures", "GET", "/api/v1/infrastructure-declarations"),
    ("api_snapshots_infrastructures", "POST", "/api/v1/infrastructure-declarations/{id}/steps"),
    ("api_snapshots_infrastructures", "GET", "/api/v1/infrastructures/{id}/status"),
    ("api_snapshots_infrastructures", "POST", "/api/v1/infrastructures/{id}/declarations"),
    ("api_snapshots_infrastructures", "PUT", "/api/v1/infrastructure-declarations/{id}"),
    ("api_snapshots_infrastructures", "GET", "/api/v1/infrastructures/{id}/adeguamento"),
    ("api_snapshots_calls", "GET", "/api/v1/calls"),
    ("api_snapshots_calls", "POST", "/api/v1/calls"),
    ("api_snapshots_calls", "PUT", "/api/v1/calls/{call_id}"),
    ("api_snapshots_calls", "GET", "/api/v1/calls/{call_id}/versions"),
    ("api_snapshots_calls", "GET", "/api/v1/calls/{call_id}/voucher-quote"),
    ("api_snapshots_calls", "GET", "/api/v1/calls/{call_id}/services"),
    ("api_snapshots_calls", "PUT", "/api/v1/calls/{call_id}/services"),
    ("api_snapshots_calls", "GET", "/api/v1/calls/{call_id}/settings"),
    ("api_snapshots_calls", "PUT", "/api/v1/calls/{call_id}/settings"),
    ("api_snapshots_calls", "GET", "/api/v1/stats/applications"),
    ("api_snapshots_calls", "GET", "/api/v1/stats/targets"),
    ("api_snapshots_calls", "GET", "/api/v1/programme/applications.csv"),
    ("api_snapshots_calls", "GET", "/api/v1/programme/applications.xlsx"),
    ("api_snapshots_calls", "GET", "/api/v1/programme/open-data/candidature_finanziate.csv"),
    ("api_snapshots_calls", "GET", "/api/v1/calls/export.csv"),
    ("api_snapshots_calls", "GET", "/api/v1/programme/open-data/numero_progetti_regione_1_2.csv"),
    ("api_snapshots_calls", "GET", "/api/v1/teams"),
    ("api_snapshots_calls", "PUT", "/api/v1/teams/members/{user_id}"),
    ("api_snapshots_calls", "DELETE", "/api/v1/teams/members/{user_id}"),
    ("api_snapshots_calls", "GET", "/api/v1/teams/worklist"),
    ("api_snapshots_programme", "GET", "/api/v1/enti"),
    ("api_snapshots_programme", "GET", "/api/v1/enti/{ente_id}/inventory"),
    ("api_snapshots_programme", "PUT", "/api/v1/enti/{ente_id}/profile"),
    ("api_snapshots_programme", "POST", "/api/v1/enti/{ente_id}/sites"),
    ("api_snapshots_programme", "POST", "/api/v1/sites/{id}/status"),
    ("api_snapshots_programme", "POST", "/api/v1/enti/{ente_id}/services"),
    ("api_snapshots_programme", "PUT", "/api/v1/ente-services/{id}"),
    ("api_snapshots_programme", "GET", "/api/v1/delegations"),
    ("api_snapshots_programme", "POST", "/api/v1/delegations"),
    ("api_snapshots_programme", "POST", "/api/v1/delegations/{id}/revoke"),
    ("api_snapshots_programme", "GET", "/api/v1/enti/{ente_id}/applications"),
    ("api_snapshots_programme", "POST", "/api/v1/enti/{ente_id}/applications"),
    ("api_snapshots_programme", "GET", "/api/v1/call-applications"),
    ("api_snapshots_programme", "GET", "/api/v1/call-applications/{id}"),
    ("api_snapshots_programme", "DELETE", "/api/v1/call-applications/{id}"),
    ("api_snapshots_programme", "PUT", "/api/v1/call-applications/{id}/services"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/submit"),
    ("api_snapshots_programme", "PUT", "/api/v1/call-applications/{id}/cup"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/contract"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/complete"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/withdraw"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/services/{position}/migrated"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/services/{position}/improvement"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/decree"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/refusal"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/attestation"),
    ("api_snapshots_programme", "POST", "/api/v1/call-applications/{id}/payment"),
    ("api_snapshots_attestation", "PUT", "/api/v1/call-applications/{id}/payment-request"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/payment-request"),
    ("api_snapshots_attestation", "GET", "/api/v1/programme/payments"),
    ("api_snapshots_attestation", "POST", "/api/v1/precheck-runs"),
    ("api_snapshots_attestation", "GET", "/api/v1/precheck-runs"),
    ("api_snapshots_attestation", "GET", "/api/v1/precheck-runs/{id}"),
    ("api_snapshots_attestation", "POST", "/api/v1/suppliers"),
    ("api_snapshots_attestation", "POST", "/api/v1/suppliers/import"),
    ("api_snapshots_attestation", "GET", "/api/v1/suppliers"),
    ("api_snapshots_attestation", "PUT", "/api/v1/infrastructures/{id}/prefixes"),
    ("api_snapshots_attestation", "GET", "/api/v1/infrastructures/{id}/prefixes"),
    ("api_snapshots_attestation", "GET", "/api/v1/compliance-forms/{destination}"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/contracts"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/contracts"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/services/{position}/destinations"),
    ("api_snapshots_attestation", "PUT", "/api/v1/call-applications/{id}/services/{position}/form"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/services/{position}/form/submit"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/services/{position}/form"),
    ("api_snapshots_attestation", "PUT", "/api/v1/call-applications/{id}/attestor"),
    ("api_snapshots_attestation", "GET", "/api/v1/attestor/projects"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/verification"),
    ("api_snapshots_attestation", "PUT", "/api/v1/call-applications/{id}/verification/verdicts"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/verification/requests"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/requests"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/requests/{request_id}/answer"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/verification/outcome"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/verification/report.pdf"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/verification/live"),
    ("api_snapshots_attestation", "GET", "/api/v1/attestor/calendar"),
    ("api_snapshots_attestation", "GET", "/api/v1/call-applications/{id}/live-verifications"),
    ("api_snapshots_attestation", "PUT", "/api/v1/call-applications/{id}/verification/live/{live_id}"),
    ("api_snapshots_attestation", "POST", "/api/v1/sample-controls"),
    ("api_snapshots_attestation", "GET", "/api/v1/sample-controls"),
    ("api_snapshots_attestation", "POST", "/api/v1/call-applications/{id}/sample-control/answer"),
];

/// The store of `cloudpa serve --demo` without its synthetic catalogue (whose
/// listings would fill every answer): reference data, demo accounts, the demo
/// provider's two listings, the open-data sample and the programme's records.
/// Snapshots run on SQLite only: one engine is enough to fix an answer's
/// shape, and the engine tests run the same operations on both.
pub async fn demo() -> (TestStore, Router) {
    let store = cloudpa_store::testing::sqlite().await;
    let app = seed_demo(&store).await;
    (store, app)
}

/// Seeds `store` (of either engine) as [`demo`] does; the app on it.
pub async fn seed_demo(store: &Store) -> Router {
    seed(store, false).await
}

/// [`seed_demo`] and the demo's asseverazione (Masone's project with its
/// contract, forms and attestor), its files in the app's own file store.
pub async fn seed_whole_demo(store: &Store) -> Router {
    seed(store, true).await
}

async fn seed(store: &Store, attestation: bool) -> Router {
    // Seeded now, as `serve --demo` does: ages and countdowns start from today.
    let now = Now::read();
    store.load_reference_data(now.ms).await.unwrap();
    store.seed_demo(now.ms).await.unwrap();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let blobs =
        cloudpa_store::blobs::BlobStore::local(&std::env::temp_dir().join(format!("cloudpa-demo-{nanos}"))).unwrap();
    assert_eq!(cloudpa_workflows::qualification::demo::seed(store, &blobs, now).await.unwrap(), 2);
    let sample = include_bytes!("../../../../../data/samples/candidature_finanziate_12_campione.csv");
    let (rows, rejected) = cloudpa_store::programme::financed::read_open_data(&sample[..], |_| {});
    store.import_financed_applications(&Actor::cli(), "sample.csv", &rows, rejected, now.ms).await.unwrap();
    assert_eq!(cloudpa_workflows::programme::demo::seed(store, now).await.unwrap(), 1);
    if attestation {
        // As `serve --demo`: the synthetic catalogue holds the destinations of Masone's services.
        let records: Vec<_> = cloudpa_store::catalogue::synthetic::catalogue(300, 2026, now.today)
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i as u64 + 1, r))
            .collect();
        store.import_catalogue(&Actor::cli(), "synthetic", &records, now.ms).await.unwrap();
        cloudpa_workflows::attestation::demo::seed(store, &blobs, now).await.unwrap().expect("Masone's project");
    }
    let catalogue = std::sync::Arc::new(cloudpa_search::Catalogue::build(store).await.unwrap());
    cloudpa_web::router(cloudpa_web::AppState::new(store.clone(), blobs, catalogue, unlimited()))
}

/// A demo account, signed in.
pub async fn demo_user(app: &Router, email: &str) -> Client {
    Client::sign_in_with(app, email, DEMO_PASSWORD).await
}

/// The id of the organisation named `name`.
pub async fn organisation(store: &Store, name: &str) -> String {
    store.find_organisation_by_name(name).await.unwrap().expect("a demo organisation").id
}

/// `template` with its `{…}` parameters replaced by `args`, in order.
pub fn path(template: &str, args: &[&str]) -> String {
    let mut parts = template.split('{');
    let mut uri = parts.next().unwrap_or_default().to_owned();
    let mut args = args.iter();
    for part in parts {
        let (_, rest) = part.split_once('}').expect("a closed parameter");
        uri.push_str(args.next().unwrap_or_else(|| panic!("too few arguments for {template}")));
        uri.push_str(rest);
    }
    assert!(args.next().is_none(), "too many arguments for {template}");
    uri
}

/// Sends the cases of one `api_snapshots*` file and snapshots their answers.
pub struct Snapshots<'a> {
    app: &'a Router,
    file: &'static str,
    done: Vec<(&'static str, &'static str)>,
}

impl<'a> Snapshots<'a> {
    /// The cases of `file` (an `api_snapshots*` module, as CASES names it).
    pub fn new(app: &'a Router, file: &'static str) -> Snapshots<'a> {
        Snapshots { app, file, done: Vec::new() }
    }

    /// `GET template` (with `query`, if not empty) as `who` or anonymously.
    pub async fn get(&mut self, who: Option<&Client>, template: &'static str, args: &[&str], query: &str) -> Value {
        let uri = path(template, args) + query;
        let reply = match who {
            Some(client) => client.get(self.app, &uri).await,
            None => get(self.app, &uri).await,
        };
        self.record("GET", template, reply)
    }

    /// `method template` with a JSON `body`, as `who`.
    pub async fn send(
        &mut self,
        who: &Client,
        method: &'static str,
        template: &'static str,
        args: &[&str],
        body: Value,
    ) -> Value {
        let reply = who.json(self.app, method, &path(template, args), body).await;
        self.record(method, template, reply)
    }

    /// Checks that `reply`, the answer to the case `method template`, is a
    /// success, snapshots it and returns its JSON body (null for a file).
    pub fn record(&mut self, method: &'static str, template: &'static str, reply: Reply) -> Value {
        let case = (self.file, method, template);
        assert!(CASES.contains(&case), "{method} {template} is not a case of {} in CASES", self.file);
        assert!(!self.done.contains(&(method, template)), "{method} {template} is recorded twice");
        self.done.push((method, template));
        assert!(reply.status.is_success(), "{method} {template}: {} {}", reply.status, reply.body);
        let media = reply.header("content-type").to_owned();
        let body = if reply.body.is_empty() { Value::Null } else { answer(&reply, &media) };
        let mut snapshot = json!({ "status": reply.status.as_u16(), "content_type": media, "body": redact(&body) });
        snapshot.sort_all_objects();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(format!("{method} {template}"));
        settings.set_omit_expression(true);
        let name = format!("{}__{}", self.file, slug(method, template));
        settings.bind(|| insta::assert_json_snapshot!(name.as_str(), snapshot));
        if media.contains("json") { body } else { Value::Null }
    }

    /// Checks that every case of the file was recorded.
    pub fn finish(self) {
        for &(file, method, template) in CASES.iter().filter(|case| case.0 == self.file) {
            assert!(self.done.contains(&(method, template)), "{file} never called {method} {template}");
        }
    }
}

/// The snapshot's name: `get_calls_call_id_services` for `GET /api/v1/calls/{call_id}/services`.
fn slug(method: &str, template: &str) -> String {
    let rest = template.trim_start_matches("/api/v1/");
    let words: Vec<&str> = rest.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!("{}_{}", method.to_lowercase(), words.join("_"))
}

/// The JSON of a JSON answer; of a file, a part that does not vary between
/// runs: the header line of a CSV, the version line of a PDF, the first row
/// of a workbook, the title of a feed.
fn answer(reply: &Reply, media: &str) -> Value {
    match media.split(';').next().unwrap_or_default() {
        m if m.ends_with("json") => reply.json(),
        "text/csv" | "application/pdf" => json!(reply.body.lines().next().unwrap_or_default()),
        "application/atom+xml" => {
            let title = reply.body.split("<title>").nth(1).and_then(|t| t.split("</title>").next());
            json!(title.expect("a feed has a title"))
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            use calamine::Reader;
            let cursor = std::io::Cursor::new(reply.bytes.clone());
            let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(cursor).unwrap();
            let sheet = book.worksheet_range_at(0).expect("a first sheet").unwrap();
            let header: Vec<String> = sheet.rows().next().unwrap_or_default().iter().map(|c| c.to_string()).collect();
            json!(header)
        }
        other => panic!("no stable part known for {other}"),
    }
}

/// `value` without what changes from run to run: the CSRF token, an API
/// token's secret and its first characters, instants in
/// milliseconds (`…_ms`), days left to a date, and in every string ids
/// (UUIDs), file hashes (SHA-256), instants and dates. Dates go whole, not
/// only those counted from today: a fixed date near today cannot be told
/// from one that moves with it, nor the days left to it.
fn redact(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    let v = match k.as_str() {
                        "csrf_token" => json!("[token]"),
                        "secret" | "secret_prefix" => json!("[secret]"),
                        k if k.ends_with("_ms") && v.is_number() => json!("[ms]"),
                        "days_left" if v.is_number() => json!("[days]"),
                        _ => redact(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        Value::String(text) => Value::String(redact_text(text)),
        other => other.clone(),
    }
}

/// Shapes of the variable parts of a string: `d` a digit, `h` a hex digit,
/// `f` an optional fraction of a second, `z` an optional zone (`Z` or
/// `±hh:mm`); any other character stands for itself. The first shape that
/// fits wins.
const SHAPES: [(&str, &str); 5] = [
    ("dddd-dd-ddTdd:dd:ddfz", "[instant]"),
    ("hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh", "[uuid]"),
    ("hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh", "[sha256]"),
    ("dddd-dd-dd", "[date]"),
    ("dd/dd/dddd", "[date]"),
];

fn redact_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match SHAPES.iter().find_map(|(shape, mark)| fits(shape, &chars[i..]).map(|n| (n, mark))) {
            Some((n, mark)) => {
                out.push_str(mark);
                i += n;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// How many characters of `text` `shape` covers, if it fits its start.
fn fits(shape: &str, text: &[char]) -> Option<usize> {
    let mut i = 0;
    for s in shape.chars() {
        let next = text.get(i).copied().unwrap_or('\0');
        match s {
            'd' if next.is_ascii_digit() => i += 1,
            'h' if next.is_ascii_hexdigit() => i += 1,
            'f' if next == '.' => i += 1 + text[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count(),
            'f' => {}
            'z' if next == 'Z' => i += 1,
            'z' if matches!(next, '+' | '-') && fits("dd:dd", &text[i + 1..]).is_some() => i += 6,
            'z' => {}
            c if !"dhfz".contains(c) && next == c => i += 1,
            _ => return None,
        }
    }
    Some(i)
}
