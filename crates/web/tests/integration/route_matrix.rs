//! Every route tried as every identity (issue 13), generated from the route
//! table (`cloudpa_web::rules()`): anonymous; each role of each kind of
//! organisation; an administrator of **another** organisation of the same
//! kind; and an API token of each scope. Each answer is checked against the
//! route's rule — so a route added without its rule, a rule that lets in the
//! wrong identity, or a handler that forgets whose record it serves, fails
//! here. The demo's records fill the path parameters, so the owner's
//! requests reach their handlers and a stranger's are refused there.

use crate::common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cloudpa_domain::access::{OrganisationKind, Permission, Role, holds};
use cloudpa_domain::api_tokens::{NewToken, Scope, token_holds};
use cloudpa_store::accounts::{NewUser, User};
use cloudpa_store::{Actor, Store, engine_test};
use cloudpa_web::access::Access;
use common::snapshots::seed_whole_demo;
use common::*;
use sqlx::Row;

/// Who asks.
#[derive(Clone)]
enum Who {
    Anonymous,
    /// A member of the demo's organisation of its kind (the owner of the
    /// demo's records), or of another organisation of the same kind.
    Member {
        kind: OrganisationKind,
        role: Role,
        other: bool,
        cookie: String,
        csrf: String,
    },
    Token {
        kind: OrganisationKind,
        scope: Scope,
        secret: String,
    },
}

impl Who {
    fn label(&self) -> String {
        match self {
            Who::Anonymous => "anonymous".into(),
            Who::Member { kind, role, other, .. } => {
                format!("{}{} {}", if *other { "another " } else { "" }, kind.code(), role.code())
            }
            Who::Token { kind, scope, .. } => format!("{} token {}", kind.code(), scope.code()),
        }
    }
}

/// The demo organisations that own the records the paths name.
const OWNERS: [(OrganisationKind, &str); 5] = [
    (OrganisationKind::Agency, "Agenzia per la Cybersicurezza Nazionale (demo)"),
    (OrganisationKind::ProgrammeOffice, "Dipartimento per la Trasformazione Digitale (demo)"),
    (OrganisationKind::Provider, "Nuvola Appenninica S.p.A. (demo)"),
    (OrganisationKind::PublicBody, "Comune di Masone (demo)"),
    (OrganisationKind::Attestor, "Asseverazioni Tecniche S.r.l. (demo)"),
];

async fn text(store: &Store, sql: &str) -> String {
    let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).fetch_optional(store.pool()).await.unwrap();
    row.map_or_else(|| "none".to_owned(), |r| r.get::<String, _>(0))
}

