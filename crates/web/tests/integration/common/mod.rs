//! Helpers for HTTP-level tests: the real router, driven in-process.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use cloudpa_store::Store;
use cloudpa_web::{AppState, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub mod attestation;
pub mod candidature;
pub mod qualification;
pub mod snapshots;

pub const T0: i64 = 1_790_000_000_000;

/// The 400 real rows of the PA digitale 2026 open data in the repository.
pub const SAMPLE: &[u8] = include_bytes!("../../../../../data/samples/candidature_finanziate_12_campione.csv");

/// The reference data and the real sample of the open data, imported.
pub async fn seed_sample(store: &Store) {
    store.load_reference_data(T0).await.unwrap();
    let (rows, rejected) = cloudpa_store::programme::financed::read_open_data(SAMPLE, |_| {});
    let actor = cloudpa_store::Actor::cli();
    store.import_financed_applications(&actor, "sample.csv", &rows, rejected, T0).await.unwrap();
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The body as JSON with every object's keys sorted: what a test
    /// compares or snapshots does not depend on serde_json's
    /// `preserve_order`, which josekit turns on for the whole build.
    pub fn json(&self) -> serde_json::Value {
        let mut value: serde_json::Value =
            serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body));
        value.sort_all_objects();
        value
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    /// The `name=value` of a Set-Cookie header for `name`, with its attributes.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    pub fn cookie_value(&self, name: &str) -> Option<String> {
        self.set_cookie(name).map(|c| c.split(';').next().unwrap()[name.len() + 1..].to_owned())
    }
}

pub async fn app(store: &Store, config: WebConfig) -> Router {
    let dir = std::env::temp_dir().join(format!("cloudpa-blobs-{}", uuid_like()));
    let blobs = cloudpa_store::blobs::BlobStore::local(&dir).unwrap();
    let catalogue = std::sync::Arc::new(cloudpa_search::Catalogue::build(store).await.unwrap());
    cloudpa_web::router(AppState::new(store.clone(), blobs, catalogue, config))
}

fn uuid_like() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

pub fn unlimited() -> WebConfig {
    WebConfig { rate_limit_per_minute: 0, ..WebConfig::default() }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn get_with_header(app: &Router, uri: &str, name: &str, value: &str) -> Reply {
    send(app, Request::get(uri).header(name, value).body(Body::empty()).unwrap()).await
}

pub async fn get_with_cookie(app: &Router, uri: &str, cookie: &str) -> Reply {
    send(app, Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

pub async fn post_form(app: &Router, uri: &str, cookie: Option<&str>, body: &str) -> Reply {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(body.to_owned())).unwrap()).await
}

/// Signs in through the login form and returns the session cookie header.
pub async fn sign_in(app: &Router, email: &str, password: &str) -> String {
    let form = get(app, "/login").await;
    let csrf = form.cookie_value("cloudpa_csrf").expect("anonymous CSRF cookie");
    let body = format!("csrf_token={csrf}&email={email}&password={password}");
    let reply = post_form(app, "/login", Some(&format!("cloudpa_csrf={csrf}")), &body).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    format!("cloudpa_session={}", reply.cookie_value("cloudpa_session").expect("session cookie"))
}

/// The session's CSRF token, as rendered in the sign-out form of any page.
pub async fn session_csrf(app: &Router, cookie: &str) -> String {
    let page = get_with_cookie(app, "/profilo", cookie).await;
    let start = page.body.find("name=\"csrf_token\" value=\"").expect("csrf field") + 25;
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// Creates an organisation and a user in it; returns the user's e-mail.
pub async fn user(
    store: &Store,
    kind: cloudpa_domain::access::OrganisationKind,
    role: cloudpa_domain::access::Role,
    email: &str,
) {
    let actor = cloudpa_store::Actor::cli();
    let org = store.create_organisation(&actor, kind, &format!("Org of {email}"), None, T0).await.unwrap();
    let new = cloudpa_store::accounts::NewUser {
        organisation_id: &org.id,
        email,
        display_name: "Test",
        password: "password-di-prova",
        role,
    };
    store.create_user(&actor, new, T0).await.unwrap();
}

/// A signed-in API client: the session cookie and the session's CSRF token.
pub struct Client {
    pub cookie: String,
    pub csrf: String,
}

impl Client {
    pub async fn sign_in(app: &Router, email: &str) -> Client {
        Client::sign_in_with(app, email, "password-di-prova").await
    }

    pub async fn sign_in_with(app: &Router, email: &str, password: &str) -> Client {
        let cookie = sign_in(app, email, password).await;
        let me = get_with_cookie(app, "/api/v1/me", &cookie).await.json();
        Client { cookie, csrf: me["csrf_token"].as_str().unwrap().to_owned() }
    }

    pub async fn get(&self, app: &Router, uri: &str) -> Reply {
        get_with_cookie(app, uri, &self.cookie).await
    }

    pub async fn json(&self, app: &Router, method: &str, uri: &str, body: serde_json::Value) -> Reply {
        self.json_with(app, (method, uri), &[], body).await
    }

    /// [`Client::json`] with more request headers.
    pub async fn json_with(
        &self,
        app: &Router,
        (method, uri): (&str, &str),
        headers: &[(&str, &str)],
        body: serde_json::Value,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .header(header::COOKIE, &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        send(app, request).await
    }

    pub async fn post(&self, app: &Router, uri: &str) -> Reply {
        self.json(app, "POST", uri, serde_json::json!({})).await
    }

    /// Uploads `content` as the multipart field `file`.
    pub async fn upload(&self, app: &Router, filename: &str, content: &[u8]) -> Reply {
        self.upload_parts(app, &[("file", filename, content)]).await
    }

    /// Sends a multipart form of `(name, filename, content)` parts to the upload.
    pub async fn upload_parts(&self, app: &Router, parts: &[(&str, &str, &[u8])]) -> Reply {
        let boundary = "cloudpa-test-boundary";
        let mut body = Vec::new();
        for (name, filename, content) in parts {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post("/api/v1/files")
            .header(header::COOKIE, &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap();
        send(app, request).await
    }
}
