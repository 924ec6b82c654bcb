//! `cloudpa serve` as a child process, and users who sign in to it over
//! HTTP as a browser would.

use super::{TempDir, cloudpa, free_port, wait_ready};
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use std::process::{Child, Command, Stdio};

pub const DEMO_PASSWORD: &str = "demo-cloudpa-2026";

/// A `cloudpa serve` process on `dir` (its SQLite database, unless a
/// database URL is given, and its mailbox).
pub struct Server {
    child: Child,
    pub address: Address,
    dir: Option<TempDir>,
}

/// Where a server listens; requests go to `Address`es, so that tasks can
/// hold one while the process is killed and started again.
#[derive(Clone)]
pub struct Address(pub String);

impl Address {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

impl std::ops::Deref for Server {
    type Target = Address;
    fn deref(&self) -> &Address {
        &self.address
    }
}

impl Server {
    /// Starts `serve` with `args` added, and waits until it answers.
    pub fn start(dir: TempDir, configure: impl FnOnce(&mut Command)) -> Server {
        let port = free_port();
        let mut command = cloudpa();
        command
            .args(["serve", "--data-dir", &dir.arg(), "--rate-limit", "0"])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        configure(&mut command);
        let mut child = command.spawn().unwrap();
        wait_ready(&mut child, port);
        Server { child, address: Address(format!("http://127.0.0.1:{port}")), dir: Some(dir) }
    }

    pub fn dir(&self) -> &TempDir {
        self.dir.as_ref().expect("a running server has its directory")
    }

    /// Kills the process with SIGKILL (no shutdown of any kind) and hands
    /// back its data directory.
    pub fn kill(mut self) -> TempDir {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.dir.take().expect("a running server has its directory")
    }

    /// The e-mails this server's worker wrote.
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir().path().join("mailbox")) else { return Vec::new() };
        entries.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A signed-in user. Its cookies go to every server on 127.0.0.1 (cookies
/// do not depend on the port), and the session is a database row: it holds
/// across replicas and restarts.
#[derive(Clone)]
pub struct User {
    pub http: Client,
    pub csrf: String,
    pub me: Value,
}

/// A request that got no answer (the server was killed) or an error status.
#[derive(Debug)]
pub enum Failed {
    NoAnswer,
    Status(StatusCode, Value),
}

impl User {
    pub async fn sign_in(server: &Address, email: &str) -> User {
        let http = Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let page = http.get(server.url("/login")).send().await.unwrap().text().await.unwrap();
        let csrf = page.split("name=\"csrf_token\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let form = [("csrf_token", csrf.as_str()), ("email", email), ("password", DEMO_PASSWORD)];
        let signed = http.post(server.url("/login")).header("origin", &server.0).form(&form).send().await.unwrap();
        assert_eq!(signed.status(), StatusCode::SEE_OTHER, "{email} signs in");
        let me: Value = http.get(server.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
        let csrf = me["csrf_token"].as_str().unwrap().to_owned();
        User { http, csrf, me }
    }

    pub async fn get(&self, server: &Address, path: &str) -> (StatusCode, Value) {
        let reply = self.http.get(server.url(path)).send().await.unwrap();
        (reply.status(), reply.json().await.unwrap_or(Value::Null))
    }

    /// A JSON write that must succeed.
    pub async fn send(&self, server: &Address, method: Method, path: &str, body: Value) -> Value {
        self.try_send(server, method, path, body).await.unwrap_or_else(|e| panic!("{path}: {e:?}"))
    }

    /// A JSON write; its answer, or why there is none.
    pub async fn try_send(&self, server: &Address, method: Method, path: &str, body: Value) -> Result<Value, Failed> {
        let request = self.http.request(method, server.url(path)).json(&body);
        self.answer(server, request).await
    }

    /// Uploads `content` as a PDF; the file's id.
    pub async fn upload(&self, server: &Address, content: Vec<u8>) -> Result<String, Failed> {
        let part = reqwest::multipart::Part::bytes(content).file_name("relazione.pdf").mime_str("application/pdf");
        let form = reqwest::multipart::Form::new().part("file", part.unwrap());
        let request = self.http.post(server.url("/api/v1/files")).multipart(form);
        let uploaded = self.answer(server, request).await?;
        Ok(uploaded["id"].as_str().unwrap_or_else(|| panic!("{uploaded}")).to_owned())
    }

    async fn answer(&self, server: &Address, request: reqwest::RequestBuilder) -> Result<Value, Failed> {
        let request = request.header("origin", &server.0).header("x-csrf-token", &self.csrf);
        let reply = request.send().await.map_err(|_| Failed::NoAnswer)?;
        let status = reply.status();
        let body: Value = reply.json().await.map_err(|_| Failed::NoAnswer)?;
        if status.is_success() { Ok(body) } else { Err(Failed::Status(status, body)) }
    }
}

pub async fn public(server: &Address, path: &str) -> Value {
    reqwest::get(server.url(path)).await.unwrap().json().await.unwrap()
}