/// The value of each path parameter: a record of the demo's owners.
async fn fixture(store: &Store, org: &dyn Fn(OrganisationKind) -> String) -> Vec<(&'static str, &'static str, String)> {
    let masone = org(OrganisationKind::PublicBody);
    let nuvola = org(OrganisationKind::Provider);
    let project =
        text(store, &format!("SELECT id FROM call_applications WHERE organisation_id = '{masone}' ORDER BY id")).await;
    let application = text(
        store,
        &format!(
            "SELECT a.id FROM applications a JOIN listings l ON l.id = a.listing_id WHERE l.provider_id = '{nuvola}'"
        ),
    )
    .await;
    let listing = text(store, &format!("SELECT id FROM listings WHERE provider_id = '{nuvola}' ORDER BY id")).await;
    vec![
        ("/api/v1/applications/", "id", application.clone()),
        ("/fornitore/domande/", "id", application.clone()),
        ("/agenzia/domande/", "id", application.clone()),
        (
            "",
            "requirement",
            text(store, &format!("SELECT requirement_id FROM answers WHERE application_id = '{application}'")).await,
        ),
        (
            "",
            "requirement_id",
            text(store, &format!("SELECT requirement_id FROM answers WHERE application_id = '{application}'")).await,
        ),
        ("/api/v1/call-applications/", "id", project.clone()),
        ("/candidature/", "id", project.clone()),
        ("/asseveratore/progetti/", "id", project.clone()),
        ("/programma/ufficio/asseverazioni/", "id", project.clone()),
        ("", "position", "0".into()),
        (
            "",
            "request_id",
            text(store, &format!("SELECT id FROM attestation_requests WHERE application_id = '{project}'")).await,
        ),
        (
            "",
            "live_id",
            text(store, &format!("SELECT id FROM live_verifications WHERE application_id = '{project}'")).await,
        ),
        ("", "listing_id", listing.clone()),
        ("/api/v1/monitoring/changes/", "id", text(store, "SELECT id FROM monitoring_changes ORDER BY id").await),
        ("/api/v1/monitoring/checks/", "id", text(store, "SELECT id FROM monitoring_checks ORDER BY id").await),
        ("/monitoraggio/modifiche/", "id", text(store, "SELECT id FROM monitoring_changes ORDER BY id").await),
        ("/monitoraggio/verifiche/", "id", text(store, "SELECT id FROM monitoring_checks ORDER BY id").await),
        ("/monitoraggio/servizi/", "id", listing.clone()),
        ("/api/v1/listings/", "id", listing.clone()),
        ("/api/v1/provider/listings/", "id", listing.clone()),
        ("/api/v1/decisions/", "id", text(store, "SELECT id FROM decisions ORDER BY id").await),
        (
            "/infrastrutture/",
            "id",
            text(store, &format!("SELECT id FROM infrastructures WHERE provider_id = '{nuvola}'")).await,
        ),
        (
            "/api/v1/infrastructures/",
            "id",
            text(store, &format!("SELECT id FROM infrastructures WHERE provider_id = '{nuvola}'")).await,
        ),
        ("/fornitori/", "id", nuvola.clone()),
        ("", "ente_id", masone.clone()),
        ("", "ipa", text(store, &format!("SELECT ipa_code FROM organisations WHERE id = '{masone}'")).await),
        ("", "call_id", text(store, &format!("SELECT call_id FROM call_applications WHERE id = '{project}'")).await),
        ("/api/v1/files/", "id", text(store, &format!("SELECT sha256 FROM files WHERE owner_id = '{masone}'")).await),
        (
            "/api/v1/ente-services/",
            "id",
            text(store, &format!("SELECT id FROM ente_services WHERE organisation_id = '{masone}'")).await,
        ),
        (
            "/ente/servizi/",
            "id",
            text(store, &format!("SELECT id FROM ente_services WHERE organisation_id = '{masone}'")).await,
        ),
        (
            "/api/v1/sites/",
            "id",
            text(store, &format!("SELECT id FROM ente_sites WHERE organisation_id = '{masone}'")).await,
        ),
        (
            "/ente/sedi/",
            "id",
            text(store, &format!("SELECT id FROM ente_sites WHERE organisation_id = '{masone}'")).await,
        ),
        ("/api/v1/delegations/", "id", text(store, "SELECT id FROM delegations ORDER BY id").await),
        ("/ente/deleghe/", "id", text(store, "SELECT id FROM delegations ORDER BY id").await),
        ("/api/v1/requirement-sets/", "id", "acn-2024-qc".into()),
        ("", "destination", "iaas".into()),
        ("", "path", "app.css".into()),
    ]
}

/// `template` with each `{param}` (or `{*param}`) replaced from `fixture`:
/// the first entry whose prefix starts the path and whose name matches.
fn fill(template: &str, fixture: &[(&str, &str, String)]) -> (String, bool) {
    let mut out = String::new();
    let mut owned = false;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        let name = rest[open + 1..close].trim_start_matches('*');
        let value = fixture.iter().find(|(prefix, param, _)| *param == name && template.starts_with(prefix));
        match value {
            Some((_, _, v)) => {
                owned |= v != "none" && !matches!(name, "position" | "destination" | "path");
                out.push_str(v);
            }
            None => out.push_str("unknown"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    (out, owned)
}

async fn member(store: &Store, org_id: &str, email: &str, role: Role) -> User {
    let new = NewUser { organisation_id: org_id, email, display_name: "Matrice", password: "password-di-prova", role };
    store.create_user(&Actor::cli(), new, T0).await.unwrap()
}

async fn session(store: &Store, user: &User, kind: OrganisationKind, role: Role, other: bool) -> Who {
    let now = cloudpa_workflows::Now::read().ms;
    let s = store.create_session(user, now, now + 3_600_000).await.unwrap();
    Who::Member { kind, role, other, cookie: format!("cloudpa_session={}", s.token), csrf: s.csrf_token }
}

async fn send_as(app: &Router, who: &Who, method: &str, uri: &str) -> StatusCode {
    let api = uri.starts_with("/api/");
    let mut request = Request::builder().method(method).uri(uri);
    let mut body = Body::empty();
    match who {
        Who::Anonymous => {}
        Who::Member { cookie, csrf, .. } => {
            request = request.header(header::COOKIE, cookie).header("x-csrf-token", csrf);
            if method != "GET" && !api {
                request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                body = Body::from(format!("csrf_token={csrf}"));
            }
        }
        Who::Token { secret, .. } => request = request.header(header::AUTHORIZATION, format!("Bearer {secret}")),
    }
    if method != "GET" && api {
        request = request.header(header::CONTENT_TYPE, "application/json");
        body = Body::from("{}");
    }
    send(app, request.body(body).unwrap()).await.status
}

/// Whether the rule lets `who` past the guard of a route (`api` or a page).
fn expected(access: Access, who: &Who, api: bool) -> bool {
    let permitted = |p: Permission| match who {
        Who::Anonymous => false,
        Who::Member { kind, role, .. } => holds(*kind, *role, p),
        Who::Token { kind, scope, .. } => api && token_holds(*kind, &[*scope], p),
    };
    match access {
        Access::Public => true,
        Access::SignedIn => matches!(who, Who::Member { .. }) || matches!(who, Who::Token { .. }) && api,
        Access::Can(p) => permitted(p),
        Access::MetricsToken => false,
    }
}

fn refused(status: StatusCode) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::SEE_OTHER)
}

engine_test!(every_route_as_every_identity, |store| {
    let app = seed_whole_demo(&store).await;
    let mut owners = Vec::new();
    for (kind, name) in OWNERS {
        owners.push((kind, store.find_organisation_by_name(name).await.unwrap().expect(name).id));
    }
    let org = |kind| owners.iter().find(|(k, _)| *k == kind).unwrap().1.clone();
    let room = cloudpa_domain::programme::inventory::SiteKind::ServerRoom;
    store.create_site(&Actor::cli(), &org(OrganisationKind::PublicBody), "Sala server", room, T0).await.unwrap();
    let fixture = fixture(&store, &org).await;
    let missing: Vec<_> =
        fixture.iter().filter(|(_, _, v)| v == "none").map(|(p, n, _)| format!("{p}{{{n}}}")).collect();
    assert!(missing.is_empty(), "the demo has no record for {missing:?}");

    let mut identities = vec![Who::Anonymous];
    for &(kind, _) in &OWNERS {
        for &role in Role::ALL {
            let user = member(&store, &org(kind), &format!("{}.{}@matrice.it", role.code(), kind.code()), role).await;
            identities.push(session(&store, &user, kind, role, false).await);
        }
        let other =
            store.create_organisation(&Actor::cli(), kind, &format!("Altra {}", kind.code()), None, T0).await.unwrap();
        let admin = member(&store, &other.id, &format!("admin.altra.{}@matrice.it", kind.code()), Role::Admin).await;
        identities.push(session(&store, &admin, kind, Role::Admin, true).await);
        let creator = member(&store, &org(kind), &format!("tokens.{}@matrice.it", kind.code()), Role::Admin).await;
        for &scope in Scope::ALL.iter().filter(|s| s.available_to(kind)) {
            let new = NewToken {
                name: scope.code().into(),
                scopes: vec![scope],
                expires_on: chrono::Utc::now().date_naive() + chrono::Days::new(30),
            };
            let (_, secret) = store.create_api_token(&Actor::cli(), &org(kind), &creator.id, &new, T0).await.unwrap();
            identities.push(Who::Token { kind, scope, secret });
        }
    }

    let mut mismatches = Vec::new();
    let (mut pairs, mut strangers_refused, mut owners_served) = (0, 0, 0);
    for rule in cloudpa_web::rules() {
        if rule.access == Access::MetricsToken || rule.path == "/logout" {
            continue;
        }
        let (uri, owned) = fill(&rule.path, &fixture);
        let api = uri.starts_with("/api/");
        for who in &identities {
            let status = send_as(&app, who, &rule.method, &uri).await;
            pairs += 1;
            let allowed = expected(rule.access, who, api);
            let stranger = matches!(who, Who::Member { other: true, kind, .. }
                if matches!(kind, OrganisationKind::Provider | OrganisationKind::PublicBody | OrganisationKind::Attestor));
            let wrong = if status.is_server_error() {
                Some("a server error")
            } else if !allowed && !refused(status) {
                Some("let in against its rule")
            } else if allowed && status == StatusCode::UNAUTHORIZED && rule.access != Access::Public {
                Some("refused against its rule")
            } else if stranger && owned && rule.access != Access::Public && status.is_success() {
                Some("served another organisation's record")
            } else {
                None
            };
            let guarded = stranger && owned && rule.access != Access::Public;
            strangers_refused += usize::from(guarded && wrong.is_none() && allowed);
            let owner = matches!(who, Who::Member { other: false, .. });
            owners_served += usize::from(owner && owned && rule.method == "GET" && status.is_success());
            if let Some(wrong) = wrong {
                mismatches.push(format!("{} {} ({uri}) as {}: {status}, {wrong}", rule.method, rule.path, who.label()));
            }
        }
    }
    eprintln!(
        "route × identity pairs checked: {pairs} ({} routes × {} identities); a stranger holding the permission \
         was refused another organisation's record {strangers_refused} times; the owners' own records were served \
         {owners_served} times",
        pairs / identities.len(),
        identities.len()
    );
    assert!(strangers_refused >= 90 && owners_served >= 200, "the fixture reaches the handlers");
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
});
